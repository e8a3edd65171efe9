/**
 * A case worker that SIGKILLs itself right after an append of `HOMEWARD_DIE_AFTER_APPENDING` (an
 * event type) has committed: the append is in the store, the workflow task that ran it never
 * completes. What a worker killed at the worst moment leaves (test/integration/lost-task-event-ids.test.ts).
 */
import { loadConfig } from '../../platform/config.js';
import { connectWorker, installTemporalRuntime } from '../../platform/temporal.js';
import { createLogger } from '../../platform/logger.js';
import { createDb } from '../../store/db.js';
import { createCaseWorker } from '../../worker/create-worker.js';

const dieAfter = process.env.HOMEWARD_DIE_AFTER_APPENDING;
if (!dieAfter) throw new Error('HOMEWARD_DIE_AFTER_APPENDING (an event type) is required');
const config = loadConfig();
if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required');
installTemporalRuntime(createLogger('error', 'temporal-sdk'));
const worker = await createCaseWorker({
  connection: await connectWorker(config.temporalAddress),
  db: createDb(config.databaseUrl),
  payloadKeys: config.payloadKeys,
  taskQueue: config.caseTaskQueue,
  workflowBundle: { codePath: process.env.HOMEWARD_WORKFLOW_BUNDLE! },
  faults: {
    failAfterCommit: (input) => {
      if (input.events.some((e) => e.type === dieAfter)) process.kill(process.pid, 'SIGKILL');
      return false;
    },
  },
});
await worker.run();

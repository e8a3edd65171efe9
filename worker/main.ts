/**
 * Runs the case worker on its own: `tsx worker/main.ts`. Needs TEMPORAL_ADDRESS and DATABASE_URL
 * (or the files `npm run setup` writes). Stops cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { connectWorker, installTemporalRuntime } from '../platform/temporal.js';
import { createDb, onConnectionError } from '../store/db.js';
import { createCaseWorker } from './create-worker.js';
import { startOutboxDispatcher } from './outbox-dispatcher.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'worker');
if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required to run the worker alone (`npm start` runs everything)');
installTemporalRuntime(logger, ['SIGINT', 'SIGTERM']);
// A lost Postgres connection is logged, not fatal: activities retry and the pool reconnects.
onConnectionError((error) => logger.warn({ reason: error.message }, 'Postgres connection lost'));
const db = createDb(config.databaseUrl);
const worker = await createCaseWorker({
  connection: await connectWorker(config.temporalAddress),
  db,
  payloadKeys: config.payloadKeys,
  namespace: config.temporalNamespace,
  taskQueue: config.caseTaskQueue,
  settings: { deadlineOverrides: config.deadlineOverrides },
  // A bundle built ahead (deploys, tests) starts the worker in a second instead of re-bundling.
  ...(process.env.HOMEWARD_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: process.env.HOMEWARD_WORKFLOW_BUNDLE } } : {}),
});
// Webhook deliveries leave from the worker process: it runs wherever the cases run.
const dispatcher = startOutboxDispatcher(db, { logger });
logger.info({ taskQueue: worker.options.taskQueue }, 'worker started');
await worker.run();
await dispatcher.stop();
await db.destroy();
logger.info('worker stopped');

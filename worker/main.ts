/**
 * Runs the case worker on its own: `tsx worker/main.ts`. Needs TEMPORAL_ADDRESS and DATABASE_URL
 * (or the files `npm run setup` writes). Stops cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { connectWorker, installTemporalRuntime } from '../platform/temporal.js';
import { createDb } from '../store/db.js';
import { createCaseWorker } from './create-worker.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'worker');
if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required to run the worker alone (`npm start` runs everything)');
installTemporalRuntime(logger, ['SIGINT', 'SIGTERM']);
const db = createDb(config.databaseUrl);
const worker = await createCaseWorker({
  connection: await connectWorker(config.temporalAddress),
  db,
  payloadKeys: config.payloadKeys,
  namespace: config.temporalNamespace,
  taskQueue: config.caseTaskQueue,
});
logger.info({ taskQueue: worker.options.taskQueue }, 'worker started');
await worker.run();
await db.destroy();
logger.info('worker stopped');

/**
 * Runs the case worker on its own: `npm run worker` (`tsx worker/main.ts`). Configuration from the
 * environment only (platform/config.ts): TEMPORAL_ADDRESS and DATABASE_URL (or the files `npm run
 * setup` writes), HOMEWARD_METRICS_PORT for /metrics, /healthz and /readyz. Several workers may run
 * on one task queue. On SIGINT/SIGTERM it stops polling, lets running activities and workflow tasks
 * finish (up to HOMEWARD_SHUTDOWN_GRACE_MS), then stops the webhook dispatcher and closes Postgres.
 */
import closeWithGrace from 'close-with-grace';
import { sql } from 'kysely';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { createMetrics } from '../platform/metrics.js';
import { connectWorker, freePort, installTemporalRuntime } from '../platform/temporal.js';
import { createDb, onConnectionError } from '../store/db.js';
import { createCaseWorker } from './create-worker.js';
import { activityMetrics, startWorkerHttp } from './observability.js';
import { startOutboxDispatcher } from './outbox-dispatcher.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'worker');
if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required to run the worker alone (`npm start` runs everything)');
const sdkMetricsAddress = config.temporalMetricsAddress ?? `127.0.0.1:${await freePort()}`;
// No SDK signal handling: close-with-grace below owns the signals and shuts the worker down itself.
installTemporalRuntime(logger, [], sdkMetricsAddress);
const metrics = createMetrics({ defaultLabels: { process: 'worker' } });
// A lost Postgres connection is logged, not fatal: activities retry and the pool reconnects.
onConnectionError((error) => logger.warn({ reason: error.message }, 'Postgres connection lost'));
const db = createDb(config.databaseUrl, { max: config.databasePoolMax });
const worker = await createCaseWorker({
  connection: await connectWorker(config.temporalAddress),
  db,
  payloadKeys: config.payloadKeys,
  namespace: config.temporalNamespace,
  taskQueue: config.caseTaskQueue,
  settings: { deadlineOverrides: config.deadlineOverrides },
  activityInterceptors: [activityMetrics(metrics)],
  tuning: { shutdownGraceTime: config.shutdownGraceMs },
  // A bundle built ahead (deploys, tests) starts the worker in a second instead of re-bundling.
  ...(process.env.HOMEWARD_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: process.env.HOMEWARD_WORKFLOW_BUNDLE } } : {}),
});
// Webhook deliveries leave from the worker process: it runs wherever the cases run.
const dispatcher = startOutboxDispatcher(db, { logger, onAttempt: (outcome) => metrics.webhookDeliveries.inc({ outcome }) });
const http = await startWorkerHttp({
  port: config.metricsPort,
  host: config.httpHost,
  metrics,
  sdkMetricsAddress,
  readiness: async () => ({
    worker: worker.getState() === 'RUNNING' ? 'ok' : worker.getState().toLowerCase(),
    postgres: await sql`select 1`
      .execute(db)
      .then(() => 'ok')
      .catch((error: Error) => `failing: ${error.message}`),
  }),
});
const running = worker.run();

const closer = closeWithGrace({ delay: config.shutdownGraceMs + 10_000, logger }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'worker stopping after an error');
  logger.info({ signal }, 'worker draining');
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running.catch(() => undefined);
  await dispatcher.stop();
  await http.close();
  await db.destroy();
  logger.info('worker stopped');
  // A worker that failed exits non-zero, so its supervisor restarts it.
  if (worker.getState() === 'FAILED') throw new Error('the worker failed');
});
logger.info({ taskQueue: worker.options.taskQueue, metrics: `${http.url}/metrics` }, 'worker started');
process.stdout.write(`worker ready ${http.url}\n`);
await running.catch((error: unknown) => {
  logger.error({ err: error }, 'worker failed');
  process.exitCode = 1;
  closer.close();
});

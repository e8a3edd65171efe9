/**
 * A case worker in a process of its own, like production's worker/main.ts, but loading the bench
 * bundle (real case workflows plus the baselines) and taking its tuning from BENCH_TUNING (JSON),
 * so that tunings can be compared by measurement. Needs TEMPORAL_ADDRESS, DATABASE_URL,
 * HOMEWARD_TASK_QUEUE, HOMEWARD_PAYLOAD_KEYS and BENCH_WORKFLOW_BUNDLE; stops on SIGTERM.
 */
import { parseKeyRing } from '../platform/crypto/key-ring.js';
import { createLogger } from '../platform/logger.js';
import { connectWorker, installTemporalRuntime } from '../platform/temporal.js';
import { createDb } from '../store/db.js';
import { createCaseWorker, type CaseWorkerOptions } from '../worker/create-worker.js';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = createLogger(process.env.LOG_LEVEL ?? 'info', 'bench-worker');
installTemporalRuntime(logger, ['SIGINT', 'SIGTERM']);
const tuning = JSON.parse(process.env.BENCH_TUNING ?? '{}') as CaseWorkerOptions['tuning'];
const db = createDb(need('DATABASE_URL'), { max: Number(process.env.BENCH_DB_POOL ?? 10) });
const worker = await createCaseWorker({
  connection: await connectWorker(need('TEMPORAL_ADDRESS')),
  db,
  payloadKeys: parseKeyRing('HOMEWARD_PAYLOAD_KEYS', need('HOMEWARD_PAYLOAD_KEYS')),
  taskQueue: need('HOMEWARD_TASK_QUEUE'),
  workflowBundle: { codePath: need('BENCH_WORKFLOW_BUNDLE') },
  tuning,
});
logger.info({ taskQueue: worker.options.taskQueue, tuning }, 'worker started');
// Where the resident memory goes (V8 heap vs the rest), for P6's breakdown; read by worker-process.ts.
setInterval(() => {
  const m = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 2 ** 20);
  logger.info({ memory: { heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), rss: mib(m.rss) } }, 'memory');
}, 2000).unref();
await worker.run();
await db.destroy();

/**
 * The production topology on one machine: the full Temporal server (cluster/temporal-server.ts),
 * N case workers and M API instances as processes of their own (`npm run worker`, `npm run api`),
 * each on its own ports. `npm run cluster` and the cluster tests both start it through here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PROJECT_ROOT } from '../platform/config.js';
import { FAILURE_CONVERTER_PATH } from '../platform/crypto/data-converter.js';
import { freePort } from '../platform/temporal.js';
import { WORKFLOWS_PATH } from '../worker/create-worker.js';
import { SHARED_WORKFLOW_MODULES } from '../worker/shared-workflow-modules.js';
import { startProcess, waitForHttp, type RunningProcess, type Supervision } from './processes.js';
import { startTemporalServer, TEMPORAL_SERVICES, type ServicePorts, type TemporalServer, type TemporalService } from './temporal-server.js';

/** Fixed ports from three bases (`npm run cluster`), or free ones (tests). */
export type PortPlan = { temporalBase: number; metricsBase: number; apiBase: number } | 'free';

export interface ClusterOptions {
  /** Config, bundle and logs. */
  dir: string;
  /** Postgres as the homeward role (Homeward's DATABASE_URL): Temporal's databases live beside it. */
  postgres: URL;
  temporalDatabase: string;
  /** Configuration every Homeward process gets (DATABASE_URL, keys, secret, task queue ...). */
  homewardEnv: NodeJS.ProcessEnv;
  workers: number;
  apis: number;
  ports: PortPlan;
  historyShards?: number;
  fresh?: boolean;
}

export interface HomewardProcess {
  kind: 'worker' | 'api';
  index: number;
  /** The API's base URL, or the worker's metrics and health URL. */
  url: string;
  process: RunningProcess;
}

export interface Cluster extends HomewardProcesses {
  temporal: TemporalServer;
}

const OFFSETS: Record<TemporalService, number> = { frontend: 0, history: 10, matching: 20, worker: 30 };

export async function temporalPorts(plan: PortPlan): Promise<Record<TemporalService, ServicePorts>> {
  const entries = await Promise.all(
    TEMPORAL_SERVICES.map(async (service, i): Promise<[TemporalService, ServicePorts]> => {
      if (plan === 'free') {
        const [grpc, membership, metrics, http] = [await lowFreePort(), await lowFreePort(), await lowFreePort(), await lowFreePort()];
        return [service, { grpc, membership, metrics, ...(service === 'frontend' ? { http } : {}) }];
      }
      const base = plan.temporalBase + OFFSETS[service];
      return [
        service,
        { grpc: base, membership: base + 1, metrics: plan.metricsBase + i, ...(service === 'frontend' ? { http: base + 2 } : {}) },
      ];
    }),
  );
  return Object.fromEntries(entries) as Record<TemporalService, ServicePorts>;
}

/**
 * A free port below 32768: Temporal stores membership ports as a smallint, and the system's own
 * free ports come from the ephemeral range above it.
 */
async function lowFreePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** A worker or API instance that dies is started again (cluster/processes.ts); the others carry on. */
const SUPERVISED: Supervision = { initialBackoffMs: 500, maxBackoffMs: 30_000 };

/** Workers and API instances share little: a few Postgres connections each keep the total small. */
const POOLS = { worker: { HOMEWARD_DB_POOL_MAX: '3' }, api: { HOMEWARD_DB_POOL_MAX: '3', HOMEWARD_APP_DB_POOL_MAX: '2' } };

export interface HomewardProcessesOptions {
  dir: string;
  temporalAddress: string;
  homewardEnv: NodeJS.ProcessEnv;
  /** A workflow bundle (buildWorkflowBundle) every worker loads. */
  bundlePath: string;
  ports: PortPlan;
  /** Numbers names and logs apart when several sets share a directory (tests). */
  name?: string;
}

export interface HomewardProcesses {
  workers: HomewardProcess[];
  apis: HomewardProcess[];
  startWorker(): Promise<HomewardProcess>;
  startApi(): Promise<HomewardProcess>;
  describe(): string;
  stop(): Promise<void>;
}

/** One bundle for every worker: each would otherwise spend seconds of CPU bundling the same code. */
export async function buildWorkflowBundle(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const bundlePath = join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietLogger,
  });
  writeFileSync(bundlePath, code);
  return bundlePath;
}

/** Case workers and API instances (`worker/main.ts`, `api/main.ts`) as processes of their own, on one Temporal. */
export function homewardProcesses(options: HomewardProcessesOptions): HomewardProcesses {
  const workers: HomewardProcess[] = [];
  const apis: HomewardProcess[] = [];
  const env = { ...process.env, ...options.homewardEnv, TEMPORAL_ADDRESS: options.temporalAddress, HOST: '127.0.0.1' };
  const port = async (base: number | undefined, index: number) => (base === undefined ? freePort() : base + index);
  const plan = options.ports === 'free' ? undefined : options.ports;
  const prefix = options.name ? `${options.name}-` : '';

  const startWorker = async (): Promise<HomewardProcess> => {
    const index = workers.length;
    const metricsPort = await port(plan && plan.metricsBase + 10, index);
    const sdkPort = await port(plan && plan.metricsBase + 20, index);
    const child = startProcess(
      {
        name: `${prefix}worker-${index + 1}`,
        command: process.execPath,
        args: ['--import', 'tsx', 'worker/main.ts'],
        cwd: PROJECT_ROOT,
        env: {
          ...env,
          ...POOLS.worker,
          HOMEWARD_METRICS_PORT: String(metricsPort),
          HOMEWARD_TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${sdkPort}`,
          HOMEWARD_WORKFLOW_BUNDLE: options.bundlePath,
        },
        logFile: join(options.dir, `${prefix}worker-${index + 1}.log`),
      },
      SUPERVISED,
    );
    const worker: HomewardProcess = { kind: 'worker', index, url: `http://127.0.0.1:${metricsPort}`, process: child };
    workers.push(worker);
    await waitForHttp(`${worker.url}/readyz`, child);
    return worker;
  };
  const startApi = async (): Promise<HomewardProcess> => {
    const index = apis.length;
    const apiPort = await port(plan?.apiBase, index);
    const child = startProcess(
      {
        name: `${prefix}api-${index + 1}`,
        command: process.execPath,
        args: ['--import', 'tsx', 'api/main.ts'],
        cwd: PROJECT_ROOT,
        env: { ...env, ...POOLS.api, PORT: String(apiPort) },
        logFile: join(options.dir, `${prefix}api-${index + 1}.log`),
      },
      SUPERVISED,
    );
    const api: HomewardProcess = { kind: 'api', index, url: `http://127.0.0.1:${apiPort}`, process: child };
    apis.push(api);
    await waitForHttp(`${api.url}/readyz`, child);
    return api;
  };
  return {
    workers,
    apis,
    startWorker,
    startApi,
    describe: () =>
      [
        ...workers.map(
          (w) => `worker ${String(w.index + 1).padEnd(11)}${w.url}/metrics /readyz  pid ${w.process.pid}  log ${w.process.logFile}`,
        ),
        ...apis.map(
          (a) => `api ${String(a.index + 1).padEnd(14)}${a.url}/v1 /metrics /readyz  pid ${a.process.pid}  log ${a.process.logFile}`,
        ),
      ].join('\n'),
    async stop() {
      // APIs first (no new work), then the workers (they drain).
      await Promise.all(apis.map((a) => a.process.stop()));
      await Promise.all(workers.map((w) => w.process.stop()));
    },
  };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  mkdirSync(options.dir, { recursive: true });
  const temporal = await startTemporalServer({
    dir: options.dir,
    postgres: options.postgres,
    database: options.temporalDatabase,
    ports: await temporalPorts(options.ports),
    historyShards: options.historyShards ?? 4,
    fresh: options.fresh,
  });
  let homeward: HomewardProcesses | undefined;
  const stop = async () => {
    await homeward?.stop();
    await temporal.stop();
  };
  try {
    homeward = homewardProcesses({
      dir: options.dir,
      temporalAddress: temporal.address,
      homewardEnv: options.homewardEnv,
      bundlePath: await buildWorkflowBundle(options.dir),
      ports: options.ports,
    });
    for (let i = 0; i < options.workers; i++) await homeward.startWorker();
    for (let i = 0; i < options.apis; i++) await homeward.startApi();
    const processes = homeward;
    const describe = () =>
      [
        ...temporal.services.map(
          ({ service, ports, process: p }) =>
            `temporal ${service.padEnd(9)} grpc 127.0.0.1:${ports.grpc}  metrics http://127.0.0.1:${ports.metrics}/metrics  log ${p.logFile}`,
        ),
        processes.describe(),
      ].join('\n');
    return { temporal, ...processes, describe, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => process.stderr.write(`${m}\n`) };

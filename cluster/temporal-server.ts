/**
 * The full Temporal server on Postgres, as four processes (frontend, history, matching, worker)
 * from one configuration: schemas set up with temporal-sql-tool, one config file per service (each
 * its own metrics port: they would clash in a shared one), small connection pools (Postgres allows
 * 100 connections in all, shared with Homeward and other checkouts), then the `default` namespace.
 * The configuration follows the module source's config/development-postgres12.yaml.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { startProcess, type RunningProcess } from './processes.js';

const run = promisify(execFile);

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface ServicePorts {
  grpc: number;
  membership: number;
  metrics: number;
  /** The frontend's HTTP API. */
  http?: number;
}

export interface TemporalServerOptions {
  /** Where the config and logs go. */
  dir: string;
  /** Postgres as the homeward role: host, port, user, password (from DATABASE_URL). */
  postgres: URL;
  /** The default store's database; visibility is `<name>_visibility`. */
  database: string;
  ports: Record<TemporalService, ServicePorts>;
  historyShards?: number;
  /** Drop and recreate Temporal's tables first (tests start from nothing). */
  fresh?: boolean;
}

export interface TemporalServer {
  address: string;
  services: { service: TemporalService; process: RunningProcess; ports: ServicePorts }[];
  stop(): Promise<void>;
}

async function goPath(name: 'GOPATH' | 'GOMODCACHE'): Promise<string> {
  return (await run('go', ['env', name])).stdout.trim();
}

/** The server, the sql tool and the module source; `scripts/cluster-prerequisites.sh` builds them. */
export async function findTemporalServer(): Promise<{ server: string; sqlTool: string; moduleDir: string }> {
  const bin = join(await goPath('GOPATH'), 'bin');
  const found = {
    server: join(bin, 'server'),
    sqlTool: join(bin, 'sql'),
    moduleDir: join(await goPath('GOMODCACHE'), 'go.temporal.io', `server@${TEMPORAL_SERVER_VERSION}`),
  };
  for (const [what, path] of Object.entries(found)) {
    if (!existsSync(path))
      throw new Error(`Temporal ${what} not found at ${path}: run \`bash scripts/cluster-prerequisites.sh\` (it builds it)`);
  }
  return found;
}

/** Sets up (or, when fresh, recreates) and updates both schemas with temporal-sql-tool. */
async function prepareSchemas(options: TemporalServerOptions, sqlTool: string, moduleDir: string): Promise<void> {
  const pg = options.postgres;
  for (const [database, schema] of [
    [options.database, 'temporal'],
    [`${options.database}_visibility`, 'visibility'],
  ] as const) {
    const args = [
      '--pl',
      'postgres12',
      '--ep',
      pg.hostname,
      '-p',
      pg.port || '5432',
      '-u',
      decodeURIComponent(pg.username),
      '--db',
      database,
    ];
    const env = { ...process.env, SQL_PASSWORD: decodeURIComponent(pg.password) };
    const tool = async (...command: string[]) => {
      try {
        await run(sqlTool, [...args, ...command], { env });
      } catch (error) {
        const { stderr, stdout } = error as { stderr?: string; stdout?: string };
        throw new Error(`temporal-sql-tool ${command[0]} on ${database} failed: ${stderr || stdout || String(error)}`, { cause: error });
      }
    };
    if (options.fresh || !(await hasSchema(pg, database)))
      await tool('setup-schema', '-v', '0.0', ...(options.fresh ? ['--overwrite'] : []));
    await tool('update-schema', '-d', join(moduleDir, 'schema', 'postgresql', 'v12', schema, 'versioned'));
  }
}

async function hasSchema(pg: URL, database: string): Promise<boolean> {
  const { default: postgres } = await import('pg');
  const url = new URL(pg);
  url.pathname = `/${database}`;
  const client = new postgres.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(`select to_regclass('public.schema_version') is not null as present`);
    return rows[0]?.present === true;
  } finally {
    await client.end();
  }
}

/** Connection pools per service: history works hardest (the shards' reads and writes). */
const MAX_CONNS: Record<TemporalService, number> = { history: 4, matching: 2, frontend: 2, worker: 2 };

function serviceConfig(options: TemporalServerOptions, service: TemporalService, dynamicConfigPath: string): string {
  const pg = options.postgres;
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${pg.hostname}:${pg.port || '5432'}"
        connectProtocol: "tcp"
        user: "${decodeURIComponent(pg.username)}"
        password: "${decodeURIComponent(pg.password)}"
        maxConns: ${maxConns}
        maxIdleConns: 1
        maxConnLifetime: "1h"`;
  const rpc = (name: TemporalService) => {
    const ports = options.ports[name];
    return `
  ${name}:
    rpc:
      grpcPort: ${ports.grpc}
      membershipPort: ${ports.membership}
      bindOnLocalHost: true${ports.http ? `\n      httpPort: ${ports.http}` : ''}`;
  };
  return `# Written by cluster/temporal-server.ts for the ${service} service (from config/development-postgres12.yaml).
log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${options.historyShards ?? 4}
  datastores:
    postgres-default:${store(options.database, MAX_CONNS[service])}
    postgres-visibility:${store(`${options.database}_visibility`, 2)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${options.ports[service].metrics}"

services:${TEMPORAL_SERVICES.map(rpc).join('')}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${options.ports.frontend.grpc}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: "${dynamicConfigPath}"
  pollInterval: "10s"
`;
}

/** Namespaces appear to the frontend within a second instead of the default ten. */
const DYNAMIC_CONFIG = `# Written by cluster/temporal-server.ts.
system.namespaceCacheRefreshInterval:
  - value: 1s
`;

export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServer> {
  const { server, sqlTool, moduleDir } = await findTemporalServer();
  await prepareSchemas(options, sqlTool, moduleDir);
  const configDir = join(options.dir, 'config');
  mkdirSync(join(configDir, 'dynamicconfig'), { recursive: true });
  // The dynamic config path is resolved against the working directory, not --root: an absolute one.
  const dynamicConfigPath = join(configDir, 'dynamicconfig', 'cluster.yaml');
  writeFileSync(dynamicConfigPath, DYNAMIC_CONFIG);
  for (const service of TEMPORAL_SERVICES)
    writeFileSync(join(configDir, `${service}.yaml`), serviceConfig(options, service, dynamicConfigPath));

  const services: TemporalServer['services'] = [];
  const stop = async () => {
    // Frontend first (no new calls), history last (it owns the shards).
    for (const name of ['frontend', 'worker', 'matching', 'history'] as const)
      await services.find((s) => s.service === name)?.process.stop();
  };
  try {
    const start = (service: TemporalService) => {
      const process = startProcess({
        name: `temporal-${service}`,
        command: server,
        args: ['--root', options.dir, '--config', 'config', '--env', service, '--allow-no-auth', 'start', '--service', service],
        cwd: options.dir,
        logFile: join(options.dir, `temporal-${service}.log`),
      });
      services.push({ service, process, ports: options.ports[service] });
      return process;
    };
    // One service first: on a fresh database every service would race to write the cluster metadata.
    await waitForPort(options.ports.history.grpc, start('history'));
    for (const service of TEMPORAL_SERVICES.filter((s) => s !== 'history')) start(service);
    const address = `127.0.0.1:${options.ports.frontend.grpc}`;
    await createNamespaceWhenUp(address, services);
    return { address, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForPort(port: number, process: RunningProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    process.assertRunning();
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${process.name} did not listen on port ${port} within a minute; see ${process.logFile}`);
}

/** Registers `default` once the frontend answers, then waits until a workflow start is accepted. */
async function createNamespaceWhenUp(address: string, services: TemporalServer['services']): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last: unknown;
  let registered = false;
  while (Date.now() < deadline) {
    for (const { process } of services) process.assertRunning();
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        if (!registered) {
          await connection.workflowService
            .registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: msToTs('3 days') })
            .catch((error: { code?: number }) => {
              if (error.code !== 6) throw error; // ALREADY_EXISTS
            });
          registered = true;
        }
        await probeWorkflowStart(connection);
        for (const { process } of services) process.assertRunning();
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`Temporal at ${address} did not accept a workflow start within 2 minutes: ${String(last)}`);
}

/**
 * Readiness is a real workflow start (the health check answers before history owns its shards),
 * and a task queue description, which only matching answers.
 */
async function probeWorkflowStart(connection: Connection): Promise<void> {
  const workflowId = `readiness-probe-${Date.now()}`;
  await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: 'readiness-probe' } });
  await connection.workflowService.startWorkflowExecution({
    namespace: 'default',
    workflowId,
    workflowType: { name: 'readinessProbe' },
    taskQueue: { name: 'readiness-probe' },
    requestId: workflowId,
  });
  await connection.workflowService.terminateWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId },
    reason: 'readiness probe',
  });
}

/**
 * Configuration from the environment, with development defaults that `npm run setup` writes under
 * `data/`. Production sets every value explicitly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { DeadlineOverrides } from '../domain/repatriation/index.js';
import { loadAccountsSettings, type AccountsSettings } from './accounts-config.js';
import { parseKeyRing, type KeyRing } from './crypto/key-ring.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const DATA_DIR = join(PROJECT_ROOT, 'data');

export interface Config {
  databaseUrl: string;
  /** The API's connection for case reads, as a role row-level security applies to (falls back to databaseUrl). */
  appDatabaseUrl: string;
  /** Unset: run an embedded Temporal dev server. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  /** Task queue of the case workers (tests give each run its own). */
  caseTaskQueue: string;
  jwtSecret: string;
  httpPort: number;
  httpHost: string;
  logLevel: string;
  /** Encrypt Temporal payloads: HOMEWARD_PAYLOAD_KEYS (`id:base64,...`), active HOMEWARD_PAYLOAD_KEY_ID. */
  payloadKeys: KeyRing;
  /** Wrap the per-person data keys: HOMEWARD_MASTER_KEYS (`id:base64,...`), active HOMEWARD_MASTER_KEY_ID. */
  masterKeys: KeyRing;
  /** Keyed hashes of the person match keys: HOMEWARD_MATCH_KEYS (`id:base64,...`), active HOMEWARD_MATCH_KEY_ID. */
  matchKeys: KeyRing;
  /** Per-corridor deadline overrides: JSON in HOMEWARD_DEADLINES, or a JSON file named by HOMEWARD_DEADLINES_FILE. */
  deadlineOverrides: DeadlineOverrides;
  /** Sign-in, sessions, second factor, development tokens, single sign-on (platform/accounts-config.ts). */
  accounts: AccountsSettings;
  /** Postgres connections per process (HOMEWARD_DB_POOL_MAX) and for the API's app role (HOMEWARD_APP_DB_POOL_MAX). */
  databasePoolMax: number;
  appDatabasePoolMax: number;
  /** The worker's metrics and health port (HOMEWARD_METRICS_PORT; 0: any free port, logged). */
  metricsPort: number;
  /** `host:port` of the Temporal SDK's Prometheus exporter in a worker (HOMEWARD_TEMPORAL_METRICS_ADDRESS; unset: a free loopback port). */
  temporalMetricsAddress: string | undefined;
  /** How long a stopping process lets in-flight requests and activities finish (HOMEWARD_SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
}

function fromDataFile(name: string): string | undefined {
  const file = join(DATA_DIR, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function required(name: string, value: string | undefined, hint: string): string {
  if (!value) throw new Error(`${name} is not set (${hint})`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const httpPort = Number(env.PORT ?? 3000);
  return {
    databaseUrl: required('DATABASE_URL', env.DATABASE_URL ?? fromDataFile('database-url'), 'run `npm run setup` or set it'),
    appDatabaseUrl:
      env.APP_DATABASE_URL ??
      fromDataFile('app-database-url') ??
      required('DATABASE_URL', env.DATABASE_URL ?? fromDataFile('database-url'), 'run `npm run setup`'),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    caseTaskQueue: env.HOMEWARD_TASK_QUEUE ?? 'homeward-cases',
    jwtSecret: required('HOMEWARD_JWT_SECRET', env.HOMEWARD_JWT_SECRET ?? fromDataFile('jwt-secret'), 'run `npm run setup` or set it'),
    httpPort,
    httpHost: env.HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    payloadKeys: loadPayloadKeys(env),
    masterKeys: loadMasterKeys(env),
    matchKeys: loadMatchKeys(env),
    deadlineOverrides: loadDeadlineOverrides(env),
    accounts: loadAccountsSettings(env, (path) => readFileSync(path, 'utf8'), httpPort),
    databasePoolMax: Number(env.HOMEWARD_DB_POOL_MAX ?? 10),
    appDatabasePoolMax: Number(env.HOMEWARD_APP_DB_POOL_MAX ?? 10),
    metricsPort: Number(env.HOMEWARD_METRICS_PORT ?? 0),
    temporalMetricsAddress: env.HOMEWARD_TEMPORAL_METRICS_ADDRESS || undefined,
    shutdownGraceMs: Number(env.HOMEWARD_SHUTDOWN_GRACE_MS ?? 20_000),
  };
}

export function loadDeadlineOverrides(env: NodeJS.ProcessEnv = process.env): DeadlineOverrides {
  const json = env.HOMEWARD_DEADLINES ?? (env.HOMEWARD_DEADLINES_FILE ? readFileSync(env.HOMEWARD_DEADLINES_FILE, 'utf8') : undefined);
  if (!json) return {};
  try {
    return JSON.parse(json) as DeadlineOverrides;
  } catch (error) {
    throw new Error(`HOMEWARD_DEADLINES is not valid JSON: ${(error as Error).message}`);
  }
}

export function loadPayloadKeys(env: NodeJS.ProcessEnv = process.env): KeyRing {
  const spec = required(
    'HOMEWARD_PAYLOAD_KEYS',
    env.HOMEWARD_PAYLOAD_KEYS ?? fromDataFile('payload-keys'),
    'run `npm run setup` or set it',
  );
  return parseKeyRing('HOMEWARD_PAYLOAD_KEYS', spec, env.HOMEWARD_PAYLOAD_KEY_ID);
}

export function loadMasterKeys(env: NodeJS.ProcessEnv = process.env): KeyRing {
  const spec = required('HOMEWARD_MASTER_KEYS', env.HOMEWARD_MASTER_KEYS ?? fromDataFile('master-keys'), 'run `npm run setup` or set it');
  return parseKeyRing('HOMEWARD_MASTER_KEYS', spec, env.HOMEWARD_MASTER_KEY_ID);
}

/** Match keys are their own ring: a leaked one reveals no personal data and no other key. */
export function loadMatchKeys(env: NodeJS.ProcessEnv = process.env): KeyRing {
  const spec = required('HOMEWARD_MATCH_KEYS', env.HOMEWARD_MATCH_KEYS ?? fromDataFile('match-keys'), 'run `npm run setup` or set it');
  return parseKeyRing('HOMEWARD_MATCH_KEYS', spec, env.HOMEWARD_MATCH_KEY_ID);
}

/** The Temporal CLI binary: TEMPORAL_CLI_PATH, then PATH, then where `go install` puts it. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.TEMPORAL_CLI_PATH,
    ...(env.PATH ?? '').split(delimiter).map((dir) => dir && join(dir, 'temporal')),
    join(env.GOPATH ?? join(homedir(), 'go'), 'bin', 'temporal'),
  ];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('Temporal CLI not found: run `npm run setup` (it builds it with go install) or set TEMPORAL_CLI_PATH');
  return found;
}

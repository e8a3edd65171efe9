/**
 * Configuration from the environment, read through one schema (`ENVIRONMENT` below): every
 * variable typed, defaulted and documented here, and a wrong one refused at start with an error
 * naming it (never printing a secret's value). Development defaults are what `npm run setup`
 * writes under `data/`; production sets every value explicitly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { STEP_IDS, type DeadlineOverrides } from '../domain/repatriation/deadlines.js';
import { CASE_TASK_QUEUE } from '../workflows/repatriation/messages.js';
import { DEFAULT_SECOND_FACTOR_ROLES, defaultAccountsSettings, type AccountsSettings, type OidcProviderConfig } from './accounts-config.js';
import { parseKeyRing, type KeyRing } from './crypto/key-ring.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const DATA_DIR = join(PROJECT_ROOT, 'data');

interface Variable {
  schema: TSchema;
  description: string;
  /** A file under data/ that `npm run setup` writes, used when the variable is unset. */
  dataFile?: string;
  default?: string;
  /** Never printed, not even in an error. */
  secret?: boolean;
}

const Port = Type.Integer({ minimum: 1, maximum: 65_535 });
const Text = Type.String({ minLength: 1 });
const PoolSize = Type.Integer({ minimum: 1, maximum: 100 });
const Count = Type.Integer({ minimum: 1, maximum: 1_000_000 });
/** Fractions allowed: tests and drills run sessions of seconds. */
const Duration = Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 });
const Switch = Type.Union(['', '1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].map((word) => Type.Literal(word)));
const ROLE_WORDS = 'caseworker|ngo_worker|coordinator|approver|auditor|admin';
const RoleList = Type.String({ pattern: `^\\s*((${ROLE_WORDS})\\s*(,\\s*(${ROLE_WORDS})\\s*)*)?$` });

/** Every variable Homeward reads, in one place. */
export const ENVIRONMENT = {
  DATABASE_URL: {
    schema: Text,
    description: 'Postgres URL of the owner role (migrations, worker)',
    dataFile: 'database-url',
    secret: true,
  },
  APP_DATABASE_URL: {
    schema: Text,
    description: "Postgres URL of the API's row-level-security role (falls back to DATABASE_URL)",
    dataFile: 'app-database-url',
    secret: true,
  },
  TEMPORAL_ADDRESS: { schema: Type.String(), description: 'Temporal frontend host:port; unset runs an embedded dev server', default: '' },
  TEMPORAL_NAMESPACE: { schema: Text, description: 'Temporal namespace', default: 'default' },
  HOMEWARD_TASK_QUEUE: { schema: Text, description: "The workers' task queue", default: CASE_TASK_QUEUE },
  HOMEWARD_JWT_SECRET: { schema: Text, description: 'HS256 secret of bearer tokens', dataFile: 'jwt-secret', secret: true },
  PORT: { schema: Port, description: 'HTTP port of the API', default: '3000' },
  HOST: { schema: Text, description: 'HTTP interface of the API', default: '127.0.0.1' },
  LOG_LEVEL: {
    schema: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level))),
    description: 'pino log level',
    default: 'info',
  },
  HOMEWARD_PAYLOAD_KEYS: { schema: Text, description: 'Temporal payload keys, `id:base64key,...`', dataFile: 'payload-keys', secret: true },
  HOMEWARD_PAYLOAD_KEY_ID: { schema: Type.String(), description: 'Active payload key id (default: the first)', default: '' },
  HOMEWARD_MASTER_KEYS: {
    schema: Text,
    description: 'Master keys wrapping person keys, `id:base64key,...`',
    dataFile: 'master-keys',
    secret: true,
  },
  HOMEWARD_MASTER_KEY_ID: { schema: Type.String(), description: 'Active master key id (default: the first)', default: '' },
  HOMEWARD_MATCH_KEYS: {
    schema: Text,
    description: 'Keys of the person match keys (keyed hashes), `id:base64key,...`',
    dataFile: 'match-keys',
    secret: true,
  },
  HOMEWARD_MATCH_KEY_ID: { schema: Type.String(), description: 'Active match key id (default: the first)', default: '' },
  HOMEWARD_DB_POOL_MAX: { schema: PoolSize, description: 'Postgres connections of a process (owner role)', default: '10' },
  HOMEWARD_APP_DB_POOL_MAX: { schema: PoolSize, description: "Postgres connections of the API's app role", default: '10' },
  HOMEWARD_METRICS_PORT: {
    schema: Type.Integer({ minimum: 0, maximum: 65_535 }),
    description: "The worker's metrics and health port (0: any free port, logged)",
    default: '0',
  },
  HOMEWARD_TEMPORAL_METRICS_ADDRESS: {
    schema: Type.String(),
    description: "host:port of the Temporal SDK's Prometheus exporter in a worker (empty: a free loopback port)",
    default: '',
  },
  HOMEWARD_SHUTDOWN_GRACE_MS: {
    schema: Type.Integer({ minimum: 0, maximum: 600_000 }),
    description: 'How long a stopping process lets in-flight requests and activities finish',
    default: '20000',
  },
  HOMEWARD_DEADLINES: { schema: Type.String(), description: 'Per-corridor deadline overrides as JSON (see README)', default: '' },
  HOMEWARD_DEADLINES_FILE: { schema: Type.String(), description: 'A JSON file of deadline overrides', default: '' },
  NODE_ENV: {
    schema: Type.String(),
    description: '`production` turns development tokens off unless HOMEWARD_ALLOW_DEV_TOKENS',
    default: '',
  },
  HOMEWARD_ALLOW_DEV_TOKENS: {
    schema: Switch,
    description: 'Accept the HS256 development tokens of `npm run token` (empty: on, except when NODE_ENV=production)',
    default: '',
  },
  HOMEWARD_PUBLIC_ORIGIN: {
    schema: Type.String({ pattern: '^(https?://[^/\\s]+/?)?$' }),
    description: 'Where browsers reach Homeward: links, single sign-on redirects, the CSRF origin check (empty: http://localhost:<PORT>)',
    default: '',
  },
  HOMEWARD_ALLOWED_ORIGINS: {
    schema: Type.String(),
    description: 'More origins whose cookie-authenticated writes are accepted, comma-separated (empty: http://127.0.0.1:<PORT>)',
    default: '',
  },
  HOMEWARD_SESSION_IDLE_MINUTES: { schema: Duration, description: 'A session ends after this long unused', default: '30' },
  HOMEWARD_SESSION_ABSOLUTE_HOURS: { schema: Duration, description: 'A session ends this long after sign-in', default: '12' },
  HOMEWARD_SECOND_FACTOR_ROLES: {
    schema: RoleList,
    description: 'Roles that must sign in with a second factor, comma-separated (empty: none)',
    default: DEFAULT_SECOND_FACTOR_ROLES.join(','),
  },
  HOMEWARD_LOCKOUT_THRESHOLD: { schema: Count, description: 'Failed sign-ins of one account name before it locks', default: '5' },
  HOMEWARD_LOCKOUT_SECONDS: { schema: Duration, description: 'How long a locked account name or address stays locked', default: '900' },
  HOMEWARD_ADDRESS_LOCKOUT_THRESHOLD: { schema: Count, description: 'Failed sign-ins from one address before it locks', default: '50' },
  HOMEWARD_PASSWORD_RESET_MINUTES: { schema: Duration, description: 'How long a password-reset link stays valid', default: '60' },
  HOMEWARD_OIDC_PROVIDERS: {
    schema: Type.String(),
    description: 'Single sign-on per agency id, JSON `{"<agency>": {issuer, clientId, clientSecret, roleClaim, roleMap?}}` (see README)',
    default: '',
    secret: true,
  },
  HOMEWARD_OIDC_PROVIDERS_FILE: { schema: Type.String(), description: 'A JSON file of single sign-on providers', default: '' },
} satisfies Record<string, Variable>;

type Name = keyof typeof ENVIRONMENT;

/** A configuration variable that is missing or wrong: the message names it and never shows a secret. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One variable: from the environment, else its data file, else its default; converted and checked by its schema. */
function read<N extends Name>(env: NodeJS.ProcessEnv, name: N): Static<(typeof ENVIRONMENT)[N]['schema']> {
  const variable: Variable = ENVIRONMENT[name];
  const raw = env[name] ?? (variable.dataFile ? fromDataFile(variable.dataFile) : undefined) ?? variable.default;
  if (raw === undefined) {
    throw new ConfigError(`${name} is not set (${variable.description}): run \`npm run setup\` or set it`);
  }
  const value = toSchemaType(variable.schema as JsonSchema, raw);
  if (!Value.Check(variable.schema, value)) {
    const shown = variable.secret ? '' : ` (got ${JSON.stringify(raw)})`;
    throw new ConfigError(`${name} is not valid${shown}: ${variable.description}; expected ${describe(variable.schema)}`);
  }
  return value as Static<(typeof ENVIRONMENT)[N]['schema']>;
}

/** The few JSON-schema keywords the messages read. */
interface JsonSchema {
  type?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  anyOf?: { const: string }[];
}

/** Numbers convert only when the whole text is one (`Number('')` is 0 and `Number('1e3')` 1000: not accepted). */
const toSchemaType = (schema: JsonSchema, raw: string): unknown =>
  schema.type === 'integer'
    ? /^-?\d+$/.test(raw)
      ? Number(raw)
      : raw
    : schema.type === 'number'
      ? /^-?\d+(\.\d+)?$/.test(raw)
        ? Number(raw)
        : raw
      : raw;

const describe = (tschema: TSchema): string => {
  const schema = tschema as JsonSchema;
  return schema.type === 'integer'
    ? `an integer from ${schema.minimum} to ${schema.maximum}`
    : schema.type === 'number'
      ? `a number above ${schema.exclusiveMinimum ?? schema.minimum} and at most ${schema.maximum}`
      : schema.anyOf
        ? `one of ${schema.anyOf.map((s) => JSON.stringify(s.const)).join(', ')}`
        : schema.pattern
          ? `text matching ${schema.pattern}`
          : schema.minLength
            ? 'a non-empty string'
            : 'a string';
};

function fromDataFile(name: string): string | undefined {
  const file = join(DATA_DIR, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

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
  payloadKeys: KeyRing;
  masterKeys: KeyRing;
  /** Keyed hashes of the person match keys: HOMEWARD_MATCH_KEYS, active HOMEWARD_MATCH_KEY_ID. */
  matchKeys: KeyRing;
  deadlineOverrides: DeadlineOverrides;
  /** Sign-in, sessions, second factor, development tokens, single sign-on (platform/accounts-config.ts). */
  accounts: AccountsSettings;
  databasePoolMax: number;
  appDatabasePoolMax: number;
  metricsPort: number;
  temporalMetricsAddress: string | undefined;
  shutdownGraceMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = read(env, 'DATABASE_URL');
  const httpPort = read(env, 'PORT');
  return {
    databaseUrl,
    appDatabaseUrl: env.APP_DATABASE_URL || fromDataFile('app-database-url') ? read(env, 'APP_DATABASE_URL') : databaseUrl,
    temporalAddress: read(env, 'TEMPORAL_ADDRESS') || undefined,
    temporalNamespace: read(env, 'TEMPORAL_NAMESPACE'),
    caseTaskQueue: read(env, 'HOMEWARD_TASK_QUEUE'),
    jwtSecret: read(env, 'HOMEWARD_JWT_SECRET'),
    httpPort,
    httpHost: read(env, 'HOST'),
    logLevel: read(env, 'LOG_LEVEL'),
    payloadKeys: loadPayloadKeys(env),
    masterKeys: loadMasterKeys(env),
    matchKeys: loadMatchKeys(env),
    deadlineOverrides: loadDeadlineOverrides(env),
    accounts: loadAccountsSettings(env),
    databasePoolMax: read(env, 'HOMEWARD_DB_POOL_MAX'),
    appDatabasePoolMax: read(env, 'HOMEWARD_APP_DB_POOL_MAX'),
    metricsPort: read(env, 'HOMEWARD_METRICS_PORT'),
    temporalMetricsAddress: read(env, 'HOMEWARD_TEMPORAL_METRICS_ADDRESS') || undefined,
    shutdownGraceMs: read(env, 'HOMEWARD_SHUTDOWN_GRACE_MS'),
  };
}

// Fractions allowed: tests and drills run deadlines of seconds.
const Days = Type.Number({ minimum: 0, maximum: 3650 });
const DaysByStep = Type.Object(Object.fromEntries(STEP_IDS.map((id) => [id, Type.Optional(Days)])), { additionalProperties: false });
const Override = Type.Object({ days: Type.Optional(DaysByStep), escalateAfterDays: Type.Optional(Days) }, { additionalProperties: false });
/** The shape of HOMEWARD_DEADLINES: defaults for every corridor and per-corridor overrides (key `TH-MM`). */
export const DeadlineOverridesSchema = Type.Object(
  {
    default: Type.Optional(Override),
    corridors: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Z]{2}-[A-Z]{2}$' }), Override)),
  },
  { additionalProperties: false },
);

export function loadDeadlineOverrides(env: NodeJS.ProcessEnv = process.env): DeadlineOverrides {
  const file = read(env, 'HOMEWARD_DEADLINES_FILE');
  const name = env.HOMEWARD_DEADLINES ? 'HOMEWARD_DEADLINES' : 'HOMEWARD_DEADLINES_FILE';
  const json = read(env, 'HOMEWARD_DEADLINES') || (file ? readFileSync(file, 'utf8') : '');
  if (!json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const wrong = [...Value.Errors(DeadlineOverridesSchema, parsed)][0];
  if (wrong) throw new ConfigError(`${name} does not match the deadline overrides: ${wrong.instancePath || '/'} ${wrong.message}`);
  return parsed as DeadlineOverrides;
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Sign-in, sessions, lockout, second factor, development tokens and single sign-on, from their variables above. */
export function loadAccountsSettings(env: NodeJS.ProcessEnv = process.env): AccountsSettings {
  const port = read(env, 'PORT');
  const allowDevTokens = read(env, 'HOMEWARD_ALLOW_DEV_TOKENS');
  const allowedOrigins = list(read(env, 'HOMEWARD_ALLOWED_ORIGINS'));
  return defaultAccountsSettings({
    allowDevTokens: allowDevTokens === '' ? read(env, 'NODE_ENV') !== 'production' : /^(1|true|yes|on)$/.test(allowDevTokens),
    publicOrigin: (read(env, 'HOMEWARD_PUBLIC_ORIGIN') || `http://localhost:${port}`).replace(/\/$/, ''),
    allowedOrigins: allowedOrigins.length > 0 ? allowedOrigins : [`http://127.0.0.1:${port}`],
    sessionIdleMinutes: read(env, 'HOMEWARD_SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: read(env, 'HOMEWARD_SESSION_ABSOLUTE_HOURS'),
    secondFactorRoles: list(read(env, 'HOMEWARD_SECOND_FACTOR_ROLES')),
    lockoutThreshold: read(env, 'HOMEWARD_LOCKOUT_THRESHOLD'),
    lockoutSeconds: read(env, 'HOMEWARD_LOCKOUT_SECONDS'),
    addressLockoutThreshold: read(env, 'HOMEWARD_ADDRESS_LOCKOUT_THRESHOLD'),
    passwordResetMinutes: read(env, 'HOMEWARD_PASSWORD_RESET_MINUTES'),
    oidcProviders: loadOidcProviders(env),
  });
}

const OidcProvidersSchema = Type.Record(
  Type.String({ minLength: 1 }),
  Type.Object(
    {
      issuer: Type.String({ pattern: '^https?://' }),
      clientId: Text,
      clientSecret: Text,
      roleClaim: Text,
      roleMap: Type.Optional(Type.Record(Type.String(), Type.String())),
    },
    { additionalProperties: false },
  ),
);

/** The providers' JSON holds client secrets: errors name the variable and the path, never a value. */
function loadOidcProviders(env: NodeJS.ProcessEnv): Record<string, OidcProviderConfig> {
  const file = read(env, 'HOMEWARD_OIDC_PROVIDERS_FILE');
  const name = env.HOMEWARD_OIDC_PROVIDERS ? 'HOMEWARD_OIDC_PROVIDERS' : 'HOMEWARD_OIDC_PROVIDERS_FILE';
  const json = read(env, 'HOMEWARD_OIDC_PROVIDERS') || (file ? readFileSync(file, 'utf8') : '');
  if (!json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError(`${name} is not valid JSON`);
  }
  const wrong = [...Value.Errors(OidcProvidersSchema, parsed)][0];
  if (wrong) throw new ConfigError(`${name} does not match the single sign-on providers: ${wrong.instancePath || '/'} ${wrong.message}`);
  return parsed as Record<string, OidcProviderConfig>;
}

export function loadPayloadKeys(env: NodeJS.ProcessEnv = process.env): KeyRing {
  return parseKeyRing('HOMEWARD_PAYLOAD_KEYS', read(env, 'HOMEWARD_PAYLOAD_KEYS'), read(env, 'HOMEWARD_PAYLOAD_KEY_ID') || undefined);
}

export function loadMasterKeys(env: NodeJS.ProcessEnv = process.env): KeyRing {
  return parseKeyRing('HOMEWARD_MASTER_KEYS', read(env, 'HOMEWARD_MASTER_KEYS'), read(env, 'HOMEWARD_MASTER_KEY_ID') || undefined);
}

/** Match keys are their own ring: a leaked one reveals no personal data and no other key. */
export function loadMatchKeys(env: NodeJS.ProcessEnv = process.env): KeyRing {
  return parseKeyRing('HOMEWARD_MATCH_KEYS', read(env, 'HOMEWARD_MATCH_KEYS'), read(env, 'HOMEWARD_MATCH_KEY_ID') || undefined);
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

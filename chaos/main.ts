/**
 * `npm run chaos [-- --short]`: a bounded, Jepsen-style fault-injection run on loopback that stops
 * by itself. Its own Postgres cluster (data/chaos/{full,short}/pg) behind a TCP proxy of ours, a supervised
 * Temporal dev server on a state file, an API process and worker processes; clients drive cases
 * with Idempotency-Keys while the nemesis kills and cuts; after healing, the checker judges.
 * Writes data/chaos/full/last-run.json (or short/last-short-run.json); exits 0 only when every check holds.
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { sql } from 'kysely';
import { mintToken } from '../api/auth.js';
import { migrateToLatest } from '../migrations/index.js';
import { DATA_DIR, findTemporalCli, PROJECT_ROOT } from '../platform/config.js';
import { parseKeyRing } from '../platform/crypto/key-ring.js';
import { FAILURE_CONVERTER_PATH } from '../platform/crypto/data-converter.js';
import { superviseDevServer } from '../platform/supervisor.js';
import { connectClient } from '../platform/temporal.js';
import { seedRegistry } from '../store/agencies.js';
import { createDb } from '../store/db.js';
import { WORKFLOWS_PATH } from '../worker/create-worker.js';
import { SHARED_WORKFLOW_MODULES } from '../worker/shared-workflow-modules.js';
import { check } from './checker.js';
import { runClients } from './clients.js';
import { startNemesis, type FaultKind } from './nemesis.js';
import { chaosPostgres, freshDatabase } from './postgres.js';
import { killEveryChild, startManaged, type ManagedProcess } from './processes.js';
import { writeReliability } from './reliability.js';
import { summarise } from './report.js';
import { startTcpProxy } from './tcp-proxy.js';

const short = process.argv.includes('--short');
const flag = (name: string): number | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : undefined;
};
// Sized for a shared two-core machine: a worker process takes seconds to start there.
const PLAN: {
  cases: number;
  clients: number;
  workers: number;
  openOnlyEvery: number;
  workerKillEveryMs: number;
  otherFaultEveryMs: number;
  networkCutMs: number;
  limitMs: number;
  script?: FaultKind[];
  /** Beyond `cases`, keep driving until this many worker kills (the full run: the 100). */
  minWorkerKills?: number;
} = short
  ? {
      cases: 10,
      clients: 2,
      workers: 2,
      openOnlyEvery: 3,
      workerKillEveryMs: 0,
      otherFaultEveryMs: 4000,
      networkCutMs: 3000,
      limitMs: 6 * 60_000,
      script: [
        'worker-kill',
        'postgres-crash-restart',
        'network-cut',
        'api-kill',
        'temporal-kill',
        'postgres-clean-restart',
        'worker-kill',
      ],
    }
  : {
      // The scale: 1,000 cases and at least 100 worker kills within about 40 minutes.
      cases: 1000,
      clients: 12,
      workers: 2,
      openOnlyEvery: 10,
      workerKillEveryMs: 6000,
      otherFaultEveryMs: 40_000,
      networkCutMs: 5000,
      limitMs: 40 * 60_000,
      minWorkerKills: 100,
    };
PLAN.cases = flag('cases') ?? PLAN.cases;
PLAN.clients = flag('clients') ?? PLAN.clients;
PLAN.workerKillEveryMs = flag('kill-every-ms') ?? PLAN.workerKillEveryMs;
PLAN.limitMs = (flag('minutes') ?? PLAN.limitMs / 60_000) * 60_000;
// Ports of this run (the faults range): Postgres, API, proxy, webhook receiver; Temporal and its UI.
// The short run (inside `npm test`) has ports and a directory of its own, so it can run beside a full run.
const PORT_BASE = short ? 10 : 0;
const PORTS = {
  postgres: 3401 + PORT_BASE,
  api: 3402 + PORT_BASE,
  proxy: 3403 + PORT_BASE,
  receiver: 3404 + PORT_BASE,
  temporal: 7401 + PORT_BASE,
  temporalUi: 7402 + PORT_BASE,
};
const JWT_SECRET = 'chaos-run-secret-not-for-production-use';
const PAYLOAD_KEYS = 'chaos-payload-1:Ay/nsVfuMRqiwaFMvxIxxhpxzrHueoKrJ3P7CjPVOaY=';
const MASTER_KEYS = 'chaos-master-1:AeTueB5GsGdLudhiKBDit5qP+AI0uhFsxiFz29FaNEo=';
const seconds = (n: number) => n / 86_400;

const root = join(DATA_DIR, 'chaos', short ? 'short' : 'full');
const runDir = join(root, 'run');
rmSync(runDir, { recursive: true, force: true });
mkdirSync(join(runDir, 'logs'), { recursive: true });
const say = (line: string) => process.stdout.write(`chaos: ${line}\n`);
const newestSource = (dirs: string[]): number =>
  Math.max(
    ...dirs.flatMap((dir) =>
      (readdirSync(join(PROJECT_ROOT, dir), { recursive: true }) as string[]).map(
        (file) => statSync(join(PROJECT_ROOT, dir, file)).mtimeMs,
      ),
    ),
  );
// Bounded: set-up within 5 minutes, then the run within its limit.
const limit = (ms: number, what: string) =>
  setTimeout(() => {
    say(`${what} did not finish within ${Math.round(ms / 60_000)} min: stopping (FAIL)`);
    process.exit(2);
  }, ms);
const setupLimit = limit(5 * 60_000, 'set-up');

const postgres = chaosPostgres(root, PORTS.postgres);
if (!postgres.isRunning()) postgres.start();
// However the run ends (a failure, the time limit, Ctrl-C), nothing it started stays behind; the
// Temporal server's watchdog sees this process go by itself.
process.once('exit', () => {
  killEveryChild();
  try {
    postgres.stop();
  } catch {
    // Already stopped.
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const urls = freshDatabase(postgres, 'homeward_chaos');
{
  const db = createDb(urls.owner, { max: 1 });
  await migrateToLatest(db);
  await seedRegistry(db);
  await db.destroy();
}
const proxy = await startTcpProxy({ host: '127.0.0.1', port: PORTS.postgres }, PORTS.proxy);
const temporal = await superviseDevServer({
  cliPath: findTemporalCli(),
  dbFile: join(runDir, 'temporal.db'),
  port: PORTS.temporal,
  uiPort: PORTS.temporalUi,
  serverLogFile: join(runDir, 'logs', 'temporal.log'),
  log: (message) => say(message),
});
// Bundling the workflows costs a minute on a busy machine: kept between runs while the sources are older.
const bundlePath = join(root, 'workflow-bundle.js');
if (!existsSync(bundlePath) || newestSource(['workflows', 'domain', 'platform/crypto']) > statSync(bundlePath).mtimeMs) {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => say(m) },
  });
  writeFileSync(bundlePath, code);
}

const received = new Map<string, number>();
const receiver = createServer((request, response) => {
  const id = request.headers['x-homeward-delivery'];
  request.resume().on('end', () => {
    if (typeof id === 'string') received.set(id, (received.get(id) ?? 0) + 1);
    response.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(PORTS.receiver, '127.0.0.1', resolve));

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: proxy.urlThrough(urls.owner),
  APP_DATABASE_URL: proxy.urlThrough(urls.app),
  TEMPORAL_ADDRESS: temporal.address,
  HOMEWARD_TASK_QUEUE: 'chaos-cases',
  HOMEWARD_WORKFLOW_BUNDLE: bundlePath,
  HOMEWARD_JWT_SECRET: JWT_SECRET,
  HOMEWARD_PAYLOAD_KEYS: PAYLOAD_KEYS,
  HOMEWARD_MASTER_KEYS: MASTER_KEYS,
  // Screening falls due within seconds, so cases left waiting send reminders and escalations (the outbox).
  HOMEWARD_DEADLINES: JSON.stringify({ default: { days: { 'identification.screened': seconds(10) }, escalateAfterDays: seconds(5) } }),
  PORT: String(PORTS.api),
  LOG_LEVEL: 'warn',
};
const logs = join(runDir, 'logs');
const api = startManaged('api', 'chaos/api-process.ts', env, logs, /api-ready/);
const workers: ManagedProcess[] = Array.from({ length: PLAN.workers }, (_, i) =>
  startManaged(`worker-${i + 1}`, 'worker/main.ts', { ...env, LOG_LEVEL: 'info' }, logs, /worker started/),
);
const baseUrl = `http://127.0.0.1:${PORTS.api}`;
const ready = async (withinMs = 120_000) => {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
};
if (!(await ready())) throw new Error('the API did not become ready');
const caseworker = await mintToken(JWT_SECRET, { userId: 'u-chaos-1', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' }, '2h');
const originCaseworker = await mintToken(JWT_SECRET, { userId: 'u-chaos-3', agencyId: 'mm-dsw', role: 'caseworker' }, '2h');
const coordinator = await mintToken(JWT_SECRET, { userId: 'u-chaos-2', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' }, '2h');
const subscribed = await fetch(`${baseUrl}/v1/webhook-subscriptions`, {
  method: 'POST',
  headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
  body: JSON.stringify({ url: `http://127.0.0.1:${PORTS.receiver}/hook`, secret: 'chaos-webhook-secret-0123456789' }),
});
if (subscribed.status !== 201) throw new Error(`webhook subscription refused: ${subscribed.status}`);

say(`${PLAN.cases} cases, ${PLAN.clients} clients, ${PLAN.workers} worker processes; the nemesis starts`);
clearTimeout(setupLimit);
// Healing and the checker get time of their own beyond the driving: a cut-off run judges nothing.
const hardStop = limit(PLAN.limitMs + (short ? 2 : 15) * 60_000, 'the run');
const startedAt = Date.now();
let nextWorker = 0;
const nemesis = startNemesis(
  {
    postgres,
    proxy,
    killWorker: () => workers[nextWorker++ % workers.length]!.killAndRestart(),
    killApi: () => api.killAndRestart(),
    killTemporal: async () => {
      const before = temporal.restarts();
      process.kill(temporal.serverPid()!, 'SIGKILL');
      while (temporal.restarts() === before || temporal.serverPid() === undefined) await new Promise((r) => setTimeout(r, 100));
    },
  },
  PLAN,
);
const operations = await runClients({
  baseUrl,
  tokens: { host: caseworker, origin: originCaseworker },
  runId: `r${startedAt}`,
  cases: PLAN.cases,
  clients: PLAN.clients,
  openOnlyEvery: PLAN.openOnlyEvery,
  // The short run goes on until its script is injected; the full one until its minimum of worker kills.
  moreCasesWhile: () =>
    PLAN.script !== undefined
      ? !nemesis.scriptDone()
      : nemesis.faults.filter((f) => f.kind === 'worker-kill').length < (PLAN.minWorkerKills ?? 0),
  historyFile: join(runDir, 'history.jsonl'),
  giveUpAfterMs: 120_000,
  // Leave time for the cases under way, healing and the checker within the run's limit.
  noNewCasesAfter: startedAt + PLAN.limitMs - (short ? 4 : 8) * 60_000,
});
await nemesis.stop();
const drivenMs = Date.now() - startedAt;
say(`clients done after ${(drivenMs / 1000).toFixed(0)} s; ${nemesis.faults.length} faults; healing`);

// Heal and quiet: everything up, then wait until the outbox has delivered what it holds.
proxy.restore();
if (!postgres.isRunning()) postgres.start();
const healthy = await ready();
const db = createDb(urls.owner, { max: 2 });
const quietUntil = Date.now() + 90_000;
for (;;) {
  const { rows } = await sql<{ pending: number; recent: number }>`
    select (select count(*)::int from webhook_deliveries where delivered_at is null) as pending,
           (select count(*)::int from events where recorded_at > now() - interval '3 seconds') as recent`.execute(db);
  if ((rows[0]!.pending === 0 && rows[0]!.recent === 0) || Date.now() > quietUntil) break;
  await new Promise((r) => setTimeout(r, 1000));
}
const client = await connectClient(temporal.address, 'default', parseKeyRing('HOMEWARD_PAYLOAD_KEYS', PAYLOAD_KEYS));
const result = await check(db, client, operations, received);
const alive = {
  api: api.alive(),
  workers: workers.every((w) => w.alive()),
  temporal: temporal.serverPid() !== undefined,
  postgres: postgres.isRunning(),
  ready: healthy,
};
const injected = new Set(nemesis.faults.map((f) => f.kind));
const missed = (PLAN.script ?? []).filter((kind) => !injected.has(kind));
if (missed.length) result.problems.push(`the clients finished before the nemesis injected: ${missed.join(', ')}`);
if (!Object.values(alive).every(Boolean)) result.problems.push(`not every process is alive after healing: ${JSON.stringify(alive)}`);
const report = summarise({
  short,
  plan: PLAN,
  drivenMs,
  operations,
  faults: nemesis.faults,
  historyFile: join(runDir, 'history.jsonl'),
  result,
  alive,
});
writeFileSync(join(root, short ? 'last-short-run.json' : 'last-run.json'), JSON.stringify(report, null, 2));
if (!short) writeReliability(report, ['npm run chaos', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '));

await client.connection.close();
await db.destroy();
await api.stop();
await Promise.all(workers.map((w) => w.stop()));
await temporal.stop();
await proxy.close();
receiver.close();
postgres.stop();
clearTimeout(hardStop);

const passed = result.problems.length === 0;
say(JSON.stringify(report.figures));
for (const problem of result.problems.slice(0, 30)) say(`problem: ${problem}`);
say(passed ? 'PASS' : `FAIL (${result.problems.length} problems)`);
process.exit(passed ? 0 : 1);

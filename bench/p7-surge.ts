/**
 * P7, the surge (issue #20): cases opened and advanced through the API instances on the full
 * Temporal server (cluster/), with 1, 2 and 4 worker processes. Each worker count gets `cases` new
 * cases from `concurrency` clients, each case opened and taken through identification and
 * verification to a scheduled handover (nine requests), so the cases stay open. Throughput and p99
 * action latency are reported as ratios to the 1-worker run; then, with every case of the three
 * runs open, topped up to `openCases` open cases with open cases of the P4 data set (a tenth of them
 * made overdue), the stalled-cases query and the case list are timed against a primary-key lookup,
 * all through the API. Figures only: nothing here asserts a time.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { mintToken } from '../api/auth.js';
import { buildWorkflowBundle, homewardProcesses, temporalPorts } from '../cluster/cluster.js';
import { startTemporalServer } from '../cluster/temporal-server.js';
import { DATA_DIR, PROJECT_ROOT } from '../platform/config.js';
import { createDb } from '../store/db.js';
import { inSchema, prepareSchema } from './database.js';
import { CORRIDORS } from './fixtures.js';
import { rebuildProjections } from '../store/projections/index.js';
import { ensureSeed } from './seed.js';
import { formatSeries, median, percentile } from './stats.js';
import { benchKeys } from './temporal-services.js';

const run = promisify(execFile);

export interface SurgeRun {
  workers: number;
  cases: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

export interface SurgeResult {
  /** When it ran and the machine's 1-minute load average before and after (other work shares the cores). */
  startedAt: string;
  load: [number, number];
  casesPerRun: number;
  concurrency: number;
  apis: number;
  runs: SurgeRun[];
  queries: {
    openCases: number;
    copiedFromSeed: number;
    overdue: number;
    iterations: number;
    stalledMs: number[];
    listMs: number[];
    lookupMs: number[];
  };
}

export interface SurgeOptions {
  benchUrl: string;
  cases: number;
  /** Open cases the queries run against; those the surge did not open are copied from the P4 data set. */
  openCases?: number;
  concurrency?: number;
  workerCounts?: number[];
  apis?: number;
  log: (line: string) => void;
}

const SECRET = 'bench-surge-jwt-secret-not-for-production';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** Each step sent by the side that performs it (domain/repatriation/sides.ts): origin steps by Myanmar's focal point. */
const ADVANCE: { by: 'host' | 'origin'; action: Record<string, unknown> }[] = [
  { by: 'host', action: { type: 'record_screening', outcome: 'presumed_victim' } },
  { by: 'host', action: { type: 'record_identification' } },
  { by: 'host', action: { type: 'record_consent', consent: 'given' } },
  { by: 'host', action: { type: 'send_verification_request', toAgencyId: 'mm-dsw' } },
  { by: 'origin', action: { type: 'record_nationality_verification', result: 'verified' } },
  { by: 'origin', action: { type: 'record_family_assessment', result: 'safe' } },
  { by: 'origin', action: { type: 'record_travel_document', documentKind: 'certificate_of_identity' } },
  { by: 'host', action: { type: 'schedule_handover', date: inDays(20), crossingPoint: 'mae-sot-myawaddy' } },
];

export async function runSurge(options: SurgeOptions): Promise<SurgeResult> {
  const { cases, log } = options;
  const concurrency = options.concurrency ?? 32;
  const workerCounts = options.workerCounts ?? [1, 2, 4];
  const apis = options.apis ?? 2;
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg()[0]!;
  const benchDb = new URL(options.benchUrl).pathname.slice(1);
  const temporalDatabase = `${benchDb}_temporal`;
  await run('bash', ['scripts/cluster-prerequisites.sh', temporalDatabase, `${temporalDatabase}_visibility`], { cwd: PROJECT_ROOT });
  await prepareSchema(options.benchUrl, 'surge', { fresh: true, migrate: true });
  const url = inSchema(options.benchUrl, 'surge');
  const dir = join(DATA_DIR, 'bench', 'surge');
  log(`P7: starting the full Temporal server (4 services, 4 shards) in ${dir}`);
  const temporal = await startTemporalServer({
    dir,
    postgres: new URL(options.benchUrl),
    database: temporalDatabase,
    ports: await temporalPorts('free'),
    fresh: true,
  });
  const keys = benchKeys();
  const db = createDb(url, { max: 2 });
  try {
    const bundlePath = await buildWorkflowBundle(dir);
    const caseworker = await mintToken(SECRET, { userId: 'u-bench-1', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' });
    const focalPoint = await mintToken(SECRET, { userId: 'u-bench-2', agencyId: 'mm-dsw', role: 'caseworker' });
    const runs: SurgeRun[] = [];
    let lastApis: string[] = [];
    for (const workers of workerCounts) {
      const processes = homewardProcesses({
        dir,
        temporalAddress: temporal.address,
        bundlePath,
        ports: 'free',
        name: `surge-${workers}w`,
        homewardEnv: {
          DATABASE_URL: url,
          // The bench schema's tables are the owner's; row-level security is exercised by the tests.
          APP_DATABASE_URL: url,
          HOMEWARD_TASK_QUEUE: `surge-${workers}w-${Date.now()}`,
          HOMEWARD_JWT_SECRET: SECRET,
          HOMEWARD_PAYLOAD_KEYS: keys.payloadSpec,
          HOMEWARD_MASTER_KEYS: keys.masterSpec,
          LOG_LEVEL: 'warn',
        },
      });
      try {
        for (let i = 0; i < workers; i++) await processes.startWorker();
        for (let i = 0; i < apis; i++) await processes.startApi();
        const urls = processes.apis.map((a) => a.url);
        log(`P7: ${cases} cases x ${ADVANCE.length + 1} requests, ${concurrency} clients, ${workers} worker(s), ${apis} API instances`);
        runs.push({ workers, ...(await surge(urls, { host: caseworker, origin: focalPoint }, cases, concurrency)) });
        log(`P7: ${workers} worker(s): ${runs.at(-1)!.requestsPerSecond.toFixed(1)} requests/s, p99 ${runs.at(-1)!.p99Ms.toFixed(0)} ms`);
        lastApis = urls;
        if (workers !== workerCounts.at(-1)) await processes.stop();
        else {
          const copied = await fillOpenCases(db, options.benchUrl, options.openCases ?? 50_000, log);
          log('P7: queries with every case open');
          const queries = { ...(await timeQueries(db, lastApis, caseworker)), copiedFromSeed: copied };
          await processes.stop();
          return { startedAt, load: [loadBefore, loadavg()[0]!], casesPerRun: cases, concurrency, apis, runs, queries };
        }
      } catch (error) {
        await processes.stop();
        throw error;
      }
    }
    throw new Error('P7: no worker counts');
  } finally {
    await db.destroy();
    await temporal.stop();
  }
}

async function surge(
  apis: string[],
  tokens: Record<'host' | 'origin', string>,
  cases: number,
  concurrency: number,
): Promise<Omit<SurgeRun, 'workers'>> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const refusals = new Map<string | number, number>();
  const send = async (url: string, token: string, body: unknown): Promise<any> => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { code?: string; caseId?: string } | null;
    latencies.push(performance.now() - started);
    if (!response.ok) {
      failed++;
      refusals.set(answer?.code ?? response.status, (refusals.get(answer?.code ?? response.status) ?? 0) + 1);
    }
    return answer;
  };
  const started = performance.now();
  const lane = async () => {
    while (next < cases) {
      const i = next++;
      const api = apis[i % apis.length]!;
      const corridor = CORRIDORS[0]!;
      const opened = await send(`${api}/v1/cases`, tokens.host, {
        hostCountry: corridor.host,
        originCountry: corridor.origin,
        person: { sex: i % 3 === 0 ? 'male' : 'female', ageGroup: 'adult', details: { fullName: `Surge ${i}` } },
      });
      if (!opened?.caseId) continue;
      for (const step of ADVANCE) await send(`${api}/v1/cases/${opened.caseId}/actions`, tokens[step.by], step.action);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  // A refused step is a bench that measures the wrong thing: say which, so it is seen.
  if (refusals.size > 0) console.error(`P7: refused ${JSON.stringify(Object.fromEntries(refusals))}`);
  return {
    cases,
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failed,
  };
}

/**
 * Tops the open cases up to `target` with open cases of the P4 data set (their streams and events
 * copied, then the read models rebuilt by the real rebuild), so the queries meet the issue's 50,000
 * open cases without 50,000 cases advanced through Temporal, which two cores cannot do in a session.
 * The copies have no workflows: the queries read only Postgres. Returns how many were copied.
 */
async function fillOpenCases(db: ReturnType<typeof createDb>, benchUrl: string, target: number, log: (line: string) => void) {
  const { rows } = await sql<{ open: string }>`select count(*) as open from cases where status = 'open'`.execute(db);
  const missing = target - Number(rows[0]!.open);
  if (missing <= 0) return 0;
  const seed = await ensureSeed(benchUrl, 100_000, log);
  log(`P7: copying ${missing.toLocaleString('en-US')} open cases from ${seed.schema} and rebuilding the read models`);
  await db.transaction().execute(async (trx) => {
    await sql`create temp table fill on commit drop as
      select 'case-' || case_id as stream_id from ${sql.table(`${seed.schema}.cases`)}
      where status = 'open' and kind = 'victim_repatriation' order by case_id limit ${missing}`.execute(trx);
    await sql`insert into streams select s.* from ${sql.table(`${seed.schema}.streams`)} s join fill using (stream_id)`.execute(trx);
    await sql`insert into events (stream_id, stream_position, event_id, type, data, metadata, actor_id, agency_id, recorded_at)
      select e.stream_id, e.stream_position, e.event_id, e.type, e.data, e.metadata, e.actor_id, e.agency_id, e.recorded_at
      from ${sql.table(`${seed.schema}.events`)} e join fill using (stream_id) order by e.global_position`.execute(trx);
  });
  await rebuildProjections(db);
  await sql`analyze`.execute(db);
  return missing;
}

/** The stalled dashboard and the case list against a primary-key lookup, one request at a time through the API. */
async function timeQueries(
  db: ReturnType<typeof createDb>,
  apis: string[],
  caseworker: string,
): Promise<Omit<SurgeResult['queries'], 'copiedFromSeed'>> {
  // A tenth of the open cases overdue, so the stalled query has rows to return and order.
  await sql`update cases set step_due_at = now() - interval '2 days' where status = 'open' and random() < 0.1`.execute(db);
  const { rows } = await sql<{ open: string; overdue: string; any: string }>`
    select count(*) filter (where status = 'open') as open, count(*) filter (where status = 'open' and step_due_at < now()) as overdue,
           min(case_id::text) as any from cases`.execute(db);
  const coordinator = await mintToken(SECRET, { userId: 'u-bench-co', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' });
  const time = async (path: string, token: string) => {
    const started = performance.now();
    const response = await fetch(`${apis[0]}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`P7: ${path} answered ${response.status}`);
    return performance.now() - started;
  };
  const iterations = 50;
  const stalledMs: number[] = [];
  const listMs: number[] = [];
  const lookupMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    stalledMs.push(await time('/v1/monitoring/stalled?country=TH&limit=100', coordinator));
    listMs.push(await time('/v1/cases?limit=50', caseworker));
    lookupMs.push(await time(`/v1/cases/${rows[0]!.any}`, caseworker));
  }
  return { openCases: Number(rows[0]!.open), overdue: Number(rows[0]!.overdue), iterations, stalledMs, listMs, lookupMs };
}

export function renderSurge(r: SurgeResult): string {
  const base = r.runs[0]!;
  const q = r.queries;
  const ms = (values: number[]) => `${median(values).toFixed(1)} ms (p99 ${percentile(values, 99).toFixed(1)})`;
  return [
    '# Surge on the full Temporal server (P7)',
    '',
    `Written by \`npm run bench -- --only P7\` (bench/p7-surge.ts): ${r.casesPerRun.toLocaleString('en-US')} cases per run, each opened and taken to a ` +
      `scheduled handover (${ADVANCE.length + 1} requests), by ${r.concurrency} concurrent clients through ${r.apis} API instances, on the full ` +
      'Temporal server v1.29.1 (frontend, history, matching and worker as processes, 4 history shards, Postgres persistence).',
    '',
    '| workers | requests | seconds | requests/s | ratio to 1 worker | p50 ms | p99 ms | p99 ratio | refused |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.runs.map(
      (run) =>
        `| ${run.workers} | ${run.requests} | ${run.seconds.toFixed(1)} | ${run.requestsPerSecond.toFixed(1)} | ${(run.requestsPerSecond / base.requestsPerSecond).toFixed(2)}x | ` +
        `${run.p50Ms.toFixed(0)} | ${run.p99Ms.toFixed(0)} | ${(run.p99Ms / base.p99Ms).toFixed(2)}x | ${run.failed} |`,
    ),
    '',
    `With ${q.openCases.toLocaleString('en-US')} open cases (${q.overdue.toLocaleString('en-US')} overdue; ${q.copiedFromSeed.toLocaleString('en-US')} of them ` +
      `copied from the P4 data set, their read models rebuilt, with no workflows), ${q.iterations} requests each, through the API:`,
    `stalled cases (\`/v1/monitoring/stalled?country=TH&limit=100\`) ${ms(q.stalledMs)}, ${(median(q.stalledMs) / median(q.lookupMs)).toFixed(2)}x a lookup; ` +
      `case list (\`/v1/cases?limit=50\`) ${ms(q.listMs)}, ${(median(q.listMs) / median(q.lookupMs)).toFixed(2)}x; ` +
      `primary-key lookup (\`/v1/cases/{id}\`) ${ms(q.lookupMs)}. Spread of the lookups: ${formatSeries(q.lookupMs, 'ms')}.`,
    '',
    '**What 2 cores can and cannot show.** Every process here - four Temporal services, Postgres, the workers, the API instances and',
    'the clients themselves - shares two cores, so adding workers adds no CPU: the ratios show whether more workers on one task queue',
    'work correctly and what their coordination costs (more pollers, sticky caches split, more Postgres connections), not how far',
    'they scale. A ratio near 1.0x means the machine, not the worker count, is the limit; a ratio well below 1.0x would mean the workers',
    "get in each other's way. On a 16-core deployment with Temporal, Postgres and the workers on machines of their own, throughput",
    'should grow with workers until history (shards, persistence latency) or Postgres (the append transaction) saturates; these',
    'figures cannot say where that is. The query ratios are what carries over best (one Postgres, one request at a time).',
    '',
    `This run: ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, load average ${r.load[0].toFixed(1)} before and ${r.load[1].toFixed(1)} after. ` +
      `At its 1-worker rate, the issue's full size (50,000 cases, ${(50_000 * (ADVANCE.length + 1)).toLocaleString('en-US')} requests per worker count) ` +
      `would take ${((50_000 * (ADVANCE.length + 1)) / base.requestsPerSecond / 3600).toFixed(1)} hours per worker count on this machine: ` +
      'run `npm run bench -- --only P7` (its default) where the hours are there.',
    '',
  ].join('\n');
}

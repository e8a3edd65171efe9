/**
 * `npm run bench [-- --quick] [--only P1,P3] [--runs N] [--tuning '{"maxCachedWorkflows":500}']`
 * Runs the benchmarks of issue #7 on the real services (its own in-memory Temporal dev server, the
 * `homeward_bench` database) and writes BENCHMARKS.md from what it measured. Separate from the
 * tests: nothing here asserts a time. BENCH_WORKER_NODE_FLAGS passes Node flags to the P1/P2 worker
 * process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it (how P1's costs were found).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DATA_DIR, PROJECT_ROOT } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { installTemporalRuntime } from '../platform/temporal.js';
import { createDb } from '../store/db.js';
import { benchDatabaseUrl, inSchema, prepareSchema } from './database.js';
import { describeMachine, type Machine } from './machine.js';
import { runP1, type P1Result } from './p1-open.js';
import { runP2, type P2Result } from './p2-round-trip.js';
import { cpuProbe } from './cpu.js';
import { runP3, type P3Result } from './p3-append.js';
import { runP4, type P4Result } from './p4-queries.js';
import { runD1, type D1Result } from './d1-dashboards.js';
import { D1_END, D1_START, explainD1 } from './report-d1.js';
import { runP5, type P5Result } from './p5-rebuild.js';
import { runP6, type P6Measurement } from './p6-worker-rss.js';
import { explainM1, M1_END, M1_START, runM1, type M1Result } from './m1-matching.js';
import { renderSurge, runSurge, type SurgeResult } from './p7-surge.js';
import { C1_END, C1_START, explainC1, runC1, type C1Result } from './c1-console.js';
import { B1_END, B1_START, renderB1, runB1, type B1Result } from './b1-console-confirm.js';
import { renderReport } from './report.js';
import { ensureSeed, type Seed } from './seed.js';
import { benchKeys, bundleBenchWorkflows, connectBenchClient, startBenchTemporal } from './temporal-services.js';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../worker/create-worker.js';
import { startWorkerProcess } from './worker-process.js';

export interface BenchResults {
  mode: 'full' | 'quick';
  startedAt: string;
  seconds: number;
  machine: { before: Machine; after: Machine };
  workerTuning: Record<string, unknown>;
  seed?: Seed;
  p1?: P1Result;
  p2?: P2Result;
  p3?: P3Result;
  p4?: P4Result;
  p5?: P5Result;
  p6?: P6Measurement[];
  m1?: M1Result;
  /** The console on a slow link (issue 18). */
  c1?: C1Result;
  /** The coordinators' dashboards through the API (issue 19), on the P4 data set. */
  d1?: D1Result;
  /** The surge on the full Temporal server (issue #20), reported in BENCHMARKS-SURGE.md. */
  p7?: SurgeResult;
  /** Confirming a batch's people from the console against the API alone (issue #19). */
  b1?: B1Result;
  /** Remarks on how this particular run was made (e.g. parts run side by side), shown in the report. */
  notes?: string[];
  /** When each benchmark ran and the machine's load then (a merged report mixes runs). */
  when: Partial<Record<BenchId, { at: string; load: number[] }>>;
}

export type BenchId = 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P6' | 'M1' | 'C1' | 'B1' | 'D1';

const program = new Command()
  .option('--quick', 'a smaller, faster run (figures are noisier)')
  .option('--only <ids>', 'comma-separated subset, e.g. P1,P3')
  .option('--runs <n>', 'runs per benchmark (default 3, quick 2)')
  .option('--tuning <json>', 'worker tuning for P1/P2 (create-worker `tuning`), JSON', '{}')
  .option('--output <file>', 'where to write the report', join(PROJECT_ROOT, 'BENCHMARKS.md'))
  .option('--merge', 'keep the benchmarks not run now from the last results of this mode (data/bench/results-*.json)')
  .option('--surge-cases <n>', 'P7 (only with --only P7: hours at full size): cases per worker count (default 50,000; quick 2,000)')
  .option('--surge-open <n>', 'P7: open cases the queries run against, topped up from the P4 data set (default 50,000)')
  .option('--seed-cases <n>', 'size of the P4/P5/D1 data set (default 100,000; quick 10,000): a smaller one on a busy machine')
  .option('--report-only', 'measure nothing: write the report again from the last results of this mode')
  .parse();
const opts = program.opts<{
  quick?: boolean;
  only?: string;
  runs?: string;
  tuning: string;
  output: string;
  merge?: boolean;
  reportOnly?: boolean;
  surgeCases?: string;
  surgeOpen?: string;
  seedCases?: string;
}>();
const quick = Boolean(opts.quick);
const only = new Set((opts.only ?? 'P1,P2,P3,P4,P5,P6,M1,C1,D1').toUpperCase().split(','));
const runs = Number(opts.runs ?? (quick ? 2 : 3));
const workerTuning = JSON.parse(opts.tuning) as Record<string, unknown>;
const started = performance.now();
const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);

const size = quick
  ? {
      p1: 300,
      p1Runs: runs,
      p2: { 1: 40, 16: 8 } as const,
      p3: { singleAppends: 60, batches: 3, runs },
      seedCases: 10_000,
      p4Iterations: 60,
      p5Runs: 1,
      p6: 1_000,
    }
  : // P1's 2,500 cases are 5 blocks of 500, each paired with 500 bare workflows; opening P6's 10,000 cases is most of a full run.
    {
      p1: 500,
      p1Runs: 5,
      p2: { 1: 150, 16: 25 } as const,
      p3: { singleAppends: 1_000, batches: 20, runs: 5 },
      seedCases: 100_000,
      p4Iterations: 200,
      p5Runs: 2,
      p6: 10_000,
    };

// BENCH_RESULTS_FILE lets two partial runs (e.g. P6 beside P1/P2) keep separate results to merge.
const resultsFile = process.env.BENCH_RESULTS_FILE ?? join(DATA_DIR, 'bench', `results-${quick ? 'quick' : 'full'}.json`);
/**
 * Writes BENCHMARKS.md: the whole report, or, when a bench with a section of its own (M1, C1, B1, D1) ran alone and the report exists, only
 * that section (added if missing), leaving the other parts' figures as they were; a whole report keeps the sections it did not measure.
 */
function writeReport(results: BenchResults): void {
  if (only.size === 1 && only.has('P7')) return; // the surge alone has its report in BENCHMARKS-SURGE.md
  const sections: { id: BenchId; start: string; end: string; render: () => string | undefined }[] = [
    { id: 'M1', start: M1_START, end: M1_END, render: () => (results.m1 ? explainM1(results.m1)?.text : undefined) },
    { id: 'C1', start: C1_START, end: C1_END, render: () => (results.c1 ? explainC1(results.c1, results.when.C1) : undefined) },
    {
      id: 'B1',
      start: B1_START,
      end: B1_END,
      render: () => (results.b1 && results.when.B1 ? renderB1(results.b1, results.when.B1.at) : undefined),
    },
    {
      id: 'D1',
      start: D1_START,
      end: D1_END,
      render: () =>
        results.d1
          ? explainD1(results.d1, { cases: results.seed?.cases ?? 0, events: results.seed?.events ?? 0, at: results.when.D1 })?.text
          : undefined,
    },
  ];
  const earlier = existsSync(opts.output) ? readFileSync(opts.output, 'utf8') : '';
  const alone = only.size === 1 && sections.some((section) => only.has(section.id)) && earlier !== '';
  let report = alone ? earlier : renderReport(results);
  for (const section of sections) {
    const text = (only.has(section.id) ? section.render() : undefined) ?? sectionIn(earlier, section.start, section.end);
    if (text) report = replaceSection(report, text, section.start, section.end);
  }
  writeFileSync(opts.output, report);
}

const sectionIn = (report: string, start: string, end: string) => {
  const at = report.indexOf(start);
  return at < 0 ? undefined : report.slice(at, report.indexOf(end) + end.length);
};

/** A section replaced (or added at the end), the other parts' figures left as they were. */
function replaceSection(report: string, section: string, start: string, end: string): string {
  const at = report.indexOf(start);
  return at < 0 ? `${report.trimEnd()}\n\n${section}\n` : report.slice(0, at) + section + report.slice(report.indexOf(end) + end.length);
}

if (opts.reportOnly) {
  writeReport(JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults);
  process.exit(0);
}
const earlier = opts.merge && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults) : undefined;
const results: BenchResults = {
  ...earlier,
  mode: quick ? 'quick' : 'full',
  startedAt: earlier?.startedAt ?? new Date().toISOString(),
  seconds: earlier?.seconds ?? 0,
  machine: { before: earlier?.machine.before ?? (await describeMachine()), after: undefined as never },
  workerTuning,
  when: earlier?.when ?? {},
};
/** Written after each benchmark, so a run that fails later keeps what it measured (`--merge`, `--report-only`). */
function saveResults(): void {
  mkdirSync(join(DATA_DIR, 'bench'), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(results, null, 2));
}
const stamp = (id: BenchId) =>
  void (results.when[id] = { at: new Date().toISOString(), load: loadavg().map((l) => Math.round(l * 100) / 100) });
const baseUrl = benchDatabaseUrl();

if (only.has('P3')) {
  log('P3: event append throughput');
  stamp('P3');
  // Appends take milliseconds: P3 runs longer and more often than the rest, so a checkpoint or an
  // autovacuum falling into one store's window moves its median less.
  results.p3 = await runP3({ databaseUrl: baseUrl, writers: 8, ...size.p3, runs: opts.runs ? runs : size.p3.runs, batchSize: 100, log });
  saveResults();
}

if (only.has('M1')) {
  log('M1: possible matches (issue 21)');
  stamp('M1');
  await prepareSchema(baseUrl, 'matching', { fresh: true, migrate: true });
  const matchDb = createDb(inSchema(baseUrl, 'matching'));
  try {
    results.m1 = await runM1({ db: matchDb, persons: 100_000, iterations: quick ? 100 : 300, runs, log });
    saveResults();
  } finally {
    await matchDb.destroy();
  }
}

if (only.has('P4') || only.has('P5') || only.has('D1')) {
  results.seed = await ensureSeed(baseUrl, Number(opts.seedCases ?? size.seedCases), log);
  const seedDb = createDb(results.seed.url);
  try {
    // P5 first: it rebuilds the read model with the current projection code, which P4 then reads.
    if (only.has('P5')) {
      log(`P5: projection rebuild of ${results.seed.events.toLocaleString('en-US')} events`);
      stamp('P5');
      results.p5 = await runP5({ db: seedDb, runs: size.p5Runs, log });
      saveResults();
    }
    if (only.has('P4')) {
      log(`P4: queries at ${results.seed.cases.toLocaleString('en-US')} cases`);
      stamp('P4');
      results.p4 = await runP4({ db: seedDb, cases: results.seed.cases, iterations: size.p4Iterations, runs, log });
      saveResults();
    }
    if (only.has('D1')) {
      log(`D1: the dashboards through the API at ${results.seed.cases.toLocaleString('en-US')} cases`);
      stamp('D1');
      results.d1 = await runD1({ db: seedDb, iterations: quick ? 20 : 60, runs, log });
      saveResults();
    }
  } finally {
    await seedDb.destroy();
  }
}

if (only.has('P1') || only.has('P2') || only.has('P6')) {
  installTemporalRuntime(createLogger('error', 'temporal-sdk'));
  await prepareSchema(baseUrl, 'live', { fresh: true, migrate: true });
  const liveUrl = inSchema(baseUrl, 'live');
  const keys = benchKeys();
  log('starting an in-memory Temporal dev server and bundling the workflows');
  const server = await startBenchTemporal();
  const bundlePath = await bundleBenchWorkflows();
  const client = await connectBenchClient(server.address, keys);
  const liveDb = createDb(liveUrl);
  try {
    if (only.has('P1') || only.has('P2')) {
      const taskQueue = `bench-${randomUUID()}`;
      const worker = await startWorkerProcess({
        entry: 'bench',
        ...(process.env.BENCH_WORKER_NODE_FLAGS ? { nodeFlags: process.env.BENCH_WORKER_NODE_FLAGS.split(' ') } : {}),
        temporalAddress: server.address,
        databaseUrl: liveUrl,
        taskQueue,
        bundlePath,
        tuning: workerTuning,
        payloadKeys: keys.payloadSpec,
        masterKeys: keys.masterSpec,
      });
      try {
        if (only.has('P1')) {
          log(`P1: opening cases vs bare workflows, ${size.p1Runs} blocks of ${size.p1}`);
          stamp('P1');
          const cpu = cpuProbe({ temporal: server.pid, worker: worker.pid });
          results.p1 = await runP1({ client, taskQueue, cases: size.p1, concurrency: 32, runs: opts.runs ? runs : size.p1Runs, cpu, log });
          saveResults();
        }
        if (only.has('P2')) {
          log('P2: caseworker action round trips');
          stamp('P2');
          results.p2 = await runP2({ client, db: liveDb, keys, taskQueue, requests: size.p2, runs, log });
          saveResults();
        }
      } finally {
        await worker.stop();
      }
    }
    if (only.has('P6')) {
      log(`P6: worker memory with ${size.p6} open cases`);
      stamp('P6');
      results.p6 = await runP6({
        client,
        keys,
        temporalAddress: server.address,
        databaseUrl: liveUrl,
        bundlePath,
        concurrency: 32,
        variants: [
          {
            label: `shipped: worker/main.ts as deployed (maxCachedWorkflows ${DEFAULT_MAX_CACHED_WORKFLOWS})`,
            entry: 'shipped',
            cases: size.p6,
          },
        ],
        log,
      });
      saveResults();
    }
  } finally {
    await liveDb.destroy();
    await client.connection.close();
    await server.stop();
  }
}

if (only.has('C1')) {
  log('C1: the console on a slow link (issue 18)');
  stamp('C1');
  results.c1 = await runC1({ runs: quick ? 2 : Math.max(runs, 3), cases: 60, log });
  saveResults();
}

if (only.has('B1')) {
  stamp('B1');
  // Port 3300 is in this engineer's range on the shared machine; BENCH_B1_PORT moves it.
  results.b1 = await runB1({
    baseUrl,
    people: Number(process.env.BENCH_B1_PEOPLE ?? 2_500),
    port: Number(process.env.BENCH_B1_PORT ?? 3300),
    log,
  });
  saveResults();
}

if (only.has('P7')) {
  results.p7 = await runSurge({
    benchUrl: baseUrl,
    cases: Number(opts.surgeCases ?? (quick ? 2_000 : 50_000)),
    openCases: Number(opts.surgeOpen ?? 50_000),
    log,
  });
  saveResults();
  writeFileSync(opts.output.replace(/\.md$/, '-SURGE.md'), renderSurge(results.p7));
}

results.seconds += (performance.now() - started) / 1000;
results.machine.after = await describeMachine();
saveResults();
writeReport(results);
log(`done in ${results.seconds.toFixed(0)} s; wrote ${opts.output}`);

/**
 * Renders BENCHMARKS.md from one run's results: the summary against the goals of issue #7, then each
 * benchmark's figures, diagnostics and what limits it. Every number in the file comes from the run;
 * the explanations are written around them, with verdicts computed, not typed in.
 */
import type { BenchResults } from './main.js';
import { DESIGN_NOTES } from './design-notes.js';
import { explainP2, explainP3, explainP4, explainP5, explainP6 } from './report-findings.js';
import { explainP1 } from './report-p1.js';
import { explainM1 } from './m1-matching.js';
import { explainD1 } from './report-d1.js';
import { fmt } from './stats.js';

export interface Row {
  id: string;
  measure: string;
  result: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: 'met' | 'missed' | 'not run';
}

export function renderReport(r: BenchResults): string {
  const rows: Row[] = [];
  const sections: string[] = [];
  for (const explain of [
    explainP1,
    explainP2,
    explainP3,
    explainP4,
    explainP5,
    explainP6,
    (b: BenchResults) => explainM1(b.m1),
    (b: BenchResults) => explainD1(b.d1, { cases: b.seed?.cases ?? 0, events: b.seed?.events ?? 0, at: b.when?.D1 }),
  ]) {
    const part = explain(r);
    if (!part) continue;
    rows.push(...part.rows);
    sections.push(part.text);
  }
  const m = r.machine;
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${r.mode === 'quick' ? ' -- --quick' : ''}\` (bench/main.ts) on ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ` +
      `a ${r.mode} run of ${fmt(r.seconds / 60)} minutes of benchmarking. Machine: ${m.before.cores} cores, ${m.before.memoryGiB} GiB, Node ${m.before.node}, ` +
      `${m.before.temporalCli.split('\n')[0]}, PostgreSQL 15 (local, default settings, fsync on). Load average (1/5/15 min) ` +
      `${m.before.load.join(' / ')} at the start and ${m.after.load.join(' / ')} at the end: other processes share these 2 cores.`,
    '',
    'Every figure is the **median over the runs with its spread (min-max) in brackets** (with an even number of runs, the ' +
      'lower of the two middle values). Each goal is a ratio to a baseline ' +
      'measured in the same run, right next to the measured thing (ratios are taken per run, then their median), because on this ' +
      'machine ratios hold and absolute times do not. Temporal figures come from an in-memory dev server started by the bench ' +
      '(`temporal server start-dev`, one history shard, SQLite) and a worker in a child process; payloads are encrypted as in ' +
      'production. Nothing here is a test: `npm test` asserts no time.',
    '',
    '## Summary',
    '',
    '| id | measure | result | baseline | ratio | goal | verdict |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.id} | ${row.measure} | ${row.result} | ${row.baseline} | ${row.ratio} | ${row.goal} | ${row.verdict} |`),
    '',
    ...(r.notes?.length ? ['Notes on this run:', '', ...r.notes.map((note) => `- ${note}`), ''] : []),
    'When each benchmark ran, and the load average (1/5/15 min) then:',
    '',
    '| id | started (UTC) | load |',
    '|---|---|---|',
    ...Object.entries(r.when ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, w]) => `| ${id} | ${w.at.slice(0, 16).replace('T', ' ')} | ${w.load.join(' / ')} |`),
    '',
    ...sections,
    DESIGN_NOTES,
    closingNote(r),
  ].join('\n');
}

/** The table, quoted, with where each goal stands in this run. */
function closingNote(r: BenchResults): string {
  return [
    '## Closing note',
    '',
    'The goals, as issue #7 states them:',
    '',
    '> | id | measure | baseline | goal |',
    '> |---|---|---|---|',
    '> | P1 | open a 2,500-person manifest as cases (workflows started, first events committed) | 2,500 bare workflows that do nothing, same server | >= 0.8x the bare rate |',
    '> | P2 | caseworker action round trip (HTTP -> update -> event committed -> response), p50/p99 at 1 and 16 concurrent clients | a no-op update on a bare workflow | p50 <= 1.5x, p99 <= 3x |',
    "> | P3 | event append throughput, single and batched | raw batched INSERT into a bare table; Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql, a dev dependency of the bench only) appending the same events to the same database | ahead of Emmett; >= 0.5x raw |",
    '> | P4 | stalled-case query and case list at 100,000 cases / 2,000,000 events | primary-key lookup | <= 5x |',
    '> | P5 | projection rebuild rate | - | >= 50,000 events/s |',
    '> | P6 | worker RSS with 10,000 open cases | - | <= 1 GiB |',
    '',
    `This ${r.mode} run's verdicts are in the summary above; the sections say what limits each missed goal and what would move it.`,
    r.mode === 'quick'
      ? '\n**This was a quick run** (smaller sizes, fewer runs): the sizes the issue names need the full `npm run bench`.'
      : '',
    '',
  ].join('\n');
}

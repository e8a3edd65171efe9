/**
 * P4: read-model queries on the seeded data set (100,000 cases / ~2,000,000 events), latency
 * against a primary-key lookup of one case. Measured: the case list (store/case-queries.ts
 * listCases) with filters and keyset cursors, the stalled-case query (store/monitoring.ts
 * stalledCases: open cases past their step deadline, most overdue first), and a stalled-style query
 * without a deadline (open cases of a country, longest without progress first). Queries run round-robin, one
 * at a time, so noise hits all of them alike.
 */
import { sql } from 'kysely';
import { findCase, listCases, type CaseListFilter } from '../store/case-queries.js';
import type { Db } from '../store/db.js';
import { stalledCases } from '../store/monitoring.js';
import { seededCaseId } from './seed.js';
import { percentile } from './stats.js';

export interface P4Options {
  db: Db;
  cases: number;
  /** Timed executions of each query per run. */
  iterations: number;
  runs: number;
  /** Extra queries to measure (e.g. issue 5's stalled-case query), by label. */
  extra?: Record<string, (db: Db) => Promise<unknown>>;
  log: (line: string) => void;
}

export interface P4Result {
  iterations: number;
  /** Per query label: p50 and p99 latency in ms, one value per run. The baseline is 'pk'. */
  figures: Record<string, { p50: number[]; p99: number[] }>;
  plans: Record<string, string>;
  /** How many seeded cases the stalled query finds in all (it pages through them 50 at a time). */
  stalledRows?: number;
}

const PAGE = 50;
/** Labels starting with this are diagnostics: shown, but not judged against the goal. */
export const DIAGNOSTIC_PREFIX = 'diagnostic: ';
const COUNTRIES = ['TH', 'MM', 'VN', 'LA'];
const DEEP_PAGES = 20;

type Query = (i: number) => Promise<unknown>;

export async function runP4(options: P4Options): Promise<P4Result> {
  const { db, cases } = options;
  const randomCase = (i: number) => seededCaseId(1 + ((i * 7919) % cases));
  // Cursors of the first pages of each filtered list, found once (untimed), then read at random.
  const filtered: CaseListFilter = { status: 'open', stage: 'verification', limit: PAGE };
  const byCountry: CaseListFilter = { country: 'MM', limit: PAGE };
  const filteredCursors = await cursors(db, filtered);
  const countryCursors = await cursors(db, byCountry);

  const queries: Record<string, Query> = {
    pk: (i) => findCase(db, randomCase(i)),
    'list: newest 50': () => listCases(db, { limit: PAGE }),
    'list: open in verification, pages 1-20': (i) => listCases(db, { ...filtered, after: filteredCursors[i % filteredCursors.length] }),
    'list: country MM, pages 1-20': (i) => listCases(db, { ...byCountry, after: countryCursors[i % countryCursors.length] }),
    'stalled (store/monitoring.ts): all corridors, most overdue first': () => stalledCases(db, { limit: PAGE }),
    'stalled (store/monitoring.ts): one country': (i) => stalledCases(db, { country: COUNTRIES[i % COUNTRIES.length]!, limit: PAGE }),
    [DIAGNOSTIC_PREFIX + 'stalled-style without a deadline: open cases of a country, longest without progress first']: (i) =>
      stalledStyle(db, COUNTRIES[i % COUNTRIES.length]!),
  };
  for (const [label, run] of Object.entries(options.extra ?? {})) queries[label] = () => run(db);

  const result: P4Result = { iterations: options.iterations, figures: {}, plans: {} };
  for (const label of Object.keys(queries)) result.figures[label] = { p50: [], p99: [] };
  for (let i = 0; i < 20; i++) for (const query of Object.values(queries)) await query(i);
  for (let run = 1; run <= options.runs; run++) {
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((label) => [label, []]));
    for (let i = 0; i < options.iterations; i++) {
      for (const [label, query] of Object.entries(queries)) {
        const start = performance.now();
        await query(i);
        samples[label]!.push(performance.now() - start);
      }
    }
    for (const [label, values] of Object.entries(samples)) {
      result.figures[label]!.p50.push(percentile(values, 50));
      result.figures[label]!.p99.push(percentile(values, 99));
    }
    options.log(
      `P4 run ${run}: ${Object.entries(result.figures)
        .map(([label, f]) => `${label.split(':')[0]} ${f.p50.at(-1)!.toFixed(2)}`)
        .join(', ')} ms (p50)`,
    );
  }
  result.plans['stalled-style'] = await plan(db, stalledStyleSql('MM'));
  result.plans['list: country'] = await plan(
    db,
    sql`select case_id, stage, opened_at from cases where host_country = 'MM' order by opened_at desc, case_id desc limit ${PAGE}`,
  );
  result.stalledRows = (await stalledCases(db, { limit: 1_000_000 })).length;
  return result;
}

async function cursors(db: Db, filter: CaseListFilter): Promise<(CaseListFilter['after'] | undefined)[]> {
  const found: (CaseListFilter['after'] | undefined)[] = [undefined];
  for (let page = 1; page < DEEP_PAGES; page++) {
    const rows = await listCases(db, { ...filter, after: found.at(-1) });
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    found.push({ openedAt: last.opened_at.toISOString(), caseId: last.case_id });
  }
  return found;
}

const stalledStyleSql = (country: string) => sql`
  select * from cases
  where status = 'open' and (host_country = ${country} or origin_country = ${country})
  order by last_progress_at, case_id limit ${PAGE}`;

function stalledStyle(db: Db, country: string) {
  return stalledStyleSql(country).execute(db);
}

/** The list's first page with the columns GET /v1/cases shows, leaving out the state and clock JSON. */
async function plan(db: Db, query: ReturnType<typeof sql>): Promise<string> {
  const rows = await sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off) ${query}`.execute(db);
  return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
}

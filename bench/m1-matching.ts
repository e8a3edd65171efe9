/**
 * M1 (issue 21): possible matches. Quality of the top-5 suggestions on the shipped test set
 * (test/fixtures/match-persons.json, the same computation as the unit test), and the cost of a
 * search on an index of 100,000 persons (`store/match-index.ts` search, from a person's stored
 * keys) against a primary-key lookup on the same table, plus what a case opening adds: the
 * decisions read, the search, and the suggestions remembered. Run alone: `npm run bench -- --only M1`.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { createMatchIndex } from '../store/match-index.js';
import { matchDecisionsOf, rememberPossibleMatches } from '../store/person-matches.js';
import { generateKeyRing } from '../platform/crypto/key-ring.js';
import { seededRandom } from '../scripts/generate-match-fixtures.js';
import { evaluate, loadFixtures, subjectOfFixture, type Quality } from '../test/support/match-quality.js';
import { formatRatio, formatSeries, median, percentile, ratios } from './stats.js';
import type { Row } from './report.js';

export interface M1Options {
  db: Db;
  persons: number;
  iterations: number;
  runs: number;
  log: (line: string) => void;
}

export interface M1Result {
  quality: Quality;
  persons: number;
  keys: number;
  iterations: number;
  /** Per query label, p50 and p99 in ms, one value per run; `pk` is the baseline. */
  figures: Record<string, { p50: number[]; p99: number[] }>;
  /** Suggestions a search returned, median over the timed searches. */
  suggestionsPerSearch: number;
}

const CHUNK = 20_000;

export async function runM1(options: M1Options): Promise<M1Result> {
  const { db, log } = options;
  const fixtures = loadFixtures();
  const quality = evaluate(fixtures, generateKeyRing('bench-match').keys.get('bench-match')!);
  log(`M1: quality on ${quality.persons} persons: recall ${quality.recallEligible}, precision ${quality.precision}`);

  // 100,000 persons: the test set's persons again and again under other birth years (1930-2012),
  // so names repeat as they do in a large population, and each one-year cell holds few namesakes.
  const index = createMatchIndex(db, generateKeyRing('bench-match'));
  const random = seededRandom(21);
  const ids: string[] = [];
  let keys = 0;
  let rows: { person_id: string; key_id: string; kind: string; hash: Buffer }[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    await sql`insert into person_match_keys (person_id, key_id, kind, hash)
      select * from unnest(${rows.map((r) => r.person_id)}::uuid[], ${rows.map((r) => r.key_id)}::text[],
                           ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.hash)}::bytea[])
      on conflict do nothing`.execute(db);
    keys += rows.length;
    rows = [];
  };
  for (let i = 0; i < options.persons; i++) {
    const base = fixtures.persons[i % fixtures.persons.length]!;
    const subject = subjectOfFixture(i < fixtures.persons.length ? base : { ...base, birthYear: 1930 + Math.floor(random() * 83) });
    const personId = randomUUID();
    ids.push(personId);
    rows.push(...index.rowsFor(personId, subject));
    if (rows.length >= CHUNK) await flush();
  }
  await flush();
  await sql`analyze person_match_keys`.execute(db);
  log(`M1: ${options.persons.toLocaleString('en-US')} persons, ${keys.toLocaleString('en-US')} match keys`);

  const anyKey = await db
    .selectFrom('person_match_keys')
    .select(['person_id', 'hash'])
    .where('person_id', '=', ids[0]!)
    .executeTakeFirstOrThrow();
  const caseId = randomUUID();
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const suggested: number[] = [];
  const queries: Record<string, (i: number) => Promise<unknown>> = {
    pk: (i) =>
      db
        .selectFrom('person_match_keys')
        .selectAll()
        .where('person_id', '=', i % 2 ? pick(i) : anyKey.person_id)
        .where('hash', '=', anyKey.hash)
        .executeTakeFirst(),
    search: async (i) => suggested.push((await index.search(pick(i))).length),
    // What opening a case adds, before any decryption: decisions read, search, suggestions remembered.
    'opening: decisions, search, remember': async (i) => {
      await matchDecisionsOf(db, caseId);
      const found = await index.search(pick(i));
      await rememberPossibleMatches(
        db,
        caseId,
        found.map((f) => ({ caseId: f.personId, score: f.score })),
      );
    },
  };
  const figures: M1Result['figures'] = Object.fromEntries(Object.keys(queries).map((k) => [k, { p50: [], p99: [] }]));
  for (const query of Object.values(queries)) for (let i = 0; i < 20; i++) await query(i); // warm-up
  for (let run = 0; run < options.runs; run++) {
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((k) => [k, []]));
    // Round-robin, one at a time: noise hits every query alike.
    for (let i = 0; i < options.iterations; i++) {
      for (const [label, query] of Object.entries(queries)) {
        const started = performance.now();
        await query(run * options.iterations + i);
        samples[label]!.push(performance.now() - started);
      }
    }
    for (const [label, values] of Object.entries(samples)) {
      figures[label]!.p50.push(percentile(values, 50));
      figures[label]!.p99.push(percentile(values, 99));
    }
    log(`M1 run ${run + 1}: search p50 ${percentile(samples.search!, 50).toFixed(3)} ms, pk ${percentile(samples.pk!, 50).toFixed(3)} ms`);
  }
  return { quality, persons: options.persons, keys, iterations: options.iterations, figures, suggestionsPerSearch: median(suggested) };
}

export const M1_START = '<!-- M1: possible matches (bench/m1-matching.ts) -->';
export const M1_END = '<!-- /M1 -->';

export function explainM1(m1: M1Result | undefined): { rows: Row[]; text: string } | undefined {
  if (!m1) return undefined;
  const q = m1.quality;
  const ratio = ratios(m1.figures.search!.p50, m1.figures.pk!.p50);
  const rows: Row[] = [
    {
      id: 'M1',
      measure: `match search at ${m1.persons.toLocaleString('en-US')} persons (p50)`,
      result: formatSeries(m1.figures.search!.p50, 'ms'),
      baseline: `primary-key lookup ${formatSeries(m1.figures.pk!.p50, 'ms')}`,
      ratio: formatRatio(ratio),
      goal: 'within 5x',
      verdict: median(ratio) <= 5 ? 'met' : 'missed',
    },
    {
      id: 'M1',
      measure: 'top-5 suggestions on the test set: recall at precision',
      result: `recall ${q.recallEligible} at precision ${q.precision}`,
      baseline: `${q.eligiblePairs} pairs sharing a birth year and a transliterated name`,
      ratio: '-',
      goal: 'recall >= 0.9 at precision >= 0.8',
      verdict: q.recallEligible >= 0.9 && q.precision >= 0.8 ? 'met' : 'missed',
    },
  ];
  const line = (label: string) =>
    `| ${label} | ${formatSeries(m1.figures[label]!.p50, 'ms')} | ${formatSeries(m1.figures[label]!.p99, 'ms')} |`;
  const text = [
    M1_START,
    '## M1: possible matches (issue 21)',
    '',
    `Quality, on the shipped test set (test/fixtures/match-persons.json: ${q.persons} synthetic persons of the six countries, ` +
      `${q.pairs / 2} true pairs, hard non-pairs sharing the most common surname, year, sex and nationality), every person searched ` +
      `against all the others, top 5 above the threshold: **recall ${q.recallEligible} at precision ${q.precision}** on the ` +
      `${q.eligiblePairs} directed pairs that share a birth year and a transliterated name token (the goal's population); ` +
      `recall over all ${q.pairs} directed pairs ${q.recallAll} (pairs written differently in every token, or a year apart ` +
      `with little else, are harder); ${q.suggestions} suggestions in all, ${q.hardNonPairSuggestions} of them for members of the hard groups. ` +
      'Namesakes (same names, birth years within one) are not in the set as different persons: they are suggested by design, for a caseworker to decide.',
    '',
    `Cost, on an index of ${m1.persons.toLocaleString('en-US')} persons (${m1.keys.toLocaleString('en-US')} keyed hashes), ` +
      `${m1.iterations} timed queries per run, ${m1.figures.pk!.p50.length} runs, round-robin; a search returned ` +
      `${m1.suggestionsPerSearch} suggestions (median). Search vs primary-key lookup: ${formatRatio(ratio)}.`,
    '',
    '| query | p50 | p99 |',
    '|---|---|---|',
    line('pk'),
    line('search'),
    line('opening: decisions, search, remember'),
    '',
    'The opening figure is what possible matches add to opening a case before any decryption; for a reader allowed to see ' +
      'a suggestion, each suggested person shown is then read from the vault (one decryption each, at most five).',
    M1_END,
  ].join('\n');
  return { rows, text };
}

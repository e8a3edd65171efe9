/**
 * Precision and recall of the suggestions on the shipped test set (test/fixtures/match-persons.json),
 * computed in memory with the same keys, hashes and ranking as the SQL search, so the unit test and
 * the bench report the same figures. Every person is searched against all the others.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashKey, searchKeys, SCORING_KINDS, storedKeys, type KeyKind, type MatchSubject } from '../../platform/matching/keys.js';
import { blockingScore, CANDIDATES, rank, type Candidate } from '../../platform/matching/ranking.js';
import { nameTokens } from '../../platform/matching/transliterate.js';
import type { FixturePerson, MatchFixtures } from '../../scripts/generate-match-fixtures.js';

export const FIXTURES_FILE = join(import.meta.dirname, '..', 'fixtures', 'match-persons.json');
export const loadFixtures = (): MatchFixtures => JSON.parse(readFileSync(FIXTURES_FILE, 'utf8')) as MatchFixtures;

export const subjectOfFixture = (p: FixturePerson): MatchSubject => ({
  names: p.names,
  birthYear: p.birthYear,
  sex: p.sex,
  nationality: p.nationality,
  documentNumbers: p.documentNumbers,
});

export interface Quality {
  persons: number;
  /** Directed pairs (each record searched for its partner). */
  pairs: number;
  eligiblePairs: number;
  recallEligible: number;
  recallAll: number;
  precision: number;
  suggestions: number;
  /** Suggestions made for members of the hard non-pair groups (all wrong by construction). */
  hardNonPairSuggestions: number;
}

const FILLERS = new Set(['thi', 'van']);
/** The goal's population: the two records share a birth year and a transliterated name token. */
export function eligible(a: FixturePerson, b: FixturePerson): boolean {
  if (a.birthYear === undefined || a.birthYear !== b.birthYear) return false;
  const tokens = (p: FixturePerson) => new Set(p.names.flatMap(nameTokens).filter((t) => !FILLERS.has(t)));
  const tb = tokens(b);
  return [...tokens(a)].some((t) => tb.has(t));
}

/** `inspect` sees each suggestion (for tuning by hand). */
export function evaluate(
  fixtures: MatchFixtures,
  matchKey: Buffer,
  inspect?: (query: FixturePerson, suggested: FixturePerson, score: number, correct: boolean) => void,
): Quality {
  const hex = (kind: KeyKind, value: string) => hashKey(matchKey, { kind, value }).toString('hex');
  const postings = new Map<string, string[]>();
  const stored = new Map<string, Set<string>>();
  for (const person of fixtures.persons) {
    const own = new Set<string>();
    for (const spec of storedKeys(subjectOfFixture(person))) {
      const h = hex(spec.kind, spec.value);
      own.add(h);
      const list = postings.get(h) ?? [];
      list.push(person.id);
      postings.set(h, list);
    }
    stored.set(person.id, own);
  }
  const partner = new Map<string, string>();
  for (const [a, b] of fixtures.truePairs) {
    partner.set(a, b);
    partner.set(b, a);
  }
  const byId = new Map(fixtures.persons.map((p) => [p.id, p]));
  const hard = new Set(fixtures.hardNonPairs.flat());

  let pairs = 0;
  let eligiblePairs = 0;
  let foundEligible = 0;
  let foundAll = 0;
  let suggestions = 0;
  let correct = 0;
  let hardNonPairSuggestions = 0;
  for (const person of fixtures.persons) {
    const query = searchKeys(subjectOfFixture(person));
    const candidates = new Map<string, KeyKind[]>();
    for (const spec of query.filter((s) => !SCORING_KINDS.has(s.kind))) {
      for (const other of postings.get(hex(spec.kind, spec.value)) ?? []) {
        if (other === person.id) continue;
        const kinds = candidates.get(other) ?? [];
        kinds.push(spec.kind);
        candidates.set(other, kinds);
      }
    }
    const shortlist: Candidate[] = [...candidates]
      .map(([personId, kinds]) => ({ personId, kinds }))
      .sort((x, y) => blockingScore(y.kinds) - blockingScore(x.kinds) || (x.personId < y.personId ? -1 : 1))
      .slice(0, CANDIDATES);
    for (const candidate of shortlist) {
      for (const spec of query.filter((s) => SCORING_KINDS.has(s.kind))) {
        if (stored.get(candidate.personId)!.has(hex(spec.kind, spec.value))) candidate.kinds.push(spec.kind);
      }
    }
    const ranked = rank(shortlist);
    const suggested = ranked.map((r) => r.personId);
    for (const r of ranked) inspect?.(person, byId.get(r.personId)!, r.score, partner.get(person.id) === r.personId);
    suggestions += suggested.length;
    const truth = partner.get(person.id);
    if (truth && suggested.includes(truth)) correct += 1;
    if (hard.has(person.id)) hardNonPairSuggestions += suggested.length;
    if (truth) {
      pairs += 1;
      const hit = suggested.includes(truth);
      if (hit) foundAll += 1;
      if (eligible(person, byId.get(truth)!)) {
        eligiblePairs += 1;
        if (hit) foundEligible += 1;
      }
    }
  }
  const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);
  return {
    persons: fixtures.persons.length,
    pairs,
    eligiblePairs,
    recallEligible: ratio(foundEligible, eligiblePairs),
    recallAll: ratio(foundAll, pairs),
    precision: ratio(correct, suggestions),
    suggestions,
    hardNonPairSuggestions,
  };
}

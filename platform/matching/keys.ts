/**
 * Match keys: what is stored beside the vault so a search compares keys, not details. Each key is a
 * keyed hash (HMAC-SHA256 under a match key of its own, `HOMEWARD_MATCH_KEYS`) of one normalised
 * token, so the table says nothing about a name to someone without that key.
 *
 * Blocking keys find candidates and are selective on purpose: pairs of name tokens (spelled, and
 * phonetic) with the birth year, the whole name with the birth year, and document numbers. A common
 * surname alone (Nguyen, Kim, Wang) is never a key, so it never brings a crowd of candidates.
 * Scoring keys (exact birth year, sex, nationality) are compared only for the candidates found.
 */
import { createHmac } from 'node:crypto';
import { phoneticForms, phoneticKey } from './phonetic.js';
import { nameTokens } from './transliterate.js';

export interface MatchSubject {
  /** The full name first, then other names (aliases, names before marriage, other spellings). */
  names: string[];
  birthYear?: number;
  sex?: string;
  nationality?: string;
  documentNumbers?: string[];
}

/**
 * Key kinds. Blocking: `tp` token pair + year, `pp` phonetic pair + year, `pv` the same with vowels, `t1`/`p1` a one-token
 * name + year, `fy` whole name + year, `jy` whole name phonetic + year, `f` whole name (any year),
 * `d` document number. Scoring: `y` birth year, `s` sex, `n` nationality, `c` how many parts the
 * full name has (a name that agrees on two parts of three is weaker evidence than on all).
 */
export type KeyKind = 'tp' | 'pp' | 'pv' | 't1' | 'p1' | 'fy' | 'jy' | 'f' | 'd' | 'y' | 's' | 'n' | 'c';
export const SCORING_KINDS: ReadonlySet<KeyKind> = new Set(['y', 's', 'n', 'c']);

export interface KeySpec {
  kind: KeyKind;
  value: string;
}

/** Middle names so common in Vietnamese that they say nothing (Thị, Văn) are not tokens of a pair. */
const FILLERS: ReadonlySet<string> = new Set(['thi', 'van']);
const MAX_TOKENS = 5;

interface NameForms {
  tokens: string[];
  phonetic: string[];
  phoneticWithVowels: string[];
  whole: string;
  /** The name's sound run together, as written and with the last part first (family name last or first). */
  wholePhonetic: string[];
}

function formsOf(name: string): NameForms | undefined {
  const all = nameTokens(name).filter((t) => !FILLERS.has(t));
  if (all.length === 0) return undefined;
  const tokens = [...new Set(all)].slice(0, MAX_TOKENS);
  const rotated = [all.at(-1)!, ...all.slice(0, -1)];
  return {
    tokens,
    phonetic: [...new Set(tokens.map((t) => phoneticKey(t)).filter((p) => p.length > 0))],
    phoneticWithVowels: [...new Set(tokens.map((t) => phoneticForms(t).fine).filter((p) => p.length > 0))],
    whole: [...all].sort().join(' '),
    wholePhonetic: [...new Set([phoneticKey(all.join(''), 16), phoneticKey(rotated.join(''), 16)])].filter((p) => p.length >= 3),
  };
}

const pairsOf = (items: string[]): string[] => {
  const sorted = [...items].sort();
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.push(`${sorted[i]} ${sorted[j]}`);
  return pairs;
};

/** Document numbers as officers copy them: letters and digits only, upper case. */
export const normaliseDocument = (value: string): string => value.toUpperCase().replace(/[^A-Z0-9]/g, '');

function nameKeys(forms: NameForms, year: string): KeySpec[] {
  const keys: KeySpec[] = [{ kind: 'f', value: forms.whole }];
  if (forms.tokens.length === 1) keys.push({ kind: 't1', value: `${forms.tokens[0]}|${year}` });
  if (forms.phonetic.length === 1 && forms.tokens.length === 1) keys.push({ kind: 'p1', value: `${forms.phonetic[0]}|${year}` });
  for (const pair of pairsOf(forms.tokens)) keys.push({ kind: 'tp', value: `${pair}|${year}` });
  for (const pair of pairsOf(forms.phonetic)) keys.push({ kind: 'pp', value: `${pair}|${year}` });
  for (const pair of pairsOf(forms.phoneticWithVowels)) keys.push({ kind: 'pv', value: `${pair}|${year}` });
  keys.push({ kind: 'fy', value: `${forms.whole}|${year}` });
  for (const sound of forms.wholePhonetic) keys.push({ kind: 'jy', value: `${sound}|${year}` });
  return keys;
}

/**
 * How a stored key takes part in a search: `block` keys are looked up by hash, `probe` keys (the
 * name keys under the neighbouring birth years) only drive a search from this person, so one year
 * apart still meets, and `score` keys are compared only for candidates already found.
 */
export type KeyRole = 'block' | 'probe' | 'score';
export interface PersonKey extends KeySpec {
  role: KeyRole;
}

/** Every key kept for a person; a search from them needs nothing else (the vault stays shut). */
export function personKeys(subject: MatchSubject): PersonKey[] {
  const year = subject.birthYear;
  const keys: PersonKey[] = [];
  const seen = new Set<string>();
  const add = (role: KeyRole, spec: KeySpec) => {
    const id = `${spec.kind}\u0000${spec.value}`;
    if (seen.has(id)) return;
    seen.add(id);
    keys.push({ ...spec, role });
  };
  const names = subject.names.map(formsOf).filter((f): f is NameForms => f !== undefined);
  for (const forms of names) for (const spec of nameKeys(forms, year === undefined ? 'unknown' : String(year))) add('block', spec);
  if (year !== undefined) {
    for (const neighbour of [year - 1, year + 1]) {
      for (const forms of names) for (const spec of nameKeys(forms, String(neighbour))) if (spec.kind !== 'f') add('probe', spec);
    }
  }
  for (const doc of subject.documentNumbers ?? []) {
    const value = normaliseDocument(doc);
    if (value.length >= 4) add('block', { kind: 'd', value });
  }
  if (names[0]) add('score', { kind: 'c', value: String(names[0].tokens.length) });
  if (year !== undefined) add('score', { kind: 'y', value: String(year) });
  if (subject.sex) add('score', { kind: 's', value: subject.sex });
  if (subject.nationality) add('score', { kind: 'n', value: subject.nationality });
  return keys;
}

/** The keys other searches find a person by. */
export const storedKeys = (subject: MatchSubject): KeySpec[] => personKeys(subject).filter((k) => k.role !== 'probe');
/** The keys a search from this person looks for. */
export const searchKeys = (subject: MatchSubject): KeySpec[] => personKeys(subject);

/** The stored form of a key: HMAC-SHA256 under one match key, the kind bound in, cut to 16 bytes. */
export const hashKey = (matchKey: Buffer, spec: KeySpec): Buffer =>
  createHmac('sha256', matchKey).update(`${spec.kind}\u0000${spec.value}`).digest().subarray(0, 16);

/** What each kind of agreement is worth; a pair or phonetic kind counts at most twice. */
export const WEIGHTS: Readonly<Record<KeyKind, number>> = {
  d: 6,
  fy: 3,
  f: 1.5,
  jy: 2,
  tp: 1,
  pp: 0.5,
  pv: 0.75,
  t1: 1,
  p1: 0.5,
  c: 1,
  y: 1,
  s: 0.5,
  n: 0.5,
};
const MAX_COUNTED: Partial<Record<KeyKind, number>> = { tp: 2, pp: 2, pv: 2 };

/** A candidate is suggested from this score on (tuned on test/fixtures/persons; see BENCHMARKS.md). */
export const SUGGESTION_THRESHOLD = 5.5;
/** Suggestions shown for one person, best first. */
export const MAX_SUGGESTIONS = 5;

/** The score of a candidate from the kinds of the keys it shares with the search (one entry per key). */
export function scoreOf(matchedKinds: readonly KeyKind[]): number {
  const counts = new Map<KeyKind, number>();
  for (const kind of matchedKinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  let score = 0;
  for (const [kind, count] of counts) score += WEIGHTS[kind] * Math.min(count, MAX_COUNTED[kind] ?? 1);
  return Math.round(score * 10) / 10;
}

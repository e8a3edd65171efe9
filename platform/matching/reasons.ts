/**
 * Why two persons may be the same, in words a caseworker checks: computed from the two decrypted
 * records (for a reader allowed to see both), with the same normalisation as the keys.
 */
import { normaliseDocument, type MatchSubject } from './keys.js';
import { phoneticKey } from './phonetic.js';
import { nameTokens } from './transliterate.js';

export type MatchReason =
  | 'same_document_number'
  | 'same_name'
  | 'name_in_other_script'
  | 'similar_name'
  | 'other_names'
  | 'birth_year_within_one'
  | 'same_birth_year'
  | 'same_sex'
  | 'same_nationality';

const LATIN_ONLY = /^[\p{Script=Latin}\p{M}\s'.,-]*$/u;

type Agreement = 'same' | 'similar' | undefined;

function agreement(a: string, b: string): Agreement {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return undefined;
  if ([...ta].sort().join(' ') === [...tb].sort().join(' ') || ta.join('') === tb.join('')) return 'same';
  const shared = (x: string[], y: string[]) => x.filter((t) => y.includes(t)).length;
  const pa = ta.map((t) => phoneticKey(t));
  const pb = tb.map((t) => phoneticKey(t));
  if (shared(ta, tb) >= Math.min(2, ta.length, tb.length)) return 'similar';
  if (phoneticKey(ta.join('')) === phoneticKey(tb.join('')) || shared(pa, pb) >= Math.min(2, pa.length, pb.length)) return 'similar';
  return undefined;
}

export function explain(a: MatchSubject, b: MatchSubject): MatchReason[] {
  const reasons: MatchReason[] = [];
  const docsA = new Set((a.documentNumbers ?? []).map(normaliseDocument).filter((d) => d.length >= 4));
  if ((b.documentNumbers ?? []).some((d) => docsA.has(normaliseDocument(d)))) reasons.push('same_document_number');
  let best: { how: Agreement; script: boolean; other: boolean } | undefined;
  for (const [i, na] of a.names.entries()) {
    for (const [j, nb] of b.names.entries()) {
      const how = agreement(na, nb);
      if (!how) continue;
      const found = { how, script: LATIN_ONLY.test(na) !== LATIN_ONLY.test(nb), other: i > 0 || j > 0 };
      if (!best || (best.how === 'similar' && how === 'same') || (best.other && !found.other)) best = found;
    }
  }
  if (best) {
    reasons.push(best.script ? 'name_in_other_script' : best.how === 'same' ? 'same_name' : 'similar_name');
    if (best.other) reasons.push('other_names');
  }
  if (a.birthYear !== undefined && b.birthYear !== undefined) {
    if (a.birthYear === b.birthYear) reasons.push('same_birth_year');
    else if (Math.abs(a.birthYear - b.birthYear) === 1) reasons.push('birth_year_within_one');
  }
  if (a.sex && a.sex === b.sex) reasons.push('same_sex');
  if (a.nationality && a.nationality === b.nationality) reasons.push('same_nationality');
  return reasons;
}

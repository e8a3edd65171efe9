/**
 * The one ranking rule, used by the SQL search (store/match-index.ts) and by the in-memory
 * evaluation on the test set: candidates are the persons sharing a blocking key, the best
 * CANDIDATES of them by blocking score are scored in full, and those at or above the threshold are
 * suggested, best first.
 */
import { MAX_SUGGESTIONS, SCORING_KINDS, scoreOf, SUGGESTION_THRESHOLD, type KeyKind } from './keys.js';

/** How many candidates a search scores in full (the rest share only weak keys). */
export const CANDIDATES = 40;

export interface Candidate {
  personId: string;
  /** One entry per shared key. */
  kinds: KeyKind[];
}

export interface Ranked {
  personId: string;
  score: number;
}

export const blockingScore = (kinds: readonly KeyKind[]): number => scoreOf(kinds.filter((k) => !SCORING_KINDS.has(k)));

export function rank(candidates: readonly Candidate[], limit = MAX_SUGGESTIONS): Ranked[] {
  return candidates
    .map((c) => ({ personId: c.personId, score: scoreOf(c.kinds) }))
    .filter((c) => c.score >= SUGGESTION_THRESHOLD)
    .sort((x, y) => y.score - x.score || (x.personId < y.personId ? -1 : 1))
    .slice(0, limit);
}

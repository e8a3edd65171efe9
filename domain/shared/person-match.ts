/**
 * A caseworker's decision on a possible match between the persons of two cases (issue 21),
 * recorded on both cases by the linking orchestration like a link, never merged automatically:
 * - `same_person`: a `CaseLinked` with the reason `same_person`;
 * - `not_same_person`: a `PersonMatchDecided`, so later searches leave the pair out;
 * - `same_person_undone`: a `PersonMatchDecided` taking back a wrong `same_person` link.
 * Which decision may follow which is a fact about the pair, checked where both histories are read
 * (api/routes/possible-matches.ts); the case itself only refuses to name itself.
 */
import { reject } from './rejection.js';

export const MATCH_DECISIONS = ['same_person', 'not_same_person', 'same_person_undone'] as const;
export type MatchDecision = (typeof MATCH_DECISIONS)[number];

/** Why two cases are linked; absent on links of one trafficking operation. */
export const LINK_REASONS = ['same_person'] as const;
export type LinkReason = (typeof LINK_REASONS)[number];

export interface RecordMatchDecision {
  type: 'record_match_decision';
  /** The other case. */
  caseId: string;
  decision: MatchDecision;
}

export type MatchDecisionEvent =
  | { type: 'CaseLinked'; data: { caseId: string; reason: LinkReason } }
  | { type: 'PersonMatchDecided'; data: { caseId: string; decision: Exclude<MatchDecision, 'same_person'> } };

export function decideMatchDecision(command: RecordMatchDecision, selfCaseId: string | null, stage: string): MatchDecisionEvent[] {
  if (command.caseId === selfCaseId) reject('rule', stage, 'A case cannot be matched with itself.');
  if (command.decision === 'same_person') return [{ type: 'CaseLinked', data: { caseId: command.caseId, reason: 'same_person' } }];
  return [{ type: 'PersonMatchDecided', data: { caseId: command.caseId, decision: command.decision } }];
}

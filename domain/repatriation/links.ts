/**
 * Links between cases (victims and suspects of one trafficking operation). A link is recorded on
 * both cases' streams; the case workflow records its side when the linking orchestration asks
 * (`link_case` is not a caseworker action on the case itself, so a link is never one-sided by hand).
 */
import type { Static } from 'typebox';
import { reject } from '../shared/rejection.js';
import type { LinkCaseSchema } from './commands.js';
import { event, type RepatriationEvent } from './events.js';
import type { Stage } from './stages.js';
import type { RepatriationState } from './state.js';

export type LinkCase = Static<typeof LinkCaseSchema>;

/** Allowed in any open stage and while on hold: a link records a relation, it does not move the case. */
export function decideLink(command: LinkCase, state: RepatriationState, stage: Stage): RepatriationEvent[] {
  if (command.caseId === state.caseId) reject('rule', stage, 'A case cannot be linked to itself.', 'self-link');
  return [event('CaseLinked', { caseId: command.caseId })];
}

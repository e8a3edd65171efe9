/**
 * Links between cases and track changes (a person re-screened from suspect to victim, or back):
 * workflow ids and inputs, shared by the workflows, their activities and the API.
 */
import { defineUpdate } from '@temporalio/workflow';
import type { LinkCase } from '../../domain/repatriation/links.js';
import type { OpenCase } from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { OpenTransfer } from '../../domain/suspect-transfer/index.js';
import type { MatchDecision, RecordMatchDecision } from '../../domain/shared/person-match.js';
import type { IssuedCommand } from '../../domain/shared/decider.js';
import type { TransferView } from '../suspect-transfer/messages.js';
import type { CaseView } from '../repatriation/messages.js';

/** One linking run per pair of cases, whichever side asked: two requests for one pair cannot race. */
export const linkWorkflowId = (a: string, b: string): string => `link-${[a, b].sort().join('-')}`;
/** One track change per case being re-screened. */
export const trackChangeWorkflowId = (caseId: string): string => `track-change-${caseId}`;

export interface LinkCasesInput {
  caseId: string;
  otherCaseId: string;
  actor: Actor;
}

export interface RescreenAsVictimInput {
  transferId: string;
  /** The victim case to open for the same person (its id is derived from the transfer's). */
  victimCase: OpenCase;
  actor: Actor;
}

export interface RescreenAsSuspectInput {
  victimCaseId: string;
  /** The transfer to open for the same person, linked to the victim case at opening. */
  transfer: OpenTransfer;
  actor: Actor;
}

/** One run per decision: a later decision on the same pair is a run of its own. */
export const personMatchWorkflowId = (decisionId: string): string => `person-match-${decisionId}`;

export interface PersonMatchInput {
  caseId: string;
  otherCaseId: string;
  decision: MatchDecision;
  /** Names this decision (from the request's idempotency key, or fresh): a retry records nothing twice. */
  decisionId: string;
  actor: Actor;
}

/** Each case records its side of a match decision through its `performAction` update (domain/shared/person-match.ts). */
export const recordVictimMatchUpdate = defineUpdate<CaseView, [IssuedCommand<RecordMatchDecision>]>('performAction');
export const recordTransferMatchUpdate = defineUpdate<TransferView, [IssuedCommand<RecordMatchDecision>]>('performAction');

/** A victim case records its side of a link through its `performAction` update (see domain/repatriation/links.ts). */
export const recordVictimLinkUpdate = defineUpdate<CaseView, [IssuedCommand<LinkCase>]>('performAction');

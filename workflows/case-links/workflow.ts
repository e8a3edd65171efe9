/**
 * Orchestrations across cases, durable so that a link is never left one-sided and a track change
 * never leaves a person without a case: once started, each runs to the end (or stops at the first
 * case that refuses, with that case's reason). Every step is idempotent, so a repeated request
 * finishes what an earlier one started and records nothing twice.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { LinkActivities } from '../../activities/links.js';
import type { LinkCasesInput, PersonMatchInput, RescreenAsSuspectInput, RescreenAsVictimInput } from './messages.js';

const { recordCaseLink, openVictimCase, openTransferCase, endCaseForTrackChange, recordPersonMatch } = proxyActivities<LinkActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['LinkRefused'] },
});

/** Records the link on both cases' streams. */
export async function linkCases(input: LinkCasesInput): Promise<void> {
  await recordCaseLink(input);
  await recordCaseLink({ caseId: input.otherCaseId, otherCaseId: input.caseId, actor: input.actor });
}

/** A caseworker's decision on a possible match: recorded on both cases, the asking case first. */
export async function decidePersonMatch(input: PersonMatchInput): Promise<void> {
  await recordPersonMatch(input);
  await recordPersonMatch({ ...input, caseId: input.otherCaseId, otherCaseId: input.caseId });
}

/** A suspect re-screened as a victim: a victim case opens for the same person, linked; the transfer ends. */
export async function rescreenAsVictim({ transferId, victimCase, actor }: RescreenAsVictimInput): Promise<void> {
  await openVictimCase({ command: victimCase, actor });
  await recordCaseLink({ caseId: victimCase.caseId, otherCaseId: transferId, actor });
  await recordCaseLink({ caseId: transferId, otherCaseId: victimCase.caseId, actor });
  await endCaseForTrackChange({
    kind: 'transfer',
    caseId: transferId,
    reason: 'rescreened_as_victim',
    victimCaseId: victimCase.caseId,
    actor,
  });
}

/** A victim re-screened as a suspect: a transfer opens for the same person, linked; the victim case ends. */
export async function rescreenAsSuspect({ victimCaseId, transfer, actor }: RescreenAsSuspectInput): Promise<void> {
  // The transfer opens already linked to the victim case (its CaseLinked comes with the opening).
  await openTransferCase({ command: transfer, actor });
  await recordCaseLink({ caseId: victimCaseId, otherCaseId: transfer.caseId, actor });
  await endCaseForTrackChange({ kind: 'victim', caseId: victimCaseId, reason: 'transferred_to_suspect_track', actor });
}

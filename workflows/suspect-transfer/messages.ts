/**
 * The messages a suspect-transfer workflow understands, shared by the workflow and its clients (API,
 * activities, tests) so both sides agree on names and types.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IssuedCommand } from '../../domain/shared/decider.js';
import type { Action, OpenTransfer, SuspectTransferState } from '../../domain/suspect-transfer/index.js';

/** Workflow ids carry the case id only: never a name or any other personal data. */
export const transferWorkflowId = (caseId: string): string => `transfer-${caseId}`;

export interface TransferWorkflowInput {
  caseId: string;
  /** State carried over by continue-as-new, so a long case keeps a short history. */
  carried?: SuspectTransferState;
}

/** What the caller sees after an accepted command: the transfer as it now stands. */
export interface TransferView {
  caseId: string;
  kind: 'suspect_transfer';
  version: number;
  status: SuspectTransferState['status'];
  stage: SuspectTransferState['stage'];
  hold: SuspectTransferState['hold'];
  outcome: SuspectTransferState['outcome'];
  legalBasis: SuspectTransferState['facts']['legalBasis'];
  linkedCaseIds: string[];
  /** What the current stage still waits for. */
  waitingFor: { gate: string; requirement: string }[];
  /** The events this command recorded (empty for a query). */
  recorded: { eventId: string; type: string; streamPosition: number }[];
}

export const openTransferUpdate = defineUpdate<TransferView, [IssuedCommand<OpenTransfer>]>('openTransfer');
export const performTransferActionUpdate = defineUpdate<TransferView, [IssuedCommand<Action>]>('performAction');
export const transferViewQuery = defineQuery<TransferView>('transferView');

/**
 * Domain events of a handover batch. They list cases by id; a person's nationality, sex, age group
 * and travel-document status appear only in the notice's manifest entries, which the activity that
 * issues the notice reads from the cases read model and adds (they never pass through the workflow).
 */
import type { Actor } from '../shared/actor.js';
import type { Country } from '../shared/countries.js';
import type { CancelReason, ExclusionReason, HandoverSide } from './vocabulary.js';

type E<T extends string, D = Record<string, never>> = { type: T; data: D };

/** What a notice is issued for: the lock, or a change recorded after it. */
export type NoticeReason = 'lock' | 'change';

/** Which step of a person's own case the batch drives. */
export type CaseStep = 'schedule' | HandoverSide;

export interface ManifestNotice {
  version: number;
  reason: NoticeReason;
  plannedDate: string;
  crossingPoint: string;
  sendingAgencyId: string;
  receivingAgencyId: string;
  /** Whole days between the notice and the handover date. */
  daysBefore: number;
  /** For a change: who joined and who left since the previous notice. */
  added: string[];
  removed: string[];
}

export type BatchEvent =
  | E<
      'BatchPlanned',
      {
        batchId: string;
        crossingPoint: string;
        plannedDate: string;
        sendingAgencyId: string;
        receivingAgencyId: string;
        fromCountry: Country;
        toCountry: Country;
      }
    >
  | E<'BatchCasesAdded', { caseIds: string[] }>
  | E<'BatchCasesRemoved', { caseIds: string[] }>
  | E<'BatchRescheduled', { plannedDate: string; crossingPoint: string }>
  | E<'BatchLocked', { plannedDate: string; daysBefore: number }>
  | E<'ManifestIssued', ManifestNotice>
  /** `by`: who signed for the side; their name goes on each person's own case when it is driven. */
  | E<'HandoverConfirmedInBatch', { side: HandoverSide; caseIds: string[]; by?: Actor }>
  | E<'PersonsExcluded', { exclusions: { caseId: string; reason: ExclusionReason }[] }>
  /** What the people's own cases answered when the batch drove `step` on them. */
  | E<'CasesAdvanced', { step: CaseStep; advanced: string[]; refused: { caseId: string; reason: string }[] }>
  | E<'BatchClosed', { handedOver: number; excluded: number }>
  | E<'BatchCancelled', { reason: CancelReason }>;

export type BatchEventType = BatchEvent['type'];
export type BatchEventOf<T extends BatchEventType> = Extract<BatchEvent, { type: T }>;

export function batchEvent<T extends BatchEventType>(type: T, data: BatchEventOf<T>['data']): BatchEventOf<T> {
  return { type, data } as BatchEventOf<T>;
}

/**
 * Domain events of a suspect-transfer case. They are the case's history and the only source of every
 * read model, so they hold codes and references only: no names, no free text. The generic events
 * (`StageAdvanced`, `HoldPlaced`, `HoldReleased`, `CaseClosed`) share their names and shapes with
 * the repatriation process so cross-process views (open cases, holds, stalls) read both alike.
 */
import type { Country } from '../shared/countries.js';
import type { LinkReason, MatchDecision } from '../shared/person-match.js';
import type { Stage } from './stages.js';
import type {
  Charge,
  ConfirmationCheck,
  EarlyEndReason,
  HoldReason,
  LegalBasis,
  ProsecutionOutcome,
  RuleEndReason,
  WarrantKind,
} from './vocabulary.js';

type E<T extends string, D = Record<string, never>> = { type: T; data: D };

export type SuspectTransferEvent =
  | E<
      'TransferOpened',
      {
        caseId: string;
        personId: string;
        holdingCountry: Country;
        receivingCountry: Country;
        nationality: string;
        owningAgencyId: string;
      }
    >
  | E<'CaseLinked', { caseId: string; reason?: LinkReason }>
  /** A caseworker's decision that the persons of two cases differ, or that a same-person link was wrong. */
  | E<'PersonMatchDecided', { caseId: string; decision: Exclude<MatchDecision, 'same_person'> }>
  | E<'ArrestRecorded', { arrestDate: string; charges: Charge[] }>
  | E<'IdentityConfirmed'>
  | E<'NationalityConfirmed'>
  | E<'WarrantConfirmed', { warrantKind: WarrantKind; warrantRef: string }>
  | E<'ConfirmationRefused', { check: ConfirmationCheck }>
  | E<'LegalBasisChosen', { basis: LegalBasis }>
  | E<'DualCriminalityRecorded', { result: 'confirmed' | 'not_met' }>
  /** `approverRole` is the role the approval relied on, kept in the history for audit. */
  | E<'LegalBasisApproved', { basis: LegalBasis; approverRole: string; decisionRef: string | null }>
  | E<'HandoverScheduled', { date: string; crossingPoint: string | null; airportRef: string | null; evidenceListRef: string }>
  | E<'HandoverConfirmed', { side: 'sending' | 'receiving' }>
  | E<'EscortedToDetention', { detentionFacilityRef: string }>
  | E<'CustodyConfirmed'>
  | E<'ProsecutionOutcomeReported', { outcome: ProsecutionOutcome }>
  | E<'RescreenedAsVictim', { victimCaseId: string }>
  | E<'HoldPlaced', { reason: HoldReason; reviewDate: string }>
  | E<'HoldReleased'>
  | E<'StageAdvanced', { from: Stage; to: Stage }>
  | E<'CaseClosed', { outcome: ProsecutionOutcome | EarlyEndReason | RuleEndReason; completed: boolean; stage: Stage }>;

export type SuspectTransferEventType = SuspectTransferEvent['type'];
export type EventOf<T extends SuspectTransferEventType> = Extract<SuspectTransferEvent, { type: T }>;

/** Builds an event; `data` is omitted for events that carry none. */
export function event<T extends SuspectTransferEventType>(
  type: T,
  ...data: EventOf<T>['data'] extends Record<string, never> ? [] : [EventOf<T>['data']]
): EventOf<T> {
  return { type, data: data[0] ?? {} } as EventOf<T>;
}

/** Holds and case links do not move the transfer; a stalled-case clock restarts only on real steps. */
export function countsAsProgress(event: SuspectTransferEvent): boolean {
  return event.type !== 'HoldPlaced' && event.type !== 'HoldReleased' && event.type !== 'CaseLinked' && event.type !== 'PersonMatchDecided';
}

/**
 * Domain events of a victim repatriation case. They are the case's history and the only source of
 * every read model, so they hold codes and references only: no names, no free text.
 */
import type { Country } from '../shared/countries.js';
import type { LinkReason, MatchDecision } from '../shared/person-match.js';
import type { ClosingOutcome, EarlyEndReason, HoldReason, RuleEndReason } from './vocabulary.js';
import type { Stage } from './stages.js';
import type { DeadlinePolicy, StepHolder, StepId } from './deadlines.js';

type E<T extends string, D = Record<string, never>> = { type: T; data: D };

export type RepatriationEvent =
  | E<
      'CaseOpened',
      {
        caseId: string;
        personId: string;
        sex: 'female' | 'male' | 'other';
        ageGroup: 'child' | 'adult';
        hostCountry: Country;
        originCountry: Country;
        owningAgencyId: string;
      }
    >
  | E<'ScreeningRecorded', { outcome: 'presumed_victim' | 'not_a_victim' }>
  | E<'VictimIdentified'>
  | E<'ConsentRecorded', { consent: 'given' | 'withheld' }>
  | E<'BestInterestsDetermined', { returnInBestInterests: boolean }>
  | E<'GuardianAppointed', { guardianRef: string }>
  | E<'VerificationRequested', { toAgencyId: string | null }>
  | E<'NationalityVerified'>
  | E<'NationalityRefused', { reason: string }>
  | E<'CaseRerouted', { from: Country; to: Country }>
  | E<'FamilyAssessed', { result: 'safe' | 'not_safe' }>
  | E<'TravelDocumentIssued', { documentKind: string }>
  | E<'HandoverScheduled', { date: string; crossingPoint: string }>
  | E<'HandoverConfirmed', { side: 'sending' | 'receiving' }>
  | E<'CustodyTransferred', { toAgencyId: string }>
  | E<'ReceptionRecorded', { facilityRef: string | null }>
  | E<'EscortedHome'>
  | E<'ArrivalConfirmed'>
  | E<'ReintegrationPlanRecorded'>
  | E<'FollowUpVisitRecorded', { visitDate: string }>
  | E<'HoldPlaced', { reason: HoldReason; reviewDate: string }>
  | E<'HoldReleased'>
  | E<'StageAdvanced', { from: Stage; to: Stage }>
  | E<'DeadlinePolicyApplied', { policy: DeadlinePolicy }>
  | E<'StepOverdue', { step: StepId; dueAt: string; holder: StepHolder }>
  | E<'StepEscalated', { step: StepId; coordinatorsOf: Country[] }>
  /** Linked to another case of the same trafficking operation; the other case records the mirror link. */
  | E<'CaseLinked', { caseId: string; reason?: LinkReason }>
  /** A caseworker's decision that the persons of two cases differ, or that a same-person link was wrong. */
  | E<'PersonMatchDecided', { caseId: string; decision: Exclude<MatchDecision, 'same_person'> }>
  | E<'CaseClosed', { outcome: ClosingOutcome | EarlyEndReason | RuleEndReason; completed: boolean; stage: Stage }>;

export type RepatriationEventType = RepatriationEvent['type'];
export type EventOf<T extends RepatriationEventType> = Extract<RepatriationEvent, { type: T }>;

/** Builds an event; `data` is omitted for events that carry none. */
export function event<T extends RepatriationEventType>(
  type: T,
  ...data: EventOf<T>['data'] extends Record<string, never> ? [] : [EventOf<T>['data']]
): EventOf<T> {
  return { type, data: data[0] ?? {} } as EventOf<T>;
}

const NOT_PROGRESS: ReadonlySet<RepatriationEventType> = new Set([
  'HoldPlaced',
  'HoldReleased',
  'DeadlinePolicyApplied',
  'StepOverdue',
  'StepEscalated',
  'CaseLinked',
  'PersonMatchDecided',
]);

/** Holds pause a case and timers only report on it: neither is progress. The step clock restarts only on real steps. */
export function countsAsProgress(event: RepatriationEvent): boolean {
  return !NOT_PROGRESS.has(event.type);
}

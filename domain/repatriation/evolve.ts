import { countsAsProgress, type RepatriationEvent } from './events.js';
import type { CaseFacts, RepatriationState } from './state.js';

/** Folds one event into the state. Pure and total: unknown facts never throw, so old histories replay. */
export function evolve(state: RepatriationState, event: RepatriationEvent): RepatriationState {
  // Progress (and a hold, which swaps the step clock) clears an overdue flag: the clock starts afresh.
  const clearsOverdue = countsAsProgress(event) || event.type === 'HoldPlaced' || event.type === 'HoldReleased';
  const next: RepatriationState = { ...state, version: state.version + 1, overdue: clearsOverdue ? null : (state.overdue ?? null) };
  const facts = (patch: Partial<CaseFacts>): RepatriationState => ({ ...next, facts: { ...state.facts, ...patch } });

  switch (event.type) {
    case 'CaseOpened': {
      const d = event.data;
      return {
        ...next,
        status: 'open',
        stage: 'identification',
        caseId: d.caseId,
        personId: d.personId,
        sex: d.sex,
        ageGroup: d.ageGroup,
        hostCountry: d.hostCountry,
        originCountry: d.originCountry,
        owningAgencyId: d.owningAgencyId,
      };
    }
    case 'ScreeningRecorded':
      return facts({ screening: event.data.outcome });
    case 'VictimIdentified':
      return facts({ identified: true });
    case 'ConsentRecorded':
      return facts({ consent: event.data.consent });
    case 'BestInterestsDetermined':
      return facts({ returnInBestInterests: event.data.returnInBestInterests });
    case 'GuardianAppointed':
      return facts({ guardianRef: event.data.guardianRef });
    case 'VerificationRequested':
      return facts({ verificationRequested: true, originFocalPoint: event.data.toAgencyId ?? null });
    case 'NationalityVerified':
      return facts({ nationality: 'verified' });
    case 'NationalityRefused':
      return facts({ nationality: 'refused' });
    case 'CaseRerouted':
      // A new origin country starts verification afresh: nothing from the old one carries over.
      return {
        ...next,
        originCountry: event.data.to,
        facts: { ...state.facts, verificationRequested: false, originFocalPoint: null, nationality: null, familyAssessment: null, travelDocument: null },
      };
    case 'FamilyAssessed':
      return facts({ familyAssessment: event.data.result });
    case 'TravelDocumentIssued':
      return facts({ travelDocument: event.data.documentKind });
    case 'HandoverScheduled':
      return facts({ handover: { date: event.data.date, crossingPoint: event.data.crossingPoint } });
    case 'HandoverConfirmed':
      return facts({ handoverConfirmedBy: { ...state.facts.handoverConfirmedBy, [event.data.side]: true } });
    case 'CustodyTransferred':
      return facts({ custodyTransferredTo: event.data.toAgencyId });
    case 'ReceptionRecorded':
      return facts({ received: true });
    case 'EscortedHome':
      return facts({ escortedHome: true });
    case 'ArrivalConfirmed':
      return facts({ arrived: true });
    case 'ReintegrationPlanRecorded':
      return facts({ reintegrationPlan: true });
    case 'FollowUpVisitRecorded':
      return facts({ followUpVisits: [...state.facts.followUpVisits, event.data.visitDate] });
    case 'HoldPlaced':
      return { ...next, hold: { reason: event.data.reason, reviewDate: event.data.reviewDate } };
    case 'HoldReleased':
      return { ...next, hold: null };
    case 'CaseLinked':
      return next; // read from the history (links are listed, not decided on)
    case 'StageAdvanced':
      return { ...next, stage: event.data.to };
    case 'DeadlinePolicyApplied':
      return { ...next, deadlinePolicy: event.data.policy };
    case 'StepOverdue':
      return { ...next, overdue: { step: event.data.step, dueAt: event.data.dueAt, escalated: false } };
    case 'StepEscalated':
      return { ...next, overdue: state.overdue && { ...state.overdue, escalated: true } };
    case 'CaseClosed':
      return { ...next, status: 'closed', hold: null, outcome: { code: event.data.outcome, completed: event.data.completed } };
  }
}

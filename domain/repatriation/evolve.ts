import { countsAsProgress, type RepatriationEvent } from './events.js';
import { copyFacts, copyState, type CaseFacts, type RepatriationState } from './state.js';

/**
 * Folds one event into the state. Pure and total: unknown facts never throw, so old histories replay.
 * The state passed in is never changed: `next` is a copy made here, and the event's changes are set
 * on that copy before it is returned (copying once per event, not once per changed field: a
 * projection rebuild folds millions of events).
 */
export function evolve(state: RepatriationState, event: RepatriationEvent): RepatriationState {
  const next = copyState(state);
  next.version = state.version + 1;
  // Progress (and a hold, which swaps the step clock) clears an overdue flag: the clock starts afresh.
  const clearsOverdue = countsAsProgress(event) || event.type === 'HoldPlaced' || event.type === 'HoldReleased';
  next.overdue = clearsOverdue ? null : (state.overdue ?? null);

  switch (event.type) {
    case 'CaseOpened': {
      const d = event.data;
      next.status = 'open';
      next.stage = 'identification';
      next.caseId = d.caseId;
      next.personId = d.personId;
      next.sex = d.sex;
      next.ageGroup = d.ageGroup;
      next.hostCountry = d.hostCountry;
      next.originCountry = d.originCountry;
      next.owningAgencyId = d.owningAgencyId;
      return next;
    }
    case 'ScreeningRecorded':
      return withFacts(next, { screening: event.data.outcome });
    case 'VictimIdentified':
      return withFacts(next, { identified: true });
    case 'ConsentRecorded':
      return withFacts(next, { consent: event.data.consent });
    case 'BestInterestsDetermined':
      return withFacts(next, { returnInBestInterests: event.data.returnInBestInterests });
    case 'GuardianAppointed':
      return withFacts(next, { guardianRef: event.data.guardianRef });
    case 'VerificationRequested':
      return withFacts(next, { verificationRequested: true, originFocalPoint: event.data.toAgencyId ?? null });
    case 'NationalityVerified':
      return withFacts(next, { nationality: 'verified' });
    case 'NationalityRefused':
      return withFacts(next, { nationality: 'refused' });
    case 'CaseRerouted':
      // A new origin country starts verification afresh: nothing from the old one carries over.
      next.originCountry = event.data.to;
      return withFacts(next, {
        verificationRequested: false,
        originFocalPoint: null,
        nationality: null,
        familyAssessment: null,
        travelDocument: null,
      });
    case 'FamilyAssessed':
      return withFacts(next, { familyAssessment: event.data.result });
    case 'TravelDocumentIssued':
      return withFacts(next, { travelDocument: event.data.documentKind });
    case 'HandoverScheduled':
      return withFacts(next, { handover: { date: event.data.date, crossingPoint: event.data.crossingPoint } });
    case 'HandoverConfirmed':
      return withFacts(next, { handoverConfirmedBy: { ...state.facts.handoverConfirmedBy, [event.data.side]: true } });
    case 'CustodyTransferred':
      return withFacts(next, { custodyTransferredTo: event.data.toAgencyId });
    case 'ReceptionRecorded':
      return withFacts(next, { received: true });
    case 'EscortedHome':
      return withFacts(next, { escortedHome: true });
    case 'ArrivalConfirmed':
      return withFacts(next, { arrived: true });
    case 'ReintegrationPlanRecorded':
      return withFacts(next, { reintegrationPlan: true });
    case 'FollowUpVisitRecorded':
      return withFacts(next, { followUpVisits: [...state.facts.followUpVisits, event.data.visitDate] });
    case 'HoldPlaced':
      next.hold = { reason: event.data.reason, reviewDate: event.data.reviewDate };
      return next;
    case 'HoldReleased':
      next.hold = null;
      return next;
    case 'CaseLinked':
    case 'PersonMatchDecided':
      return next; // read from the history (links are listed, not decided on)
    case 'StageAdvanced':
      next.stage = event.data.to;
      return next;
    case 'DeadlinePolicyApplied':
      next.deadlinePolicy = event.data.policy;
      return next;
    case 'StepOverdue':
      next.overdue = { step: event.data.step, dueAt: event.data.dueAt, escalated: false };
      return next;
    case 'StepEscalated':
      next.overdue = state.overdue && { ...state.overdue, escalated: true };
      return next;
    case 'CaseClosed':
      next.status = 'closed';
      next.hold = null;
      next.outcome = { code: event.data.outcome, completed: event.data.completed };
      return next;
  }
}

/** `next` (evolve's own copy) with its facts replaced by a copy that has `patch` applied. */
function withFacts(next: RepatriationState, patch: Partial<CaseFacts>): RepatriationState {
  next.facts = Object.assign(copyFacts(next.facts), patch);
  return next;
}

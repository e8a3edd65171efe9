import type { Country } from '../shared/countries.js';
import type { HoldReason } from './vocabulary.js';
import type { Stage } from './stages.js';
import type { DeadlinePolicy, StepId } from './deadlines.js';

/** Everything the rules need to know about a case, folded from its events by `evolve`. */
export interface RepatriationState {
  status: 'new' | 'open' | 'closed';
  /** Current stage; `null` only before the case is opened. */
  stage: Stage | null;
  version: number;
  caseId: string | null;
  personId: string | null;
  sex: 'female' | 'male' | 'other' | null;
  ageGroup: 'child' | 'adult' | null;
  hostCountry: Country | null;
  originCountry: Country | null;
  owningAgencyId: string | null;
  hold: { reason: HoldReason; reviewDate: string } | null;
  outcome: { code: string; completed: boolean } | null;
  /** The deadlines in force, recorded when the case opened (absent on cases older than deadlines). */
  deadlinePolicy: DeadlinePolicy | null;
  /** The step that missed its deadline, until progress is made. */
  overdue: { step: StepId; dueAt: string; escalated: boolean } | null;
  facts: CaseFacts;
}

/** What has been recorded so far; the gates in `stages.ts` read these. */
export interface CaseFacts {
  screening: 'presumed_victim' | 'not_a_victim' | null;
  identified: boolean;
  consent: 'given' | 'withheld' | null;
  returnInBestInterests: boolean | null;
  guardianRef: string | null;
  verificationRequested: boolean;
  /** The origin country's agency the verification request went to: it holds the verification steps. */
  originFocalPoint: string | null;
  nationality: 'verified' | 'refused' | null;
  familyAssessment: 'safe' | 'not_safe' | null;
  travelDocument: string | null;
  handover: { date: string; crossingPoint: string } | null;
  handoverConfirmedBy: { sending: boolean; receiving: boolean };
  custodyTransferredTo: string | null;
  received: boolean;
  escortedHome: boolean;
  arrived: boolean;
  reintegrationPlan: boolean;
  followUpVisits: string[];
}

export const initialState = (): RepatriationState => ({
  status: 'new',
  stage: null,
  version: 0,
  caseId: null,
  personId: null,
  sex: null,
  ageGroup: null,
  hostCountry: null,
  originCountry: null,
  owningAgencyId: null,
  hold: null,
  outcome: null,
  deadlinePolicy: null,
  overdue: null,
  facts: {
    screening: null,
    identified: false,
    consent: null,
    returnInBestInterests: null,
    guardianRef: null,
    verificationRequested: false,
    originFocalPoint: null,
    nationality: null,
    familyAssessment: null,
    travelDocument: null,
    handover: null,
    handoverConfirmedBy: { sending: false, receiving: false },
    custodyTransferredTo: null,
    received: false,
    escortedHome: false,
    arrived: false,
    reintegrationPlan: false,
    followUpVisits: [],
  },
});

export const isChild = (state: RepatriationState): boolean => state.ageGroup === 'child';

/**
 * Copies of a state and of its facts, field by field: V8 builds an object literal much sooner than
 * it spreads one, and evolve copies the state for every event it folds. Listing every
 * field here keeps that in step with the types: a field added above and not here fails to compile.
 */
export const copyState = (s: RepatriationState): RepatriationState => ({
  status: s.status,
  stage: s.stage,
  version: s.version,
  caseId: s.caseId,
  personId: s.personId,
  sex: s.sex,
  ageGroup: s.ageGroup,
  hostCountry: s.hostCountry,
  originCountry: s.originCountry,
  owningAgencyId: s.owningAgencyId,
  hold: s.hold,
  outcome: s.outcome,
  deadlinePolicy: s.deadlinePolicy,
  overdue: s.overdue,
  facts: s.facts,
});

export const copyFacts = (f: CaseFacts): CaseFacts => ({
  screening: f.screening,
  identified: f.identified,
  consent: f.consent,
  returnInBestInterests: f.returnInBestInterests,
  guardianRef: f.guardianRef,
  verificationRequested: f.verificationRequested,
  originFocalPoint: f.originFocalPoint,
  nationality: f.nationality,
  familyAssessment: f.familyAssessment,
  travelDocument: f.travelDocument,
  handover: f.handover,
  handoverConfirmedBy: f.handoverConfirmedBy,
  custodyTransferredTo: f.custodyTransferredTo,
  received: f.received,
  escortedHome: f.escortedHome,
  arrived: f.arrived,
  reintegrationPlan: f.reintegrationPlan,
  followUpVisits: f.followUpVisits,
});

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

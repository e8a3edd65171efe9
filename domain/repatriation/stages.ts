/**
 * The repatriation process as data: its stages in order, which stage each caseworker action belongs
 * to, and the gates that must all hold before a case leaves a stage. `decide` enforces these; the
 * API shows the open gates to caseworkers as "what is still missing".
 */
import type { ActionType } from './commands.js';
import type { RepatriationState } from './state.js';

export const STAGES = ['identification', 'verification', 'handover', 'escort', 'reintegration'] as const;
export type Stage = (typeof STAGES)[number];

export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Actions allowed in any open stage (they do not move the process forward). */
export const ANY_STAGE_ACTIONS = ['end_case', 'place_on_hold', 'release_hold'] as const satisfies ActionType[];
export type AnyStageAction = (typeof ANY_STAGE_ACTIONS)[number];

export const ACTION_STAGE: Record<Exclude<ActionType, AnyStageAction>, Stage> = {
  record_screening: 'identification',
  record_identification: 'identification',
  record_consent: 'identification',
  record_best_interests_determination: 'identification',
  appoint_guardian: 'identification',
  send_verification_request: 'verification',
  record_nationality_verification: 'verification',
  record_family_assessment: 'verification',
  record_travel_document: 'verification',
  schedule_handover: 'handover',
  confirm_handover: 'handover',
  record_custody_transfer: 'handover',
  record_reception: 'escort',
  record_escort_home: 'escort',
  confirm_arrival: 'escort',
  record_reintegration_plan: 'reintegration',
  record_follow_up_visit: 'reintegration',
  close_case: 'reintegration',
};

export interface Gate {
  id: string;
  /** What must be true, in words a caseworker understands. */
  requirement: string;
  childOnly?: boolean;
  holds: (state: RepatriationState) => boolean;
}

export const EXIT_GATES: Record<Stage, Gate[]> = {
  identification: [
    { id: 'screened', requirement: 'Screening found the person a presumed victim', holds: (s) => s.facts.screening === 'presumed_victim' },
    { id: 'identified', requirement: 'Formal identification as a victim is recorded', holds: (s) => s.facts.identified },
    {
      id: 'consent',
      requirement: 'The victim consents to notifying the origin country',
      holds: (s) => s.facts.consent === 'given',
    },
    {
      id: 'best_interests',
      requirement: 'A best-interests determination finds return in the interests of the child',
      childOnly: true,
      holds: (s) => s.facts.returnInBestInterests === true,
    },
    { id: 'guardian', requirement: 'A guardian is appointed for the child', childOnly: true, holds: (s) => s.facts.guardianRef !== null },
  ],
  verification: [
    {
      id: 'verification_requested',
      requirement: 'The verification request is sent to the origin country',
      holds: (s) => s.facts.verificationRequested,
    },
    { id: 'nationality', requirement: 'Nationality is verified by the origin country', holds: (s) => s.facts.nationality === 'verified' },
    { id: 'family', requirement: 'Family assessment is returned and finds return safe', holds: (s) => familyAllowsReturn(s) },
    { id: 'travel_document', requirement: 'A travel document is issued', holds: (s) => s.facts.travelDocument !== null },
  ],
  handover: [
    { id: 'scheduled', requirement: 'Handover date and crossing point are set', holds: (s) => s.facts.handover !== null },
    { id: 'sending_confirmed', requirement: 'The sending agency confirms the handover', holds: (s) => s.facts.handoverConfirmedBy.sending },
    {
      id: 'receiving_confirmed',
      requirement: 'The receiving agency confirms the handover',
      holds: (s) => s.facts.handoverConfirmedBy.receiving,
    },
    {
      id: 'custody',
      requirement: 'Custody of the child is formally transferred',
      childOnly: true,
      holds: (s) => s.facts.custodyTransferredTo !== null,
    },
  ],
  escort: [{ id: 'arrived', requirement: 'Arrival home is confirmed', holds: (s) => s.facts.arrived }],
  // Reintegration ends only by an explicit close_case: follow-up can go on for a year.
  reintegration: [
    { id: 'plan', requirement: 'A reintegration plan is in place', holds: (s) => s.facts.reintegrationPlan },
    { id: 'follow_up', requirement: 'At least one follow-up visit is recorded', holds: (s) => s.facts.followUpVisits.length > 0 },
  ],
};

/** An adult may choose to return to a family assessed unsafe; a child is never returned to one. */
function familyAllowsReturn(s: RepatriationState): boolean {
  if (s.facts.familyAssessment === null) return false;
  return s.facts.familyAssessment === 'safe' || s.ageGroup === 'adult';
}

export function gatesFor(state: RepatriationState, stage: Stage): Gate[] {
  return EXIT_GATES[stage].filter((gate) => !gate.childOnly || state.ageGroup === 'child');
}

/** The first gate of the current stage that does not hold yet (openGates(state)[0], without making the list). */
export function firstOpenGate(state: RepatriationState): Gate | undefined {
  if (state.status !== 'open' || state.stage === null) return undefined;
  for (const gate of EXIT_GATES[state.stage]) {
    if ((!gate.childOnly || state.ageGroup === 'child') && !gate.holds(state)) return gate;
  }
  return undefined;
}

/** Gates of the current stage that do not hold yet: what the case is waiting for. */
export function openGates(state: RepatriationState): Gate[] {
  if (state.status !== 'open' || state.stage === null) return [];
  return gatesFor(state, state.stage).filter((gate) => !gate.holds(state));
}

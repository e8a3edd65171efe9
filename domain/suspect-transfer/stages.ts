/**
 * The suspect-transfer process as data: its stages in order, which stage each action belongs to, and
 * the gates that must all hold before a case leaves a stage. `decide` enforces these; an API shows
 * the open gates as "what is still missing".
 */
import type { ActionType } from './commands.js';
import type { SuspectTransferState } from './state.js';

export const STAGES = ['arrest', 'confirmation', 'legal_basis', 'handover', 'escort', 'prosecution'] as const;
export type Stage = (typeof STAGES)[number];

export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Actions allowed in any open stage (they do not move the process forward); a hold does not block them. */
export const ANY_STAGE_ACTIONS = ['link_case', 'end_transfer', 'place_on_hold', 'release_hold'] as const satisfies ActionType[];
export type AnyStageAction = (typeof ANY_STAGE_ACTIONS)[number];

export const ACTION_STAGE: Record<Exclude<ActionType, AnyStageAction>, Stage> = {
  record_arrest: 'arrest',
  confirm_identity: 'confirmation',
  confirm_nationality: 'confirmation',
  confirm_warrant: 'confirmation',
  choose_legal_basis: 'legal_basis',
  record_dual_criminality: 'legal_basis',
  approve_extradition: 'legal_basis',
  approve_transfer: 'legal_basis',
  schedule_handover: 'handover',
  confirm_handover: 'handover',
  record_escort: 'escort',
  confirm_custody: 'escort',
  report_prosecution_outcome: 'prosecution',
};

export interface Gate {
  id: string;
  /** What must be true, in words a caseworker understands. */
  requirement: string;
  /** When present, the gate applies only to cases for which it returns true. */
  appliesTo?: (state: SuspectTransferState) => boolean;
  holds: (state: SuspectTransferState) => boolean;
}

const isExtradition = (s: SuspectTransferState): boolean => s.facts.legalBasis === 'extradition';

export const EXIT_GATES: Record<Stage, Gate[]> = {
  arrest: [
    { id: 'arrested', requirement: 'The arrest and charges are recorded by the holding country', holds: (s) => s.facts.arrest !== null },
  ],
  confirmation: [
    { id: 'identity_confirmed', requirement: 'The receiving country confirms the identity', holds: (s) => s.facts.identityConfirmed },
    {
      id: 'nationality_confirmed',
      requirement: 'The receiving country confirms the nationality',
      holds: (s) => s.facts.nationalityConfirmed,
    },
    {
      id: 'warrant_confirmed',
      requirement: 'The receiving country confirms a warrant or wanted notice',
      holds: (s) => s.facts.warrant !== null,
    },
  ],
  legal_basis: [
    { id: 'basis_chosen', requirement: 'A legal basis for the transfer is chosen', holds: (s) => s.facts.legalBasis !== null },
    {
      id: 'dual_criminality',
      requirement: 'Dual criminality is confirmed for the extradition',
      appliesTo: isExtradition,
      holds: (s) => s.facts.dualCriminality === 'confirmed',
    },
    {
      id: 'basis_approved',
      requirement: 'The chosen legal basis is approved',
      holds: (s) => s.facts.approval !== null && s.facts.approval.basis === s.facts.legalBasis,
    },
  ],
  handover: [
    { id: 'scheduled', requirement: 'Handover date, place and evidence list are set', holds: (s) => s.facts.handover !== null },
    { id: 'sending_confirmed', requirement: 'The sending side confirms the handover', holds: (s) => s.facts.handoverConfirmedBy.sending },
    {
      id: 'receiving_confirmed',
      requirement: 'The receiving side confirms the handover',
      holds: (s) => s.facts.handoverConfirmedBy.receiving,
    },
  ],
  escort: [
    { id: 'escorted', requirement: 'The person is escorted to detention', holds: (s) => s.facts.detentionFacilityRef !== null },
    { id: 'custody_confirmed', requirement: 'The receiving police confirm custody', holds: (s) => s.facts.custodyConfirmed },
  ],
  // Prosecution ends only by report_prosecution_outcome, which closes the case in the same command.
  prosecution: [
    {
      id: 'outcome_reported',
      requirement: 'The prosecution outcome is reported to the sending country',
      holds: (s) => s.facts.prosecutionOutcome !== null,
    },
  ],
};

export function gatesFor(state: SuspectTransferState, stage: Stage): Gate[] {
  return EXIT_GATES[stage].filter((gate) => gate.appliesTo === undefined || gate.appliesTo(state));
}

/** Gates of the current stage that do not hold yet: what the case is waiting for. */
export function openGates(state: SuspectTransferState): Gate[] {
  if (state.status !== 'open' || state.stage === null) return [];
  return gatesFor(state, state.stage).filter((gate) => !gate.holds(state));
}

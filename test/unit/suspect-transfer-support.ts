/** Shared fixtures for the suspect-transfer decider tests: actors, commands and cases at each stage. */
import { expect } from 'vitest';
import type { Actor } from '../../domain/shared/actor.js';
import { CommandRejected, type RejectionKind } from '../../domain/shared/rejection.js';
import type { ActionOf, ActionType, OpenTransfer } from '../../domain/suspect-transfer/commands.js';
import {
  decide,
  evolve,
  initialState,
  type Stage,
  type SuspectTransferCommand,
  type SuspectTransferEvent,
  type SuspectTransferState,
} from '../../domain/suspect-transfer/index.js';
import type { LegalBasis } from '../../domain/suspect-transfer/vocabulary.js';

export const CASE_ID = '7b0e2f4c-1d3a-4c5b-9e8f-0a1b2c3d4e5f';
export const PERSON_ID = '3c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';
export const LINKED_A = '11111111-2222-4333-8444-555555555555';
export const LINKED_B = '66666666-7777-4888-9999-aaaaaaaaaaaa';
export const VICTIM_CASE = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';

const actorWith = (role: string): Actor => ({ userId: `u-${role}`, agencyId: 'th-rtp-atpd', role });
export const caseworker = actorWith('caseworker');
export const coordinator = actorWith('coordinator');
export const approver = actorWith('approver');
export const OTHER_ROLES = ['caseworker', 'ngo_worker', 'auditor', 'admin'] as const;
export { actorWith };

/** Thailand holds a Chinese national wanted by China. */
export const openTransfer = (overrides: Partial<OpenTransfer> = {}): OpenTransfer => ({
  type: 'open_transfer',
  caseId: CASE_ID,
  personId: PERSON_ID,
  holdingCountry: 'TH',
  receivingCountry: 'CN',
  nationality: 'CN',
  owningAgencyId: 'th-rtp-atpd',
  ...overrides,
});

/** One valid example of every action, checked complete by the compiler. */
export const SAMPLE_ACTIONS: { [K in ActionType]: ActionOf<K> } = {
  record_arrest: { type: 'record_arrest', arrestDate: '2025-03-01', charges: ['trafficking_in_persons', 'online_scam_fraud'] },
  confirm_identity: { type: 'confirm_identity', result: 'confirmed' },
  confirm_nationality: { type: 'confirm_nationality', result: 'confirmed' },
  confirm_warrant: { type: 'confirm_warrant', result: 'confirmed', warrantKind: 'arrest_warrant', warrantRef: 'cn-mps-w-2025-0042' },
  choose_legal_basis: { type: 'choose_legal_basis', basis: 'police_to_police_mou' },
  record_dual_criminality: { type: 'record_dual_criminality', result: 'confirmed' },
  approve_extradition: { type: 'approve_extradition', decisionRef: 'th-ag-ext-2025-7' },
  approve_transfer: { type: 'approve_transfer' },
  schedule_handover: { type: 'schedule_handover', date: '2025-04-10', crossingPoint: 'mae-sai-tachileik', evidenceListRef: 'ev-list-1' },
  confirm_handover: { type: 'confirm_handover', side: 'sending' },
  record_escort: { type: 'record_escort', detentionFacilityRef: 'cn-yn-detention-3' },
  confirm_custody: { type: 'confirm_custody' },
  report_prosecution_outcome: { type: 'report_prosecution_outcome', outcome: 'convicted' },
  link_case: { type: 'link_case', caseId: LINKED_A },
  end_transfer: { type: 'end_transfer', reason: 'released' },
  place_on_hold: { type: 'place_on_hold', reason: 'local_prosecution', reviewDate: '2025-06-01' },
  release_hold: { type: 'release_hold' },
};
export const ALL_ACTIONS = Object.values(SAMPLE_ACTIONS);

export type Step = SuspectTransferCommand | [SuspectTransferCommand, Actor];

/** Decides each step against the state so far and folds the accepted events: a case built by its own rules. */
export function given(steps: Step[], from: SuspectTransferState = initialState()): SuspectTransferState {
  return steps.reduce((state, step) => {
    const [command, actor] = Array.isArray(step) ? step : [step, caseworker];
    return decide({ command, actor }, state).reduce(evolve, state);
  }, from);
}

/** Like `given`, but also returns every event recorded on the way. */
export function history(steps: Step[], from: SuspectTransferState = initialState()) {
  const events: SuspectTransferEvent[] = [];
  let state = from;
  for (const step of steps) {
    const [command, actor] = Array.isArray(step) ? step : [step, caseworker];
    const recorded = decide({ command, actor }, state);
    events.push(...recorded);
    state = recorded.reduce(evolve, state);
  }
  return { events, state };
}

export function attempt(state: SuspectTransferState, command: SuspectTransferCommand, actor: Actor = caseworker): SuspectTransferEvent[] {
  return decide({ command, actor }, state);
}

/** Runs a command, folds its events and returns both. */
export function apply(state: SuspectTransferState, command: SuspectTransferCommand, actor: Actor = caseworker) {
  const events = attempt(state, command, actor);
  return { events, state: events.reduce(evolve, state) };
}

export const types = (events: SuspectTransferEvent[]): string[] => events.map((e) => e.type);

export function rejectionOf(run: () => unknown): CommandRejected {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandRejected);
    return error as CommandRejected;
  }
  throw new Error('expected the command to be rejected, but it was accepted');
}

export function expectRejected(
  state: SuspectTransferState,
  command: SuspectTransferCommand,
  kind: RejectionKind,
  message?: RegExp,
  actor: Actor = caseworker,
): CommandRejected {
  const rejection = rejectionOf(() => attempt(state, command, actor));
  expect(rejection.kind).toBe(kind);
  expect(rejection.stage).toBe(state.stage ?? 'arrest');
  if (message) expect(rejection.message).toMatch(message);
  return rejection;
}

export const opened = (overrides: Partial<OpenTransfer> = {}): SuspectTransferState => given([openTransfer(overrides)]);
export const atConfirmation = (overrides: Partial<OpenTransfer> = {}): SuspectTransferState =>
  given([SAMPLE_ACTIONS.record_arrest], opened(overrides));
export const atLegalBasis = (overrides: Partial<OpenTransfer> = {}): SuspectTransferState =>
  given([SAMPLE_ACTIONS.confirm_identity, SAMPLE_ACTIONS.confirm_nationality, SAMPLE_ACTIONS.confirm_warrant], atConfirmation(overrides));

/** The steps that approve each basis for the default case (TH holds a CN national for CN). */
export const APPROVAL_STEPS: Record<LegalBasis, Step[]> = {
  police_to_police_mou: [{ type: 'choose_legal_basis', basis: 'police_to_police_mou' }, [{ type: 'approve_transfer' }, coordinator]],
  deportation: [{ type: 'choose_legal_basis', basis: 'deportation' }, [{ type: 'approve_transfer' }, approver]],
  extradition: [
    { type: 'choose_legal_basis', basis: 'extradition' },
    { type: 'record_dual_criminality', result: 'confirmed' },
    [{ type: 'approve_extradition' }, approver],
  ],
};

export const atHandover = (basis: LegalBasis = 'police_to_police_mou'): SuspectTransferState =>
  given(APPROVAL_STEPS[basis], atLegalBasis());
export const atEscort = (): SuspectTransferState =>
  given(
    [SAMPLE_ACTIONS.schedule_handover, { type: 'confirm_handover', side: 'sending' }, { type: 'confirm_handover', side: 'receiving' }],
    atHandover(),
  );
export const atProsecution = (): SuspectTransferState => given([SAMPLE_ACTIONS.record_escort, SAMPLE_ACTIONS.confirm_custody], atEscort());

/** A case in each open stage, for tests that must hold everywhere. */
export const CASE_IN_STAGE: Record<Stage, () => SuspectTransferState> = {
  arrest: () => opened(),
  confirmation: () => atConfirmation(),
  legal_basis: () => atLegalBasis(),
  handover: () => atHandover(),
  escort: () => atEscort(),
  prosecution: () => atProsecution(),
};

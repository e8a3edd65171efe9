/**
 * Test helpers for the repatriation decider: fixtures, command builders, folding, and the canonical
 * adult and child paths through every stage.
 */
import { expect } from 'vitest';
import {
  evolve,
  initialState,
  STAGES,
  type Action,
  type OpenCase,
  type RepatriationCommand,
  type RepatriationEvent,
  type RepatriationState,
  type Stage,
} from '../../../domain/repatriation/index.js';
import type { ActionOf } from '../../../domain/repatriation/commands.js';
import type { ClosingOutcome, EarlyEndReason, HoldReason } from '../../../domain/repatriation/vocabulary.js';
import type { Country } from '../../../domain/shared/countries.js';
import { CommandRejected } from '../../../domain/shared/rejection.js';
import { decideCommand } from '../../support/decide.js';

/*
 * Vocabulary fields (countries, end reasons, closing outcomes, hold reasons) are typed with the domain
 * vocabularies and the commands cast, so the builders compile whether or not the schema-derived
 * command types resolve those fields: `Type.Union(list.map(...))` made TypeBox infer `never` for them.
 */
type OpenCaseFields = Omit<OpenCase, 'type' | 'hostCountry' | 'originCountry'> & { hostCountry: Country; originCountry: Country };

/** An open_case command; defaults to an adult trafficked from Myanmar to Thailand. */
export function openCase(fields: Partial<OpenCaseFields> = {}): OpenCase {
  const command: { type: 'open_case' } & OpenCaseFields = {
    type: 'open_case',
    caseId: '0b6f3c4e-8a51-4a39-9d2e-2f7d1c5e9a01',
    personId: '7c1e2d3f-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    sex: 'female',
    ageGroup: 'adult',
    hostCountry: 'TH',
    originCountry: 'MM',
    owningAgencyId: 'th-dsdhs',
    ...fields,
  };
  return command as OpenCase;
}

export const ADULT_CASE: OpenCase = openCase();
export const CHILD_CASE: OpenCase = openCase({ caseId: '5d2a9b8c-1e3f-4a6b-9c7d-0e1f2a3b4c5d', sex: 'male', ageGroup: 'child' });

type RefusalReason = NonNullable<ActionOf<'record_nationality_verification'>['refusalReason']>;
const action = (value: { type: Action['type'] } & Record<string, unknown>): Action => value as Action;

/** One builder per caseworker action; defaults take the "happy" branch. */
export const cmd = {
  screening: (outcome: ActionOf<'record_screening'>['outcome'] = 'presumed_victim'): Action => ({ type: 'record_screening', outcome }),
  identification: (): Action => ({ type: 'record_identification' }),
  consent: (consent: ActionOf<'record_consent'>['consent'] = 'given'): Action => ({ type: 'record_consent', consent }),
  bestInterests: (returnInBestInterests = true): Action => ({ type: 'record_best_interests_determination', returnInBestInterests }),
  guardian: (guardianRef = 'guardian-01'): Action => ({ type: 'appoint_guardian', guardianRef }),
  requestVerification: (toAgencyId?: string): Action =>
    toAgencyId === undefined ? { type: 'send_verification_request' } : { type: 'send_verification_request', toAgencyId },
  verifyNationality: (): Action => ({ type: 'record_nationality_verification', result: 'verified' }),
  /** A refusal; `null` leaves the refusalReason out. */
  refuseNationality: (refusalReason: RefusalReason | null = 'not_a_national', rerouteTo?: Country): Action =>
    action({
      type: 'record_nationality_verification',
      result: 'refused',
      ...(refusalReason === null ? {} : { refusalReason }),
      ...(rerouteTo === undefined ? {} : { rerouteTo }),
    }),
  family: (result: ActionOf<'record_family_assessment'>['result'] = 'safe'): Action => ({ type: 'record_family_assessment', result }),
  travelDocument: (documentKind: ActionOf<'record_travel_document'>['documentKind'] = 'certificate_of_identity'): Action => ({
    type: 'record_travel_document',
    documentKind,
  }),
  scheduleHandover: (date = '2025-03-01', crossingPoint = 'mae-sot-myawaddy'): Action => ({
    type: 'schedule_handover',
    date,
    crossingPoint,
  }),
  confirmHandover: (side: ActionOf<'confirm_handover'>['side']): Action => ({ type: 'confirm_handover', side }),
  custody: (toAgencyId = 'mm-dsw'): Action => ({ type: 'record_custody_transfer', toAgencyId }),
  reception: (facilityRef?: string): Action =>
    facilityRef === undefined ? { type: 'record_reception' } : { type: 'record_reception', facilityRef },
  escortHome: (): Action => ({ type: 'record_escort_home' }),
  arrival: (): Action => ({ type: 'confirm_arrival' }),
  plan: (): Action => ({ type: 'record_reintegration_plan' }),
  followUp: (visitDate = '2025-06-01'): Action => ({ type: 'record_follow_up_visit', visitDate }),
  close: (outcome: ClosingOutcome = 'reintegrated'): Action => action({ type: 'close_case', outcome }),
  end: (reason: EarlyEndReason = 'declined_return'): Action => action({ type: 'end_case', reason }),
  hold: (reason: HoldReason = 'court_witness', reviewDate = '2025-09-30'): Action => action({ type: 'place_on_hold', reason, reviewDate }),
  release: (): Action => ({ type: 'release_hold' }),
};

/** Folds events from the initial state, as a replay does. */
export function given(events: readonly RepatriationEvent[]): RepatriationState {
  return events.reduce(evolve, initialState());
}

export interface Run {
  state: RepatriationState;
  /** Every event recorded so far, in order. */
  history: RepatriationEvent[];
  /** Events of the last command only. */
  last: RepatriationEvent[];
}

/** Decides and folds each command in turn; any rejection fails the test. */
export function run(commands: readonly RepatriationCommand[], from: Run = { state: initialState(), history: [], last: [] }): Run {
  let { state } = from;
  const history = [...from.history];
  let last: RepatriationEvent[] = [];
  for (const command of commands) {
    last = decideCommand(command, state);
    state = last.reduce(evolve, state);
    history.push(...last);
  }
  return { state, history, last };
}

/** Same as {@link run}, starting from an existing state with no history. */
export function runFrom(state: RepatriationState, commands: readonly RepatriationCommand[]): Run {
  return run(commands, { state, history: [], last: [] });
}

/** Decides one command and folds its events; returns the events and the new state. */
export function step(state: RepatriationState, command: RepatriationCommand): { events: RepatriationEvent[]; state: RepatriationState } {
  const events = decideCommand(command, state);
  return { events, state: events.reduce(evolve, state) };
}

/** The rejection `decide` throws for this command; fails if it does not throw one. */
export function rejectionOf(command: RepatriationCommand, state: RepatriationState): CommandRejected {
  let result: RepatriationEvent[] | undefined;
  try {
    result = decideCommand(command, state);
  } catch (error) {
    expect(error).toBeInstanceOf(CommandRejected);
    return error as CommandRejected;
  }
  expect.fail(`expected "${command.type}" to be rejected, got ${JSON.stringify(result.map((e) => e.type))}`);
}

/** Asserts a rejection's kind and stage. */
export function expectRejected(command: RepatriationCommand, state: RepatriationState, kind: CommandRejected['kind'], stage: Stage): void {
  const rejection = rejectionOf(command, state);
  expect({ kind: rejection.kind, stage: rejection.stage }, rejection.message).toEqual({ kind, stage });
}

export const types = (events: readonly RepatriationEvent[]): string[] => events.map((e) => e.type);

export type AgeGroup = 'adult' | 'child';

/** The actions of each stage, in an order that closes its last gate with the last action. */
export const PATH: Record<AgeGroup, Record<Stage, Action[]>> = {
  adult: {
    identification: [cmd.screening(), cmd.identification(), cmd.consent()],
    verification: [cmd.requestVerification(), cmd.verifyNationality(), cmd.family(), cmd.travelDocument()],
    handover: [cmd.scheduleHandover(), cmd.confirmHandover('sending'), cmd.confirmHandover('receiving')],
    escort: [cmd.reception(), cmd.escortHome(), cmd.arrival()],
    reintegration: [cmd.plan(), cmd.followUp(), cmd.close()],
  },
  child: {
    identification: [cmd.screening(), cmd.identification(), cmd.consent(), cmd.bestInterests(), cmd.guardian()],
    verification: [cmd.requestVerification(), cmd.verifyNationality(), cmd.family(), cmd.travelDocument()],
    handover: [cmd.scheduleHandover(), cmd.confirmHandover('sending'), cmd.confirmHandover('receiving'), cmd.custody()],
    escort: [cmd.reception(), cmd.escortHome(), cmd.arrival()],
    reintegration: [cmd.plan(), cmd.followUp(), cmd.close()],
  },
};

/** Every command of the canonical path, from open_case to close_case. */
export function fullPath(age: AgeGroup): RepatriationCommand[] {
  return [age === 'adult' ? ADULT_CASE : CHILD_CASE, ...STAGES.flatMap((stage) => PATH[age][stage])];
}

export const openAdult = (): RepatriationState => run([ADULT_CASE]).state;
export const openChild = (): RepatriationState => run([CHILD_CASE]).state;

/** A freshly opened case that has just entered `stage` (no facts of that stage recorded yet). */
export function caseAt(age: AgeGroup, stage: Stage): RepatriationState {
  const before = STAGES.slice(0, STAGES.indexOf(stage));
  const state = run([age === 'adult' ? ADULT_CASE : CHILD_CASE, ...before.flatMap((s) => PATH[age][s])]).state;
  expect(state.stage).toBe(stage);
  return state;
}

export const adultAt = (stage: Stage): RepatriationState => caseAt('adult', stage);
export const childAt = (stage: Stage): RepatriationState => caseAt('child', stage);

/** Same as {@link caseAt}, then applies `actions` within that stage. */
export function within(age: AgeGroup, stage: Stage, actions: readonly Action[]): RepatriationState {
  return runFrom(caseAt(age, stage), actions).state;
}

/** Every stage action (not end/hold/release), one sample each: used for wrong-stage and hold checks. */
export const STAGE_ACTIONS: readonly Action[] = [
  cmd.screening(),
  cmd.identification(),
  cmd.consent(),
  cmd.bestInterests(),
  cmd.guardian(),
  cmd.requestVerification(),
  cmd.verifyNationality(),
  cmd.family(),
  cmd.travelDocument(),
  cmd.scheduleHandover(),
  cmd.confirmHandover('sending'),
  cmd.custody(),
  cmd.reception(),
  cmd.escortHome(),
  cmd.arrival(),
  cmd.plan(),
  cmd.followUp(),
  cmd.close(),
];

/** Every action shape, including the any-stage ones. */
export const ALL_ACTIONS: readonly Action[] = [...STAGE_ACTIONS, cmd.end(), cmd.hold(), cmd.release()];

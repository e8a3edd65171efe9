/**
 * Repatriation decider: properties over random command sequences. Each sequence opens a case
 * (adult or child, random countries), follows the canonical path for a random number of steps so
 * that every stage is reached, then applies random actions drawn from the valid action shapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve, openGates, STAGES, type Action, type RepatriationEvent, type RepatriationState } from '../../domain/repatriation/index.js';
import { CLOSING_OUTCOMES, EARLY_END_REASONS, HOLD_REASONS } from '../../domain/repatriation/vocabulary.js';
import { COUNTRIES } from '../../domain/shared/countries.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import { ALL_ACTIONS, fullPath, given, openCase } from './support/repatriation.js';
import { decideCommand } from '../support/decide.js';

const country = fc.constantFrom(...COUNTRIES);
const ref = fc.constantFrom('guardian-01', 'mm-dsw', 'shelter.07', 'x');
const date = fc.constantFrom('2025-01-15', '2025-06-30', '2026-02-01');

const shapes: fc.Arbitrary<object>[] = [
  fc.record({ type: fc.constant('record_screening'), outcome: fc.constantFrom('presumed_victim', 'not_a_victim') }),
  fc.constant({ type: 'record_identification' }),
  fc.record({ type: fc.constant('record_consent'), consent: fc.constantFrom('given', 'withheld') }),
  fc.record({ type: fc.constant('record_best_interests_determination'), returnInBestInterests: fc.boolean() }),
  fc.record({ type: fc.constant('appoint_guardian'), guardianRef: ref }),
  fc.record({ type: fc.constant('send_verification_request'), toAgencyId: ref }, { requiredKeys: ['type'] }),
  fc.record(
    {
      type: fc.constant('record_nationality_verification'),
      result: fc.constantFrom('verified', 'refused'),
      refusalReason: fc.constantFrom('not_a_national', 'identity_not_established', 'records_not_found', 'other'),
      rerouteTo: country,
    },
    { requiredKeys: ['type', 'result'] },
  ),
  fc.record({ type: fc.constant('record_family_assessment'), result: fc.constantFrom('safe', 'not_safe') }),
  fc.record({
    type: fc.constant('record_travel_document'),
    documentKind: fc.constantFrom('certificate_of_identity', 'temporary_passport', 'passport'),
  }),
  fc.record({ type: fc.constant('schedule_handover'), date, crossingPoint: ref }),
  fc.record({ type: fc.constant('confirm_handover'), side: fc.constantFrom('sending', 'receiving') }),
  fc.record({ type: fc.constant('record_custody_transfer'), toAgencyId: ref }),
  fc.record({ type: fc.constant('record_reception'), facilityRef: ref }, { requiredKeys: ['type'] }),
  fc.constant({ type: 'record_escort_home' }),
  fc.constant({ type: 'confirm_arrival' }),
  fc.constant({ type: 'record_reintegration_plan' }),
  fc.record({ type: fc.constant('record_follow_up_visit'), visitDate: date }),
  fc.record({ type: fc.constant('close_case'), outcome: fc.constantFrom(...CLOSING_OUTCOMES) }),
  fc.record({ type: fc.constant('place_on_hold'), reason: fc.constantFrom(...HOLD_REASONS), reviewDate: date }),
  fc.constant({ type: 'release_hold' }),
];
const endCase = fc.record({ type: fc.constant('end_case'), reason: fc.constantFrom(...EARLY_END_REASONS) });

/** Any valid action; end_case is rarer so that sequences live long enough to move through stages. */
const anyAction = fc.oneof(...shapes.map((arbitrary) => ({ arbitrary, weight: 4 })), {
  arbitrary: endCase,
  weight: 1,
}) as fc.Arbitrary<Action>;

const scenario = fc.record({
  ageGroup: fc.constantFrom('adult' as const, 'child' as const),
  countries: fc.tuple(country, country).filter(([host, origin]) => host !== origin),
  pathSteps: fc.nat({ max: fullPath('child').length - 2 }),
  actions: fc.array(anyAction, { maxLength: 40 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

const KINDS = ['wrong_stage', 'on_hold', 'closed', 'rule'];
const stageIndex = (state: RepatriationState): number => (state.stage === null ? -1 : STAGES.indexOf(state.stage));

interface Outcome {
  action: Action;
  before: RepatriationState;
  events: RepatriationEvent[] | undefined;
  error: unknown;
  after: RepatriationState;
}

/** Plays a scenario: every decision, the state before and after, and the events folded in total. */
function play({ ageGroup, countries: [hostCountry, originCountry], pathSteps, actions }: Scenario) {
  const open = openCase({ ageGroup, hostCountry, originCountry });
  const prefix = fullPath(ageGroup).slice(1, 1 + pathSteps) as Action[];
  let state = given(decideCommand(open, given([])));
  const history: RepatriationEvent[] = [...decideCommand(open, given([]))];
  const outcomes: Outcome[] = [];
  for (const action of [...prefix, ...actions]) {
    const before = structuredClone(state);
    let events: RepatriationEvent[] | undefined;
    let error: unknown;
    try {
      events = decideCommand(action, state);
    } catch (caught) {
      error = caught;
    }
    expect(state, 'decide must not change the state it is given').toEqual(before);
    if (events) {
      state = events.reduce(evolve, state);
      history.push(...events);
    }
    outcomes.push({ action, before, events, error, after: state });
  }
  return { state, history, outcomes };
}

const RUNS = { numRuns: 300 };

/** The kind of the rejection `attempt` throws, or undefined when it does not throw. */
function kindOf(attempt: () => unknown): string | undefined {
  try {
    attempt();
  } catch (error) {
    return error instanceof CommandRejected ? error.kind : `not a CommandRejected: ${String(error)}`;
  }
  return undefined;
}

describe('repatriation decider properties', () => {
  it('(a) a decision either throws a CommandRejected or returns events, never both', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { events, error, before } of play(s).outcomes) {
          if (error === undefined) {
            expect(events?.length).toBeGreaterThan(0);
            continue;
          }
          expect(events).toBeUndefined();
          expect(error).toBeInstanceOf(CommandRejected);
          const rejection = error as CommandRejected;
          expect(KINDS).toContain(rejection.kind);
          expect(rejection.stage).toBe(before.stage);
        }
      }),
      RUNS,
    );
  });

  it('(b) the version equals the number of events folded, and replay gives the same state', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { state, history, outcomes } = play(s);
        let folded = 1; // CaseOpened
        for (const { events, after } of outcomes) {
          folded += events?.length ?? 0;
          expect(after.version).toBe(folded);
        }
        expect(state.version).toBe(history.length);
        expect(given(history)).toEqual(state);
      }),
      RUNS,
    );
  });

  it('(c) once closed, every command is rejected as closed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { state, outcomes } = play(s);
        for (const { before, events, error } of outcomes) {
          if (before.status !== 'closed') continue;
          expect(events).toBeUndefined();
          expect((error as CommandRejected).kind).toBe('closed');
        }
        if (state.status === 'closed') {
          for (const action of ALL_ACTIONS) expect(kindOf(() => decideCommand(action, state))).toBe('closed');
        }
      }),
      RUNS,
    );
  });

  it('(d) the stage index never decreases, and advances by one stage at a time', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { before, after, events } of play(s).outcomes) {
          const advanced = (events ?? []).filter((e) => e.type === 'StageAdvanced');
          expect(advanced.length).toBeLessThanOrEqual(1);
          expect(stageIndex(after)).toBe(stageIndex(before) + advanced.length);
        }
      }),
      RUNS,
    );
  });

  it('records StageAdvanced exactly when the last gate of a stage closes, and CaseClosed last', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { before, after, events } of play(s).outcomes) {
          if (!events) continue;
          const advanceAt = events.findIndex((e) => e.type === 'StageAdvanced');
          const closeAt = events.findIndex((e) => e.type === 'CaseClosed');
          if (advanceAt >= 0) {
            expect(advanceAt).toBe(events.length - 1);
            expect(openGates(events.slice(0, -1).reduce(evolve, before))).toEqual([]);
          }
          if (closeAt >= 0) expect(closeAt).toBe(events.length - 1);
          if (after.status === 'open' && after.stage !== 'reintegration') {
            expect(openGates(after).length, 'an open case never rests in a stage whose gates all hold').toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('keeps a hold until it is released or the case closes, and never moves a case on hold', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { action, before, after, events } of play(s).outcomes) {
          if (!before.hold || !events) continue;
          expect(['release_hold', 'end_case']).toContain(action.type);
          expect(after.stage).toBe(before.stage);
          expect(after.hold).toBeNull();
        }
      }),
      RUNS,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { countsAsProgress, initialState, type SuspectTransferState } from '../../domain/suspect-transfer/index.js';
import { STAGES } from '../../domain/suspect-transfer/stages.js';
import { EARLY_END_REASONS, HOLD_REASONS } from '../../domain/suspect-transfer/vocabulary.js';
import {
  ALL_ACTIONS,
  CASE_ID,
  CASE_IN_STAGE,
  LINKED_A,
  LINKED_B,
  SAMPLE_ACTIONS,
  VICTIM_CASE,
  apply,
  approver,
  atConfirmation,
  atLegalBasis,
  atProsecution,
  attempt,
  expectRejected,
  given,
  history,
  opened,
  openTransfer,
  types,
} from './suspect-transfer-support.js';

const hold = SAMPLE_ACTIONS.place_on_hold;
const release = SAMPLE_ACTIONS.release_hold;
const stageActions = ALL_ACTIONS.filter((a) => !['link_case', 'end_transfer', 'place_on_hold', 'release_hold'].includes(a.type));

/** Every way a case can close: completed, ended early by a caseworker, or ended by a rule. */
const CLOSED_CASES: Record<string, () => SuspectTransferState> = {
  completed: () => given([SAMPLE_ACTIONS.report_prosecution_outcome], atProsecution()),
  ended_early: () => given([{ type: 'end_transfer', reason: 'deceased' }], atLegalBasis()),
  ended_on_hold: () => given([hold, { type: 'end_transfer', reason: 'released' }], opened()),
  rescreened: () => given([{ type: 'end_transfer', reason: 'rescreened_as_victim', victimCaseId: VICTIM_CASE }], opened()),
  rule_ended: () => given([{ type: 'confirm_identity', result: 'not_confirmed' }], atConfirmation()),
};

describe('suspect transfer: early end', () => {
  for (const stage of STAGES) {
    it.each(EARLY_END_REASONS)(`ends from the ${stage} stage with %s`, (reason) => {
      const { events, state } = apply(CASE_IN_STAGE[stage](), { type: 'end_transfer', reason });
      expect(events).toEqual([{ type: 'CaseClosed', data: { outcome: reason, completed: false, stage } }]);
      expect(state).toMatchObject({ status: 'closed', stage, hold: null, outcome: { code: reason, completed: false } });
    });
  }

  it('ends a case on hold, clearing the hold', () => {
    const state = given([hold, { type: 'end_transfer', reason: 'charges_dropped' }], atLegalBasis());
    expect(state).toMatchObject({ status: 'closed', hold: null, outcome: { code: 'charges_dropped', completed: false } });
  });

  it('links the victim case when the person is rescreened as a victim', () => {
    const { events, state } = apply(atConfirmation(), { type: 'end_transfer', reason: 'rescreened_as_victim', victimCaseId: VICTIM_CASE });
    expect(events).toEqual([
      { type: 'RescreenedAsVictim', data: { victimCaseId: VICTIM_CASE } },
      { type: 'CaseClosed', data: { outcome: 'rescreened_as_victim', completed: false, stage: 'confirmation' } },
    ]);
    expect(state.facts.victimCaseId).toBe(VICTIM_CASE);
  });

  it('refuses a victimCaseId with another reason, or naming this case', () => {
    for (const reason of EARLY_END_REASONS.filter((r) => r !== 'rescreened_as_victim')) {
      expectRejected(
        opened(),
        { type: 'end_transfer', reason, victimCaseId: VICTIM_CASE },
        'rule',
        /only to the reason rescreened_as_victim/,
      );
    }
    expectRejected(opened(), { type: 'end_transfer', reason: 'rescreened_as_victim', victimCaseId: CASE_ID }, 'rule', /not this transfer/);
  });
});

describe('suspect transfer: hold and release', () => {
  it.each(HOLD_REASONS)('places a hold for %s and releases it where the case was', (reason) => {
    const held = apply(atLegalBasis(), { type: 'place_on_hold', reason, reviewDate: '2025-09-01' });
    expect(held.events).toEqual([{ type: 'HoldPlaced', data: { reason, reviewDate: '2025-09-01' } }]);
    expect(held.state.hold).toEqual({ reason, reviewDate: '2025-09-01' });
    const released = apply(held.state, release);
    expect(released.events).toEqual([{ type: 'HoldReleased', data: {} }]);
    expect(released.state).toMatchObject({ hold: null, stage: 'legal_basis', status: 'open' });
  });

  it('blocks every stage action while on hold, in every stage, naming the stage', () => {
    for (const stage of STAGES) {
      const held = given([hold], CASE_IN_STAGE[stage]());
      for (const action of stageActions) {
        const rejection = expectRejected(held, action, 'on_hold', /local_prosecution\) until 2025-06-01; release the hold first/);
        expect(rejection.stage).toBe(stage);
      }
    }
  });

  it('blocks approval on hold even for an approver', () => {
    const held = given([{ type: 'choose_legal_basis', basis: 'deportation' }, hold], atLegalBasis());
    expectRejected(held, { type: 'approve_transfer' }, 'on_hold', undefined, approver);
  });

  it('lets the case move again after release', () => {
    const resumed = given([hold, release], opened());
    expect(types(attempt(resumed, SAMPLE_ACTIONS.record_arrest))).toEqual(['ArrestRecorded', 'StageAdvanced']);
  });

  it('refuses a second hold and a release without a hold', () => {
    expectRejected(given([hold], opened()), hold, 'rule', /already on hold \(local_prosecution\)/);
    expectRejected(opened(), release, 'rule', /not on hold/);
  });
});

describe('suspect transfer: linking trafficking cases', () => {
  it.each(STAGES)('links a case in the %s stage, without moving the stage', (stage) => {
    const before = CASE_IN_STAGE[stage]();
    const { events, state } = apply(before, { type: 'link_case', caseId: LINKED_B });
    expect(events).toEqual([{ type: 'CaseLinked', data: { caseId: LINKED_B } }]);
    expect(state.linkedCaseIds).toEqual([LINKED_B]);
    expect(state.stage).toBe(stage);
  });

  it('links while on hold', () => {
    expect(given([hold, { type: 'link_case', caseId: LINKED_A }], opened()).linkedCaseIds).toEqual([LINKED_A]);
  });

  it('refuses a case already linked (at opening or later) and the case itself', () => {
    expectRejected(opened({ linkedCaseIds: [LINKED_A] }), { type: 'link_case', caseId: LINKED_A }, 'rule', /already linked/);
    expectRejected(
      given([{ type: 'link_case', caseId: LINKED_B }], opened()),
      { type: 'link_case', caseId: LINKED_B },
      'rule',
      /already linked/,
    );
    expectRejected(opened(), { type: 'link_case', caseId: CASE_ID }, 'rule', /itself/);
  });
});

describe('suspect transfer: a closed case is terminal', () => {
  for (const [how, build] of Object.entries(CLOSED_CASES)) {
    it(`rejects every action and a re-opening with kind closed (${how})`, () => {
      const state = build();
      expect(state.status).toBe('closed');
      for (const action of [...ALL_ACTIONS, openTransfer()]) {
        for (const actor of [undefined, approver]) {
          const rejection = expectRejected(state, action, 'closed', /closed/, actor);
          expect(rejection.stage).toBe(state.stage);
        }
      }
    });
  }

  it('names the outcome in the rejection', () => {
    expectRejected(CLOSED_CASES.rule_ended!(), release, 'closed', /closed \(identity_not_confirmed\)/);
  });
});

describe('suspect transfer: purity and progress', () => {
  it('never mutates the state it decides on or folds', () => {
    const state = atLegalBasis();
    const snapshot = structuredClone(state);
    const { events } = history(
      [
        { type: 'choose_legal_basis', basis: 'extradition' },
        { type: 'record_dual_criminality', result: 'confirmed' },
        [{ type: 'approve_extradition' }, approver],
      ],
      state,
    );
    expect(events.length).toBeGreaterThan(0);
    expect(state).toEqual(snapshot);
    expect(initialState()).toEqual(initialState());
  });

  it('decides the same events for the same command and state', () => {
    const state = atConfirmation();
    expect(attempt(state, SAMPLE_ACTIONS.confirm_warrant)).toEqual(attempt(state, SAMPLE_ACTIONS.confirm_warrant));
  });

  it('does not count holds and links as progress', () => {
    const { events } = history([hold, release, { type: 'link_case', caseId: LINKED_A }], opened());
    expect(events.map(countsAsProgress)).toEqual([false, false, false]);
    expect(attempt(opened(), SAMPLE_ACTIONS.record_arrest).every(countsAsProgress)).toBe(true);
  });
});

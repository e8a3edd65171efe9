import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ActionSchemas, OpenTransferSchema, type ActionOf } from '../../domain/suspect-transfer/commands.js';
import { ACTION_STAGE, EXIT_GATES, STAGES, openGates } from '../../domain/suspect-transfer/stages.js';
import { initialState, suspectTransfer } from '../../domain/suspect-transfer/index.js';
import {
  ALL_ACTIONS,
  CASE_ID,
  CASE_IN_STAGE,
  LINKED_A,
  LINKED_B,
  PERSON_ID,
  SAMPLE_ACTIONS,
  apply,
  approver,
  atConfirmation,
  attempt,
  expectRejected,
  given,
  opened,
  openTransfer,
  rejectionOf,
  types,
} from './suspect-transfer-support.js';

const gateIds = (state: ReturnType<typeof opened>) => openGates(state).map((g) => g.id);

describe('suspect transfer: schemas', () => {
  it('accepts the sample of every action and the open command', () => {
    for (const action of ALL_ACTIONS) expect(Value.Check(ActionSchemas[action.type], action), action.type).toBe(true);
    expect(Value.Check(OpenTransferSchema, { ...openTransfer(), linkedCaseIds: [LINKED_A] })).toBe(true);
  });

  it('closes every body, so a caller cannot assert a role in it', () => {
    expect(Value.Check(ActionSchemas.approve_extradition, { type: 'approve_extradition', actorRole: 'approver' })).toBe(false);
    expect(Value.Check(OpenTransferSchema, { ...openTransfer(), actorRole: 'approver' })).toBe(false);
  });

  it('takes charges and nationality as codes only', () => {
    expect(Value.Check(ActionSchemas.record_arrest, { type: 'record_arrest', arrestDate: '2025-03-01', charges: [] })).toBe(false);
    expect(Value.Check(ActionSchemas.record_arrest, { type: 'record_arrest', arrestDate: '2025-03-01', charges: ['stole a car'] })).toBe(
      false,
    );
    expect(Value.Check(OpenTransferSchema, openTransfer({ nationality: 'China' }))).toBe(false);
    expect(Value.Check(OpenTransferSchema, openTransfer({ nationality: 'MY' }))).toBe(true);
    // @ts-expect-error the static types keep the vocabularies closed too
    const free: ActionOf<'record_arrest'> = { type: 'record_arrest', arrestDate: '2025-03-01', charges: ['stole a car'] };
    expect(free.charges).toHaveLength(1);
  });
});

describe('suspect transfer: opening', () => {
  it('opens in the arrest stage with the parties recorded', () => {
    const { events, state } = apply(initialState(), openTransfer());
    expect(events).toEqual([
      {
        type: 'TransferOpened',
        data: {
          caseId: CASE_ID,
          personId: PERSON_ID,
          holdingCountry: 'TH',
          receivingCountry: 'CN',
          nationality: 'CN',
          owningAgencyId: 'th-rtp-atpd',
        },
      },
    ]);
    expect(state).toMatchObject({
      status: 'open',
      stage: 'arrest',
      version: 1,
      holdingCountry: 'TH',
      receivingCountry: 'CN',
      nationality: 'CN',
    });
    expect(gateIds(state)).toEqual(['arrested']);
  });

  it('records each linked case at opening as a CaseLinked event', () => {
    const { events, state } = apply(initialState(), openTransfer({ linkedCaseIds: [LINKED_A, LINKED_B] }));
    expect(types(events)).toEqual(['TransferOpened', 'CaseLinked', 'CaseLinked']);
    expect(state.linkedCaseIds).toEqual([LINKED_A, LINKED_B]);
  });

  it('rejects the same holding and receiving country', () => {
    expectRejected(initialState(), openTransfer({ receivingCountry: 'TH' }), 'rule', /must differ/);
  });

  it('rejects a case linked to itself or linked twice', () => {
    expectRejected(initialState(), openTransfer({ linkedCaseIds: [CASE_ID] }), 'rule', /itself/);
    expectRejected(initialState(), openTransfer({ linkedCaseIds: [LINKED_A, LINKED_A] }), 'rule', /more than once/);
  });

  it('rejects opening an open case', () => {
    expectRejected(atConfirmation(), openTransfer(), 'rule', /already open/);
  });

  it('rejects any action before the case is opened', () => {
    for (const action of ALL_ACTIONS) expectRejected(initialState(), action, 'rule', /not been opened/);
  });

  it('is exported as a Decider over issued commands', () => {
    const state = suspectTransfer
      .decide({ command: openTransfer(), actor: approver }, suspectTransfer.initialState())
      .reduce(suspectTransfer.evolve, suspectTransfer.initialState());
    expect(state.stage).toBe('arrest');
  });
});

describe('suspect transfer: arrest', () => {
  it('records the arrest and charges, which completes the stage', () => {
    const { events, state } = apply(opened(), SAMPLE_ACTIONS.record_arrest);
    expect(events).toEqual([
      { type: 'ArrestRecorded', data: { arrestDate: '2025-03-01', charges: ['trafficking_in_persons', 'online_scam_fraud'] } },
      { type: 'StageAdvanced', data: { from: 'arrest', to: 'confirmation' } },
    ]);
    expect(state.facts.arrest).toEqual({ date: '2025-03-01', charges: ['trafficking_in_persons', 'online_scam_fraud'] });
    expect(state.stage).toBe('confirmation');
  });
});

describe('suspect transfer: wrong stage', () => {
  it('rejects every stage action outside its stage, naming the current stage', () => {
    for (const [stage, build] of Object.entries(CASE_IN_STAGE)) {
      const state = build();
      for (const [type, required] of Object.entries(ACTION_STAGE)) {
        if (required === stage) continue;
        const action = SAMPLE_ACTIONS[type as keyof typeof ACTION_STAGE];
        const rejection = expectRejected(state, action, 'wrong_stage');
        expect(rejection.message).toContain(`in the ${stage} stage`);
        expect(rejection.message).toContain(`belongs to the ${required} stage`);
      }
    }
  });
});

describe('suspect transfer: confirmation by the receiving country', () => {
  it('waits for identity, nationality and warrant, in any order', () => {
    const orders = [
      ['confirm_identity', 'confirm_nationality', 'confirm_warrant'],
      ['confirm_warrant', 'confirm_identity', 'confirm_nationality'],
      ['confirm_nationality', 'confirm_warrant', 'confirm_identity'],
    ] as const;
    for (const order of orders) {
      let state = atConfirmation();
      expect(gateIds(state)).toEqual(['identity_confirmed', 'nationality_confirmed', 'warrant_confirmed']);
      for (const [i, type] of order.entries()) {
        const result = apply(state, SAMPLE_ACTIONS[type]);
        state = result.state;
        expect(result.events.at(-1)?.type === 'StageAdvanced').toBe(i === order.length - 1);
      }
      expect(state.stage).toBe('legal_basis');
    }
  });

  it('lists each gate as open until its own confirmation', () => {
    const state = given([SAMPLE_ACTIONS.confirm_identity], atConfirmation());
    expect(gateIds(state)).toEqual(['nationality_confirmed', 'warrant_confirmed']);
    expect(gateIds(given([SAMPLE_ACTIONS.confirm_warrant], state))).toEqual(['nationality_confirmed']);
  });

  it('records the warrant kind and reference', () => {
    const { events, state } = apply(atConfirmation(), SAMPLE_ACTIONS.confirm_warrant);
    expect(events).toEqual([{ type: 'WarrantConfirmed', data: { warrantKind: 'arrest_warrant', warrantRef: 'cn-mps-w-2025-0042' } }]);
    expect(state.facts.warrant).toEqual({ kind: 'arrest_warrant', ref: 'cn-mps-w-2025-0042' });
  });

  it('rejects confirming a check twice', () => {
    const state = given([SAMPLE_ACTIONS.confirm_identity, SAMPLE_ACTIONS.confirm_nationality], atConfirmation());
    expectRejected(state, SAMPLE_ACTIONS.confirm_identity, 'rule', /identity is already confirmed/);
    expectRejected(state, SAMPLE_ACTIONS.confirm_nationality, 'rule', /nationality is already confirmed/);
    const withWarrant = given([SAMPLE_ACTIONS.confirm_warrant], atConfirmation());
    expectRejected(withWarrant, SAMPLE_ACTIONS.confirm_warrant, 'rule', /already confirmed/);
  });

  it('needs a kind and a reference for a confirmed warrant, and neither for a refusal', () => {
    const state = atConfirmation();
    expectRejected(state, { type: 'confirm_warrant', result: 'confirmed' }, 'rule', /warrantKind and warrantRef/);
    expectRejected(
      state,
      { type: 'confirm_warrant', result: 'confirmed', warrantKind: 'wanted_notice' },
      'rule',
      /warrantKind and warrantRef/,
    );
    expectRejected(state, { type: 'confirm_warrant', result: 'confirmed', warrantRef: 'w-1' }, 'rule', /warrantKind and warrantRef/);
    expectRejected(state, { type: 'confirm_warrant', result: 'not_confirmed', warrantRef: 'w-1' }, 'rule', /only to a confirmed/);
    expectRejected(
      state,
      { type: 'confirm_warrant', result: 'not_confirmed', warrantKind: 'wanted_notice' },
      'rule',
      /only to a confirmed/,
    );
  });

  it('ends the case when the receiving country cannot confirm a check', () => {
    const checks = [
      [{ type: 'confirm_identity', result: 'not_confirmed' }, 'identity'],
      [{ type: 'confirm_nationality', result: 'not_confirmed' }, 'nationality'],
      [{ type: 'confirm_warrant', result: 'not_confirmed' }, 'warrant'],
    ] as const;
    for (const [action, check] of checks) {
      const { events, state } = apply(atConfirmation(), action);
      expect(events).toEqual([
        { type: 'ConfirmationRefused', data: { check } },
        { type: 'CaseClosed', data: { outcome: `${check}_not_confirmed`, completed: false, stage: 'confirmation' } },
      ]);
      expect(state).toMatchObject({ status: 'closed', outcome: { code: `${check}_not_confirmed`, completed: false } });
      expect(rejectionOf(() => attempt(state, SAMPLE_ACTIONS.confirm_identity)).kind).toBe('closed');
    }
  });
});

describe('suspect transfer: gates as data', () => {
  it('has exit gates for every stage, and every stage action maps to a stage', () => {
    expect(Object.keys(EXIT_GATES)).toEqual([...STAGES]);
    for (const stage of STAGES) expect(EXIT_GATES[stage].length).toBeGreaterThan(0);
    expect(new Set(Object.values(ACTION_STAGE))).toEqual(new Set(STAGES));
  });

  it('shows no open gates for a case that is not open', () => {
    expect(openGates(initialState())).toEqual([]);
    expect(openGates(given([{ type: 'end_transfer', reason: 'released' }], opened()))).toEqual([]);
  });

  it('shows what each stage waits for', () => {
    expect(gateIds(CASE_IN_STAGE.legal_basis())).toEqual(['basis_chosen', 'basis_approved']);
    expect(gateIds(CASE_IN_STAGE.handover())).toEqual(['scheduled', 'sending_confirmed', 'receiving_confirmed']);
    expect(gateIds(CASE_IN_STAGE.escort())).toEqual(['escorted', 'custody_confirmed']);
    expect(gateIds(CASE_IN_STAGE.prosecution())).toEqual(['outcome_reported']);
  });
});

import { describe, expect, it } from 'vitest';
import { openGates } from '../../domain/suspect-transfer/stages.js';
import type { SuspectTransferState } from '../../domain/suspect-transfer/state.js';
import { PROSECUTION_OUTCOMES, type LegalBasis } from '../../domain/suspect-transfer/vocabulary.js';
import {
  APPROVAL_STEPS,
  SAMPLE_ACTIONS,
  apply,
  atEscort,
  atHandover,
  atLegalBasis,
  atProsecution,
  expectRejected,
  given,
  history,
  openTransfer,
  rejectionOf,
  attempt,
  types,
} from './suspect-transfer-support.js';

const gateIds = (state: SuspectTransferState) => openGates(state).map((g) => g.id);
const scheduled = () => given([SAMPLE_ACTIONS.schedule_handover], atHandover());
const sending = { type: 'confirm_handover', side: 'sending' } as const;
const receiving = { type: 'confirm_handover', side: 'receiving' } as const;

describe('suspect transfer: handover', () => {
  it('schedules at a border crossing with the evidence list', () => {
    const { events, state } = apply(atHandover(), SAMPLE_ACTIONS.schedule_handover);
    expect(events).toEqual([
      {
        type: 'HandoverScheduled',
        data: { date: '2025-04-10', crossingPoint: 'mae-sai-tachileik', airportRef: null, evidenceListRef: 'ev-list-1' },
      },
    ]);
    expect(gateIds(state)).toEqual(['sending_confirmed', 'receiving_confirmed']);
  });

  it('schedules at an airport', () => {
    const { state } = apply(atHandover(), {
      type: 'schedule_handover',
      date: '2025-04-10',
      airportRef: 'wattay-vte',
      evidenceListRef: 'ev-2',
    });
    expect(state.facts.handover).toEqual({ date: '2025-04-10', crossingPoint: null, airportRef: 'wattay-vte', evidenceListRef: 'ev-2' });
  });

  it('needs exactly one place: a crossing point or an airport', () => {
    const base = { type: 'schedule_handover', date: '2025-04-10', evidenceListRef: 'ev-1' } as const;
    expectRejected(atHandover(), base, 'rule', /exactly one place/);
    expectRejected(atHandover(), { ...base, crossingPoint: 'mae-sai-tachileik', airportRef: 'wattay-vte' }, 'rule', /exactly one place/);
  });

  it('refuses a handover dated before the arrest', () => {
    expectRejected(atHandover(), { ...SAMPLE_ACTIONS.schedule_handover, date: '2025-02-28' }, 'rule', /before the arrest/);
    expect(types(apply(atHandover(), { ...SAMPLE_ACTIONS.schedule_handover, date: '2025-03-01' }).events)).toEqual(['HandoverScheduled']);
  });

  it('refuses a confirmation before the handover is scheduled', () => {
    expectRejected(atHandover(), sending, 'rule', /Schedule the handover/);
    expectRejected(atHandover(), receiving, 'rule', /Schedule the handover/);
  });

  it('is not complete with one side alone', () => {
    for (const side of [sending, receiving]) {
      const { events, state } = apply(scheduled(), side);
      expect(events).toEqual([{ type: 'HandoverConfirmed', data: { side: side.side } }]);
      expect(state.stage).toBe('handover');
      expect(gateIds(state)).toEqual([side.side === 'sending' ? 'receiving_confirmed' : 'sending_confirmed']);
    }
  });

  it('completes when both sides confirm, in either order', () => {
    for (const [first, second] of [
      [sending, receiving],
      [receiving, sending],
    ] as const) {
      const { events, state } = apply(given([first], scheduled()), second);
      expect(types(events)).toEqual(['HandoverConfirmed', 'StageAdvanced']);
      expect(events[1]).toEqual({ type: 'StageAdvanced', data: { from: 'handover', to: 'escort' } });
      expect(state.stage).toBe('escort');
    }
  });

  it('refuses the same side confirming twice', () => {
    expectRejected(given([sending], scheduled()), sending, 'rule', /sending side has already confirmed/);
    expectRejected(given([receiving], scheduled()), receiving, 'rule', /receiving side has already confirmed/);
  });

  it('can be rescheduled until one side confirms, but not after', () => {
    const moved = given([{ ...SAMPLE_ACTIONS.schedule_handover, date: '2025-04-20' }], scheduled());
    expect(moved.facts.handover?.date).toBe('2025-04-20');
    expectRejected(given([receiving], scheduled()), SAMPLE_ACTIONS.schedule_handover, 'rule', /cannot be rescheduled/);
  });
});

describe('suspect transfer: escort to detention', () => {
  it('records the escort, then custody confirmed by the receiving police completes the stage', () => {
    const escorted = apply(atEscort(), SAMPLE_ACTIONS.record_escort);
    expect(escorted.events).toEqual([{ type: 'EscortedToDetention', data: { detentionFacilityRef: 'cn-yn-detention-3' } }]);
    expect(gateIds(escorted.state)).toEqual(['custody_confirmed']);
    const custody = apply(escorted.state, SAMPLE_ACTIONS.confirm_custody);
    expect(custody.events).toEqual([
      { type: 'CustodyConfirmed', data: {} },
      { type: 'StageAdvanced', data: { from: 'escort', to: 'prosecution' } },
    ]);
    expect(custody.state.stage).toBe('prosecution');
  });

  it('refuses custody before the escort, and a second escort', () => {
    expectRejected(atEscort(), SAMPLE_ACTIONS.confirm_custody, 'rule', /escort to detention before/);
    expectRejected(given([SAMPLE_ACTIONS.record_escort], atEscort()), SAMPLE_ACTIONS.record_escort, 'rule', /already recorded/);
  });
});

describe('suspect transfer: prosecution outcome', () => {
  it.each(PROSECUTION_OUTCOMES)('reporting %s back to the sending country completes the case', (outcome) => {
    const { events, state } = apply(atProsecution(), { type: 'report_prosecution_outcome', outcome });
    expect(events).toEqual([
      { type: 'ProsecutionOutcomeReported', data: { outcome } },
      { type: 'CaseClosed', data: { outcome, completed: true, stage: 'prosecution' } },
    ]);
    expect(state).toMatchObject({ status: 'closed', stage: 'prosecution', outcome: { code: outcome, completed: true } });
    expect(state.facts.prosecutionOutcome).toBe(outcome);
    expect(rejectionOf(() => attempt(state, SAMPLE_ACTIONS.report_prosecution_outcome)).kind).toBe('closed');
  });
});

describe('suspect transfer: whole process', () => {
  it.each(['police_to_police_mou', 'deportation', 'extradition'] as LegalBasis[])('runs from opening to completion via %s', (basis) => {
    let state = given(APPROVAL_STEPS[basis], atLegalBasis());
    expect(state.stage).toBe('handover');
    state = given(
      [SAMPLE_ACTIONS.schedule_handover, receiving, sending, SAMPLE_ACTIONS.record_escort, SAMPLE_ACTIONS.confirm_custody],
      state,
    );
    state = given([SAMPLE_ACTIONS.report_prosecution_outcome], state);
    expect(state).toMatchObject({ status: 'closed', outcome: { code: 'convicted', completed: true } });
    expect(state.facts.approval?.basis).toBe(basis);
  });

  it('states every stage change in the history, in order', () => {
    const { events, state } = history([
      openTransfer(),
      SAMPLE_ACTIONS.record_arrest,
      SAMPLE_ACTIONS.confirm_identity,
      SAMPLE_ACTIONS.confirm_nationality,
      SAMPLE_ACTIONS.confirm_warrant,
      ...APPROVAL_STEPS.police_to_police_mou,
      SAMPLE_ACTIONS.schedule_handover,
      sending,
      receiving,
      SAMPLE_ACTIONS.record_escort,
      SAMPLE_ACTIONS.confirm_custody,
      SAMPLE_ACTIONS.report_prosecution_outcome,
    ]);
    const advances = events.flatMap((e) => (e.type === 'StageAdvanced' ? [[e.data.from, e.data.to]] : []));
    expect(advances).toEqual([
      ['arrest', 'confirmation'],
      ['confirmation', 'legal_basis'],
      ['legal_basis', 'handover'],
      ['handover', 'escort'],
      ['escort', 'prosecution'],
    ]);
    expect(state.version).toBe(events.length);
    expect(events.at(-1)).toEqual({ type: 'CaseClosed', data: { outcome: 'convicted', completed: true, stage: 'prosecution' } });
  });
});

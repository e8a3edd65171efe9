/**
 * Repatriation decider: opening a case, the exit gates of every stage, and full paths to close_case.
 * Rejections, holds and closes are in repatriation-decider.rules.test.ts; properties in
 * repatriation-decider.properties.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { openGates, STAGES, type Action, type RepatriationEvent, type Stage } from '../../domain/repatriation/index.js';
import { EXIT_GATES, nextStage } from '../../domain/repatriation/stages.js';
import {
  ADULT_CASE,
  CHILD_CASE,
  caseAt,
  cmd,
  fullPath,
  given,
  openAdult,
  openChild,
  run,
  runFrom,
  step,
  types,
  within,
  type AgeGroup,
} from './support/repatriation.js';
import { decideCommand } from '../support/decide.js';

const gateIds = (state: Parameters<typeof openGates>[0]): string[] => openGates(state).map((g) => g.id);
const advances = (events: RepatriationEvent[]) => events.filter((e) => e.type === 'StageAdvanced');

/**
 * Applies `actions` from the start of `stage`: no action but the last may advance the stage, the
 * only gate open before the last action is `lastGate`, and the last action ends with exactly one
 * StageAdvanced to the next stage.
 */
function expectAdvancesOnLast(age: AgeGroup, stage: Stage, actions: Action[], lastGate: string): void {
  let state = caseAt(age, stage);
  const to = nextStage(stage);
  for (const [i, action] of actions.entries()) {
    const isLast = i === actions.length - 1;
    if (isLast) expect(gateIds(state), `open gates before ${action.type}`).toEqual([lastGate]);
    const result = step(state, action);
    state = result.state;
    if (!isLast) {
      expect(advances(result.events), `${action.type} must not advance`).toEqual([]);
      expect(state.stage).toBe(stage);
      expect(gateIds(state).length).toBeGreaterThan(0);
    } else {
      expect(advances(result.events)).toHaveLength(1);
      expect(result.events.at(-1)).toEqual({ type: 'StageAdvanced', data: { from: stage, to } });
      expect(state.stage).toBe(to);
      expect(state.status).toBe('open');
    }
  }
}

/** Applies `actions` in `stage` and asserts the case stays there with exactly `open` gates open. */
function expectStays(age: AgeGroup, stage: Stage, actions: Action[], open: string[]): void {
  const state = within(age, stage, actions);
  expect(state.stage).toBe(stage);
  expect(state.status).toBe('open');
  expect(gateIds(state)).toEqual(open);
}

describe('open_case', () => {
  it('opens the case in identification with the case data and nothing else', () => {
    const events = decideCommand(ADULT_CASE, given([]));
    const { type: _type, ...data } = ADULT_CASE;
    expect(events).toEqual([{ type: 'CaseOpened', data }]);
    const state = given(events);
    expect(state).toMatchObject({
      status: 'open',
      stage: 'identification',
      version: 1,
      ageGroup: 'adult',
      hostCountry: 'TH',
      originCountry: 'MM',
    });
    expect(state.hold).toBeNull();
    expect(state.outcome).toBeNull();
  });

  it('opens a child case with every identification gate open, child gates included', () => {
    expect(openChild().ageGroup).toBe('child');
    expect(gateIds(openChild())).toEqual(['screened', 'identified', 'consent', 'best_interests', 'guardian']);
  });

  it('does not apply child-only gates to an adult', () => {
    expect(gateIds(openAdult())).toEqual(['screened', 'identified', 'consent']);
  });

  it('has gates in every stage and child-only gates only in identification and handover', () => {
    for (const stage of STAGES) expect(EXIT_GATES[stage].length).toBeGreaterThan(0);
    const childOnly = STAGES.flatMap((stage) => EXIT_GATES[stage].filter((g) => g.childOnly).map((g) => `${stage}.${g.id}`));
    expect(childOnly).toEqual(['identification.best_interests', 'identification.guardian', 'handover.custody']);
  });
});

describe('identification gates', () => {
  it.each([
    [[cmd.screening(), cmd.identification(), cmd.consent()], 'consent'],
    [[cmd.screening(), cmd.consent(), cmd.identification()], 'identified'],
    [[cmd.consent(), cmd.screening(), cmd.identification()], 'identified'],
  ])('adult advances to verification when the last gate closes (%#, last: %s)', (actions, lastGate) => {
    expectAdvancesOnLast('adult', 'identification', actions, lastGate);
  });

  it.each([
    [[cmd.screening(), cmd.identification(), cmd.consent(), cmd.bestInterests(), cmd.guardian()], 'guardian'],
    [[cmd.screening(), cmd.identification(), cmd.guardian(), cmd.consent(), cmd.bestInterests()], 'best_interests'],
    [[cmd.bestInterests(), cmd.guardian(), cmd.screening(), cmd.consent(), cmd.identification()], 'identified'],
    [[cmd.guardian(), cmd.bestInterests(), cmd.screening(), cmd.identification(), cmd.consent()], 'consent'],
  ])('child advances to verification when the last gate closes (%#, last: %s)', (actions, lastGate) => {
    expectAdvancesOnLast('child', 'identification', actions, lastGate);
  });

  it('keeps a child in identification when only the adult gates hold', () => {
    expectStays('child', 'identification', [cmd.screening(), cmd.identification(), cmd.consent()], ['best_interests', 'guardian']);
    expectStays('child', 'identification', [cmd.screening(), cmd.identification(), cmd.consent(), cmd.bestInterests()], ['guardian']);
    expectStays('child', 'identification', [cmd.screening(), cmd.identification(), cmd.consent(), cmd.guardian()], ['best_interests']);
  });

  it('keeps the screened gate open until screening is recorded', () => {
    expectStays('adult', 'identification', [cmd.consent()], ['screened', 'identified']);
    expectStays('adult', 'identification', [cmd.screening()], ['identified', 'consent']);
  });

  it('treats withheld consent as an open gate, and advances once consent is given', () => {
    expectStays('adult', 'identification', [cmd.screening(), cmd.identification(), cmd.consent('withheld')], ['consent']);
    expectAdvancesOnLast(
      'adult',
      'identification',
      [cmd.screening(), cmd.identification(), cmd.consent('withheld'), cmd.consent()],
      'consent',
    );
  });

  it('allows a guardian to be re-appointed before the stage ends', () => {
    const state = within('child', 'identification', [cmd.guardian('guardian-01'), cmd.guardian('guardian-02')]);
    expect(state.facts.guardianRef).toBe('guardian-02');
  });
});

describe('verification gates', () => {
  for (const age of ['adult', 'child'] as const) {
    it.each([
      [[cmd.requestVerification(), cmd.verifyNationality(), cmd.family(), cmd.travelDocument()], 'travel_document'],
      [[cmd.requestVerification(), cmd.verifyNationality(), cmd.travelDocument(), cmd.family()], 'family'],
      [[cmd.requestVerification('mm-dsw'), cmd.family(), cmd.verifyNationality(), cmd.travelDocument('passport')], 'travel_document'],
    ])(`${age} advances to handover when the last gate closes (%#, last: %s)`, (actions, lastGate) => {
      expectAdvancesOnLast(age, 'verification', actions, lastGate);
    });
  }

  it('keeps the case in verification while nationality is unverified', () => {
    expectStays('adult', 'verification', [cmd.requestVerification()], ['nationality', 'family', 'travel_document']);
    expectStays('adult', 'verification', [cmd.requestVerification(), cmd.family()], ['nationality', 'travel_document']);
  });

  it('lets an adult return to a family assessed not safe', () => {
    expectAdvancesOnLast(
      'adult',
      'verification',
      [cmd.requestVerification(), cmd.verifyNationality(), cmd.travelDocument(), cmd.family('not_safe')],
      'family',
    );
  });

  it('records the requested agency, or null when none is named', () => {
    expect(decideCommand(cmd.requestVerification('mm-dsw'), caseAt('adult', 'verification'))).toEqual([
      { type: 'VerificationRequested', data: { toAgencyId: 'mm-dsw' } },
    ]);
    expect(decideCommand(cmd.requestVerification(), caseAt('adult', 'verification'))).toEqual([
      { type: 'VerificationRequested', data: { toAgencyId: null } },
    ]);
  });
});

describe('handover gates', () => {
  it.each([
    [[cmd.scheduleHandover(), cmd.confirmHandover('sending'), cmd.confirmHandover('receiving')], 'receiving_confirmed'],
    [[cmd.scheduleHandover(), cmd.confirmHandover('receiving'), cmd.confirmHandover('sending')], 'sending_confirmed'],
  ])('adult advances to escort when the last gate closes (%#, last: %s)', (actions, lastGate) => {
    expectAdvancesOnLast('adult', 'handover', actions, lastGate);
  });

  it.each([
    [[cmd.scheduleHandover(), cmd.confirmHandover('sending'), cmd.confirmHandover('receiving'), cmd.custody()], 'custody'],
    [[cmd.scheduleHandover(), cmd.custody(), cmd.confirmHandover('sending'), cmd.confirmHandover('receiving')], 'receiving_confirmed'],
    [[cmd.scheduleHandover(), cmd.custody(), cmd.confirmHandover('receiving'), cmd.confirmHandover('sending')], 'sending_confirmed'],
  ])('child advances to escort when the last gate closes (%#, last: %s)', (actions, lastGate) => {
    expectAdvancesOnLast('child', 'handover', actions, lastGate);
  });

  it('needs both the sending and the receiving confirmation', () => {
    expectStays('adult', 'handover', [cmd.scheduleHandover()], ['sending_confirmed', 'receiving_confirmed']);
    expectStays('adult', 'handover', [cmd.scheduleHandover(), cmd.confirmHandover('sending')], ['receiving_confirmed']);
    expectStays('adult', 'handover', [cmd.scheduleHandover(), cmd.confirmHandover('receiving')], ['sending_confirmed']);
  });

  it('keeps a child in handover until custody is transferred', () => {
    expectStays(
      'child',
      'handover',
      [cmd.scheduleHandover(), cmd.confirmHandover('sending'), cmd.confirmHandover('receiving')],
      ['custody'],
    );
  });

  it('allows rescheduling before either side confirms, keeping the latest schedule', () => {
    const state = within('adult', 'handover', [cmd.scheduleHandover('2025-03-01', 'a'), cmd.scheduleHandover('2025-04-01', 'b')]);
    expect(state.facts.handover).toEqual({ date: '2025-04-01', crossingPoint: 'b' });
    expect(gateIds(state)).toEqual(['sending_confirmed', 'receiving_confirmed']);
  });
});

describe('escort gates', () => {
  it('advances to reintegration only when arrival is confirmed', () => {
    expectAdvancesOnLast('adult', 'escort', [cmd.reception('shelter-07'), cmd.escortHome(), cmd.arrival()], 'arrived');
    expectAdvancesOnLast('child', 'escort', [cmd.reception(), cmd.escortHome(), cmd.arrival()], 'arrived');
  });

  it('records the reception facility, or null', () => {
    expect(decideCommand(cmd.reception('shelter-07'), caseAt('adult', 'escort'))).toEqual([
      { type: 'ReceptionRecorded', data: { facilityRef: 'shelter-07' } },
    ]);
    expect(decideCommand(cmd.reception(), caseAt('adult', 'escort'))).toEqual([{ type: 'ReceptionRecorded', data: { facilityRef: null } }]);
  });
});

describe('reintegration', () => {
  it('never advances by itself, even when every gate holds', () => {
    const start = caseAt('adult', 'reintegration');
    const { history, state } = runFrom(start, [cmd.plan(), cmd.followUp('2025-06-01'), cmd.followUp('2025-09-01')]);
    expect(types(history)).toEqual(['ReintegrationPlanRecorded', 'FollowUpVisitRecorded', 'FollowUpVisitRecorded']);
    expect(state).toMatchObject({ status: 'open', stage: 'reintegration' });
    expect(state.facts.followUpVisits).toEqual(['2025-06-01', '2025-09-01']);
    expect(gateIds(state)).toEqual([]);
  });

  it.each(['reintegrated', 'lost_contact', 'referred_to_long_term_services'] as const)(
    'closes as completed with outcome %s once every gate holds',
    (outcome) => {
      const state = within('adult', 'reintegration', [cmd.plan(), cmd.followUp()]);
      const events = decideCommand(cmd.close(outcome), state);
      expect(events).toEqual([{ type: 'CaseClosed', data: { outcome, completed: true, stage: 'reintegration' } }]);
      const closed = step(state, cmd.close(outcome)).state;
      expect(closed).toMatchObject({ status: 'closed', stage: 'reintegration', outcome: { code: outcome, completed: true } });
    },
  );
});

describe('full paths', () => {
  const stageChanges = (events: RepatriationEvent[]) =>
    events.flatMap((e) => (e.type === 'StageAdvanced' ? [`${e.data.from}->${e.data.to}`] : []));

  it('takes an adult from open_case to close_case', () => {
    const { history, state } = run(fullPath('adult'));
    expect(types(history)).toEqual([
      'CaseOpened',
      'ScreeningRecorded',
      'VictimIdentified',
      'ConsentRecorded',
      'StageAdvanced',
      'VerificationRequested',
      'NationalityVerified',
      'FamilyAssessed',
      'TravelDocumentIssued',
      'StageAdvanced',
      'HandoverScheduled',
      'HandoverConfirmed',
      'HandoverConfirmed',
      'StageAdvanced',
      'ReceptionRecorded',
      'EscortedHome',
      'ArrivalConfirmed',
      'StageAdvanced',
      'ReintegrationPlanRecorded',
      'FollowUpVisitRecorded',
      'CaseClosed',
    ]);
    expect(stageChanges(history)).toEqual([
      'identification->verification',
      'verification->handover',
      'handover->escort',
      'escort->reintegration',
    ]);
    expect(state).toMatchObject({ status: 'closed', stage: 'reintegration', version: history.length, hold: null });
    expect(state.outcome).toEqual({ code: 'reintegrated', completed: true });
    expect(history.at(-1)).toEqual({ type: 'CaseClosed', data: { outcome: 'reintegrated', completed: true, stage: 'reintegration' } });
  });

  it('takes a child from open_case to close_case, through the child-only gates', () => {
    const { history, state } = run(fullPath('child'));
    expect(types(history)).toEqual([
      'CaseOpened',
      'ScreeningRecorded',
      'VictimIdentified',
      'ConsentRecorded',
      'BestInterestsDetermined',
      'GuardianAppointed',
      'StageAdvanced',
      'VerificationRequested',
      'NationalityVerified',
      'FamilyAssessed',
      'TravelDocumentIssued',
      'StageAdvanced',
      'HandoverScheduled',
      'HandoverConfirmed',
      'HandoverConfirmed',
      'CustodyTransferred',
      'StageAdvanced',
      'ReceptionRecorded',
      'EscortedHome',
      'ArrivalConfirmed',
      'StageAdvanced',
      'ReintegrationPlanRecorded',
      'FollowUpVisitRecorded',
      'CaseClosed',
    ]);
    expect(stageChanges(history)).toHaveLength(4);
    expect(state).toMatchObject({ status: 'closed', version: history.length, ageGroup: 'child' });
    expect(state.outcome).toEqual({ code: 'reintegrated', completed: true });
    expect(state.facts).toMatchObject({ guardianRef: 'guardian-01', custodyTransferredTo: 'mm-dsw', returnInBestInterests: true });
  });

  it('replays to the same state from the recorded history', () => {
    for (const age of ['adult', 'child'] as const) {
      const { history, state } = run(fullPath(age));
      expect(given(history)).toEqual(state);
    }
    expect(run([CHILD_CASE]).state).toEqual(openChild());
  });
});

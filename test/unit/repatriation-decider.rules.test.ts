/**
 * Repatriation decider: every rejection path in decide.ts, holds, early ends, the closes the rules
 * reach by themselves, rerouting, and closed cases absorbing every command.
 */
import { describe, expect, it } from 'vitest';
import { initialState, STAGES, type Action, type RepatriationState, type Stage } from '../../domain/repatriation/index.js';
import { ACTION_STAGE } from '../../domain/repatriation/stages.js';
import { EARLY_END_REASONS } from '../../domain/repatriation/vocabulary.js';
import {
  ADULT_CASE,
  ALL_ACTIONS,
  STAGE_ACTIONS,
  adultAt,
  caseAt,
  childAt,
  cmd,
  expectRejected,
  fullPath,
  openAdult,
  openCase,
  openChild,
  rejectionOf,
  run,
  runFrom,
  step,
  types,
  within,
} from './support/repatriation.js';
import { decideCommand } from '../support/decide.js';

const stageOf = (action: Action): Stage => ACTION_STAGE[action.type as keyof typeof ACTION_STAGE];
const snapshot = (state: RepatriationState) => structuredClone(state);

describe('open_case rejections', () => {
  it('rejects opening a case twice as a rule, naming the current stage', () => {
    expectRejected(ADULT_CASE, openAdult(), 'rule', 'identification');
    expectRejected(ADULT_CASE, adultAt('handover'), 'rule', 'handover');
  });

  it('rejects the same host and origin country', () => {
    expectRejected(openCase({ originCountry: 'TH' }), initialState(), 'rule', 'identification');
  });

  it('rejects every action on a case that was never opened', () => {
    for (const action of ALL_ACTIONS) expectRejected(action, initialState(), 'rule', 'identification');
  });
});

describe('wrong stage', () => {
  it.each(STAGES)('rejects every action of another stage while in %s, naming the current stage', (stage) => {
    for (const age of ['adult', 'child'] as const) {
      const state = caseAt(age, stage);
      const others = STAGE_ACTIONS.filter((a) => stageOf(a) !== stage);
      expect(others.length).toBeGreaterThan(0);
      for (const action of others) {
        const rejection = rejectionOf(action, state);
        expect({ type: action.type, kind: rejection.kind, stage: rejection.stage }).toEqual({
          type: action.type,
          kind: 'wrong_stage',
          stage,
        });
      }
    }
  });

  it('does not change the state it is given', () => {
    const state = adultAt('verification');
    const before = snapshot(state);
    rejectionOf(cmd.screening(), state);
    expect(state).toEqual(before);
  });
});

describe('rule rejections', () => {
  const cases: [string, () => RepatriationState, Action, Stage][] = [
    // identification
    ['best interests for an adult', () => openAdult(), cmd.bestInterests(), 'identification'],
    ['guardian for an adult', () => openAdult(), cmd.guardian(), 'identification'],
    ['identification before screening', () => openAdult(), cmd.identification(), 'identification'],
    [
      'identification twice',
      () => within('adult', 'identification', [cmd.screening(), cmd.identification()]),
      cmd.identification(),
      'identification',
    ],
    // verification
    ['nationality before the request', () => adultAt('verification'), cmd.verifyNationality(), 'verification'],
    ['refusal before the request', () => adultAt('verification'), cmd.refuseNationality(), 'verification'],
    [
      'nationality verified twice',
      () => within('adult', 'verification', [cmd.requestVerification(), cmd.verifyNationality()]),
      cmd.verifyNationality(),
      'verification',
    ],
    [
      'refusal after verification',
      () => within('adult', 'verification', [cmd.requestVerification(), cmd.verifyNationality()]),
      cmd.refuseNationality(),
      'verification',
    ],
    [
      'verified with a refusalReason',
      () => within('adult', 'verification', [cmd.requestVerification()]),
      { type: 'record_nationality_verification', result: 'verified', refusalReason: 'other' } as Action,
      'verification',
    ],
    [
      'verified with rerouteTo',
      () => within('adult', 'verification', [cmd.requestVerification()]),
      { type: 'record_nationality_verification', result: 'verified', rerouteTo: 'LA' } as unknown as Action,
      'verification',
    ],
    [
      'refusal without a refusalReason',
      () => within('adult', 'verification', [cmd.requestVerification()]),
      cmd.refuseNationality(null),
      'verification',
    ],
    [
      'refusal with reroute but no reason',
      () => within('adult', 'verification', [cmd.requestVerification()]),
      cmd.refuseNationality(null, 'LA'),
      'verification',
    ],
    [
      'reroute to the current origin',
      () => within('adult', 'verification', [cmd.requestVerification()]),
      cmd.refuseNationality('not_a_national', 'MM'),
      'verification',
    ],
    [
      'reroute to the host country',
      () => within('adult', 'verification', [cmd.requestVerification()]),
      cmd.refuseNationality('not_a_national', 'TH'),
      'verification',
    ],
    ['family assessment before the request', () => adultAt('verification'), cmd.family(), 'verification'],
    [
      'travel document before nationality',
      () => within('adult', 'verification', [cmd.requestVerification()]),
      cmd.travelDocument(),
      'verification',
    ],
    // handover
    [
      'reschedule after sending confirmed',
      () => within('adult', 'handover', [cmd.scheduleHandover(), cmd.confirmHandover('sending')]),
      cmd.scheduleHandover(),
      'handover',
    ],
    [
      'reschedule after receiving confirmed',
      () => within('adult', 'handover', [cmd.scheduleHandover(), cmd.confirmHandover('receiving')]),
      cmd.scheduleHandover(),
      'handover',
    ],
    ['confirm before scheduling', () => adultAt('handover'), cmd.confirmHandover('sending'), 'handover'],
    [
      'sending confirmed twice',
      () => within('adult', 'handover', [cmd.scheduleHandover(), cmd.confirmHandover('sending')]),
      cmd.confirmHandover('sending'),
      'handover',
    ],
    [
      'receiving confirmed twice',
      () => within('adult', 'handover', [cmd.scheduleHandover(), cmd.confirmHandover('receiving')]),
      cmd.confirmHandover('receiving'),
      'handover',
    ],
    ['custody for an adult', () => within('adult', 'handover', [cmd.scheduleHandover()]), cmd.custody(), 'handover'],
    ['custody before scheduling', () => childAt('handover'), cmd.custody(), 'handover'],
    ['custody twice', () => within('child', 'handover', [cmd.scheduleHandover(), cmd.custody()]), cmd.custody(), 'handover'],
    // escort
    ['reception twice', () => within('adult', 'escort', [cmd.reception()]), cmd.reception(), 'escort'],
    ['escort before reception', () => adultAt('escort'), cmd.escortHome(), 'escort'],
    ['escort twice', () => within('adult', 'escort', [cmd.reception(), cmd.escortHome()]), cmd.escortHome(), 'escort'],
    ['arrival before escort', () => within('adult', 'escort', [cmd.reception()]), cmd.arrival(), 'escort'],
    // reintegration
    ['plan twice', () => within('adult', 'reintegration', [cmd.plan()]), cmd.plan(), 'reintegration'],
    ['follow-up before the plan', () => adultAt('reintegration'), cmd.followUp(), 'reintegration'],
    ['close with no plan and no visit', () => adultAt('reintegration'), cmd.close(), 'reintegration'],
    ['close with a plan but no visit', () => within('adult', 'reintegration', [cmd.plan()]), cmd.close(), 'reintegration'],
    // any stage
    ['hold while on hold', () => runFrom(adultAt('escort'), [cmd.hold()]).state, cmd.hold('medical'), 'escort'],
    ['release when not on hold', () => adultAt('verification'), cmd.release(), 'verification'],
  ];

  it.each(cases)('rejects %s as a rule', (_name, state, action, stage) => {
    expectRejected(action, state(), 'rule', stage);
  });

  it('names the missing gates when close_case is refused', () => {
    const message = rejectionOf(cmd.close(), within('adult', 'reintegration', [cmd.plan()])).message;
    expect(message).toContain('at least one follow-up visit is recorded');
    expect(message).not.toContain('reintegration plan');
  });

  it('rejects a child-only action for an adult even when everything else fits', () => {
    expectRejected(
      cmd.custody(),
      within('adult', 'handover', [cmd.scheduleHandover(), cmd.confirmHandover('sending')]),
      'rule',
      'handover',
    );
  });
});

describe('hold and release', () => {
  it.each(STAGES)('on hold in %s: blocks every stage action, allows release and end_case', (stage) => {
    const start = adultAt(stage);
    const held = step(start, cmd.hold('legal_proceedings', '2025-12-31'));
    expect(held.events).toEqual([{ type: 'HoldPlaced', data: { reason: 'legal_proceedings', reviewDate: '2025-12-31' } }]);
    expect(held.state.hold).toEqual({ reason: 'legal_proceedings', reviewDate: '2025-12-31' });
    for (const action of STAGE_ACTIONS) expectRejected(action, held.state, 'on_hold', stage);

    const released = step(held.state, cmd.release());
    expect(released.events).toEqual([{ type: 'HoldReleased', data: {} }]);
    expect(released.state).toEqual({ ...start, version: start.version + 2 });

    const ended = step(held.state, cmd.end('absconded'));
    expect(ended.events).toEqual([{ type: 'CaseClosed', data: { outcome: 'absconded', completed: false, stage } }]);
    expect(ended.state).toMatchObject({ status: 'closed', hold: null });
  });

  it('continues where it was after release', () => {
    const partial = within('child', 'identification', [cmd.screening(), cmd.identification(), cmd.consent(), cmd.bestInterests()]);
    const { state, last } = runFrom(partial, [cmd.hold(), cmd.release(), cmd.guardian()]);
    expect(types(last)).toEqual(['GuardianAppointed', 'StageAdvanced']);
    expect(state.stage).toBe('verification');
  });

  it('reports on_hold before wrong_stage', () => {
    const held = step(adultAt('handover'), cmd.hold()).state;
    expectRejected(cmd.screening(), held, 'on_hold', 'handover');
  });

  it('can be placed again after release', () => {
    const { state } = runFrom(openChild(), [cmd.hold('medical'), cmd.release(), cmd.hold('security')]);
    expect(state.hold?.reason).toBe('security');
  });
});

describe('early end', () => {
  it.each(STAGES)('ends the case from %s, adult and child, without a stage change', (stage) => {
    for (const age of ['adult', 'child'] as const) {
      const state = caseAt(age, stage);
      const { events, state: after } = step(state, cmd.end('resettled_elsewhere'));
      expect(events).toEqual([{ type: 'CaseClosed', data: { outcome: 'resettled_elsewhere', completed: false, stage } }]);
      expect(after).toMatchObject({ status: 'closed', stage, outcome: { code: 'resettled_elsewhere', completed: false } });
    }
  });

  it.each(EARLY_END_REASONS)('records the reason %s as the outcome', (reason) => {
    expect(decideCommand(cmd.end(reason), openAdult())).toEqual([
      { type: 'CaseClosed', data: { outcome: reason, completed: false, stage: 'identification' } },
    ]);
  });
});

describe('closes reached by the rules', () => {
  it('closes when screening finds the person not a victim', () => {
    const { events, state } = step(openAdult(), cmd.screening('not_a_victim'));
    expect(events).toEqual([
      { type: 'ScreeningRecorded', data: { outcome: 'not_a_victim' } },
      { type: 'CaseClosed', data: { outcome: 'screened_out', completed: false, stage: 'identification' } },
    ]);
    expect(state.outcome).toEqual({ code: 'screened_out', completed: false });
  });

  it('closes a screened-out child too, even after identification', () => {
    const state = within('child', 'identification', [cmd.screening(), cmd.identification()]);
    expect(types(decideCommand(cmd.screening('not_a_victim'), state))).toEqual(['ScreeningRecorded', 'CaseClosed']);
  });

  it('closes when return is not in the best interests of the child', () => {
    const state = within('child', 'identification', [cmd.screening(), cmd.identification(), cmd.consent(), cmd.guardian()]);
    const { events, state: after } = step(state, cmd.bestInterests(false));
    expect(events).toEqual([
      { type: 'BestInterestsDetermined', data: { returnInBestInterests: false } },
      { type: 'CaseClosed', data: { outcome: 'return_against_child_best_interests', completed: false, stage: 'identification' } },
    ]);
    expect(after.status).toBe('closed');
  });

  it('closes when the family of a child is assessed not safe', () => {
    const state = within('child', 'verification', [cmd.requestVerification(), cmd.verifyNationality(), cmd.travelDocument()]);
    const { events, state: after } = step(state, cmd.family('not_safe'));
    expect(events).toEqual([
      { type: 'FamilyAssessed', data: { result: 'not_safe' } },
      { type: 'CaseClosed', data: { outcome: 'family_unsafe_for_child', completed: false, stage: 'verification' } },
    ]);
    expect(after.status).toBe('closed');
  });

  it('does not close an adult case whose family is assessed not safe', () => {
    const { events, state } = step(within('adult', 'verification', [cmd.requestVerification()]), cmd.family('not_safe'));
    expect(types(events)).toEqual(['FamilyAssessed']);
    expect(state.status).toBe('open');
  });

  it('closes when nationality is refused without a reroute', () => {
    const { events, state } = step(
      within('child', 'verification', [cmd.requestVerification()]),
      cmd.refuseNationality('records_not_found'),
    );
    expect(events).toEqual([
      { type: 'NationalityRefused', data: { reason: 'records_not_found' } },
      { type: 'CaseClosed', data: { outcome: 'nationality_refused', completed: false, stage: 'verification' } },
    ]);
    expect(state.outcome).toEqual({ code: 'nationality_refused', completed: false });
  });
});

describe('reroute', () => {
  const verifying = () => within('adult', 'verification', [cmd.requestVerification(), cmd.family('not_safe')]);

  it('changes the origin country and restarts verification from scratch', () => {
    const { events, state } = step(verifying(), cmd.refuseNationality('not_a_national', 'LA'));
    expect(events).toEqual([
      { type: 'NationalityRefused', data: { reason: 'not_a_national' } },
      { type: 'CaseRerouted', data: { from: 'MM', to: 'LA' } },
    ]);
    expect(state).toMatchObject({ status: 'open', stage: 'verification', originCountry: 'LA', hostCountry: 'TH' });
    expect(state.facts).toMatchObject({ verificationRequested: false, nationality: null, familyAssessment: null, travelDocument: null });
    expectRejected(cmd.verifyNationality(), state, 'rule', 'verification');
  });

  it('lets the rerouted case go through verification with the new origin', () => {
    const rerouted = step(verifying(), cmd.refuseNationality('identity_not_established', 'KH')).state;
    const { state, last } = runFrom(rerouted, [cmd.requestVerification(), cmd.verifyNationality(), cmd.family(), cmd.travelDocument()]);
    expect(last.at(-1)).toEqual({ type: 'StageAdvanced', data: { from: 'verification', to: 'handover' } });
    expect(state.originCountry).toBe('KH');
  });

  it('can reroute more than once, never back to the host', () => {
    const once = step(verifying(), cmd.refuseNationality('not_a_national', 'LA')).state;
    const again = runFrom(once, [cmd.requestVerification(), cmd.refuseNationality('not_a_national', 'VN')]).state;
    expect(again.originCountry).toBe('VN');
    expectRejected(cmd.refuseNationality('other', 'TH'), step(again, cmd.requestVerification()).state, 'rule', 'verification');
  });
});

describe('closed cases absorb every command', () => {
  const closings: [string, () => RepatriationState, Stage][] = [
    ['completed', () => run(fullPath('adult')).state, 'reintegration'],
    ['ended early', () => step(adultAt('handover'), cmd.end()).state, 'handover'],
    ['ended on hold', () => runFrom(childAt('escort'), [cmd.hold(), cmd.end('deceased')]).state, 'escort'],
    ['screened out', () => step(openChild(), cmd.screening('not_a_victim')).state, 'identification'],
    [
      'nationality refused',
      () => step(within('adult', 'verification', [cmd.requestVerification()]), cmd.refuseNationality()).state,
      'verification',
    ],
  ];

  it.each(closings)('rejects every action as closed once %s', (_name, closed, stage) => {
    const state = closed();
    expect(state.status).toBe('closed');
    const before = snapshot(state);
    for (const action of ALL_ACTIONS) expectRejected(action, state, 'closed', stage);
    expect(state).toEqual(before);
  });

  it('rejects open_case on a closed case as closed', () => {
    expectRejected(ADULT_CASE, step(openAdult(), cmd.end()).state, 'closed', 'identification');
  });
});

/** Deadlines, the step clock and the timer commands, as pure functions. */
import { describe, expect, it } from 'vitest';
import {
  deadlineOf,
  evolve,
  evolveClock,
  initialClock,
  initialState,
  nextAlarm,
  resolveDeadlinePolicy,
  type RepatriationCommand,
  type RepatriationState,
  type StepClock,
} from '../../domain/repatriation/index.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import { decideCommand } from '../support/decide.js';

const DAY = 86_400_000;
const t0 = Date.parse('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(t0 + days * DAY).toISOString();

/** Runs commands at given days, folding state and clock the way the workflow does. */
function run(steps: [number, RepatriationCommand][]): { state: RepatriationState; clock: StepClock } {
  let state = initialState();
  let clock = initialClock();
  for (const [day, command] of steps) {
    for (const e of decideCommand(command, state)) {
      state = evolve(state, e);
      clock = evolveClock(clock, e, state, at(day));
    }
  }
  return { state, clock };
}

const open: RepatriationCommand = {
  type: 'open_case',
  caseId: '00000000-0000-4000-8000-000000000001',
  personId: '00000000-0000-4000-8000-000000000002',
  sex: 'female',
  ageGroup: 'adult',
  hostCountry: 'TH',
  originCountry: 'MM',
  owningAgencyId: 'th-dsdhs',
};
const policy = resolveDeadlinePolicy('TH', 'MM', {
  corridors: { 'TH-MM': { days: { 'verification.nationality': 90 }, escalateAfterDays: 10 } },
});
const opened: [number, RepatriationCommand][] = [
  [0, open],
  [0, { type: 'apply_deadline_policy', policy }],
];

describe('deadline policy', () => {
  it('takes the defaults, with corridor overrides on top', () => {
    expect(policy.corridor).toBe('TH-MM');
    expect(policy.days['identification.screened']).toBe(15);
    expect(policy.days['verification.nationality']).toBe(90);
    expect(resolveDeadlinePolicy('VN', 'KH').days['verification.nationality']).toBe(60);
    expect(policy.escalateAfterDays).toBe(10);
  });

  it("is refused when it is another corridor's: the opener resolved it for the wrong case", () => {
    const { state } = run([[0, open]]);
    const other = resolveDeadlinePolicy('TH', 'KH');
    expect(() => decideCommand({ type: 'apply_deadline_policy', policy: other }, state)).toThrow(CommandRejected);
    expect(() => decideCommand({ type: 'apply_deadline_policy', policy: other }, state)).toThrow(
      /corridor TH-KH, not of this case's TH-MM/,
    );
    expect(decideCommand({ type: 'apply_deadline_policy', policy }, state)).toHaveLength(1);
  });
});

describe('step clock', () => {
  it('a new case must be screened within 15 days; escalation follows after the escalation delay', () => {
    const { state, clock } = run(opened);
    expect(deadlineOf(clock, state)).toMatchObject({
      step: 'identification.screened',
      dueAt: at(15),
      escalateAt: at(25),
      holder: { side: 'host', country: 'TH' },
    });
    expect(nextAlarm(clock, state)).toEqual({ at: at(15), command: 'flag_overdue', step: 'identification.screened' });
  });

  it('progress resets the clock to the next step', () => {
    const { state, clock } = run([...opened, [4, { type: 'record_screening', outcome: 'presumed_victim' }]]);
    expect(deadlineOf(clock, state)).toMatchObject({ step: 'identification.identified', dueAt: at(19) });
  });

  it('a hold pauses the clock, has its review date as deadline, and release resumes with the time left', () => {
    const held = run([...opened, [5, { type: 'place_on_hold', reason: 'court_witness', reviewDate: '2026-03-01' }]]);
    expect(deadlineOf(held.clock, held.state)).toMatchObject({ step: 'hold.review', dueAt: '2026-03-01T00:00:00.000Z' });
    const released = run([
      ...opened,
      [5, { type: 'place_on_hold', reason: 'court_witness', reviewDate: '2026-03-01' }],
      [35, { type: 'release_hold' }],
    ]);
    expect(deadlineOf(released.clock, released.state)).toMatchObject({ step: 'identification.screened', dueAt: at(45) });
  });

  it('flags, then escalates, then stays quiet until progress', () => {
    const flagged = run([...opened, [15, { type: 'flag_overdue', step: 'identification.screened', dueAt: at(15) }]]);
    expect(flagged.state.overdue).toEqual({ step: 'identification.screened', dueAt: at(15), escalated: false });
    expect(nextAlarm(flagged.clock, flagged.state)).toMatchObject({ command: 'escalate_overdue', at: at(25) });
    const escalated = run([
      ...opened,
      [15, { type: 'flag_overdue', step: 'identification.screened', dueAt: at(15) }],
      [25, { type: 'escalate_overdue', step: 'identification.screened' }],
    ]);
    expect(nextAlarm(escalated.clock, escalated.state)).toBeNull();
    const progressed = run([
      ...opened,
      [15, { type: 'flag_overdue', step: 'identification.screened', dueAt: at(15) }],
      [16, { type: 'record_screening', outcome: 'presumed_victim' }],
    ]);
    expect(progressed.state.overdue).toBeNull();
    expect(nextAlarm(progressed.clock, progressed.state)).toMatchObject({
      command: 'flag_overdue',
      step: 'identification.identified',
      at: at(31),
    });
  });

  it('refuses stale or repeated timer commands', () => {
    const { state } = run([...opened, [4, { type: 'record_screening', outcome: 'presumed_victim' }]]);
    expect(() => decideCommand({ type: 'flag_overdue', step: 'identification.screened', dueAt: at(15) }, state)).toThrow(CommandRejected);
    expect(() => decideCommand({ type: 'escalate_overdue', step: 'identification.identified' }, state)).toThrow(/not awaiting escalation/);
    const flagged = run([...opened, [15, { type: 'flag_overdue', step: 'identification.screened', dueAt: at(15) }]]).state;
    expect(() => decideCommand({ type: 'flag_overdue', step: 'identification.screened', dueAt: at(15) }, flagged)).toThrow(
      /already flagged/,
    );
  });

  it('has no deadline without a policy (cases opened before deadlines existed) or once closed', () => {
    const noPolicy = run([[0, open]]);
    expect(deadlineOf(noPolicy.clock, noPolicy.state)).toBeNull();
    const closed = run([...opened, [3, { type: 'end_case', reason: 'declined_return' }]]);
    expect(nextAlarm(closed.clock, closed.state)).toBeNull();
  });
});

/** The handover-batch rules, on the pure decider: notice lead time, re-notification, idempotent bulk confirmation. */
import { describe, expect, it } from 'vitest';
import {
  decide,
  evolve,
  initialState,
  progressOf,
  type BatchCommand,
  type BatchEvent,
  type BatchState,
} from '../../domain/handover-batch/index.js';
import { CommandRejected } from '../../domain/shared/rejection.js';

const actor = { userId: 'u-1', agencyId: 'th-dsdhs', role: 'coordinator' };
const TODAY = '2026-03-01';
const ids = (n: number, prefix = 'a') =>
  Array.from({ length: n }, (_, i) => `${prefix}0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const [A, B, C, D] = ids(4) as [string, string, string, string];

const plan = (plannedDate = '2026-03-10'): BatchCommand => ({
  type: 'plan_batch',
  batchId: 'b0000000-0000-4000-8000-000000000001',
  crossingPoint: 'mae-sot-myawaddy',
  plannedDate,
  sendingAgencyId: 'th-dsdhs',
  receivingAgencyId: 'mm-dsw',
  fromCountry: 'TH',
  toCountry: 'MM',
});

function run(commands: BatchCommand[], today = TODAY, from: BatchState = initialState()) {
  const events: BatchEvent[] = [];
  let state = from;
  for (const command of commands) {
    const recorded = decide({ command, actor, now: today }, state);
    events.push(...recorded);
    state = recorded.reduce(evolve, state);
  }
  return { events, state };
}

function refusal(commands: BatchCommand[], command: BatchCommand, today = TODAY): CommandRejected {
  const { state } = run(commands, today);
  try {
    decide({ command, actor, now: today }, state);
  } catch (error) {
    expect(error).toBeInstanceOf(CommandRejected);
    return error as CommandRejected;
  }
  throw new Error('expected a refusal');
}

const locked = [plan(), { type: 'change_members', add: [A, B, C] }, { type: 'lock' }] as BatchCommand[];

describe('handover batch decider', () => {
  it('locking issues the first notice, with the days left before the handover', () => {
    const { events, state } = run(locked);
    expect(events.map((e) => e.type)).toEqual(['BatchPlanned', 'BatchCasesAdded', 'BatchLocked', 'ManifestIssued']);
    expect(events.at(-1)).toMatchObject({ data: { version: 1, reason: 'lock', daysBefore: 9, receivingAgencyId: 'mm-dsw' } });
    expect(state).toMatchObject({ status: 'locked', manifestVersion: 1 });
  });

  it('refuses to lock fewer than 3 days before the date, or with nobody on the batch', () => {
    expect(refusal([plan('2026-03-03'), { type: 'change_members', add: [A] }], { type: 'lock' }).message).toMatch(/at least 3 days/);
    expect(refusal([plan()], { type: 'lock' }).message).toMatch(/Add the people/);
  });

  it('changes before the lock issue no notice; changes after it are re-notified with what changed', () => {
    expect(
      run([plan(), { type: 'change_members', add: [A] }, { type: 'change_members', remove: [A] }]).events.map((e) => e.type),
    ).not.toContain('ManifestIssued');
    const { events, state } = run([...locked, { type: 'change_members', add: [D], remove: [A] }]);
    expect(events.at(-1)).toMatchObject({ type: 'ManifestIssued', data: { version: 2, reason: 'change', added: [D], removed: [A] } });
    expect(Object.keys(state.members).sort()).toEqual([B, C, D].sort());
    const moved = run([...locked, { type: 'reschedule', plannedDate: '2026-03-12' }]);
    expect(moved.events.at(-1)).toMatchObject({ type: 'ManifestIssued', data: { version: 2, plannedDate: '2026-03-12', daysBefore: 11 } });
  });

  it('after the lock, adding people or moving the date needs the notice lead time', () => {
    const lockedEarly = run(locked).state;
    const lateDay = (command: BatchCommand) => () => decide({ command, actor, now: '2026-03-08' }, lockedEarly);
    expect(lateDay({ type: 'change_members', add: [D] })).toThrow(/at least 3 days/);
    expect(lateDay({ type: 'reschedule', plannedDate: '2026-03-09' })).toThrow(/at least 3 days/);
    // Taking someone off late is still allowed, and re-notified.
    const late = run([{ type: 'change_members', remove: [C] }], '2026-03-09', run(locked).state);
    expect(late.events.at(-1)).toMatchObject({ type: 'ManifestIssued', data: { reason: 'change', removed: [C], daysBefore: 1 } });
  });

  it('counts a person confirmed twice once, and hands over only with both sides', () => {
    const first = run([...locked, { type: 'confirm_handover', side: 'sending', caseIds: [A, B] }]);
    const again = decide({ command: { type: 'confirm_handover', side: 'sending', caseIds: [A, B] }, actor, now: TODAY }, first.state);
    expect(again).toEqual([]);
    const partly = decide({ command: { type: 'confirm_handover', side: 'sending', caseIds: [A, C] }, actor, now: TODAY }, first.state);
    expect(partly).toEqual([{ type: 'HandoverConfirmedInBatch', data: { side: 'sending', caseIds: [C], by: actor } }]);
    const both = run([{ type: 'confirm_handover', side: 'receiving', caseIds: [A] }], TODAY, first.state);
    expect(progressOf(both.state)).toEqual({
      members: 3,
      sendingConfirmed: 2,
      receivingConfirmed: 1,
      handedOver: 1,
      excluded: 0,
      awaiting: 2,
    });
  });

  it('closes only when everyone is handed over or excluded; excluded people cannot be confirmed', () => {
    const day = run([
      ...locked,
      { type: 'confirm_handover', side: 'sending', caseIds: [A, B] },
      { type: 'confirm_handover', side: 'receiving', caseIds: [A, B] },
    ]);
    expect(() => decide({ command: { type: 'close' }, actor, now: TODAY }, day.state)).toThrow(/neither handed over nor excluded/);
    const done = run([{ type: 'exclude', exclusions: [{ caseId: C, reason: 'absconded' }] }, { type: 'close' }], TODAY, day.state);
    expect(done.events.at(-1)).toEqual({ type: 'BatchClosed', data: { handedOver: 2, excluded: 1 } });
    expect(
      refusal([...locked, { type: 'exclude', exclusions: [{ caseId: C, reason: 'sick' }] }], {
        type: 'confirm_handover',
        side: 'sending',
        caseIds: [C],
      }).message,
    ).toMatch(/Excluded/);
  });

  it('fixes the list once the handover has begun, and refuses actions in the wrong status', () => {
    const started = [...locked, { type: 'confirm_handover', side: 'sending', caseIds: [A] }] as BatchCommand[];
    expect(refusal(started, { type: 'change_members', remove: [B] }).message).toMatch(/handover has begun/);
    const handedOver = [...started, { type: 'confirm_handover', side: 'receiving', caseIds: [A] }] as BatchCommand[];
    expect(refusal(handedOver, { type: 'exclude', exclusions: [{ caseId: A, reason: 'sick' }] }).message).toMatch(/Already handed over/);
    const wrong = refusal([plan(), { type: 'change_members', add: [A] }], { type: 'confirm_handover', side: 'sending', caseIds: [A] });
    expect(wrong).toMatchObject({ kind: 'wrong_stage', stage: 'draft' });
    expect(refusal([...locked, { type: 'cancel', reason: 'postponed' }], { type: 'lock' }).kind).toBe('closed');
  });

  it('refuses unknown people, duplicates and a past date', () => {
    expect(refusal(locked, { type: 'confirm_handover', side: 'sending', caseIds: [D] }).message).toMatch(/Not on this batch/);
    expect(refusal(locked.slice(0, 2), { type: 'change_members', add: [A] }).message).toMatch(/Already on this batch/);
    expect(refusal([], plan('2026-02-01')).message).toMatch(/in the past/);
  });

  it('remembers who signed for each side, each official once', () => {
    const receiver = { userId: 'u-9', agencyId: 'mm-dsw', role: 'coordinator' };
    const sent = run([
      ...locked,
      { type: 'confirm_handover', side: 'sending', caseIds: [A] },
      { type: 'confirm_handover', side: 'sending', caseIds: [B] },
    ]).state;
    const received = decide(
      { command: { type: 'confirm_handover', side: 'receiving', caseIds: [A, B] }, actor: receiver, now: TODAY },
      sent,
    ).reduce(evolve, sent);
    expect(received.confirmers).toEqual([actor, receiver]);
    expect(received.members[A]).toMatchObject({ status: 'handed_over', sendingBy: 0, receivingBy: 1 });
    expect(received.members[C]).toMatchObject({ status: 'in_batch', sending: false });
  });
});

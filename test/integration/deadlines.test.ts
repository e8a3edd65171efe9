/**
 * Step deadlines on the real Temporal dev server: deadlines are configured seconds long here, so
 * the durable timers fire within the test. Overdue fires, escalation follows, progress resets the
 * clock, a hold pauses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_RULES, type StepId } from '../../domain/repatriation/index.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { IDENTIFICATION, intake, openCase } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';
import { hostCaller } from '../support/sides.js';

const DAY_S = 86_400;
const seconds = (s: number) => s / DAY_S;
const allSteps = (s: number) => Object.fromEntries(Object.keys(STEP_RULES).map((id) => [id, seconds(s)])) as Record<StepId, number>;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    deadlineOverrides: {
      default: { days: allSteps(3), escalateAfterDays: seconds(2) },
      // Long enough for a few actions to land before the first deadline, even on a busy machine.
      corridors: { 'LA-KH': { days: { 'identification.screened': seconds(60) } }, 'KH-VN': { days: allSteps(8) } },
    },
  });
});
afterAll(async () => h?.stop());

const events = async (caseId: string) =>
  h.db
    .selectFrom('events')
    .select(['type', 'data', 'actor_id'])
    .where('stream_id', '=', caseStreamId(caseId))
    .orderBy('stream_position')
    .execute();

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const eventOf = (caseId: string, type: string) => async () => (await events(caseId)).find((e) => e.type === type);

describe('step deadlines', () => {
  it('records the corridor deadlines in force when the case opens', async () => {
    const caseId = await openCase(h.api, intake({ hostCountry: 'LA', originCountry: 'KH' }));
    const applied = (await events(caseId))[1]!;
    expect(applied.type).toBe('DeadlinePolicyApplied');
    expect((applied.data as any).policy.corridor).toBe('LA-KH');
    expect((applied.data as any).policy.days['identification.screened']).toBeCloseTo(seconds(60));
    expect((applied.data as any).policy.days['identification.identified']).toBeCloseTo(seconds(3));
    const detail = await h.api.get(`/v1/cases/${caseId}/events`, { as: hostCaller('LA') });
    expect(detail.body.items[1].type).toBe('DeadlinePolicyApplied');
  });

  it('flags an overdue step, reminds the agency holding it, then escalates to both countries', async () => {
    const caseId = await openCase(h.api);
    const overdue = await eventually(eventOf(caseId, 'StepOverdue'));
    expect(overdue.data).toMatchObject({
      step: 'identification.screened',
      holder: { side: 'host', country: 'TH', agencyKind: 'multidisciplinary_team' },
    });
    expect(overdue.actor_id).toBe('system:case-timer');
    const escalated = await eventually(eventOf(caseId, 'StepEscalated'));
    expect(escalated.data).toEqual({ step: 'identification.screened', coordinatorsOf: ['TH', 'MM'] });

    const notifications = await h.db
      .selectFrom('notifications')
      .selectAll()
      .where(({ ref, eb }) => eb(ref('payload'), '@>', JSON.stringify({ caseId }) as never))
      .execute();
    expect(notifications.map((n) => `${n.topic}:${n.recipient_country.trim()}:${n.recipient_role}`).sort()).toEqual([
      'step.escalated:MM:coordinator',
      'step.escalated:TH:coordinator',
      'step.overdue:TH:caseworker',
    ]);
    expect(JSON.stringify(notifications)).not.toContain('Test Person');
    // Nothing more fires until the case moves.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await events(caseId)).filter((e) => e.type === 'StepOverdue' || e.type === 'StepEscalated')).toHaveLength(2);
  });

  it('progress resets the clock: the next step gets its own full deadline', async () => {
    const caseId = await openCase(h.api);
    const view = await h.api.act(caseId, { type: 'record_screening', outcome: 'presumed_victim' });
    expect(view.deadline.step).toBe('identification.identified');
    const overdue = await eventually(eventOf(caseId, 'StepOverdue'));
    expect((overdue.data as any).step).toBe('identification.identified');
    expect((await events(caseId)).filter((e) => e.type === 'StepOverdue')).toHaveLength(1);
    // Progress after the flag clears it and re-arms the timer for the next step.
    const after = await h.api.act(caseId, { type: 'record_identification' });
    expect(after.overdue).toBeNull();
    expect(after.deadline.step).toBe('identification.consent');
  });

  it('keeps one timer: progress that moves the deadline later starts and cancels none, and the deadline still fires for the step the case waits for', async () => {
    const caseId = await openCase(h.api, intake({ hostCountry: 'KH', originCountry: 'VN' }));
    const timerEvents = async () => {
      const history = await h.client.workflow.getHandle(`case-${caseId}`).fetchHistory();
      return (history.events ?? []).filter((e) => e.timerStartedEventAttributes || e.timerCanceledEventAttributes).length;
    };
    const afterOpening = await timerEvents();
    // Each step here is due 8 s after the case reaches it: every action moves the deadline later.
    for (const action of IDENTIFICATION) await h.api.act(caseId, action);
    expect(await timerEvents()).toBe(afterOpening);
    const overdue = await eventually(eventOf(caseId, 'StepOverdue'), 30_000);
    expect((overdue.data as any).step).toBe('verification.verification_requested');
    expect((await events(caseId)).filter((e) => e.type === 'StepOverdue')).toHaveLength(1);
  });

  it('a hold pauses the clock; release resumes it', async () => {
    const caseId = await openCase(h.api);
    const held = await h.api.act(caseId, { type: 'place_on_hold', reason: 'court_witness', reviewDate: '2030-01-01' });
    expect(held.deadline).toMatchObject({ step: 'hold.review', dueAt: '2030-01-01T00:00:00.000Z' });
    await new Promise((r) => setTimeout(r, 5000));
    expect((await events(caseId)).map((e) => e.type)).not.toContain('StepOverdue');
    const listed = await h.api.get(`/v1/monitoring/stalled?country=TH&limit=1000`, { as: coordinator });
    expect(listed.body.items.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);

    await h.api.act(caseId, { type: 'release_hold' });
    const overdue = await eventually(eventOf(caseId, 'StepOverdue'));
    expect((overdue.data as any).step).toBe('identification.screened');
  });
});

const coordinator = { userId: 'u-coord-th', agencyId: 'th-atpd', role: 'coordinator' as const };

describe('stalled cases', () => {
  it('lists every overdue case with days overdue and who holds it, most overdue first, for coordinators only', async () => {
    const first = await openCase(h.api, intake({ hostCountry: 'VN', originCountry: 'LA' }));
    await new Promise((r) => setTimeout(r, 1000));
    const second = await openCase(h.api, intake({ hostCountry: 'VN', originCountry: 'LA' }));
    const moving = await openCase(h.api, intake({ hostCountry: 'VN', originCountry: 'LA' }));
    await eventually(eventOf(second, 'StepOverdue'));
    await h.api.act(moving, { type: 'record_screening', outcome: 'presumed_victim' });

    const response = await h.api.get('/v1/monitoring/stalled?corridor=VN-LA&limit=1000', { as: { ...coordinator, agencyId: 'vn-molisa' } });
    expect(response.status).toBe(200);
    const ids: string[] = response.body.items.map((c: { caseId: string }) => c.caseId);
    expect(ids.indexOf(first)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(ids).not.toContain(moving);
    const item = response.body.items.find((c: { caseId: string }) => c.caseId === first);
    expect(item).toMatchObject({
      corridor: 'VN-LA',
      stage: 'identification',
      step: 'identification.screened',
      heldBy: { side: 'host', country: 'VN' },
    });
    expect(item.daysOverdue).toBeGreaterThanOrEqual(0);
    const days = response.body.items.map((c: { daysOverdue: number }) => c.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(response.body.stallPoints.find((p: { step: string }) => p.step === 'identification.screened').overdue).toBeGreaterThanOrEqual(2);

    expect((await h.api.get('/v1/monitoring/stalled')).status).toBe(403);
  });
});

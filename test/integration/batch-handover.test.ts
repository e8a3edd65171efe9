/**
 * Handover batches on the real services: 200 people from lock to close with exclusions and a late
 * change, confirmations that count once, and a case that cannot be in two open batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { batchWorkflowId } from '../../workflows/batch/messages.js';
import { startHarness, type Harness } from '../support/harness.js';
import { openCase } from '../support/cases.js';
import { batchPlan, casesAtHandover, RECEIVING, SENDING } from '../support/handover-cases.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

async function planBatch(overrides: Record<string, unknown> = {}): Promise<string> {
  const planned = await h.api.post('/v1/batches', batchPlan(overrides), { as: SENDING });
  if (planned.status !== 201) throw new Error(`plan refused: ${planned.status} ${JSON.stringify(planned.body)}`);
  return planned.body.batchId;
}

async function command(batchId: string, path: string, body: unknown, as = SENDING) {
  const response = await h.api.post(`/v1/batches/${batchId}/${path}`, body, { as });
  if (response.status !== 200) throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The batch workflow ends when the batch closes; its result is the final view. */
const closed = (batchId: string) => h.client.workflow.getHandle(batchWorkflowId(batchId)).result();

async function stagesOf(caseIds: string[]): Promise<Record<string, number>> {
  const { rows } = await sql<{
    stage: string;
    n: string;
  }>`select stage, count(*) as n from cases where case_id = any(${caseIds}::uuid[]) group by stage`.execute(h.db);
  return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
}

describe('a handover batch of 200 people', () => {
  it('runs from lock to close, with exclusions on the day and a late change re-notified', async () => {
    const cases = await casesAtHandover(h.api, 203);
    const [planned, late] = [cases.slice(0, 200), cases.slice(200)];
    const batchId = await planBatch();
    await command(batchId, 'cases', { add: planned.slice(0, 120) });
    expect((await command(batchId, 'cases', { add: planned.slice(120) })).progress.members).toBe(200);

    const locked = await command(batchId, 'lock', {});
    expect(locked).toMatchObject({ status: 'locked', manifestVersion: 1 });
    const notice = (await h.api.get(`/v1/batches/${batchId}/manifest`, { as: RECEIVING })).body;
    expect(notice).toMatchObject({ version: 1, reason: 'lock', daysBefore: 10, people: 200, receivingAgencyId: RECEIVING.agencyId });
    expect(Object.keys(notice.entries[0]).sort()).toEqual(['ageGroup', 'caseId', 'nationality', 'sex', 'travelDocument']);

    // A late change: two people off, three on. The receiving agency gets a new notice saying so.
    const removed = planned.slice(0, 2);
    const changed = await command(batchId, 'cases', { add: late, remove: removed });
    expect(changed).toMatchObject({ manifestVersion: 2, progress: { members: 201 } });
    const renotice = (await h.api.get(`/v1/batches/${batchId}/manifest`, { as: RECEIVING })).body;
    expect(renotice).toMatchObject({ version: 2, reason: 'change', people: 201 });
    expect(renotice.added.sort()).toEqual([...late].sort());
    expect(renotice.removed.sort()).toEqual([...removed].sort());
    expect(renotice.entries.map((e: { caseId: string }) => e.caseId)).not.toContain(removed[0]);
    expect((await h.api.get(`/v1/batches/${batchId}/manifest?version=1`, { as: RECEIVING })).body.people).toBe(200);
    // Each notice went out through the outbox to the receiving country's coordinators, naming no one.
    const { rows: sent } = await sql<{ recipient_country: string; payload: Record<string, unknown> }>`
      select recipient_country, payload from notifications
      where topic = 'batch.notice_issued' and payload->>'batchId' = ${batchId} order by (payload->>'version')::int`.execute(h.db);
    expect(sent.map((n) => [n.recipient_country, n.payload.version, n.payload.people, n.payload.added, n.payload.removed])).toEqual([
      ['MM', 1, 200, 0, 0],
      ['MM', 2, 201, 3, 2],
    ]);
    expect(JSON.stringify(sent)).not.toContain(planned[5]);

    const onBatch = [...planned.slice(2), ...late];
    const [sick, absconded, refusedA, refusedB] = onBatch;
    await command(batchId, 'exclusions', {
      exclusions: [
        { caseId: sick, reason: 'sick' },
        { caseId: absconded, reason: 'absconded' },
      ],
    });
    const travelling = onBatch.slice(2);
    const sending = await command(batchId, 'confirmations', { side: 'sending', caseIds: travelling });
    expect(sending.result).toEqual({ recorded: 199, alreadyRecorded: 0 });
    // The receiving side refuses two at the border, after the sending side signed for them.
    await command(batchId, 'exclusions', {
      exclusions: [
        { caseId: refusedA, reason: 'refused' },
        { caseId: refusedB, reason: 'refused' },
      ],
    });
    const handedOver = travelling.slice(2);
    expect((await command(batchId, 'confirmations', { side: 'receiving', caseIds: handedOver }, RECEIVING)).result).toEqual({
      recorded: 197,
      alreadyRecorded: 0,
    });
    const resent = await h.api.post(
      `/v1/batches/${batchId}/confirmations`,
      { side: 'receiving', caseIds: handedOver.slice(0, 20) },
      { as: RECEIVING },
    );
    expect(resent.body.result).toEqual({ recorded: 0, alreadyRecorded: 20 });

    const final = await closed(batchId);
    expect(final).toMatchObject({
      status: 'closed',
      progress: { members: 201, handedOver: 197, excluded: 4, awaiting: 0, casesPending: 0 },
    });
    const read = (await h.api.get(`/v1/batches/${batchId}`)).body;
    expect(read).toMatchObject({
      status: 'closed',
      manifestVersion: 2,
      progress: { members: 201, sendingConfirmed: 199, receivingConfirmed: 197, handedOver: 197, excluded: 4, casesRefused: 0 },
    });
    // A case moves only once its person is handed over by both sides: the two refused at the border keep clean cases.
    expect(read.caseSteps).toEqual({
      schedule: { done: 201, refused: 0 },
      sending: { done: 197, refused: 0 },
      receiving: { done: 197, refused: 0 },
    });

    // Each confirmation advanced that person's own case; the others wait at handover.
    expect(await stagesOf(handedOver)).toEqual({ escort: 197 });
    expect(await stagesOf([sick!, absconded!, refusedA!, refusedB!, ...removed])).toEqual({ handover: 6 });
    const history = (await h.api.get(`/v1/cases/${handedOver[0]}/events`)).body.items as {
      type: string;
      data: Record<string, unknown>;
      agencyId: string;
    }[];
    const confirmations = history.filter((e) => e.type === 'HandoverConfirmed');
    expect(confirmations.map((e) => [e.data.side, e.agencyId])).toEqual([
      ['sending', SENDING.agencyId],
      ['receiving', RECEIVING.agencyId],
    ]);
    expect(history.filter((e) => e.type === 'HandoverScheduled').at(-1)?.data).toEqual({
      date: batchPlan().plannedDate,
      crossingPoint: 'mae-sot-myawaddy',
    });

    const members = (await h.api.get(`/v1/batches/${batchId}/members?status=excluded`)).body.items;
    expect(members.map((m: { exclusionReason: string }) => m.exclusionReason).sort()).toEqual(['absconded', 'refused', 'refused', 'sick']);
    const refusedHistory = (await h.api.get(`/v1/cases/${refusedA}/events`)).body.items as { type: string }[];
    expect(refusedHistory.filter((e) => e.type === 'HandoverConfirmed')).toEqual([]);
    // Out of this batch, the removed and the excluded (even those one side had signed for) may join the next one.
    const next = await planBatch({ plannedDate: batchPlan().plannedDate });
    expect((await command(next, 'cases', { add: [removed[0], sick, refusedA] })).progress.members).toBe(3);
  }, 1_200_000);
});

describe('batch rules', () => {
  it('confirming one person twice, even at once, counts once and advances their case once', async () => {
    const [a, b] = await casesAtHandover(h.api, 2);
    const batchId = await planBatch();
    await command(batchId, 'cases', { add: [a, b] });
    await command(batchId, 'lock', {});
    const twice = await Promise.all(
      [1, 2].map(() => h.api.post(`/v1/batches/${batchId}/confirmations`, { side: 'sending', caseIds: [a] }, { as: SENDING })),
    );
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    expect(twice.map((r) => r.body.result.recorded).sort()).toEqual([0, 1]);
    expect((await command(batchId, 'confirmations', { side: 'sending', caseIds: [a, b] })).result).toEqual({
      recorded: 1,
      alreadyRecorded: 1,
    });
    await command(batchId, 'confirmations', { side: 'receiving', caseIds: [a, b] }, RECEIVING);
    const final = await closed(batchId);
    expect(final.progress).toMatchObject({ sendingConfirmed: 2, receivingConfirmed: 2, handedOver: 2 });
    const sendingEvents = (await h.api.get(`/v1/cases/${a}/events`)).body.items.filter(
      (e: { type: string; data: { side?: string } }) => e.type === 'HandoverConfirmed' && e.data.side === 'sending',
    );
    expect(sendingEvents).toHaveLength(1);
  }, 300_000);

  it('a case cannot join two open batches; the refusal names the case and changes nothing', async () => {
    const [shared, other] = await casesAtHandover(h.api, 2);
    const notReady = await openCase(h.api);
    const first = await planBatch();
    await command(first, 'cases', { add: [shared] });
    const second = await planBatch();
    const refused = await h.api.post(`/v1/batches/${second}/cases`, { add: [other, shared, notReady] }, { as: SENDING });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'body.add[1]', reason: `${shared}: already in open batch ${first}`, code: 'not-admitted' }),
      expect.objectContaining({
        field: 'body.add[2]',
        reason: `${notReady}: the case is in the identification stage, not ready for handover`,
        code: 'not-admitted',
      }),
    ]);
    expect((await h.api.get(`/v1/batches/${second}`)).body.progress.members).toBe(0);

    // Taken off the first batch, the case is free to join the second.
    await command(first, 'cases', { remove: [shared] });
    expect((await command(second, 'cases', { add: [other, shared] })).progress.members).toBe(2);
  }, 300_000);

  it('each agency acts only on its part of a batch, others do not see it; the lock needs 3 days notice', async () => {
    const [a] = await casesAtHandover(h.api, 1);
    const soon = await planBatch({ plannedDate: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) });
    await command(soon, 'cases', { add: [a] });
    const early = await h.api.post(`/v1/batches/${soon}/lock`, {}, { as: SENDING });
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/at least 3 days/);
    await command(soon, 'reschedule', { plannedDate: batchPlan().plannedDate });
    await command(soon, 'lock', {});
    const wrongSide = await h.api.post(`/v1/batches/${soon}/confirmations`, { side: 'receiving', caseIds: [a] }, { as: SENDING });
    expect(wrongSide.status).toBe(403);
    expect((await h.api.post(`/v1/batches/${soon}/cases`, { remove: [a] }, { as: RECEIVING })).status).toBe(403);
    expect((await h.api.post(`/v1/batches/${soon}/cancel`, { reason: 'other' }, { as: { ...SENDING, role: 'auditor' } })).status).toBe(403);
    // To an agency that is not a party, and not watching either country, the batch does not exist.
    expect((await h.api.get(`/v1/batches/${soon}`, { as: { userId: 'u-kh-1', agencyId: 'kh-mosvy', role: 'coordinator' } })).status).toBe(
      404,
    );
    expect(
      (await h.api.get(`/v1/batches/${soon}/manifest`, { as: { userId: 'u-mm-co', agencyId: 'mm-dsw', role: 'coordinator' } })).status,
    ).toBe(200);
    const notLocked = await h.api.post(
      `/v1/batches/${await planBatch()}/confirmations`,
      { side: 'sending', caseIds: [a] },
      { as: SENDING },
    );
    expect(notLocked.status).toBe(409);
    expect(notLocked.body.stage).toBe('draft');
  }, 300_000);
});

/** Task inboxes through a full case: each agency sees exactly the tasks it must act on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCORT, HANDOVER, IDENTIFICATION, openCase, perform, REINTEGRATION, VERIFICATION } from '../support/cases.js';
import { caseworker, startHarness, type Caller, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const ngo: Caller = { userId: 'u-mm-ngo-1', agencyId: 'mm-ngo-reintegration', role: 'ngo_worker' };
const focalPoint: Caller = { userId: 'u-mm-dsw-1', agencyId: 'mm-dsw', role: 'caseworker' };
const otherNgo: Caller = { userId: 'u-th-ngo-1', agencyId: 'th-ngo-shelter', role: 'ngo_worker' };

const inboxOf = async (who: Caller, caseId: string) =>
  (
    (await h.api.get(`/v1/inbox?caseId=${caseId}`, { as: who })).body.items as {
      caseId: string;
      step: string;
      title: string;
      taskId: string;
      assignee: string | null;
    }[]
  ).filter((t) => t.caseId === caseId);

describe('task inboxes', () => {
  it("routes each step's task to the agency that must act, and closes it when the step's event is recorded", async () => {
    const caseId = await openCase(h.api);
    expect((await inboxOf(caseworker, caseId)).map((t) => t.step)).toEqual(['identification.screened']);
    expect(await inboxOf(ngo, caseId)).toEqual([]);

    await perform(h.api, caseId, [...IDENTIFICATION, VERIFICATION[0]!]); // request sent to mm-dsw
    expect(await inboxOf(caseworker, caseId)).toEqual([]);
    const verify = await inboxOf(focalPoint, caseId);
    expect(verify.map((t) => t.title)).toEqual(['Verify nationality']);

    // The focal point completes its task by performing the action; the task closes whoever acts.
    await h.api.act(caseId, VERIFICATION[1]!, { as: focalPoint });
    expect((await inboxOf(focalPoint, caseId)).map((t) => t.step)).toEqual(['verification.family']);
    await perform(h.api, caseId, VERIFICATION.slice(2), { as: focalPoint });
    await perform(h.api, caseId, HANDOVER.slice(0, 2));
    expect((await inboxOf(focalPoint, caseId)).map((t) => t.title)).toEqual(['Receive handover at mae-sot-myawaddy on 2026-12-15']);
    await h.api.act(caseId, HANDOVER[2]!, { as: focalPoint });

    // Escort and reintegration: the origin country's NGOs.
    const escort = await inboxOf(ngo, caseId);
    expect(escort.map((t) => t.step)).toEqual(['escort.arrived']);
    expect(await inboxOf(otherNgo, caseId)).toEqual([]);
    const claimed = await h.api.post(`/v1/tasks/${escort[0]!.taskId}/claim`, {}, { as: ngo });
    expect(claimed.status).toBe(200);
    expect((await h.api.get('/v1/inbox?mine=true', { as: ngo })).body.items.map((t: { taskId: string }) => t.taskId)).toContain(
      escort[0]!.taskId,
    );
    expect((await h.api.post(`/v1/tasks/${escort[0]!.taskId}/claim`, {}, { as: otherNgo })).status).toBe(404);

    const detail = await h.api.get(`/v1/cases/${caseId}`, { as: ngo });
    expect(detail.status).toBe(200);
    expect(detail.body.person.details.fullName).toBe('Test Person'); // consent given, a party: needs it

    await perform(h.api, caseId, ESCORT, { as: ngo });
    expect((await inboxOf(ngo, caseId)).map((t) => t.step)).toEqual(['reintegration.plan']);
    await perform(h.api, caseId, REINTEGRATION, { as: ngo });
    expect(await inboxOf(ngo, caseId)).toEqual([]);

    const tasks = await h.db
      .selectFrom('tasks')
      .select(['step', 'status', 'closed_by'])
      .where('case_id', '=', caseId)
      .orderBy('opened_at')
      .execute();
    expect(tasks.every((t) => t.status === 'done')).toBe(true);
    expect(tasks.find((t) => t.step === 'verification.nationality')?.closed_by).toBe('NationalityVerified');
  });

  it('an ended case cancels its open task', async () => {
    const caseId = await openCase(h.api);
    await h.api.act(caseId, { type: 'end_case', reason: 'declined_return' });
    const tasks = await h.db.selectFrom('tasks').select(['status']).where('case_id', '=', caseId).execute();
    expect(tasks.map((t) => t.status)).toEqual(['cancelled']);
  });
});

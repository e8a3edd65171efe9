/**
 * The reads the console's handover-day and transfer screens use, on the real services: the cases
 * ready to join a batch (and only those), and the transfer list with the country that performs
 * each next step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { batchPlan, caseAtHandover, RECEIVING, SENDING } from '../support/handover-cases.js';
import { openCase } from '../support/cases.js';
import { act, approver, arrestAndConfirm, openTransfer, police, receivingPolice } from '../support/transfers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

describe('cases ready to join a batch', () => {
  it('lists the cases at handover that no open batch holds, for the sending agency only', async () => {
    const ready = [await caseAtHandover(h.api), await caseAtHandover(h.api)];
    const early = await openCase(h.api);
    // A case another open batch holds is not offered.
    const other = await caseAtHandover(h.api);
    const otherBatch = (await h.api.post('/v1/batches', batchPlan(), { as: SENDING })).body.batchId as string;
    expect((await h.api.post(`/v1/batches/${otherBatch}/cases`, { add: [other] }, { as: SENDING })).status).toBe(200);
    const planned = await h.api.post('/v1/batches', batchPlan(), { as: SENDING });
    expect(planned.status).toBe(201);
    const batchId = planned.body.batchId as string;

    const all = async (): Promise<string[]> => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const page: { status: number; body: any } = await h.api.get(
          `/v1/batches/${batchId}/candidates?limit=2${after ? `&after=${after}` : ''}`,
          { as: SENDING },
        );
        expect(page.status).toBe(200);
        ids.push(...page.body.items.map((c: { caseId: string }) => c.caseId));
        after = page.body.nextAfter;
      } while (after);
      return ids;
    };
    const listed = await all();
    expect(listed).toEqual(expect.arrayContaining(ready));
    expect(listed).not.toContain(early);
    expect(listed).not.toContain(other);
    const one = (await h.api.get(`/v1/batches/${batchId}/candidates`, { as: SENDING })).body.items.find(
      (c: { caseId: string }) => c.caseId === ready[0],
    );
    expect(one).toMatchObject({ sex: 'female', ageGroup: 'adult' });
    expect(one.travelDocument).not.toBe('none');

    // Once a batch holds a case it is no longer offered.
    expect((await h.api.post(`/v1/batches/${batchId}/cases`, { add: [ready[0]] }, { as: SENDING })).status).toBe(200);
    const after = await all();
    expect(after).not.toContain(ready[0]);
    expect(after).toContain(ready[1]);

    // The receiving agency reads the batch but does not plan it.
    const refused = await h.api.get(`/v1/batches/${batchId}/candidates`, { as: RECEIVING });
    expect(refused.status).toBe(403);
    const invalid = await h.api.get(`/v1/batches/${batchId}/candidates?after=nope`, { as: SENDING });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toMatch(/after/);
  });
});

describe('the transfer list', () => {
  it('lists transfers only, with who performs the next step, page by page', async () => {
    const first = await openTransfer(h.api);
    const second = await openTransfer(h.api);
    await arrestAndConfirm(h.api, second);
    await openCase(h.api);

    const page = await h.api.get('/v1/transfers?limit=1', { as: police });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const all = (await h.api.get('/v1/transfers?limit=200', { as: police })).body.items as {
      caseId: string;
      stage: string;
      nextSteps: { action: string; side: string; country: string }[];
    }[];
    expect(all.every((t) => t.caseId !== undefined && t.stage !== undefined)).toBe(true);
    const byId = new Map(all.map((t) => [t.caseId, t]));
    expect(byId.get(first)).toMatchObject({ stage: 'arrest', holdingCountry: 'TH', receivingCountry: 'CN' });
    expect(byId.get(first)!.nextSteps).toEqual([{ gate: 'arrested', action: 'record_arrest', side: 'holding', country: 'TH' }]);
    expect(byId.get(second)!.nextSteps).toEqual([{ gate: 'basis_chosen', action: 'choose_legal_basis', side: 'holding', country: 'TH' }]);

    // Filters: a stage of the transfer process; a stage of another process is refused.
    const legal = (await h.api.get('/v1/transfers?stage=legal_basis&limit=200', { as: police })).body.items;
    expect(legal.map((t: { caseId: string }) => t.caseId)).toContain(second);
    expect(legal.map((t: { caseId: string }) => t.caseId)).not.toContain(first);
    expect((await h.api.get('/v1/transfers?stage=verification', { as: police })).status).toBe(400);
    expect((await h.api.get('/v1/transfers?cursor=abc', { as: police })).status).toBe(400);

    // The receiving country's police see them too; a third country's caseworker sees none of them.
    const receiving = (await h.api.get('/v1/transfers?limit=200', { as: receivingPolice })).body.items;
    expect(receiving.map((t: { caseId: string }) => t.caseId)).toContain(second);
    const outsider = { userId: 'u-vn-1', agencyId: 'vn-molisa', role: 'caseworker' } as const;
    const none = (await h.api.get('/v1/transfers?limit=200', { as: outsider })).body.items;
    expect(none.map((t: { caseId: string }) => t.caseId)).not.toContain(second);
  });

  it('names the approver’s step of an extradition, and each side’s handover signature', async () => {
    const caseId = await openTransfer(h.api);
    await arrestAndConfirm(h.api, caseId);
    await act(h.api, caseId, { type: 'choose_legal_basis', basis: 'extradition' });
    const waiting = (await h.api.get(`/v1/transfers/${caseId}`, { as: police })).body;
    expect(waiting.nextSteps.map((s: { action: string }) => s.action)).toEqual(['record_dual_criminality', 'approve_extradition']);
    await act(h.api, caseId, { type: 'record_dual_criminality', result: 'confirmed' });
    await act(h.api, caseId, { type: 'approve_extradition', decisionRef: 'th-ag-ext-1' }, approver);
    await act(h.api, caseId, { type: 'schedule_handover', date: '2026-12-20', airportRef: 'bkk', evidenceListRef: 'ev-1' });
    await act(h.api, caseId, { type: 'confirm_handover', side: 'sending' });
    const detail = (await h.api.get(`/v1/transfers/${caseId}`, { as: receivingPolice })).body;
    expect(detail.nextSteps).toEqual([{ gate: 'receiving_confirmed', action: 'confirm_handover', side: 'receiving', country: 'CN' }]);
    expect(detail.allowedActions).toContain('confirm_handover');
    expect((await h.api.get(`/v1/transfers/${caseId}`, { as: police })).body.allowedActions).not.toContain('confirm_handover');
  });
});

/** A small handover batch end to end: notice, confirmations advancing each case, exclusion, closure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { batchPlan, caseAtHandover, casesAtHandover, RECEIVING, SENDING } from '../support/handover-cases.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a small handover batch', () => {
  it('runs from plan to close', async () => {
    const cases = await casesAtHandover(h.api, 5);
    const planned = await h.api.post('/v1/batches', batchPlan(), { as: SENDING });
    expect(planned.status).toBe(201);
    const batchId = planned.body.batchId;
    const added = await h.api.post(`/v1/batches/${batchId}/cases`, { add: cases }, { as: SENDING });
    expect(added.status).toBe(200);
    expect(added.body.progress.members).toBe(5);
    const locked = await h.api.post(`/v1/batches/${batchId}/lock`, {}, { as: SENDING });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ status: 'locked', manifestVersion: 1 });
    const manifest = await h.api.get(`/v1/batches/${batchId}/manifest`);
    expect(manifest.body.entries).toHaveLength(5);
    expect(manifest.body.entries[0]).toEqual({ caseId: expect.any(String), nationality: 'MM', sex: 'female', ageGroup: 'adult', travelDocument: 'certificate_of_identity' });

    const sending = await h.api.post(`/v1/batches/${batchId}/confirmations`, { side: 'sending', caseIds: cases.slice(0, 4) }, { as: SENDING });
    expect(sending.body.result).toEqual({ recorded: 4, alreadyRecorded: 0 });
    const receiving = await h.api.post(`/v1/batches/${batchId}/confirmations`, { side: 'receiving', caseIds: cases.slice(0, 4) }, { as: RECEIVING });
    expect(receiving.status).toBe(200);
    const excluded = await h.api.post(`/v1/batches/${batchId}/exclusions`, { exclusions: [{ caseId: cases[4], reason: 'sick' }] }, { as: SENDING });
    expect(excluded.status).toBe(200);

    const closed = await until(() => h.api.get(`/v1/batches/${batchId}`), (r) => r.body.status === 'closed');
    expect(closed.body.progress).toMatchObject({ members: 5, handedOver: 4, excluded: 1, awaiting: 0, casesRefused: 0 });
    expect(closed.body.caseSteps).toEqual({ schedule: { done: 5, refused: 0 }, sending: { done: 4, refused: 0 }, receiving: { done: 4, refused: 0 } });
    for (const caseId of cases.slice(0, 4)) expect((await h.api.get(`/v1/cases/${caseId}`)).body.stage).toBe('escort');
    expect((await h.api.get(`/v1/cases/${cases[4]}`)).body.stage).toBe('handover');
    void caseAtHandover;
  });
});

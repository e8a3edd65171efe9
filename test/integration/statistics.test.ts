/**
 * Flow statistics and the period summary against a seeded population. The test database outlives
 * a run, so each figure is checked as the change the seeded cases make to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT_PATH, CHILD_PATH, IDENTIFICATION, intake, openCase, perform, VERIFICATION } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const coordinator = { userId: 'u-coord-kh', agencyId: 'kh-mosvy', role: 'coordinator' as const };
const today = new Date().toISOString().slice(0, 10);
const CORRIDOR = { hostCountry: 'KH', originCountry: 'VN' };
/** The verification request goes to Viet Nam's focal point, which then verifies (each side its own steps). */
const toVietNam = (path: Record<string, unknown>[]) =>
  path.map((a) => (a.type === 'send_verification_request' || a.type === 'record_custody_transfer' ? { ...a, toAgencyId: 'vn-molisa' } : a));

const flow = async () =>
  (await h.api.get('/v1/statistics/flow?corridor=KH-VN', { as: coordinator })).body.items as {
    stage: string;
    inStage: number;
    visits: number;
    medianDays: number;
    p90Days: number;
  }[];
const inStage = (items: Awaited<ReturnType<typeof flow>>, stage: string) => items.find((i) => i.stage === stage)?.inStage ?? 0;
const summary = async () => (await h.api.get(`/v1/statistics/summary?from=${today}&to=${today}&corridor=KH-VN`, { as: coordinator })).body;

describe('statistics', () => {
  it('flow per stage and the period summary match the seeded population', async () => {
    const flowBefore = await flow();
    const summaryBefore = await summary();

    // Seed: 2 in identification, 1 in verification, 1 in handover, 1 adult and 1 child returned, 1 ended early.
    await openCase(h.api, intake(CORRIDOR));
    await openCase(h.api, intake(CORRIDOR));
    await perform(h.api, await openCase(h.api, intake(CORRIDOR)), IDENTIFICATION);
    await perform(h.api, await openCase(h.api, intake(CORRIDOR)), toVietNam([...IDENTIFICATION, ...VERIFICATION]));
    await perform(h.api, await openCase(h.api, intake(CORRIDOR)), toVietNam(ADULT_PATH));
    await perform(h.api, await openCase(h.api, intake({ ...CORRIDOR, ageGroup: 'child' })), toVietNam(CHILD_PATH.slice(0, -1)));
    await perform(h.api, await openCase(h.api, intake(CORRIDOR)), [{ type: 'end_case', reason: 'declined_return' }]);

    const flowAfter = await flow();
    expect(inStage(flowAfter, 'identification') - inStage(flowBefore, 'identification')).toBe(2);
    expect(inStage(flowAfter, 'verification') - inStage(flowBefore, 'verification')).toBe(1);
    expect(inStage(flowAfter, 'handover') - inStage(flowBefore, 'handover')).toBe(1);
    expect(inStage(flowAfter, 'reintegration') - inStage(flowBefore, 'reintegration')).toBe(1); // the child, not yet closed
    for (const item of flowAfter) expect(item.p90Days).toBeGreaterThanOrEqual(item.medianDays);

    const after = await summary();
    const delta = (path: (s: any) => number | undefined) => (path(after) ?? 0) - (path(summaryBefore) ?? 0);
    expect(delta((s) => s.victimsRepatriated.total)).toBe(2);
    expect(delta((s) => s.victimsRepatriated.byAgeGroup.child)).toBe(1);
    expect(delta((s) => s.victimsRepatriated.bySex.female)).toBe(2);
    expect(delta((s) => s.victimsRepatriated.byNationality.VN)).toBe(2);
    expect(delta((s) => s.victimsRepatriated.byCorridor['KH-VN'])).toBe(2);
    expect(delta((s) => s.endedEarly.byReason.declined_return)).toBe(1);
  });

  it('serves the summary as CSV, and refuses a reversed period', async () => {
    const csv = await h.app.inject({
      method: 'GET',
      url: `/v1/statistics/summary?from=${today}&to=${today}&format=csv`,
      headers: { authorization: await bearer() },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('section,dimension,value,count');
    expect(csv.body).toMatch(/^victims_repatriated,total,,\d+$/m);
    const reversed = await h.api.get(`/v1/statistics/summary?from=2026-12-31&to=2026-01-01`, { as: coordinator });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].field).toBe('querystring.to');
  });
});

async function bearer(): Promise<string> {
  const { mintToken } = await import('../../api/auth.js');
  const { TEST_JWT_SECRET } = await import('../support/harness.js');
  return `Bearer ${await mintToken(TEST_JWT_SECRET, coordinator)}`;
}

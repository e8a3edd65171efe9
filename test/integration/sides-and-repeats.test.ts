/**
 * Issue 14: each side does its own steps (403 wrong-side naming who performs it), auditors and
 * admins never act on cases, a case opens in the caller's own host country, a repeat that means
 * nothing is refused (already-recorded) even when twenty arrive at once, and GET says which
 * actions the caller may perform now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFICATION, intake, openCase, perform, VERIFICATION } from '../support/cases.js';
import { caseworker, startHarness, type Caller, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const origin: Caller = { userId: 'u-mm-dsw-1', agencyId: 'mm-dsw', role: 'caseworker' };
const eventTypes = async (caseId: string): Promise<string[]> =>
  (await h.api.get(`/v1/cases/${caseId}/events`)).body.items.map((e: { type: string }) => e.type);

describe('each side does its own steps', () => {
  it('refuses the host agency the origin side steps, naming who performs them, and writes nothing', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, [...IDENTIFICATION, { type: 'send_verification_request', toAgencyId: 'mm-dsw' }]);
    const verify = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'record_nationality_verification', result: 'verified' });
    expect(verify.status).toBe(403);
    expect(verify.body).toMatchObject({ code: 'wrong-side', params: { performedBy: 'origin', country: 'MM' } });
    expect(verify.headers['content-type']).toContain('application/problem+json');
    await perform(h.api, caseId, VERIFICATION.slice(1));
    await h.api.act(caseId, { type: 'schedule_handover', date: '2026-12-15', crossingPoint: 'mae-sot-myawaddy' });
    const receiving = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'confirm_handover', side: 'receiving' });
    expect(receiving.status).toBe(403);
    expect(receiving.body).toMatchObject({ code: 'wrong-side', params: { performedBy: 'origin' } });
    const sendingByOrigin = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'confirm_handover', side: 'sending' }, { as: origin });
    expect(sendingByOrigin.status).toBe(403);
    expect(sendingByOrigin.body).toMatchObject({ code: 'wrong-side', params: { performedBy: 'host', country: 'TH' } });
    expect(await eventTypes(caseId)).not.toContain('HandoverConfirmed');
  });

  it('sends the verification request only to a registered agency of the origin country', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, IDENTIFICATION);
    const thirdCountry = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'send_verification_request', toAgencyId: 'vn-molisa' });
    expect(thirdCountry.status).toBe(400);
    expect(thirdCountry.body.errors).toEqual([
      expect.objectContaining({ field: 'body.toAgencyId', code: 'wrong-country', params: { country: 'MM', agencyCountry: 'VN' } }),
    ]);
    const unknown = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'send_verification_request', toAgencyId: 'mm-nobody' });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.toAgencyId', code: 'unknown-agency' })]);
    expect(await eventTypes(caseId)).not.toContain('VerificationRequested');
    await h.api.act(caseId, { type: 'send_verification_request', toAgencyId: 'mm-dsw' });
    expect(await eventTypes(caseId)).toContain('VerificationRequested');
  });

  it('lets only the focal point or an origin agency of the right kind verify', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, [...IDENTIFICATION, { type: 'send_verification_request', toAgencyId: 'mm-dsw' }]);
    const ngo: Caller = { userId: 'u-mm-ngo-1', agencyId: 'mm-ngo-reintegration', role: 'ngo_worker' };
    const byNgo = await h.api.post(
      `/v1/cases/${caseId}/actions`,
      { type: 'record_nationality_verification', result: 'verified' },
      { as: ngo },
    );
    // Not a party to the case at this step: to the NGO the case does not exist.
    expect([403, 404]).toContain(byNgo.status);
    const byFocalPoint = await h.api.post(
      `/v1/cases/${caseId}/actions`,
      { type: 'record_nationality_verification', result: 'verified' },
      { as: origin },
    );
    expect(byFocalPoint.status).toBe(200);
  });

  it('refuses the origin side the host steps', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, [...IDENTIFICATION, { type: 'send_verification_request', toAgencyId: 'mm-dsw' }]);
    const response = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'end_case', reason: 'other' }, { as: origin });
    expect(response.status).toBe(200);
    const other = await openCase(h.api);
    await perform(h.api, other, [...IDENTIFICATION, { type: 'send_verification_request', toAgencyId: 'mm-dsw' }]);
    const hold = await h.api.post(
      `/v1/cases/${other}/actions`,
      { type: 'place_on_hold', reason: 'medical', reviewDate: '2027-01-01' },
      { as: origin },
    );
    expect(hold.status).toBe(200);
    const schedule = await h.api.post(
      `/v1/cases/${other}/actions`,
      { type: 'schedule_handover', date: '2026-12-15', crossingPoint: 'mae-sot-myawaddy' },
      { as: origin },
    );
    expect(schedule.status).toBe(403);
    expect(schedule.body).toMatchObject({ code: 'wrong-side', params: { performedBy: 'host', country: 'TH' } });
  });
});

describe('who opens a case', () => {
  it.each(['auditor', 'admin'] as const)('refuses an %s opening a case (403), and opens nothing', async (role) => {
    const response = await h.api.post('/v1/cases', intake(), { as: { ...caseworker, role } });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'role-does-not-act', params: { role } });
  });

  it('opens a case only in the caller’s own host country', async () => {
    const vn: Caller = { userId: 'u-vn-1', agencyId: 'vn-molisa', role: 'caseworker' };
    const response = await h.api.post('/v1/cases', intake({ hostCountry: 'TH', originCountry: 'MM' }), { as: vn });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.hostCountry', code: 'wrong-side' })]);
  });
});

describe('a repeat that means nothing', () => {
  it('refuses the same screening twice but records a second follow-up visit on another day', async () => {
    const caseId = await openCase(h.api);
    await h.api.act(caseId, IDENTIFICATION[0]!);
    const again = await h.api.post(`/v1/cases/${caseId}/actions`, IDENTIFICATION[0]);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'already-recorded', params: { action: 'record_screening' } });
    expect((await eventTypes(caseId)).filter((t) => t === 'ScreeningRecorded')).toHaveLength(1);
  });

  it('records one handover schedule from twenty identical requests sent at once, and answers none with a 5xx other than 503', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, [...IDENTIFICATION, ...VERIFICATION]);
    const schedule = { type: 'schedule_handover', date: '2026-12-15', crossingPoint: 'mae-sot-myawaddy' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.api.post(`/v1/cases/${caseId}/actions`, schedule)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    for (const refused of answers.filter((a) => a.status === 422)) expect(refused.body.code).toBe('already-recorded');
    for (const busy of answers.filter((a) => a.status === 503)) expect(busy.headers['retry-after']).toBeDefined();
    expect((await eventTypes(caseId)).filter((t) => t === 'HandoverScheduled')).toHaveLength(1);
  });
});

describe('allowedActions', () => {
  it('offers each side its own steps, and nothing to an auditor', async () => {
    const caseId = await openCase(h.api);
    const atOpening = (await h.api.get(`/v1/cases/${caseId}`)).body.allowedActions as string[];
    expect(atOpening).toEqual(expect.arrayContaining(['record_screening', 'end_case', 'place_on_hold']));
    expect(atOpening).not.toContain('record_identification');
    expect(atOpening).not.toContain('release_hold');
    await perform(h.api, caseId, [...IDENTIFICATION, { type: 'send_verification_request', toAgencyId: 'mm-dsw' }]);
    const host = (await h.api.get(`/v1/cases/${caseId}`)).body.allowedActions as string[];
    expect(host).not.toContain('record_nationality_verification');
    const focalPoint = (await h.api.get(`/v1/cases/${caseId}`, { as: origin })).body.allowedActions as string[];
    expect(focalPoint).toEqual(expect.arrayContaining(['record_nationality_verification', 'record_family_assessment']));
    expect(focalPoint).not.toContain('record_travel_document'); // needs verified nationality first
    const auditor = await h.api.get(`/v1/cases/${caseId}`, { as: { userId: 'u-aud', agencyId: 'th-dsdhs-bangkok', role: 'auditor' } });
    expect(auditor.body.allowedActions).toEqual([]);
  });
});

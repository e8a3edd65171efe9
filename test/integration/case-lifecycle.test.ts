/** Whole cases through the HTTP API on the real Temporal dev server and Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT_PATH, CHILD_PATH, HANDOVER, IDENTIFICATION, intake, openCase, perform, VERIFICATION } from '../support/cases.js';
import { caseworker, startHarness, type Caller, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const eventTypes = async (caseId: string): Promise<string[]> =>
  (await h.api.get(`/v1/cases/${caseId}/events`)).body.items.map((e: { type: string }) => e.type);

describe('a victim repatriation case over HTTP', () => {
  it('runs an adult case from intake to closure, one event per step, stages in order', async () => {
    const caseId = await openCase(h.api);
    const closed = await perform(h.api, caseId, ADULT_PATH);
    expect(closed).toMatchObject({ status: 'closed', outcome: { code: 'reintegrated', completed: true } });

    const events = (await h.api.get(`/v1/cases/${caseId}/events`)).body.items;
    expect(events.map((e: { streamPosition: number }) => e.streamPosition)).toEqual(events.map((_: unknown, i: number) => i + 1));
    expect(events.filter((e: { type: string }) => e.type === 'StageAdvanced').map((e: { data: { to: string } }) => e.data.to)).toEqual([
      'verification',
      'handover',
      'escort',
      'reintegration',
    ]);
    // Each side records its own steps: the host caseworker and the origin focal point the request went to.
    expect(new Set(events.map((e: { agencyId: string }) => e.agencyId))).toEqual(new Set([caseworker.agencyId, 'mm-dsw']));

    const detail = await h.api.get(`/v1/cases/${caseId}`);
    expect(detail.body).toMatchObject({
      caseId,
      status: 'closed',
      stage: 'reintegration',
      outcome: 'reintegrated',
      version: events.length,
    });
    expect(detail.body.person).toMatchObject({ erased: false, details: { fullName: 'Test Person' } });
  });

  it('runs a child case: guardian, best interests and custody transfer are required', async () => {
    const caseId = await openCase(h.api, intake({ ageGroup: 'child' }));
    const afterBasics = await perform(h.api, caseId, IDENTIFICATION);
    expect(afterBasics.stage).toBe('identification');
    expect(afterBasics.waitingFor.map((g: { gate: string }) => g.gate)).toEqual(['best_interests', 'guardian']);

    const closed = await perform(h.api, caseId, CHILD_PATH.slice(IDENTIFICATION.length));
    expect(closed.status).toBe('closed');
    expect(await eventTypes(caseId)).toEqual(
      expect.arrayContaining(['BestInterestsDetermined', 'GuardianAppointed', 'CustodyTransferred']),
    );
  });

  it('handover needs both sides: one confirmation alone does not move the case', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, [...IDENTIFICATION, ...VERIFICATION, ...HANDOVER.slice(0, 2)]);
    const detail = await h.api.get(`/v1/cases/${caseId}`);
    expect(detail.body.stage).toBe('handover');
    expect(detail.body.waitingFor.map((g: { gate: string }) => g.gate)).toEqual(['receiving_confirmed']);
  });

  it('ends a case early with a reason, after which every action is refused as closed', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, IDENTIFICATION);
    const ended = await h.api.act(caseId, { type: 'end_case', reason: 'declined_return' });
    expect(ended).toMatchObject({ status: 'closed', outcome: { code: 'declined_return', completed: false } });

    const after = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'send_verification_request' });
    expect(after.status).toBe(409);
    expect(after.headers['content-type']).toContain('application/problem+json');
    expect(after.body.detail).toMatch(/closed/);
    expect((await h.api.get(`/v1/cases?status=closed&limit=200`)).body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  });

  it('puts a case on hold and releases it; while held, stage actions are refused', async () => {
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, IDENTIFICATION);
    const held = await h.api.act(caseId, { type: 'place_on_hold', reason: 'court_witness', reviewDate: '2027-03-01' });
    expect(held.hold).toEqual({ reason: 'court_witness', reviewDate: '2027-03-01' });
    expect((await h.api.get(`/v1/cases/${caseId}`)).body).toMatchObject({ status: 'on_hold', hold: { reason: 'court_witness' } });

    const blocked = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'send_verification_request' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ stage: 'verification' });
    expect(blocked.body.detail).toMatch(/on hold \(court_witness\) until 2027-03-01/);

    const released = await h.api.act(caseId, { type: 'release_hold' });
    expect(released.hold).toBeNull();
    expect((await h.api.act(caseId, { type: 'send_verification_request' })).stage).toBe('verification');
  });
});

describe('refusals and bad input', () => {
  it('a wrong-stage action is a 409 naming the current stage, and writes nothing', async () => {
    const caseId = await openCase(h.api);
    const before = await eventTypes(caseId);
    const response = await h.api.post(`/v1/cases/${caseId}/actions`, {
      type: 'schedule_handover',
      date: '2026-12-15',
      crossingPoint: 'mae-sot-myawaddy',
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'wrong-stage', params: { requiredStage: 'handover', stage: 'identification' } });
    expect(response.body).toMatchObject({ status: 409, stage: 'identification' });
    expect(response.body.detail).toMatch(/identification stage/);
    expect(await eventTypes(caseId)).toEqual(before);
  });

  it('a well-formed action the rules refuse is a 422 with the reason, and writes nothing', async () => {
    const caseId = await openCase(h.api);
    const response = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'record_identification' });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/screening/i);
    expect(await eventTypes(caseId)).toEqual(['CaseOpened', 'DeadlinePolicyApplied']);
  });

  it('schema violations are a 400 naming each offending field; unknown fields are not stripped', async () => {
    const bad = await h.api.post('/v1/cases', { ...intake(), hostCountry: 'XX', person: { ...intake().person, nickname: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.hostCountry', 'body.person.nickname']),
    );

    const caseId = await openCase(h.api);
    const unknownAction = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'teleport' });
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.errors[0].field).toBe('body.type');
    const extraField = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'record_consent', consent: 'given', note: 'x' });
    expect(extraField.status).toBe(400);
    expect(extraField.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body.note', reason: 'unknown field (not allowed)', code: 'unknown-field' }),
    );
    expect(await eventTypes(caseId)).toEqual(['CaseOpened', 'DeadlinePolicyApplied']);
  });

  it('401 without a valid token, 404 for an unknown case', async () => {
    expect((await h.api.get('/v1/cases', { token: null })).status).toBe(401);
    expect((await h.api.get('/v1/cases', { token: 'not-a-jwt' })).status).toBe(401);
    const unknown = await h.api.get('/v1/cases/8d0a1f64-5a8a-4f4b-9d61-2d1f3b0b2c11');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('lists cases filtered by stage, status and country, page by page', async () => {
    // Each case opens in its host country; a Viet Nam coordinator watches both sides of the border.
    const vn: Caller = { userId: 'u-vn-1', agencyId: 'vn-molisa', role: 'caseworker' };
    const kh: Caller = { userId: 'u-kh-1', agencyId: 'kh-mosvy', role: 'caseworker' };
    const watcher = { as: { userId: 'u-vn-c', agencyId: 'vn-molisa', role: 'coordinator' } satisfies Caller };
    const ids = [
      await openCase(h.api, intake({ hostCountry: 'VN', originCountry: 'KH' }), { as: vn }),
      await openCase(h.api, intake({ hostCountry: 'VN', originCountry: 'KH' }), { as: vn }),
    ];
    // Cambodia on the other side of the border too: the country filter reads both sides.
    const hostedInCambodia = await openCase(h.api, intake({ hostCountry: 'KH', originCountry: 'VN' }), { as: kh });
    await perform(h.api, ids[0]!, IDENTIFICATION, { as: vn });
    const verification = await h.api.get('/v1/cases?country=KH&stage=verification&limit=200', watcher);
    expect(verification.body.items.map((c: { caseId: string }) => c.caseId)).toContain(ids[0]);
    expect(verification.body.items.map((c: { caseId: string }) => c.caseId)).not.toContain(ids[1]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { caseId: string }[]; nextCursor: string | null } } = await h.api.get(
        `/v1/cases?country=KH&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        watcher,
      );
      seen.push(...page.body.items.map((c) => c.caseId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([...ids, hostedInCambodia]));
    // Newest first across both sides.
    const positions = [hostedInCambodia, ids[1]!, ids[0]!].map((id) => seen.indexOf(id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect((await h.api.get('/v1/cases?cursor=garbage')).status).toBe(400);
  });
});

/** Resending over a poor link: the same Idempotency-Key never writes twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStreamId } from '../../store/projections/cases.js';
import { intake, openCase } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';
import { police, transferRequest } from '../support/transfers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

/** Every case opens with two events: CaseOpened and DeadlinePolicyApplied. */
const OPENING_EVENTS = 2;
const countEvents = async (caseId: string) =>
  Number(
    (
      await h.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('stream_id', '=', caseStreamId(caseId))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('Idempotency-Key', () => {
  it('the same key twice creates one case and returns the first result', async () => {
    const key = `intake-${Date.now()}-a`;
    const first = await h.api.post('/v1/cases', intake(), { idempotencyKey: key });
    const second = await h.api.post('/v1/cases', intake(), { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countEvents(first.body.caseId)).toBe(OPENING_EVENTS);
  });

  it('concurrent resends with one key still create one case', async () => {
    const key = `intake-${Date.now()}-b`;
    const responses = await Promise.all([1, 2, 3].map(() => h.api.post('/v1/cases', intake(), { idempotencyKey: key })));
    const caseIds = new Set(responses.map((r) => r.body.caseId));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(caseIds.size).toBe(1);
    expect(await countEvents([...caseIds][0])).toBe(OPENING_EVENTS);
  });

  it('an action resent with its key is recorded once', async () => {
    const caseId = await openCase(h.api);
    const key = `screening-${caseId}`;
    const action = { type: 'record_screening', outcome: 'presumed_victim' };
    const first = await h.api.post(`/v1/cases/${caseId}/actions`, action, { idempotencyKey: key });
    const again = await h.api.post(`/v1/cases/${caseId}/actions`, action, { idempotencyKey: key });
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await countEvents(caseId)).toBe(OPENING_EVENTS + 1);
  });

  it('an action lost before its response was stored is not recorded twice on resend', async () => {
    const caseId = await openCase(h.api);
    const key = `lost-response-${caseId}`;
    const action = { type: 'record_screening', outcome: 'presumed_victim' };
    const first = await h.api.post(`/v1/cases/${caseId}/actions`, action, { idempotencyKey: key });
    // Simulate the API dying after the workflow recorded the action but before the response was kept.
    await h.db.deleteFrom('idempotency_keys').where('key', '=', key).execute();
    const resent = await h.api.post(`/v1/cases/${caseId}/actions`, action, { idempotencyKey: key });
    expect(resent.status).toBe(200);
    expect(resent.body.recorded).toEqual(first.body.recorded);
    expect(await countEvents(caseId)).toBe(OPENING_EVENTS + 1);
  });

  it('reusing a key for a different request is refused and writes nothing', async () => {
    const key = `intake-${Date.now()}-c`;
    const first = await h.api.post('/v1/cases', intake(), { idempotencyKey: key });
    const other = await h.api.post('/v1/cases', intake({ originCountry: 'LA' }), { idempotencyKey: key });
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused/);
    expect(await countEvents(first.body.caseId)).toBe(OPENING_EVENTS);
  });

  it('a refused action is not stored: the corrected request may reuse the key', async () => {
    const caseId = await openCase(h.api);
    const key = `fix-${caseId}`;
    const wrong = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'record_identification' }, { idempotencyKey: key });
    expect(wrong.status).toBe(422);
    const fixed = await h.api.post(
      `/v1/cases/${caseId}/actions`,
      { type: 'record_screening', outcome: 'presumed_victim' },
      { idempotencyKey: key },
    );
    expect(fixed.status).toBe(200);
  });

  it("an action the API refuses before the workflow gives its key's claim up: the corrected request performs", async () => {
    const caseId = await openCase(h.api);
    const key = `api-refused-${caseId}`;
    const wrong = await h.api.post(
      `/v1/cases/${caseId}/actions`,
      { type: 'send_verification_request', toAgencyId: 'no-such-agency' },
      { idempotencyKey: key },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].code).toBe('unknown-agency');
    expect(await h.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual([]);
    const fixed = await h.api.post(
      `/v1/cases/${caseId}/actions`,
      { type: 'record_screening', outcome: 'presumed_victim' },
      { idempotencyKey: key },
    );
    expect(fixed.status).toBe(200);
    expect(await countEvents(caseId)).toBe(OPENING_EVENTS + 1);
  });

  it('one key with body A and with body B sent at once: the B senders get 422 however the requests interleave', async () => {
    for (let round = 0; round < 3; round++) {
      const caseId = await openCase(h.api);
      const key = `race-${caseId}`;
      const a = { type: 'record_screening', outcome: 'presumed_victim' };
      const b = { type: 'record_screening', outcome: 'not_a_victim' };
      const bodies = [a, b, a, b, a, b, a, b, a, b];
      const responses = await Promise.all(bodies.map((body) => h.api.post(`/v1/cases/${caseId}/actions`, body, { idempotencyKey: key })));
      const recorded = await h.db
        .selectFrom('events')
        .select(['type', 'data'])
        .where('stream_id', '=', caseStreamId(caseId))
        .where('type', '=', 'ScreeningRecorded')
        .execute();
      expect(recorded).toHaveLength(1);
      const winner = (recorded[0]!.data as { outcome: string }).outcome === 'presumed_victim' ? a : b;
      responses.forEach((response, i) => {
        if (bodies[i] === winner) expect(response.status, JSON.stringify(response.body)).toBe(200);
        else {
          expect(response.status, JSON.stringify(response.body)).toBe(422);
          expect(response.body.code).toBe('idempotency-key-reused');
        }
      });
    }
  });

  it('two different persons opened at once under one key: one person, one case, the other senders get 422', async () => {
    const key = `two-persons-${Date.now()}`;
    const person = (fullName: string) => {
      const body = intake();
      return { ...body, person: { ...body.person, details: { ...body.person.details, fullName } } };
    };
    const bodies = Array.from({ length: 10 }, (_, i) => person(i % 2 === 0 ? 'Person A' : 'Person B'));
    const responses = await Promise.all(bodies.map((body) => h.api.post('/v1/cases', body, { idempotencyKey: key })));
    const opened = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 422);
    expect(opened.length + refused.length).toBe(10);
    expect(opened).toHaveLength(5);
    expect(new Set(opened.map((r) => r.body.caseId)).size).toBe(1);
    const kept = await h.vault.find((await h.api.get(`/v1/cases/${opened[0]!.body.caseId}`)).body.person.personId);
    const winnerName = kept && !kept.erased ? kept.details.fullName : undefined;
    responses.forEach((response, i) => expect(response.status).toBe(bodies[i]!.person.details.fullName === winnerName ? 201 : 422));
  });

  it('a suspect transfer too: another person under the same key is a 422', async () => {
    const key = `transfer-persons-${Date.now()}`;
    const suspect = (fullName: string) => transferRequest({ person: { details: { fullName, dateOfBirth: '1988-02-03' } } });
    const first = await h.api.post('/v1/transfers', suspect('Suspect A'), { as: police, idempotencyKey: key });
    expect(first.status).toBe(201);
    const other = await h.api.post('/v1/transfers', suspect('Suspect B'), { as: police, idempotencyKey: key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
    const again = await h.api.post('/v1/transfers', suspect('Suspect A'), { as: police, idempotencyKey: key });
    expect(again.status).toBe(201);
    expect(again.body.caseId).toBe(first.body.caseId);
  });
});

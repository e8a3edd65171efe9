/**
 * The remote codec endpoint lets authorised staff read encrypted histories with Temporal's own
 * tools: the Temporal CLI (and UI) call it with a bearer token. Without a token, or with a role
 * not allowed, nothing is decoded.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mintToken } from '../../api/auth.js';
import { findTemporalCli } from '../../platform/config.js';
import { IDENTIFICATION, openCase, perform } from '../support/cases.js';
import { startHarness, TEST_JWT_SECRET, type Caller, type Harness } from '../support/harness.js';
import { intakeFor, payloadsIn, rawHistory, seededPerson } from '../support/personal-data.js';

const auditor: Caller = { userId: 'u-audit-1', agencyId: 'th-dsdhs-bangkok', role: 'auditor' };

let h: Harness;
let caseId: string;
let url: string;
beforeAll(async () => {
  h = await startHarness();
  caseId = await openCase(h.api, intakeFor(seededPerson()));
  await perform(h.api, caseId, IDENTIFICATION);
  url = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => h?.stop());

const asJson = (payloads: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }[]) =>
  payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
    data: Buffer.from(p.data ?? []).toString('base64'),
  }));

const historyPayloads = async () => asJson(payloadsIn((await rawHistory(h.client, caseId)).history).map((p) => p.payload));

describe('the codec endpoint', () => {
  it('decodes a case history for an auditor, and encodes back', async () => {
    const payloads = await historyPayloads();
    const decoded = await h.api.post('/codec/decode', { payloads }, { as: auditor });
    expect(decoded.status).toBe(200);
    const texts = decoded.body.payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString());
    expect(texts.join('\n')).toContain('presumed_victim');
    expect(decoded.body.payloads[0].metadata.encoding).toBe(Buffer.from('json/plain').toString('base64'));

    const reencoded = await h.api.post('/codec/encode', { payloads: decoded.body.payloads.slice(0, 1) }, { as: auditor });
    expect(Buffer.from(reencoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const roundTrip = await h.api.post('/codec/decode', reencoded.body, { as: auditor });
    expect(roundTrip.body.payloads).toEqual(decoded.body.payloads.slice(0, 1));
  });

  it('needs a token and an allowed role', async () => {
    const payloads = (await historyPayloads()).slice(0, 1);
    const anonymous = await h.api.post('/codec/decode', { payloads }, { token: null });
    expect(anonymous.status).toBe(401);
    const caseworkerCall = await h.api.post('/codec/decode', { payloads });
    expect(caseworkerCall.status).toBe(403);
    expect(caseworkerCall.body.detail).toMatch(/admin, auditor, coordinator/);
  });

  it('refuses a tampered payload, naming the field', async () => {
    const [payload] = await historyPayloads();
    const data = Buffer.from(payload!.data, 'base64');
    data[data.length - 1]! ^= 0x01;
    const response = await h.api.post('/codec/decode', { payloads: [{ ...payload, data: data.toString('base64') }] }, { as: auditor });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.payloads', reason: expect.stringMatching(/integrity/) })]);
  });

  it('answers the Temporal UI preflight from its origin only', async () => {
    const preflight = (origin: string) =>
      h.app.inject({
        method: 'OPTIONS',
        url: '/codec/decode',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });
    const fromUi = await preflight('http://127.0.0.1:8233');
    expect(fromUi.statusCode).toBe(204);
    expect(fromUi.headers['access-control-allow-origin']).toBe('http://127.0.0.1:8233');
    expect(fromUi.headers['access-control-allow-headers']).toContain('authorization');
    const fromElsewhere = await preflight('https://attacker.example');
    expect(fromElsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the Temporal CLI: with the endpoint and a token it shows the history decoded', async () => {
    const show = async (...extra: string[]) =>
      (
        await promisify(execFile)(
          findTemporalCli(),
          ['workflow', 'show', '--workflow-id', `case-${caseId}`, '--address', inject('temporalAddress'), '--output', 'json', ...extra],
          { maxBuffer: 32 * 1024 * 1024 },
        )
      ).stdout;
    // The CLI prints payloads as base64 JSON: decode them to see what a reader would see.
    const payloadText = (output: string) =>
      payloadsIn(JSON.parse(output))
        .map((p) => Buffer.from(String(p.payload.data ?? ''), 'base64').toString('utf8'))
        .join('\n');
    const token = await mintToken(TEST_JWT_SECRET, auditor);
    expect(payloadText(await show())).not.toContain('presumed_victim');
    expect(payloadText(await show('--codec-endpoint', `${url}/codec`, '--codec-auth', `Bearer ${token}`))).toContain('presumed_victim');
    // A token with a role that may not read histories gets nothing decoded.
    const caseworkerToken = await mintToken(TEST_JWT_SECRET, { userId: 'u-1', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' });
    // The CLI retries a refused decode until its deadline, then fails: shortened here.
    const refused = show('--codec-endpoint', `${url}/codec`, '--codec-auth', `Bearer ${caseworkerToken}`, '--command-timeout', '3s');
    await expect(refused).rejects.toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/deadline exceeded/) });
  });
});

/**
 * A field means what it says: bodies are validated strictly (no coercion), query strings convert
 * only to the type their schema names, every number and text is bounded by what stores it, and
 * every refusal - the HTTP layer's too - is a problem document with stable codes.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.js';
import { CHILD_IDENTIFICATION, intake, openCase, perform } from '../support/cases.js';
import { caseworker, startHarness, TEST_JWT_SECRET, type Caller, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const auditor: Caller = { userId: 'u-th-audit-1', agencyId: 'th-dsdhs-bangkok', role: 'auditor' };
const coordinator: Caller = { userId: 'u-th-coord-1', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' };

const expectProblem = (response: { status: number; headers: Record<string, unknown>; body: any }, status: number) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(typeof response.body.code).toBe('string');
};

const withDetails = (details: Record<string, unknown>) => {
  const body = intake();
  return { ...body, person: { ...body.person, details: { ...body.person.details, ...details } } };
};

describe('bodies are validated strictly, without coercion', () => {
  it.each([null, 0, 'false', 'true', 1])('returnInBestInterests %j is refused, and the case stays open', async (value) => {
    const caseId = await openCase(h.api, intake({ ageGroup: 'child' }));
    await perform(h.api, caseId, CHILD_IDENTIFICATION.slice(0, 3));
    const response = await h.api.post(`/v1/cases/${caseId}/actions`, {
      type: 'record_best_interests_determination',
      returnInBestInterests: value,
    });
    expectProblem(response, 400);
    expect(response.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body.returnInBestInterests', code: 'type', params: { expected: 'boolean' } }),
    );
    const view = await h.api.get(`/v1/cases/${caseId}`);
    expect(view.body.status).toBe('open');
  });

  it.each([
    ['fullName: 42', withDetails({ fullName: 42 }), 'body.person.details.fullName'],
    ['otherNames: "x"', withDetails({ otherNames: 'x' }), 'body.person.details.otherNames'],
    ['hostCountry: ["TH"]', { ...intake(), hostCountry: ['TH'] }, 'body.hostCountry'],
  ])('%s is refused on opening a case', async (_name, body, field) => {
    const response = await h.api.post('/v1/cases', body);
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('outcome: ["presumed_victim"] is refused', async () => {
    const response = await h.api.post(`/v1/cases/${randomUUID()}/actions`, { type: 'record_screening', outcome: ['presumed_victim'] });
    expectProblem(response, 400);
    expect(response.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body.outcome', code: 'enum', params: { allowed: ['presumed_victim', 'not_a_victim'] } }),
    );
  });
});

describe('validation problems carry stable codes and params', () => {
  it('names each error with its code', async () => {
    const response = await h.api.post('/v1/cases', {
      hostCountry: 'XX',
      person: { sex: 'female', ageGroup: 'adult', details: { fullName: 'x'.repeat(201) }, shoeSize: 42 },
    });
    expectProblem(response, 400);
    expect(response.body.code).toBe('validation');
    const byField = Object.fromEntries(response.body.errors.map((e: any) => [e.field, e]));
    expect(byField['body.originCountry']).toMatchObject({ code: 'required' });
    expect(byField['body.person.shoeSize']).toMatchObject({ code: 'unknown-field' });
    expect(byField['body.hostCountry']).toMatchObject({ code: 'enum', params: { allowed: expect.arrayContaining(['TH', 'MM']) } });
    expect(byField['body.person.details.fullName']).toMatchObject({ code: 'max-length', params: { limit: 200 } });
  });

  it('an unknown action type names the documented ones', async () => {
    const response = await h.api.post(`/v1/cases/${randomUUID()}/actions`, { type: 'teleport' });
    expectProblem(response, 400);
    expect(response.body.errors[0]).toMatchObject({ field: 'body.type', code: 'enum' });
    expect(response.body.errors[0].params.allowed).toContain('record_screening');
  });

  it('other problems carry a code too', async () => {
    const missing = await h.api.get(`/v1/cases/${randomUUID()}`);
    expectProblem(missing, 404);
    expect(missing.body.code).toBe('not-found');
    const noToken = await h.api.get('/v1/cases', { token: null });
    expectProblem(noToken, 401);
    expect(noToken.body.code).toBe('unauthorized');
  });
});

describe('query strings convert only what their schema says', () => {
  it('converts a number where the schema names one', async () => {
    expect((await h.api.get('/v1/cases?limit=20')).status).toBe(200);
  });

  it.each([
    ['/v1/cases?limit=1e400', caseworker, 'querystring.limit'],
    ['/v1/cases?limit=abc', caseworker, 'querystring.limit'],
    [`/v1/cases/${randomUUID()}/events?after=2147483648`, caseworker, 'querystring.after'],
    ['/v1/audit?before=1e20', auditor, 'querystring.before'],
    [`/v1/batches/${randomUUID()}/manifest?version=2147483648`, coordinator, 'querystring.version'],
  ])('%s is a 400', async (url, as, field) => {
    const response = await h.api.get(url, { as });
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('every text refuses what Postgres cannot store', () => {
  it.each(['userId', 'action'])('NUL in /v1/audit?%s= is a 400', async (name) => {
    const response = await h.api.get(`/v1/audit?${name}=a%00b`, { as: auditor });
    expectProblem(response, 400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field: `querystring.${name}`, code: 'invalid-character' }));
  });

  it.each([
    ['secret', { url: 'https://example.org/hook', secret: 'sixteen-chars-\u0000-long' }],
    ['agencyKind', { url: 'https://example.org/hook', secret: 'sixteen-chars-long-secret', agencyKind: 'a\u0000' }],
    ['url', { url: 'https://example.org/ho\u0000ok', secret: 'sixteen-chars-long-secret' }],
  ])('NUL in a webhook %s is a 400', async (name, body) => {
    const response = await h.api.post('/v1/webhook-subscriptions', body, { as: coordinator });
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(`body.${name}`);
  });

  it('NUL or an unpaired surrogate in personal details is a 400', async () => {
    for (const fullName of ['a\u0000b', 'a\ud800b']) {
      const response = await h.api.post('/v1/cases', withDetails({ fullName }));
      expectProblem(response, 400);
      expect(response.body.errors).toContainEqual(
        expect.objectContaining({ field: 'body.person.details.fullName', code: 'invalid-character' }),
      );
    }
  });

  it.each([
    ['a case id that is not a UUID', ['2026-01-01T00:00:00.000Z', 'not-a-uuid']],
    ['a NUL in the case id', ['2026-01-01T00:00:00.000Z', '\u0000']],
    ['a time Postgres cannot hold', ['-271821-04-20T00:00:00.000Z', randomUUID()]],
    ['not a pair', { openedAt: 1 }],
  ])('a list cursor with %s is a 400', async (_name, content) => {
    const cursor = Buffer.from(JSON.stringify(content)).toString('base64url');
    const response = await h.api.get(`/v1/cases?cursor=${cursor}`);
    expectProblem(response, 400);
    expect(response.body.errors[0]).toMatchObject({ field: 'querystring.cursor', code: 'invalid' });
  });
});

describe('the HTTP layer answers with problem documents', () => {
  it('a path parameter over 100 characters is a 414', async () => {
    const response = await h.api.get(`/v1/cases/${'a'.repeat(101)}`);
    expectProblem(response, 414);
    expect(response.body.code).toBe('uri-too-long');
  });

  it('a text/plain body is a 415', async () => {
    const token = await mintToken(TEST_JWT_SECRET, caseworker);
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      payload: JSON.stringify(intake()),
    });
    expectProblem({ status: response.statusCode, headers: response.headers, body: response.json() }, 415);
    expect(response.json().code).toBe('unsupported-media-type');
  });

  it('a malformed JSON body is a 400', async () => {
    const token = await mintToken(TEST_JWT_SECRET, caseworker);
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"hostCountry":',
    });
    expectProblem({ status: response.statusCode, headers: response.headers, body: response.json() }, 400);
  });

  it('a 40 KB header is a 431 (over a real socket: the HTTP parser refuses it)', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/healthz', headers: { 'x-padding': 'a'.repeat(40 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'headers-too-large' });
  });
});

describe('GET /v1', () => {
  it('is an index of the API, naming the OpenAPI document', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1' });
    expect(response.statusCode).toBe(200);
    expect(response.json().links.openapi.href).toBe('/docs/json');
    expect(response.json().links.cases.href).toBe('/v1/cases');
  });
});

/**
 * The authorization matrix: every /v1 route, called by every role of an agency that is no party
 * to the data it names, returns no data, and each attempt is audited. A route added without an
 * entry here fails the coverage test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../api/auth.js';
import { IDENTIFICATION, openCase, perform } from '../support/cases.js';
import { createAccount } from '../support/accounts.js';
import { startHarness, TEST_JWT_SECRET, type Caller, type Harness } from '../support/harness.js';
import { mintToken } from '../../api/auth.js';

interface Fixture {
  caseId: string;
  personId: string;
  transferId: string;
  taskId: string;
  batchId: string;
  /** An account of the owning agency (th-dsdhs-bangkok): another agency's admin must not touch it. */
  userId: string;
}

/** `public`: a sign-in step, taking no credential (so no actor to audit). */
type Expect = 'not-found' | 'forbidden' | 'no-case-data' | 'public';
interface Entry {
  method?: 'PATCH' | 'DELETE';
  url: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** What a non-party may get: 404/403, or a 200 (or 4xx) whose body names none of the fixture's data. */
  expect: Expect;
}

const action = { type: 'record_consent', consent: 'given' };
const MATRIX: Record<string, Entry> = {
  'GET /v1/cases': { url: () => '/v1/cases?limit=200', expect: 'no-case-data' },
  'POST /v1/cases': { url: () => '/v1/cases', body: () => ({}), expect: 'no-case-data' },
  'GET /v1/cases/{caseId}': { url: (f) => `/v1/cases/${f.caseId}`, expect: 'not-found' },
  'GET /v1/cases/{caseId}/events': { url: (f) => `/v1/cases/${f.caseId}/events`, expect: 'not-found' },
  'POST /v1/cases/{caseId}/actions': { url: (f) => `/v1/cases/${f.caseId}/actions`, body: () => action, expect: 'not-found' },
  'GET /v1/cases/{caseId}/links': { url: (f) => `/v1/cases/${f.caseId}/links`, expect: 'not-found' },
  'POST /v1/cases/{caseId}/links': {
    url: (f) => `/v1/cases/${f.caseId}/links`,
    body: (f) => ({ caseId: f.transferId }),
    expect: 'not-found',
  },
  'POST /v1/cases/{caseId}/rescreen-as-suspect': {
    url: (f) => `/v1/cases/${f.caseId}/rescreen-as-suspect`,
    body: () => ({}),
    expect: 'no-case-data',
  },
  'POST /v1/transfers': { url: () => '/v1/transfers', body: () => ({}), expect: 'no-case-data' },
  'GET /v1/transfers': { url: () => '/v1/transfers?limit=200', expect: 'no-case-data' },
  'GET /v1/transfers/{caseId}': { url: (f) => `/v1/transfers/${f.transferId}`, expect: 'not-found' },
  'POST /v1/transfers/{caseId}/actions': {
    url: (f) => `/v1/transfers/${f.transferId}/actions`,
    body: () => ({ type: 'release_hold' }),
    expect: 'not-found',
  },
  'POST /v1/transfers/{caseId}/rescreen-as-victim': {
    url: (f) => `/v1/transfers/${f.transferId}/rescreen-as-victim`,
    body: () => ({}),
    expect: 'no-case-data',
  },
  'GET /v1/batches': { url: () => '/v1/batches', expect: 'no-case-data' },
  'POST /v1/batches': { url: () => '/v1/batches', body: () => ({}), expect: 'no-case-data' },
  'GET /v1/batches/{batchId}': { url: (f) => `/v1/batches/${f.batchId}`, expect: 'not-found' },
  'GET /v1/batches/{batchId}/members': { url: (f) => `/v1/batches/${f.batchId}/members`, expect: 'not-found' },
  'GET /v1/batches/{batchId}/manifest': { url: (f) => `/v1/batches/${f.batchId}/manifest`, expect: 'not-found' },
  'GET /v1/batches/{batchId}/candidates': { url: (f) => `/v1/batches/${f.batchId}/candidates`, expect: 'not-found' },
  'POST /v1/batches/{batchId}/cases': {
    url: (f) => `/v1/batches/${f.batchId}/cases`,
    body: (f) => ({ add: [f.caseId] }),
    expect: 'no-case-data',
  },
  'POST /v1/batches/{batchId}/reschedule': {
    url: (f) => `/v1/batches/${f.batchId}/reschedule`,
    body: () => ({ plannedDate: '2027-01-10' }),
    expect: 'no-case-data',
  },
  'POST /v1/batches/{batchId}/lock': { url: (f) => `/v1/batches/${f.batchId}/lock`, body: () => ({}), expect: 'no-case-data' },
  'POST /v1/batches/{batchId}/confirmations': {
    url: (f) => `/v1/batches/${f.batchId}/confirmations`,
    body: (f) => ({ caseIds: [f.caseId], side: 'sending' }),
    expect: 'no-case-data',
  },
  'POST /v1/batches/{batchId}/exclusions': {
    url: (f) => `/v1/batches/${f.batchId}/exclusions`,
    body: (f) => ({ caseId: f.caseId, reason: 'sick' }),
    expect: 'no-case-data',
  },
  'POST /v1/batches/{batchId}/cancel': { url: (f) => `/v1/batches/${f.batchId}/cancel`, body: () => ({}), expect: 'no-case-data' },
  'POST /v1/persons/{personId}/erasure': { url: (f) => `/v1/persons/${f.personId}/erasure`, body: () => ({}), expect: 'no-case-data' },
  'GET /v1/monitoring/stalled': { url: () => '/v1/monitoring/stalled?limit=1000', expect: 'no-case-data' },
  'GET /v1/statistics/flow': { url: () => '/v1/statistics/flow', expect: 'no-case-data' },
  'GET /v1/statistics/flow/trend': { url: () => '/v1/statistics/flow/trend', expect: 'no-case-data' },
  'GET /v1/statistics/summary': { url: () => '/v1/statistics/summary?from=2020-01-01&to=2030-12-31', expect: 'no-case-data' },
  'POST /v1/webhook-subscriptions': {
    url: () => '/v1/webhook-subscriptions',
    body: () => ({ url: 'https://example.org/hook', secret: 'x'.repeat(20) }),
    expect: 'no-case-data',
  },
  'GET /v1/inbox': { url: () => '/v1/inbox?limit=500', expect: 'no-case-data' },
  'POST /v1/tasks/{taskId}/claim': { url: (f) => `/v1/tasks/${f.taskId}/claim`, body: () => ({}), expect: 'not-found' },
  'POST /v1/tasks/{taskId}/assign': { url: (f) => `/v1/tasks/${f.taskId}/assign`, body: () => ({ userId: 'u-x' }), expect: 'not-found' },
  'GET /v1/colleagues': { url: () => '/v1/colleagues', expect: 'no-case-data' },
  'GET /v1/audit': { url: () => '/v1/audit?limit=1000', expect: 'no-case-data' },
  'GET /v1/agencies': { url: () => '/v1/agencies', expect: 'no-case-data' },
  'POST /v1/auth/sign-in': { url: () => '/v1/auth/sign-in', body: () => ({ username: 'x-nobody', password: 'y' }), expect: 'public' },
  'POST /v1/auth/second-factor': {
    url: () => '/v1/auth/second-factor',
    body: () => ({ challenge: 'x', code: '123456' }),
    expect: 'public',
  },
  'POST /v1/auth/second-factor/enrol': { url: () => '/v1/auth/second-factor/enrol', body: () => ({ challenge: 'x' }), expect: 'public' },
  'POST /v1/auth/second-factor/enrol/confirm': {
    url: () => '/v1/auth/second-factor/enrol/confirm',
    body: () => ({ challenge: 'x', code: '123456' }),
    expect: 'public',
  },
  'POST /v1/auth/password-reset': {
    url: () => '/v1/auth/password-reset',
    body: () => ({ token: 'x', newPassword: 'a long enough passphrase 9' }),
    expect: 'public',
  },
  'GET /v1/auth/providers': { url: () => '/v1/auth/providers', expect: 'public' },
  'GET /v1/auth/oidc/{agencyId}/start': { url: () => '/v1/auth/oidc/th-dsdhs-bangkok/start', expect: 'public' },
  'GET /v1/auth/oidc/callback': { url: () => '/v1/auth/oidc/callback?state=x&code=y', expect: 'public' },
  'POST /v1/auth/sign-out': { url: () => '/v1/auth/sign-out', body: () => ({}), expect: 'no-case-data' },
  'POST /v1/auth/sign-out-everywhere': { url: () => '/v1/auth/sign-out-everywhere', body: () => ({}), expect: 'no-case-data' },
  'GET /v1/me': { url: () => '/v1/me', expect: 'no-case-data' },
  'PATCH /v1/me': { method: 'PATCH', url: () => '/v1/me', body: () => ({ language: 'lo' }), expect: 'forbidden' },
  'POST /v1/me/totp': { url: () => '/v1/me/totp', body: () => ({}), expect: 'forbidden' },
  'POST /v1/me/totp/confirm': { url: () => '/v1/me/totp/confirm', body: () => ({ code: '123456' }), expect: 'forbidden' },
  'GET /v1/users': { url: () => '/v1/users', expect: 'no-case-data' },
  'POST /v1/users': {
    url: () => '/v1/users',
    body: () => ({ username: `outsider-${randomUUID().slice(0, 8)}`, displayName: 'Outsider', role: 'caseworker' }),
    expect: 'no-case-data',
  },
  'PATCH /v1/users/{userId}': {
    method: 'PATCH',
    url: (f) => `/v1/users/${f.userId}`,
    body: () => ({ role: 'admin' }),
    expect: 'no-case-data',
  },
  'POST /v1/users/{userId}/disable': { url: (f) => `/v1/users/${f.userId}/disable`, body: () => ({}), expect: 'no-case-data' },
  'POST /v1/users/{userId}/enable': { url: (f) => `/v1/users/${f.userId}/enable`, body: () => ({}), expect: 'no-case-data' },
  'POST /v1/users/{userId}/unlock': { url: (f) => `/v1/users/${f.userId}/unlock`, body: () => ({}), expect: 'no-case-data' },
  'POST /v1/users/{userId}/reset-password': {
    url: (f) => `/v1/users/${f.userId}/reset-password`,
    body: () => ({}),
    expect: 'no-case-data',
  },
  'GET /v1/service-tokens': { url: () => '/v1/service-tokens', expect: 'no-case-data' },
  'POST /v1/service-tokens': {
    url: () => '/v1/service-tokens',
    body: () => ({ name: 'outsider system', role: 'caseworker', expiresInDays: 1 }),
    expect: 'no-case-data',
  },
  'DELETE /v1/service-tokens/{tokenId}': { method: 'DELETE', url: () => `/v1/service-tokens/${randomUUID()}`, expect: 'no-case-data' },
  'GET /v1/cases/{caseId}/possible-matches': { url: (f) => `/v1/cases/${f.caseId}/possible-matches`, expect: 'not-found' },
  'POST /v1/cases/{caseId}/possible-matches/decisions': {
    url: (f) => `/v1/cases/${f.caseId}/possible-matches/decisions`,
    body: (f) => ({ caseId: f.transferId, decision: 'same_person' }),
    expect: 'not-found',
  },
  'GET /v1/monitoring/possible-matches': { url: () => '/v1/monitoring/possible-matches', expect: 'no-case-data' },
};

let h: Harness;
let fixture: Fixture;
beforeAll(async () => {
  h = await startHarness();
  const caseId = await openCase(h.api); // TH-MM, owned by th-dsdhs-bangkok
  await perform(h.api, caseId, IDENTIFICATION);
  const detail = await h.api.get(`/v1/cases/${caseId}`);
  const task = await h.db
    .selectFrom('tasks')
    .select('task_id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const transfer = await h.api.post(
    '/v1/transfers',
    { holdingCountry: 'TH', receivingCountry: 'MM', nationality: 'MM', person: { details: { fullName: 'Test Suspect' } } },
    { as: { userId: 'u-th-police', agencyId: 'th-atpd', role: 'caseworker' } },
  );
  fixture = {
    caseId,
    personId: detail.body.person.personId,
    taskId: task.task_id,
    transferId: transfer.body?.caseId ?? randomUUID(),
    batchId: randomUUID(),
    userId: (
      await createAccount(h.db, {
        username: `matrix-${randomUUID().slice(0, 8)}`,
        password: 'matrix test passphrase 1',
        agencyId: 'th-dsdhs-bangkok',
        role: 'caseworker',
      })
    ).userId,
  };
});
afterAll(async () => h?.stop());

async function routesInApp(): Promise<string[]> {
  const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
}

describe('authorization matrix', () => {
  it('has an entry for every /v1 route the app serves', async () => {
    expect((await routesInApp()).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(Object.entries(MATRIX))('%s: no data for any role of a non-party agency, every attempt audited', async (route, entry) => {
    const [method] = route.split(' ') as ['GET' | 'POST'];
    for (const role of ROLES) {
      const outsider: Caller = { userId: `u-outsider-${role}-${randomUUID().slice(0, 8)}`, agencyId: 'la-mlsw', role };
      const url = entry.url(fixture);
      const response = entry.method
        ? await other(entry.method, url, entry.body?.(fixture), outsider)
        : method === 'GET'
          ? await h.api.get(url, { as: outsider })
          : await h.api.post(url, entry.body?.(fixture) ?? {}, { as: outsider });
      // A 404 may echo the id the caller sent; anything else it names is a leak.
      const text = JSON.stringify(response.body ?? '').replaceAll(url.split('/')[3]?.split('?')[0] ?? '\u0000', '');
      if (entry.expect === 'not-found') expect(response.status, `${route} as ${role}`).toBe(404);
      if (entry.expect === 'forbidden') expect(response.status, `${route} as ${role}`).toBe(403);
      expect(response.status, `${route} as ${role}`).not.toBe(500);
      for (const secret of [fixture.caseId, fixture.transferId, fixture.userId, 'Test Person', 'Test Suspect'])
        expect(text, `${route} as ${role} leaks ${secret}`).not.toContain(secret);
      if (entry.expect === 'public') expect(response.status, `${route} as ${role}`).toBeLessThan(500);
      else await expectAudited(outsider.userId, route);
    }
  });
});

async function other(method: 'PATCH' | 'DELETE', url: string, body: unknown, as: Caller) {
  const token = await mintToken(TEST_JWT_SECRET, as);
  const response = await h.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: response.body ? response.json() : undefined };
}

async function expectAudited(userId: string, route: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const rows = await h.db.selectFrom('audit_log').select('action').where('user_id', '=', userId).execute();
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error(`${route}: no audit entry for ${userId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

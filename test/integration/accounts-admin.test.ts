/**
 * Who manages accounts and machine credentials (issue 17): an agency's admin manages that agency's
 * accounts and service tokens only; a service token is used, listed with its last use, and
 * revoked; development tokens are refused where configuration says so (production).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { mintToken } from '../../api/auth.js';
import { defaultAccountsSettings } from '../../platform/accounts-config.js';
import { loadAccountsSettings } from '../../platform/config.js';
import { createAccount } from '../support/accounts.js';
import { startHarness, TEST_JWT_SECRET, type Harness } from '../support/harness.js';

const PASSWORD = 'admin test passphrase 2026';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
});
afterAll(async () => h?.stop());

const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const tokenOf = (agencyId: string, role = 'admin') => mintToken(TEST_JWT_SECRET, { userId: unique('u'), agencyId, role });

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) {
  const response = await h.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.body ? response.json() : undefined };
}

describe('an agency admin', () => {
  it("manages their agency's accounts and cannot touch another agency's", async () => {
    const vietnam = await createAccount(h.db, { username: unique('lan'), password: PASSWORD, agencyId: 'vn-molisa', role: 'caseworker' });
    const thaiAdmin = await tokenOf('th-dsdhs-bangkok');
    const created = await call('POST', '/v1/users', thaiAdmin, { username: unique('niran'), displayName: 'Niran', role: 'caseworker' });
    expect(created.status).toBe(201);
    expect(created.body.user.agencyId).toBe('th-dsdhs-bangkok');
    expect(created.body.resetUrl).toMatch(/#token=/);
    const listed = await call('GET', '/v1/users', thaiAdmin);
    expect(listed.body.items.map((u: { userId: string }) => u.userId)).toContain(created.body.user.userId);
    expect(listed.body.items.every((u: { agencyId: string }) => u.agencyId === 'th-dsdhs-bangkok')).toBe(true);
    expect((await call('PATCH', `/v1/users/${created.body.user.userId}`, thaiAdmin, { role: 'coordinator' })).body.role).toBe(
      'coordinator',
    );

    for (const [method, suffix, payload] of [
      ['PATCH', '', { role: 'admin' }],
      ['POST', '/disable', undefined],
      ['POST', '/enable', undefined],
      ['POST', '/unlock', undefined],
      ['POST', '/reset-password', undefined],
    ] as const) {
      const response = await call(method, `/v1/users/${vietnam.userId}${suffix}`, thaiAdmin, payload);
      expect(response.status, `${method} ${suffix}`).toBe(404);
    }
    const row = await h.db
      .withTables<{ users: { user_id: string; role: string; status: string } }>()
      .selectFrom('users')
      .select(['role', 'status'])
      .where('user_id', '=', vietnam.userId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'caseworker', status: 'active' });
  });

  it('is the only role that manages accounts', async () => {
    const coordinator = await tokenOf('th-dsdhs-bangkok', 'coordinator');
    expect((await call('GET', '/v1/users', coordinator)).status).toBe(403);
    expect((await call('POST', '/v1/service-tokens', coordinator, { name: 'x', role: 'caseworker', expiresInDays: 1 })).status).toBe(403);
  });
});

describe('service tokens', () => {
  it('are shown once, used as a bearer, listed with their last use, and refused once revoked', async () => {
    const admin = await tokenOf('th-dsdhs-bangkok');
    const issued = await call('POST', '/v1/service-tokens', admin, { name: 'case import', role: 'caseworker', expiresInDays: 30 });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^hw_/);
    const used = await call('GET', '/v1/me', issued.body.token);
    expect(used.body).toMatchObject({ userId: `service:${issued.body.id}`, agencyId: 'th-dsdhs-bangkok', role: 'caseworker' });
    expect((await call('GET', '/v1/cases?limit=1', issued.body.token)).status).toBe(200);
    const listed = await call('GET', '/v1/service-tokens', admin);
    const entry = listed.body.items.find((t: { id: string }) => t.id === issued.body.id);
    expect(entry).toMatchObject({ name: 'case import', role: 'caseworker', revokedAt: null });
    expect(entry.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);

    // Another agency's admin cannot see or revoke it.
    const other = await tokenOf('vn-molisa');
    expect((await call('GET', '/v1/service-tokens', other)).body.items.map((t: { id: string }) => t.id)).not.toContain(issued.body.id);
    expect((await call('DELETE', `/v1/service-tokens/${issued.body.id}`, other)).status).toBe(404);
    expect((await call('GET', '/v1/me', issued.body.token)).status).toBe(200);

    expect((await call('DELETE', `/v1/service-tokens/${issued.body.id}`, admin)).status).toBe(204);
    const refused = await call('GET', '/v1/me', issued.body.token);
    expect(refused.status).toBe(401);
    expect(
      (await call('GET', '/v1/service-tokens', admin)).body.items.find((t: { id: string }) => t.id === issued.body.id).revokedAt,
    ).not.toBeNull();
  });

  it('refuses an unknown hw_ token and an expired one', async () => {
    expect((await call('GET', '/v1/me', `hw_${'x'.repeat(43)}`)).status).toBe(401);
    const admin = await tokenOf('th-dsdhs-bangkok');
    const issued = await call('POST', '/v1/service-tokens', admin, { name: 'short lived', role: 'caseworker', expiresInDays: 1 });
    await h.db
      .withTables<{ service_tokens: { token_id: string; expires_at: Date } }>()
      .updateTable('service_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_id', '=', issued.body.id)
      .execute();
    expect((await call('GET', '/v1/me', issued.body.token)).status).toBe(401);
  });
});

describe('development tokens', () => {
  it('are refused in production configuration, where service tokens still work', async () => {
    const production = loadAccountsSettings({ NODE_ENV: 'production' });
    expect(production.allowDevTokens).toBe(false);
    expect(loadAccountsSettings({ NODE_ENV: 'production', HOMEWARD_ALLOW_DEV_TOKENS: 'true' }).allowDevTokens).toBe(true);
    expect(loadAccountsSettings({}).allowDevTokens).toBe(true);

    const admin = await tokenOf('th-dsdhs-bangkok');
    const issued = await call('POST', '/v1/service-tokens', admin, { name: 'prod system', role: 'caseworker', expiresInDays: 1 });
    const app = await buildApp(
      {
        db: h.db,
        temporal: h.client,
        workflows: undefined as never,
        jwtSecret: TEST_JWT_SECRET,
        vault: h.vault,
        payloadCodec: undefined as never,
        accounts: defaultAccountsSettings({ allowDevTokens: false }),
      },
      { logger: false },
    );
    try {
      const dev = await app.inject({ method: 'GET', url: '/v1/agencies', headers: { authorization: `Bearer ${admin}` } });
      expect(dev.statusCode).toBe(401);
      const service = await app.inject({ method: 'GET', url: '/v1/agencies', headers: { authorization: `Bearer ${issued.body.token}` } });
      expect(service.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

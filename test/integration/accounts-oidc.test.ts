/**
 * Single sign-on (issue 17) against a REAL OpenID provider started here on a loopback port
 * (`oidc-provider`, its development login pages): authorization code with PKCE, the account
 * matched or made on first sign-in, its role from the provider's claim.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../api/accounts/sessions.js';
import { defaultAccountsSettings } from '../../platform/accounts-config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startTestProvider, type TestProvider } from '../support/oidc-provider.js';

const APP = 'http://127.0.0.1:3390';
const AGENCY = 'kh-mosvy';
let h: Harness;
let provider: TestProvider;
const dara = `dara-${randomUUID().slice(0, 8)}`;
const vanna = `vanna-${randomUUID().slice(0, 8)}`;
const noRole = `norole-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  provider = await startTestProvider({
    redirectUri: `${APP}/v1/auth/oidc/callback`,
    accounts: {
      [dara]: { name: 'Dara Sok', homeward_role: 'ministry-coordinator' },
      [vanna]: { name: 'Vanna Chea', homeward_role: 'caseworker' },
      [noRole]: { name: 'No Role', homeward_role: 'visitor' },
    },
  });
  h = await startHarness({
    worker: false,
    accounts: defaultAccountsSettings({
      publicOrigin: APP,
      oidcProviders: {
        [AGENCY]: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          roleClaim: 'homeward_role',
          roleMap: { 'ministry-coordinator': 'coordinator' },
        },
      },
    }),
  });
});
afterAll(async () => {
  await h?.stop();
  await provider?.stop();
});

/** The whole browser trip: start at Homeward, sign in at the provider, come back to the callback. */
async function signInThroughProvider(accountId: string) {
  const start = await h.app.inject({ method: 'GET', url: `/v1/auth/oidc/${AGENCY}/start` });
  expect(start.statusCode).toBe(302);
  const authorizationUrl = new URL(String(start.headers.location));
  expect(authorizationUrl.origin).toBe(provider.issuer);
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizationUrl.searchParams.get('code_challenge')).toBeTruthy();
  const back = await provider.signIn(authorizationUrl.href, accountId);
  expect(back.origin + back.pathname).toBe(`${APP}/v1/auth/oidc/callback`);
  const callback = await h.app.inject({ method: 'GET', url: back.pathname + back.search });
  return { callback, callbackUrl: back.pathname + back.search };
}

async function meWith(cookie: string) {
  const response = await h.app.inject({ method: 'GET', url: '/v1/me', cookies: { [SESSION_COOKIE]: cookie } });
  return { status: response.statusCode, body: response.json() };
}

describe('single sign-on with OpenID Connect', () => {
  it('lists the agencies that have it', async () => {
    const providers = await h.app.inject({ method: 'GET', url: '/v1/auth/providers' });
    expect(providers.json()).toEqual([{ agencyId: AGENCY, name: expect.any(String) }]);
  });

  it('signs in, makes the account on first sign-in with the mapped role, and matches it the next time', async () => {
    const { callback, callbackUrl } = await signInThroughProvider(dara);
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe(`${APP}/`);
    const cookie = callback.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    const me = await meWith(cookie.value);
    expect(me.body).toMatchObject({ displayName: 'Dara Sok', agencyId: AGENCY, role: 'coordinator', agency: { country: 'KH' } });

    // The same callback again is refused: its state was used.
    expect((await h.app.inject({ method: 'GET', url: callbackUrl })).statusCode).toBe(401);

    const again = await signInThroughProvider(dara);
    const second = await meWith(again.callback.cookies.find((c) => c.name === SESSION_COOKIE)!.value);
    expect(second.body.userId).toBe(me.body.userId);
    const rows = await h.db
      .withTables<{ users: { oidc_subject: string | null; agency_id: string } }>()
      .selectFrom('users')
      .select('agency_id')
      .where('oidc_subject', '=', dara)
      .execute();
    expect(rows).toEqual([{ agency_id: AGENCY }]);
  });

  it('refuses a provider account without a Homeward role, and a disabled account', async () => {
    const { callback } = await signInThroughProvider(noRole);
    expect(callback.statusCode).toBe(401);
    expect(callback.json().code).toBe('single-sign-on-failed');

    const first = await signInThroughProvider(vanna);
    const me = await meWith(first.callback.cookies.find((c) => c.name === SESSION_COOKIE)!.value);
    expect(me.body.role).toBe('caseworker');
    await h.db
      .withTables<{ users: { user_id: string; status: string } }>()
      .updateTable('users')
      .set({ status: 'disabled' })
      .where('user_id', '=', me.body.userId)
      .execute();
    expect((await signInThroughProvider(vanna)).callback.statusCode).toBe(401);
  });

  it('answers 404 for an agency without single sign-on', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/v1/auth/oidc/th-dsdhs-bangkok/start' })).statusCode).toBe(404);
    // A name every object has (found by the contract test as a 500): an agency without single sign-on too.
    for (const name of ['constructor'])
      expect((await h.app.inject({ method: 'GET', url: `/v1/auth/oidc/${name}/start` })).statusCode).toBe(404);
  });
});

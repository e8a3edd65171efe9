/**
 * No password, secret, TOTP seed or token in the logs or the audit log (issue 17): every credential
 * of the sign-in flows is made and used here - passwords, reset links, challenges, TOTP seeds,
 * recovery codes, session cookies, service tokens, the single sign-on client secret and its
 * authorization code - with the API logging at its most verbose; then both are searched for them.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../api/accounts/sessions.js';
import { mintToken } from '../../api/auth.js';
import { defaultAccountsSettings } from '../../platform/accounts-config.js';
import { createLogger } from '../../platform/logger.js';
import { totpCodeOf } from '../support/accounts.js';
import { startHarness, TEST_JWT_SECRET, type Harness } from '../support/harness.js';
import { startTestProvider, type TestProvider } from '../support/oidc-provider.js';
import { APP_ORIGIN, browser, signIn } from '../support/sign-in.js';

const lines: string[] = [];
const secrets = new Map<string, string>();
const remember = (what: string, value: string | undefined) => {
  if (!value) throw new Error(`no ${what} to look for`);
  secrets.set(`${what} ${secrets.size}`, value);
  return value;
};

let h: Harness;
let provider: TestProvider;
const startedAt = new Date();

beforeAll(async () => {
  const ssoAccount = `sso-${randomUUID().slice(0, 8)}`;
  provider = await startTestProvider({
    redirectUri: `${APP_ORIGIN}/v1/auth/oidc/callback`,
    accounts: { [ssoAccount]: { name: 'Single Sign-on', homeward_role: 'caseworker' } },
  });
  h = await startHarness({
    worker: false,
    logger: createLogger(
      'trace',
      'homeward',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    ),
    accounts: defaultAccountsSettings({
      publicOrigin: APP_ORIGIN,
      oidcProviders: {
        'kh-mosvy': {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          roleClaim: 'homeward_role',
        },
      },
    }),
  });
  remember('oidc client secret', provider.clientSecret);
  await runEveryCredentialFlow(ssoAccount);
});
afterAll(async () => {
  await h?.stop();
  await provider?.stop();
});

async function runEveryCredentialFlow(ssoAccount: string): Promise<void> {
  const admin = await mintToken(TEST_JWT_SECRET, { userId: 'u-admin-logs', agencyId: 'th-dsdhs-bangkok', role: 'admin' });
  remember('dev token', admin);
  const asAdmin = { authorization: `Bearer ${admin}` };
  const username = `logs-${randomUUID().slice(0, 8)}`;
  const password = remember('password', `first passphrase ${randomUUID()}`);
  const created = await h.app.inject({
    method: 'POST',
    url: '/v1/users',
    headers: asAdmin,
    payload: { username, displayName: 'Logs Person', role: 'approver', password },
  });
  const userId = created.json().user.userId as string;

  // A wrong password, then the sign-in with enrolment of the second factor (approvers need one).
  await signIn(browser(h.app), username, remember('wrong password', `wrong passphrase ${randomUUID()}`));
  const b = browser(h.app);
  const challenge = remember('challenge', (await signIn(b, username, password)).body.challenge);
  const enrolment = (await b.request('POST', '/v1/auth/second-factor/enrol', { challenge })).body;
  const seed = remember('totp seed', enrolment.secret);
  const confirmed = (await b.request('POST', '/v1/auth/second-factor/enrol/confirm', { challenge, code: totpCodeOf(seed) })).body;
  for (const code of confirmed.recoveryCodes as string[]) remember('recovery code', code);
  remember('session cookie', b.cookie);

  // A recovery code used, a session enrolling a new seed.
  const second = browser(h.app);
  const challenge2 = remember('challenge', (await signIn(second, username, password)).body.challenge);
  await second.request('POST', '/v1/auth/second-factor', { challenge: challenge2, recoveryCode: confirmed.recoveryCodes[0] });
  remember('session cookie', second.cookie);
  remember('totp seed', (await second.request('POST', '/v1/me/totp')).body.secret);

  // A reset link and the new password set through it.
  const link = (await h.app.inject({ method: 'POST', url: `/v1/users/${userId}/reset-password`, headers: asAdmin })).json();
  const resetToken = remember('reset token', new URL(link.resetUrl).hash.replace('#token=', ''));
  const newPassword = remember('new password', `second passphrase ${randomUUID()}`);
  await browser(h.app).request('POST', '/v1/auth/password-reset', { token: resetToken, newPassword });

  // A service token issued, used and revoked.
  const issued = (
    await h.app.inject({
      method: 'POST',
      url: '/v1/service-tokens',
      headers: asAdmin,
      payload: { name: 'logs system', role: 'caseworker', expiresInDays: 1 },
    })
  ).json();
  remember('service token', issued.token);
  await h.app.inject({ method: 'GET', url: '/v1/cases?limit=1', headers: { authorization: `Bearer ${issued.token}` } });
  await h.app.inject({ method: 'DELETE', url: `/v1/service-tokens/${issued.id}`, headers: asAdmin });

  // Single sign-on: the authorization code rides in the callback's query string.
  const start = await h.app.inject({ method: 'GET', url: '/v1/auth/oidc/kh-mosvy/start' });
  const back = await provider.signIn(String(start.headers.location), ssoAccount);
  remember('oidc authorization code', back.searchParams.get('code') ?? undefined);
  const callback = await h.app.inject({ method: 'GET', url: back.pathname + back.search });
  remember('session cookie', callback.cookies.find((c) => c.name === SESSION_COOKIE)?.value);
}

const leaks = (text: string) => [...secrets].filter(([, value]) => text.includes(value)).map(([what]) => what);

describe('credentials in logs and the audit log', () => {
  it('were all made and used, and logged about', () => {
    expect(secrets.size).toBeGreaterThan(15);
    expect(lines.join('')).toContain('/v1/auth/sign-in');
  });

  it('appear in no log line', () => {
    expect(leaks(lines.join(''))).toEqual([]);
  });

  it('appear in no audit entry', async () => {
    const rows = await h.db.selectFrom('audit_log').selectAll().where('at', '>=', startedAt).execute();
    expect(rows.some((r) => r.action.startsWith('auth.'))).toBe(true);
    expect(leaks(JSON.stringify(rows))).toEqual([]);
  });
});

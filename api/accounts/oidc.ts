/**
 * Single sign-on with OpenID Connect (authorization code + PKCE, `openid-client` v6) for agencies
 * whose ministry runs an identity provider. Per agency in configuration: issuer, client id and
 * secret, and the claim that names the role. The account is matched by (issuer, subject) and made
 * on first sign-in; its role follows the provider's claim at every sign-in. The provider decides
 * its own second factor, so Homeward's is not asked again.
 */
import * as oidc from 'openid-client';
import type { AccountsSettings, OidcProviderConfig } from '../../platform/accounts-config.js';
import { accountsDb, type AccountsDb } from '../../store/accounts-schema.js';
import { findUserBySubject, insertUser, updateUser, type UserRow } from '../../store/accounts.js';
import type { Db } from '../../store/db.js';
import { ROLES, type Role } from '../auth.js';
import { actorOfUser, ANONYMOUS, auditAccount } from './me.js';
import { accountProblems } from './problems.js';

const SIGN_IN_MINUTES = 10;
export const CALLBACK_PATH = '/v1/auth/oidc/callback';

const configurations = new Map<string, Promise<oidc.Configuration>>();

function configurationOf(agencyId: string, provider: OidcProviderConfig): Promise<oidc.Configuration> {
  const cacheKey = `${agencyId}|${provider.issuer}|${provider.clientId}`;
  let found = configurations.get(cacheKey);
  if (!found) {
    const issuer = new URL(provider.issuer);
    // Plain http only for a provider on this machine (tests, development).
    const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    found = oidc.discovery(
      issuer,
      provider.clientId,
      provider.clientSecret,
      undefined,
      loopback ? { execute: [oidc.allowInsecureRequests] } : {},
    );
    found.catch(() => configurations.delete(cacheKey));
    configurations.set(cacheKey, found);
  }
  return found;
}

const providerOf = (settings: AccountsSettings, agencyId: string): OidcProviderConfig => {
  // Own keys only: an agency id such as `constructor` must not find Object.prototype's (found by the contract test).
  const provider = Object.hasOwn(settings.oidcProviders, agencyId) ? settings.oidcProviders[agencyId] : undefined;
  if (!provider) throw accountProblems.notFound(`The agency ${agencyId} has no single sign-on.`);
  return provider;
};

/** Where to send the browser to sign in at the agency's provider. */
export async function startOidcSignIn(db: Db, settings: AccountsSettings, agencyId: string): Promise<URL> {
  const provider = providerOf(settings, agencyId);
  const configuration = await configurationOf(agencyId, provider);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await accountsDb(db)
    .insertInto('oidc_sign_ins')
    .values({ state, agency_id: agencyId, code_verifier: codeVerifier, nonce, expires_at: new Date(Date.now() + SIGN_IN_MINUTES * 60_000) })
    .execute();
  return oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${settings.publicOrigin}${CALLBACK_PATH}`,
    scope: 'openid profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
}

/** Completes the sign-in at the callback: the matched or new account (a session is started by the caller). */
export async function finishOidcSignIn(db: Db, settings: AccountsSettings, requestUrl: string): Promise<UserRow> {
  const currentUrl = new URL(requestUrl, settings.publicOrigin);
  const state = currentUrl.searchParams.get('state') ?? '';
  const adb = accountsDb(db);
  const pending = await adb.deleteFrom('oidc_sign_ins').where('state', '=', state).returningAll().executeTakeFirst();
  if (!pending || pending.expires_at < new Date()) {
    await auditAccount(db, ANONYMOUS, 'auth.oidc', 'refused', { reason: 'unknown-state' });
    throw accountProblems.singleSignOn('This sign-in expired or was already completed: start again.');
  }
  const provider = providerOf(settings, pending.agency_id);
  const configuration = await configurationOf(pending.agency_id, provider);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    if (claims[provider.roleClaim] === undefined) {
      claims = { ...claims, ...(await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims.sub))) };
    }
  } catch (error) {
    await auditAccount(db, ANONYMOUS, 'auth.oidc', 'refused', { reason: 'provider-refused', agencyId: pending.agency_id });
    throw accountProblems.singleSignOn(`The identity provider did not complete the sign-in (${(error as Error).name}).`);
  }
  const role = roleOf(provider, claims[provider.roleClaim]);
  if (!role) {
    await auditAccount(db, ANONYMOUS, 'auth.oidc', 'refused', { reason: 'no-role', agencyId: pending.agency_id });
    throw accountProblems.singleSignOn(`The identity provider gave no Homeward role (claim ${provider.roleClaim}).`);
  }
  return matchAccount(adb, db, provider, pending.agency_id, claims, role);
}

function roleOf(provider: OidcProviderConfig, value: unknown): Role | undefined {
  const values = Array.isArray(value) ? value : [value];
  for (const candidate of values) {
    if (typeof candidate !== 'string') continue;
    const mapped = provider.roleMap?.[candidate] ?? candidate;
    if (ROLES.includes(mapped as Role)) return mapped as Role;
  }
  return undefined;
}

async function matchAccount(
  adb: AccountsDb,
  db: Db,
  provider: OidcProviderConfig,
  agencyId: string,
  claims: Record<string, unknown>,
  role: Role,
): Promise<UserRow> {
  const subject = String(claims.sub);
  const displayName = typeof claims.name === 'string' && claims.name ? claims.name : subject;
  const existing = await findUserBySubject(adb, provider.issuer, subject);
  if (existing) {
    if (existing.status !== 'active' || existing.agency_id !== agencyId) {
      await auditAccount(db, actorOfUser(existing), 'auth.oidc', 'refused', { reason: 'account-disabled' });
      throw accountProblems.singleSignOn('This account is disabled; ask an admin of your agency.');
    }
    return existing.role === role ? existing : (await updateUser(adb, existing.user_id, { role }))!;
  }
  const user = await insertUser(adb, {
    username: `${agencyId}:${subject}`,
    displayName,
    agencyId,
    role,
    oidc: { issuer: provider.issuer, subject },
  });
  await auditAccount(db, actorOfUser(user), 'user.create', 'ok', { targetUserId: user.user_id, role, via: 'single-sign-on' });
  return user;
}

/**
 * Who is calling, for every authenticated route: ONE function, run by the onRequest hook of the
 * /v1 scope and of /codec (api/app.ts), so a new route cannot skip it. A request carries either
 *   - `Authorization: Bearer hw_...`  a service token (service-tokens.ts),
 *   - `Authorization: Bearer <JWT>`   an HS256 development token, only where configuration allows,
 *   - the session cookie               a signed-in person (sessions.ts).
 * All three give the same Actor (user, agency, role) to the access rules. Whatever the credential,
 * its agency must be in the registry, and a cookie-authenticated write must come from our origin.
 * Routes that need no credential say so with `config: { public: true }` (the sign-in routes).
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/shared/actor.js';
import { defaultAccountsSettings, type AccountsSettings } from '../../platform/accounts-config.js';
import { accountsDb } from '../../store/accounts-schema.js';
import { callerOf } from '../access.js';
import { verifyBearer } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { accountProblems } from './problems.js';
import { SERVICE_TOKEN_PREFIX } from './secrets.js';
import { actorOfServiceToken } from './service-tokens.js';
import { resumeSession, SESSION_COOKIE } from './sessions.js';

export type AuthMethod = 'session' | 'service-token' | 'dev-token';

export interface Authentication {
  actor: Actor;
  method: AuthMethod;
  /** The session's hash when signed in with the cookie (sign-out ends it). */
  sessionHash?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** How the actor was authenticated (set with `actor`). */
    authentication: Authentication | null;
  }
  interface FastifyContextConfig {
    /** The route needs no credential (sign-in, providers). */
    public?: boolean;
  }
}

export const settingsOf = (deps: AppDeps): AccountsSettings => deps.accounts ?? (fallback ??= defaultAccountsSettings());
let fallback: AccountsSettings | undefined;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The onRequest hook of every authenticated scope. */
export async function authenticateRequest(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const settings = settingsOf(deps);
  const isPublic = request.routeOptions.config?.public === true;
  if (!SAFE_METHODS.has(request.method) && !originAllowed(settings, request, isPublic)) throw accountProblems.csrf();
  if (isPublic) return;
  const authentication = await authenticate(deps, settings, request);
  // The registry is the one source of which agencies exist: a token naming another is nobody.
  await callerOf(deps.db, authentication.actor);
  request.authentication = authentication;
  request.actor = authentication.actor;
}

async function authenticate(deps: AppDeps, settings: AccountsSettings, request: FastifyRequest): Promise<Authentication> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer (\S+)$/i.exec(authorization)?.[1];
    if (bearer?.startsWith(SERVICE_TOKEN_PREFIX)) {
      const actor = await actorOfServiceToken(accountsDb(deps.db), bearer);
      if (!actor) throw accountProblems.unauthorized('The service token is not valid: unknown, expired or revoked.');
      return { actor, method: 'service-token' };
    }
    if (!settings.allowDevTokens) throw accountProblems.unauthorized('Development tokens are not accepted here; use a service token.');
    return { actor: await verifyBearer(deps.jwtSecret, authorization), method: 'dev-token' };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) {
    const session = await resumeSession(accountsDb(deps.db), settings, cookie);
    if (!session) throw accountProblems.unauthorized('The session ended: sign in again.');
    return {
      actor: { userId: session.userId, agencyId: session.agencyId, role: session.role },
      method: 'session',
      sessionHash: session.sessionHash,
    };
  }
  throw accountProblems.unauthorized('Sign in, or send a bearer token in the Authorization header.');
}

/**
 * SameSite=Strict keeps the cookie off cross-site requests in current browsers; the Origin check
 * is the second wall. A write carrying the cookie must name an origin of ours, and so must a
 * sign-in step that names an origin at all (no signing in from another site). A bearer credential
 * cannot be sent by another site, so bearer requests need no origin (the Temporal UI calls /codec).
 */
function originAllowed(settings: AccountsSettings, request: FastifyRequest, isPublic: boolean): boolean {
  if (request.headers.authorization !== undefined) return true;
  const origin = request.headers.origin;
  const hasSessionCookie = !!request.cookies?.[SESSION_COOKIE];
  if (!origin) return !hasSessionCookie;
  if (!hasSessionCookie && !isPublic) return true;
  if (origin === settings.publicOrigin || settings.allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

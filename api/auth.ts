/**
 * Identity on every request: a bearer JWT (HS256, secret from configuration) naming the user, the
 * agency and the role. `mintToken` serves the `token` command for development and tests.
 */
import { jwtVerify, SignJWT } from 'jose';
import type { Actor } from '../domain/shared/actor.js';
import { problems } from './problem.js';

export const ROLES = ['caseworker', 'ngo_worker', 'coordinator', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const ISSUER = 'homeward';
const key = (secret: string) => new TextEncoder().encode(secret);

export async function mintToken(secret: string, actor: Actor, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ agency: actor.agencyId, role: actor.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/**
 * Tokens already verified, each until it expires (at most `REVERIFY_AFTER_MS`): a caseworker's
 * client sends the same token with every request, and checking its signature (WebCrypto, off the
 * event loop and back) is the costliest step of authenticating one. Bounded: the oldest entry goes first.
 */
const verified = new Map<string, { secret: string; actor: Actor; until: number }>();
const VERIFIED_TOKENS_KEPT = 10_000;
const REVERIFY_AFTER_MS = 5 * 60_000;

export async function verifyBearer(secret: string, authorization: string | undefined): Promise<Actor> {
  const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw problems.unauthorized('Send a bearer token in the Authorization header.');
  const token = match[1];
  const known = verified.get(token);
  if (known && known.secret === secret && Date.now() < known.until) return known.actor;
  const { actor, expiresAt } = await verifyToken(secret, token);
  if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
  verified.set(token, { secret, actor, until: Math.min(expiresAt, Date.now() + REVERIFY_AFTER_MS) });
  return actor;
}

async function verifyToken(secret: string, token: string): Promise<{ actor: Actor; expiresAt: number }> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'], requiredClaims: ['exp'] }));
  } catch (error) {
    throw problems.unauthorized(`The bearer token is not valid: ${(error as Error).message}`);
  }
  const { sub, agency, role } = payload as { sub?: unknown; agency?: unknown; role?: unknown };
  if (typeof sub !== 'string' || !sub || typeof agency !== 'string' || !agency) {
    throw problems.unauthorized('The token must name the user (sub) and the agency (agency).');
  }
  if (!ROLES.includes(role as Role)) throw problems.unauthorized(`The token's role must be one of ${ROLES.join(', ')}.`);
  // A token without an expiry would speak for its agency for ever: refused above (requiredClaims).
  const expiresAt = payload.exp! * 1000;
  return { actor: { userId: sub, agencyId: agency, role: role as Role }, expiresAt };
}

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

export async function verifyBearer(secret: string, authorization: string | undefined): Promise<Actor> {
  const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw problems.unauthorized('Send a bearer token in the Authorization header.');
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], key(secret), { issuer: ISSUER, algorithms: ['HS256'] }));
  } catch (error) {
    throw problems.unauthorized(`The bearer token is not valid: ${(error as Error).message}`);
  }
  const { sub, agency, role } = payload as { sub?: unknown; agency?: unknown; role?: unknown };
  if (typeof sub !== 'string' || !sub || typeof agency !== 'string' || !agency) {
    throw problems.unauthorized('The token must name the user (sub) and the agency (agency).');
  }
  if (!ROLES.includes(role as Role)) throw problems.unauthorized(`The token's role must be one of ${ROLES.join(', ')}.`);
  return { userId: sub, agencyId: agency, role: role as Role };
}

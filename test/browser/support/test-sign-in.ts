/**
 * TEST-ONLY stand-in for the accounts branch's sign-in (issue 17), implementing the routes of
 * CONTRACTS.md that the console calls: POST /v1/auth/sign-in, /v1/auth/second-factor,
 * /v1/auth/sign-out, GET/PATCH /v1/me, GET /v1/auth/providers. Sessions are in memory; a session
 * cookie becomes the bearer token today's API understands (see `bearerForCookie`).
 *
 * NEVER used outside test/browser. When the accounts branch merges, delete this file and the
 * cookie rewrite in server.ts: the real routes answer the same requests.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { mintToken } from '../../../api/auth.js';
import { findAgency } from '../../../store/agencies.js';
import type { Db } from '../../../store/db.js';
import { ACCOUNTS, TEST_PASSWORD, type TestAccount } from './accounts.js';

const COOKIE = 'hw_test_session';
const sessions = new Map<string, { account: TestAccount; language: string; token: string }>();
const challenges = new Map<string, TestAccount>();
const accounts: TestAccount[] = Object.values(ACCOUNTS);

function problem(status: number, code: string, title: string) {
  return { type: `https://homeward.dev/problems/${code}`, title, status, detail: title, code };
}

export async function testSignIn(app: FastifyInstance, db: Db, jwtSecret: string): Promise<void> {
  const me = async (session: { account: TestAccount; language: string }) => {
    const agency = (await findAgency(db, session.account.agencyId))!;
    return {
      userId: session.account.userId,
      username: session.account.username,
      displayName: session.account.displayName,
      agencyId: agency.agencyId,
      agency: { id: agency.agencyId, name: agency.name, country: agency.country, kind: agency.kind },
      role: session.account.role,
      language: session.language,
      secondFactor: { enrolled: Boolean(session.account.totpSecret), required: false },
    };
  };
  const start = async (account: TestAccount, reply: any) => {
    const id = randomUUID();
    const token = await mintToken(jwtSecret, { userId: account.userId, agencyId: account.agencyId, role: account.role });
    const session = { account, language: account.language, token };
    sessions.set(id, session);
    reply.header('set-cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`);
    return { status: 'signed_in', me: await me(session) };
  };
  const sessionOf = (cookie: string | undefined) => sessions.get(cookieValue(cookie) ?? '');

  app.post('/v1/auth/sign-in', async (request, reply) => {
    const { username, password } = (request.body ?? {}) as { username?: string; password?: string };
    const account = accounts.find((a) => a.username === username);
    if (!account || password !== TEST_PASSWORD)
      return reply
        .code(401)
        .type('application/problem+json')
        .send(problem(401, 'invalid-credentials', 'Wrong username or password'));
    if (account.totpSecret) {
      const challenge = randomUUID();
      challenges.set(challenge, account);
      return { status: 'second_factor_required', challenge };
    }
    return start(account, reply);
  });
  app.post('/v1/auth/second-factor', async (request, reply) => {
    const { challenge, code } = (request.body ?? {}) as { challenge?: string; code?: string };
    const account = challenges.get(challenge ?? '');
    const valid =
      account?.totpSecret &&
      new TOTP({ secret: Secret.fromBase32(account.totpSecret) }).validate({ token: code ?? '', window: 1 }) !== null;
    if (!account || !valid)
      return reply
        .code(401)
        .type('application/problem+json')
        .send(problem(401, 'invalid-credentials', 'Wrong code'));
    challenges.delete(challenge!);
    return start(account, reply);
  });
  app.post('/v1/auth/sign-out', async (request, reply) => {
    sessions.delete(cookieValue(request.headers.cookie) ?? '');
    return reply.code(204).header('set-cookie', `${COOKIE}=; Path=/; Max-Age=0`).send();
  });
  app.get('/v1/auth/providers', async () => []);
  app.get('/v1/me', async (request, reply) => {
    const session = sessionOf(request.headers.cookie);
    if (!session)
      return reply
        .code(401)
        .type('application/problem+json')
        .send(problem(401, 'unauthorized', 'Sign in'));
    return me(session);
  });
  app.patch('/v1/me', async (request, reply) => {
    const session = sessionOf(request.headers.cookie);
    if (!session)
      return reply
        .code(401)
        .type('application/problem+json')
        .send(problem(401, 'unauthorized', 'Sign in'));
    session.language = String((request.body as { language?: string }).language);
    return me(session);
  });
}

/** The bearer header for a request carrying a test session cookie (today's API reads bearer tokens only). */
export function bearerForCookie(cookie: string | undefined): string | undefined {
  const session = sessions.get(cookieValue(cookie) ?? '');
  return session ? `Bearer ${session.token}` : undefined;
}

function cookieValue(header: string | undefined): string | undefined {
  return header
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];
}

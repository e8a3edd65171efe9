/**
 * Signing in and out (CONTRACTS.md "Sign-in and accounts"). The sign-in steps and the list of
 * single sign-on providers need no credential (`config.public`); signing out needs the session.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findAgency } from '../../store/agencies.js';
import { accountsDb } from '../../store/accounts-schema.js';
import { findUser } from '../../store/accounts.js';
import { settingsOf } from '../accounts/authenticate.js';
import { actorOfUser, auditAccount, isAccountId } from '../accounts/me.js';
import { resetPassword } from '../accounts/password-reset.js';
import { EnrolmentSchema, SecretInput, SignInAnswerSchema } from '../accounts/schemas.js';
import { clearSessionCookie, endAllSessions, endSession } from '../accounts/sessions.js';
import {
  confirmEnrolmentInSignIn,
  contextOf,
  signInWithPassword,
  signInWithSecondFactor,
  startEnrolmentInSignIn,
} from '../accounts/sign-in.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

const errors = problemResponses(400, 401, 403, 423);
const PUBLIC = { public: true };
const TotpCode = Type.String({ pattern: '^\\s*\\d{6}\\s*$', maxLength: 12 });

export const authRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/auth/sign-in',
      {
        config: PUBLIC,
        schema: {
          summary: 'Sign in with a username and password',
          description: 'Signed in (session cookie set), or a challenge for the second factor or its enrolment.',
          tags: ['auth'],
          security: [],
          body: Type.Object({ username: SecretInput(100), password: SecretInput(256) }, { additionalProperties: false }),
          response: { 200: SignInAnswerSchema, ...errors },
        },
      },
      async (request, reply) => signInWithPassword(contextOf(deps, request, reply), request.body.username, request.body.password),
    );

    app.post(
      '/auth/second-factor',
      {
        config: PUBLIC,
        schema: {
          summary: 'Complete a sign-in with a TOTP code or a recovery code',
          tags: ['auth'],
          security: [],
          body: Type.Union([
            Type.Object({ challenge: SecretInput(100), code: TotpCode }, { additionalProperties: false }),
            Type.Object({ challenge: SecretInput(100), recoveryCode: SecretInput(40) }, { additionalProperties: false }),
          ]),
          response: { 200: SignInAnswerSchema, ...errors },
        },
      },
      async (request, reply) => {
        const body = request.body as { challenge: string; code?: string; recoveryCode?: string };
        return signInWithSecondFactor(contextOf(deps, request, reply), body.challenge, body);
      },
    );

    app.post(
      '/auth/second-factor/enrol',
      {
        config: PUBLIC,
        schema: {
          summary: 'Start enrolling a second factor during sign-in (when the role requires one)',
          tags: ['auth'],
          security: [],
          body: Type.Object({ challenge: SecretInput(100) }, { additionalProperties: false }),
          response: { 200: EnrolmentSchema, ...errors },
        },
      },
      async (request, reply) => startEnrolmentInSignIn(contextOf(deps, request, reply), request.body.challenge),
    );

    app.post(
      '/auth/second-factor/enrol/confirm',
      {
        config: PUBLIC,
        schema: {
          summary: 'Confirm the enrolment with a first code: signed in, with one-time recovery codes',
          tags: ['auth'],
          security: [],
          body: Type.Object({ challenge: SecretInput(100), code: TotpCode }, { additionalProperties: false }),
          response: { 200: SignInAnswerSchema, ...errors },
        },
      },
      async (request, reply) => confirmEnrolmentInSignIn(contextOf(deps, request, reply), request.body.challenge, request.body.code),
    );

    app.post(
      '/auth/password-reset',
      {
        config: PUBLIC,
        schema: {
          summary: 'Set a new password through a one-time reset link',
          tags: ['auth'],
          security: [],
          body: Type.Object({ token: SecretInput(100), newPassword: SecretInput(256) }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const userId = await resetPassword(accountsDb(deps.db), request.body.token, request.body.newPassword);
        const user = await findUser(accountsDb(deps.db), userId);
        if (user) await auditAccount(deps.db, actorOfUser(user), 'auth.password-reset', 'ok');
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/providers',
      {
        config: PUBLIC,
        schema: {
          summary: 'Agencies whose staff sign in with their ministry identity provider',
          tags: ['auth'],
          security: [],
          response: { 200: Type.Array(Type.Object({ agencyId: Type.String(), name: Type.String() })) },
        },
      },
      async () => {
        const ids = Object.keys(settingsOf(deps).oidcProviders).sort();
        const agencies = await Promise.all(ids.map((id) => findAgency(deps.db, id)));
        return agencies.filter((a) => a !== undefined).map((a) => ({ agencyId: a.agencyId, name: a.name }));
      },
    );

    app.post(
      '/auth/sign-out',
      {
        schema: { summary: 'End this session', tags: ['auth'], response: { 204: Type.Null(), ...problemResponses(401, 403) } },
      },
      async (request, reply) => {
        const sessionHash = request.authentication?.sessionHash;
        if (sessionHash) await endSession(accountsDb(deps.db), sessionHash);
        clearSessionCookie(reply);
        await auditAccount(deps.db, request.actor, 'auth.sign-out', 'ok');
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/sign-out-everywhere',
      {
        schema: {
          summary: 'End every session of this account, on every device',
          tags: ['auth'],
          response: { 204: Type.Null(), ...problemResponses(401, 403) },
        },
      },
      async (request, reply) => {
        const ended = isAccountId(request.actor.userId) ? await endAllSessions(accountsDb(deps.db), request.actor.userId) : 0;
        clearSessionCookie(reply);
        await auditAccount(deps.db, request.actor, 'auth.sign-out-everywhere', 'ok', { sessionsEnded: ended });
        return reply.status(204).send(null);
      },
    );
  };

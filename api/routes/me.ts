/** The signed-in person: who they are, their language, and enrolling their second factor. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { accountsDb } from '../../store/accounts-schema.js';
import { findUser, updateUser } from '../../store/accounts.js';
import { settingsOf } from '../accounts/authenticate.js';
import { auditAccount, isAccountId, meOf } from '../accounts/me.js';
import { accountProblems } from '../accounts/problems.js';
import { EnrolmentSchema, LanguageSchema, MeSchema } from '../accounts/schemas.js';
import { acceptedStep, enrolment, issueRecoveryCodes, newTotpSecret } from '../accounts/totp.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

const errors = problemResponses(400, 401, 403);

export const meRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const db = accountsDb(deps.db);

    async function accountOf(request: FastifyRequest) {
      const user = isAccountId(request.actor.userId) ? await findUser(db, request.actor.userId) : undefined;
      if (!user)
        throw accountProblems.forbidden('Only a person signed in with an account has a second factor; this credential is not one.');
      return user;
    }

    app.get('/me', { schema: { summary: 'Who is signed in', tags: ['auth'], response: { 200: MeSchema, ...errors } } }, async (request) =>
      meOf(deps.db, settingsOf(deps), request.actor),
    );

    app.patch(
      '/me',
      {
        schema: {
          summary: 'Change my preferred language',
          tags: ['auth'],
          body: Type.Object({ language: LanguageSchema }, { additionalProperties: false }),
          response: { 200: MeSchema, ...errors },
        },
      },
      async (request) => {
        const user = await accountOf(request);
        await updateUser(db, user.user_id, { language: request.body.language });
        await auditAccount(deps.db, request.actor, 'me.language', 'ok', { language: request.body.language });
        return meOf(deps.db, settingsOf(deps), request.actor);
      },
    );

    app.post(
      '/me/totp',
      {
        schema: {
          summary: 'Start enrolling (or replacing) my second factor: a secret and its QR code',
          tags: ['auth'],
          response: { 200: EnrolmentSchema, ...errors },
        },
      },
      async (request) => {
        const user = await accountOf(request);
        const secret = newTotpSecret();
        await updateUser(db, user.user_id, { totp_pending_secret: deps.vault.accountSecrets.seal(user.user_id, secret) });
        return enrolment(secret, user.username);
      },
    );

    app.post(
      '/me/totp/confirm',
      {
        schema: {
          summary: 'Confirm the second factor with a first code; answers one-time recovery codes, shown once',
          tags: ['auth'],
          body: Type.Object({ code: Type.String({ pattern: '^\\s*\\d{6}\\s*$', maxLength: 12 }) }, { additionalProperties: false }),
          response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...errors },
        },
      },
      async (request) => {
        const user = await accountOf(request);
        const pending = user.totp_pending_secret && deps.vault.accountSecrets.open(user.user_id, user.totp_pending_secret);
        const step = pending ? acceptedStep(pending, request.body.code, null) : undefined;
        if (step === undefined) throw accountProblems.invalidSecondFactor();
        await updateUser(db, user.user_id, { totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step });
        const recoveryCodes = await issueRecoveryCodes(db, user.user_id);
        await auditAccount(deps.db, request.actor, 'auth.second-factor-enrolled', 'ok');
        return { recoveryCodes };
      },
    );
  };

/** Single sign-on routes: start at the agency's provider, come back to the callback signed in. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountsDb } from '../../store/accounts-schema.js';
import { settingsOf } from '../accounts/authenticate.js';
import { actorOfUser, auditAccount } from '../accounts/me.js';
import { finishOidcSignIn, startOidcSignIn } from '../accounts/oidc.js';
import { startSession } from '../accounts/sessions.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

const PUBLIC = { public: true };

export const oidcRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/auth/oidc/:agencyId/start',
      {
        config: PUBLIC,
        schema: {
          summary: "Sign in with the agency's identity provider (redirects there)",
          tags: ['auth'],
          security: [],
          params: Type.Object({ agencyId: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) }, { additionalProperties: false }),
          response: { 302: Type.Null(), ...problemResponses(404) },
        },
      },
      async (request, reply) => reply.redirect((await startOidcSignIn(deps.db, settingsOf(deps), request.params.agencyId)).href, 302),
    );

    app.get(
      '/auth/oidc/callback',
      {
        config: PUBLIC,
        schema: {
          summary: 'Where the identity provider sends the browser back: signed in, then on to the console',
          tags: ['auth'],
          security: [],
          querystring: Type.Object({}, { additionalProperties: true }),
          response: { 303: Type.Null(), ...problemResponses(401) },
        },
      },
      async (request, reply) => {
        const settings = settingsOf(deps);
        const user = await finishOidcSignIn(deps.db, settings, request.url);
        await startSession(accountsDb(deps.db), settings, reply, user.user_id);
        await auditAccount(deps.db, actorOfUser(user), 'auth.session-started', 'ok', { method: 'single-sign-on' });
        return reply.redirect(`${settings.publicOrigin}/`, 303);
      },
    );
  };

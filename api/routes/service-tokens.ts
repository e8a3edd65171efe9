/** Service tokens of my agency, for its own systems (admins): issued once, listed, revoked. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountsDb } from '../../store/accounts-schema.js';
import { auditAccount } from '../accounts/me.js';
import { accountProblems } from '../accounts/problems.js';
import { DisplayNameSchema, UuidParam } from '../accounts/schemas.js';
import { issueServiceToken, listServiceTokens, revokeServiceToken } from '../accounts/service-tokens.js';
import { assertAdmin } from '../accounts/users.js';
import { ROLES } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

const errors = problemResponses(400, 401, 403, 404);
/** A machine never administers accounts: service tokens take every role but admin. */
const SERVICE_ROLES = ROLES.filter((role) => role !== 'admin');
const MAX_DAYS = 366;

const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  agencyId: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const serviceTokenRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const db = accountsDb(deps.db);
    app.addHook('preHandler', async (request) => assertAdmin(request.actor));

    app.get(
      '/service-tokens',
      {
        schema: {
          summary: "My agency's service tokens with their last use (never the token itself)",
          tags: ['service-tokens'],
          response: { 200: Type.Object({ items: Type.Array(TokenView) }), ...errors },
        },
      },
      async (request) => ({ items: await listServiceTokens(db, request.actor.agencyId) }),
    );

    app.post(
      '/service-tokens',
      {
        schema: {
          summary: 'Issue a service token for one of my agency’s systems: the token is in this answer only',
          tags: ['service-tokens'],
          body: Type.Object(
            {
              name: DisplayNameSchema,
              role: Type.Union(SERVICE_ROLES.map((role) => Type.Literal(role))),
              expiresInDays: Type.Integer({ minimum: 1, maximum: MAX_DAYS }),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ ...TokenView.properties, token: Type.String() }), ...errors },
        },
      },
      async (request, reply) => {
        const { token, view } = await issueServiceToken(db, {
          agencyId: request.actor.agencyId,
          name: request.body.name,
          role: request.body.role,
          expiresAt: new Date(Date.now() + request.body.expiresInDays * 86_400_000),
          createdBy: request.actor.userId,
        });
        await auditAccount(deps.db, request.actor, 'service-token.issue', 'ok', { tokenId: view.id, role: view.role });
        return reply.status(201).send({ ...view, token });
      },
    );

    app.delete(
      '/service-tokens/:tokenId',
      {
        schema: {
          summary: 'Revoke a service token: refused from the next request on',
          tags: ['service-tokens'],
          params: Type.Object({ tokenId: UuidParam }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        if (!(await revokeServiceToken(db, request.actor.agencyId, request.params.tokenId)))
          throw accountProblems.notFound(`No service token ${request.params.tokenId} in your agency.`);
        await auditAccount(deps.db, request.actor, 'service-token.revoke', 'ok', { tokenId: request.params.tokenId });
        return reply.status(204).send(null);
      },
    );
  };

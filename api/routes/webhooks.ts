import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import { CountrySchema } from '../../domain/repatriation/commands.js';
import { requireRole } from '../access.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

const MANAGING_ROLES = new Set(['coordinator', 'admin']);

/** Agencies' systems subscribe to reminders and escalations; the outbox delivers them, signed. */
export const webhookRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/webhook-subscriptions',
      {
        schema: {
          summary: "Subscribe an agency's system to notifications (reminders, escalations)",
          description:
            'Each delivery is POSTed with `x-homeward-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` and `x-homeward-delivery` (repeat deliveries carry the same id).',
          tags: ['notifications'],
          body: Type.Object(
            {
              url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
              secret: Type.String({ minLength: 16, maxLength: 200 }),
              country: Type.Optional(CountrySchema),
              role: Type.Optional(Type.Union([Type.Literal('caseworker'), Type.Literal('coordinator')])),
              agencyKind: Type.Optional(Type.String({ maxLength: 50 })),
              topics: Type.Optional(
                Type.Array(Type.Union([Type.Literal('step.overdue'), Type.Literal('step.escalated')]), { minItems: 1 }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ subscriptionId: Type.String() }), ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        requireRole(request, MANAGING_ROLES);
        const { url, secret, country, role, agencyKind, topics } = request.body;
        const subscriptionId = randomUUID();
        await deps.db
          .insertInto('webhook_subscriptions')
          .values({
            subscription_id: subscriptionId,
            agency_id: request.actor.agencyId,
            url,
            secret,
            country: country ?? null,
            role: role ?? null,
            agency_kind: agencyKind ?? null,
            topics: topics ?? null,
          })
          .execute();
        return reply.status(201).send({ subscriptionId });
      },
    );
  };

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CountrySchema } from '../../domain/repatriation/commands.js';
import { AGENCY_KINDS } from '../../domain/agencies/registry.js';
import { codeOf } from '../../domain/shared/schema.js';
import { listAgencies } from '../../store/agencies.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

/** The agency registry: public to every signed-in user, it holds no personal data. */
export const agencyRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/agencies',
      {
        schema: {
          summary: 'Agencies taking part, by country and kind',
          tags: ['agencies'],
          querystring: Type.Object(
            { country: Type.Optional(CountrySchema), kind: Type.Optional(codeOf(AGENCY_KINDS)) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ agencyId: Type.String(), name: Type.String(), country: Type.String(), kind: Type.String() })),
            }),
            ...problemResponses(400, 401),
          },
        },
      },
      async (request) => ({ items: await listAgencies(deps.db, request.query) }),
    );
  };

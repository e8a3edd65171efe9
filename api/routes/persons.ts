import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { assertMayErase, callerOf } from '../access.js';
import { problemResponses, problems } from '../problem.js';

const PersonIdParams = Type.Object({ personId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const ErasureView = Type.Object({ personId: Type.String(), erased: Type.Literal(true), erasedAt: Type.String({ format: 'date-time' }) });

const errors = problemResponses(400, 401, 403, 404);

/**
 * Erasure over HTTP (admins only). Reading a person goes through the case (`GET /v1/cases/{id}`),
 * where access to personal data is decided and audited.
 */
export const personRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/persons/:personId/erasure',
      {
        schema: {
          summary: 'Erase a person: destroy their data key, so every copy of their data becomes unreadable',
          description:
            "For an admin of an agency that is a party to one of the person's cases, in that agency's own country (anyone else: 403 for another role, 404 for another agency). The key is destroyed and a tombstone kept, so the person id never holds data again; the cases and their events stay and count in statistics, and show the person as erased. Idempotent.",
          tags: ['persons'],
          params: PersonIdParams,
          response: { 200: ErasureView, ...errors },
        },
      },
      async (request) => {
        const caller = await callerOf(deps.db, request.actor);
        await assertMayErase(deps.db, caller, request.params.personId);
        const erasure = await deps.vault.erase(request.params.personId);
        if (!erasure) throw problems.notFound(`No person ${request.params.personId}.`);
        // Ids only: the log says who erased whom without saying anything about the person.
        request.log.info({ personId: erasure.personId, by: request.actor.userId, agency: request.actor.agencyId }, 'person erased');
        return { personId: erasure.personId, erased: true as const, erasedAt: erasure.erasedAt.toISOString() };
      },
    );
  };

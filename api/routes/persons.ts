import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { HttpProblem, ProblemSchema, problems } from '../problem.js';

const PersonIdParams = Type.Object({ personId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const ErasureView = Type.Object({ personId: Type.String(), erased: Type.Literal(true), erasedAt: Type.String({ format: 'date-time' }) });

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const ERASURE_ROLE = 'admin';

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
            'Admins only. The key is destroyed and a tombstone kept, so the person id never holds data again; the cases and their events stay and count in statistics, and show the person as erased. Idempotent.',
          tags: ['persons'],
          params: PersonIdParams,
          response: { 200: ErasureView, ...errors },
        },
      },
      async (request) => {
        if (request.actor.role !== ERASURE_ROLE) {
          throw new HttpProblem({
            type: 'https://homeward.dev/problems/forbidden',
            title: 'Not allowed',
            status: 403,
            detail: `Erasing a person needs the role ${ERASURE_ROLE}; this token has the role ${request.actor.role}.`,
          });
        }
        const erasure = await deps.vault.erase(request.params.personId);
        if (!erasure) throw problems.notFound(`No person ${request.params.personId}.`);
        // Ids only: the log says who erased whom without saying anything about the person.
        request.log.info({ personId: erasure.personId, by: request.actor.userId, agency: request.actor.agencyId }, 'person erased');
        return { personId: erasure.personId, erased: true as const, erasedAt: erasure.erasedAt.toISOString() };
      },
    );
  };

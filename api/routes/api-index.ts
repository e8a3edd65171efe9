import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Link = Type.Object({ href: Type.String(), description: Type.String() });

/** Where a newcomer starts: `GET /v1` names the documentation and the main collections. */
export const API_INDEX = {
  name: 'Homeward API',
  version: 'v1',
  links: {
    docs: { href: '/docs', description: 'The API documentation (Swagger UI)' },
    openapi: { href: '/docs/json', description: 'The OpenAPI document (JSON): every operation, its fields and its answers' },
    cases: { href: '/v1/cases', description: 'Victim repatriation cases (GET to list, POST to open)' },
    transfers: { href: '/v1/transfers', description: 'Suspect transfers (POST to open; GET /v1/transfers/{id})' },
    batches: { href: '/v1/batches', description: 'Handover batches' },
    inbox: { href: '/v1/inbox', description: "My agency's open tasks, by due date" },
    agencies: { href: '/v1/agencies', description: 'The agency registry' },
    monitoring: { href: '/v1/monitoring/stalled', description: 'Stalled cases (coordinators and auditors)' },
    audit: { href: '/v1/audit', description: 'The audit log (auditors)' },
    health: { href: '/readyz', description: 'Readiness: Postgres and Temporal' },
  },
} as const;

export const apiIndexRoutes = (): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/v1',
    {
      // Links only, no data: a newcomer finds the documentation before having a credential.
      config: { public: true },
      schema: {
        summary: 'The index of the API: where the documentation and the main collections are',
        tags: ['index'],
        security: [],
        response: {
          200: Type.Object({ name: Type.String(), version: Type.String(), links: Type.Record(Type.String(), Link) }),
        },
      },
    },
    async () => API_INDEX,
  );
};

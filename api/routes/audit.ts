import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { auditCsv, auditEntries } from '../../store/audit-queries.js';
import { callerOf, requireRole } from '../access.js';
import { AUDIT_ROLES } from '../capabilities.js';
import type { AppDeps } from '../deps.js';
import { problemResponses, problems } from '../problem.js';

const AuditItem = Type.Object({
  auditId: Type.String(),
  at: Type.String({ format: 'date-time' }),
  userId: Type.String(),
  userName: Type.Union([Type.String(), Type.Null()], { description: "the account's display name; null without an account here" }),
  agencyId: Type.String(),
  agencyName: Type.Union([Type.String(), Type.Null()], { description: "the agency's name in the registry" }),
  role: Type.String(),
  action: Type.String(),
  outcome: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  personId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const AuditQuery = Type.Object(
  {
    caseId: Type.Optional(Type.String({ format: 'uuid' })),
    personId: Type.Optional(Type.String({ format: 'uuid', description: 'the person whose data or case the entry is about' })),
    userId: Type.Optional(Type.String({ maxLength: 100, description: 'who acted' })),
    agencyId: Type.Optional(Type.String({ maxLength: 100, description: 'the agency of who acted' })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    outcome: Type.Optional(Type.Union(['ok', 'denied', 'refused', 'failed'].map((o) => Type.Literal(o)))),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'entries at or after this instant' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'entries before this instant' })),
    before: Type.Optional(
      Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'auditId to continue before (a bigint): nextBefore' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        default: 'json',
        description: 'csv: every entry of the filter (not a page), newest first',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Auditors read the audit log of their own country: entries by its agencies, or about its cases. */
export const auditRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          summary: 'The audit log: personal-data reads and actions, newest first (JSON pages, or all of it as CSV)',
          tags: ['audit'],
          querystring: AuditQuery,
          response: {
            200: {
              description: 'A page as JSON, or every entry of the filter as CSV with `format=csv` or `Accept: text/csv`',
              content: {
                'application/json': {
                  schema: Type.Object({
                    items: Type.Array(AuditItem),
                    nextBefore: Type.Union([Type.String(), Type.Null()], {
                      description: 'pass as `before` for the next page; null on the last',
                    }),
                  }),
                },
                'text/csv': { schema: Type.String() },
              },
            },
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        requireRole(request, AUDIT_ROLES);
        const caller = await callerOf(deps.db, request.actor);
        const { format, limit: pageSize, from, to, ...rest } = request.query;
        if (from && to && Date.parse(from) > Date.parse(to))
          throw problems.validation([{ field: 'querystring.to', reason: 'must not be before from', code: 'invalid' }]);
        const filter = { ...rest, from, to, country: caller.agency.country };
        if (format === 'csv' || request.headers.accept?.includes('text/csv')) {
          const day = new Date().toISOString().slice(0, 10);
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="homeward-audit-${caller.agency.country}-${day}.csv"`)
            .send(Readable.from(auditCsv(deps.db, filter)) as never);
        }
        const limit = pageSize ?? 200;
        const items = await auditEntries(deps.db, { ...filter, limit: limit + 1 });
        const page = items.slice(0, limit);
        return { items: page, nextBefore: items.length > limit ? page.at(-1)!.auditId : null };
      },
    );
  };

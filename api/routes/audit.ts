import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { callerOf, requireRole } from '../access.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

const AUDITORS = new Set(['auditor']);

/** Auditors read the audit log of their own country: entries by its agencies, or about its cases. */
export const auditRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          summary: 'The audit log: personal-data reads and actions, newest first',
          tags: ['audit'],
          querystring: Type.Object(
            {
              caseId: Type.Optional(Type.String({ format: 'uuid' })),
              userId: Type.Optional(Type.String({ maxLength: 100 })),
              action: Type.Optional(Type.String({ maxLength: 100 })),
              before: Type.Optional(
                Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'auditId to continue before (a bigint)' }),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  auditId: Type.String(),
                  at: Type.String({ format: 'date-time' }),
                  userId: Type.String(),
                  agencyId: Type.String(),
                  role: Type.String(),
                  action: Type.String(),
                  outcome: Type.String(),
                  caseId: Type.Union([Type.String(), Type.Null()]),
                  personId: Type.Union([Type.String(), Type.Null()]),
                  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
                }),
              ),
            }),
            ...problemResponses(401, 403),
          },
        },
      },
      async (request) => {
        requireRole(request, AUDITORS);
        const caller = await callerOf(deps.db, request.actor);
        const { caseId, userId, action, before, limit } = request.query;
        const country = caller.agency.country;
        const { rows } = await sql<Record<string, any>>`
          select l.audit_id, l.at, l.user_id, l.agency_id, l.role, l.action, l.outcome, l.person_id, l.detail,
                 -- a case outside the auditor's country stays unnamed, even in its own agencies' refused attempts
                 case when exists (select 1 from cases c where c.case_id = l.case_id and (c.host_country = ${country} or c.origin_country = ${country}))
                      then l.case_id end as case_id
          from audit_log l
          where (exists (select 1 from agencies a where a.agency_id = l.agency_id and a.country = ${country})
                 or exists (select 1 from cases c where c.case_id = l.case_id and (c.host_country = ${country} or c.origin_country = ${country})))
            ${caseId ? sql`and l.case_id = ${caseId}` : sql``}
            ${userId ? sql`and l.user_id = ${userId}` : sql``}
            ${action ? sql`and l.action = ${action}` : sql``}
            ${before ? sql`and l.audit_id < ${before}` : sql``}
          order by l.audit_id desc
          limit ${limit ?? 200}`.execute(deps.db);
        return {
          items: rows.map((r) => ({
            auditId: String(r.audit_id),
            at: (r.at as Date).toISOString(),
            userId: r.user_id,
            agencyId: r.agency_id,
            role: r.role,
            action: r.action,
            outcome: r.outcome,
            caseId: r.case_id,
            personId: r.case_id ? r.person_id : null,
            detail: r.detail,
          })),
        };
      },
    );
  };

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CountrySchema } from '../../domain/repatriation/commands.js';
import { stageFlow, stalledCases, stallPoints } from '../../store/monitoring.js';
import { periodSummary, summaryToCsv } from '../../store/period-summary.js';
import { callerOf, forbidden, requireRole } from '../access.js';
import type { AppDeps } from '../deps.js';
import { problemResponses, problems } from '../problem.js';

/** Monitoring is for the people who chase stalled cases and report on them. */
const MONITORING_ROLES = new Set(['coordinator', 'auditor', 'admin']);

const Corridor = Type.String({ pattern: '^(KH|CN|LA|MM|TH|VN)-(KH|CN|LA|MM|TH|VN)$', description: 'host-origin, e.g. TH-MM' });
const Filter = { country: Type.Optional(CountrySchema), corridor: Type.Optional(Corridor) };
const errors = problemResponses(400, 401, 403);

const Counts = Type.Record(Type.String(), Type.Integer());
const PeriodSummarySchema = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  victimsRepatriated: Type.Object({
    total: Type.Integer(),
    bySex: Counts,
    byAgeGroup: Counts,
    byNationality: Counts,
    byCorridor: Counts,
  }),
  suspectsTransferred: Type.Object({ total: Type.Integer(), foreignNationals: Type.Integer(), byNationality: Counts }),
  endedEarly: Type.Object({ total: Type.Integer(), byReason: Counts }),
});

const StalledCase = Type.Object({
  caseId: Type.String(),
  corridor: Type.String(),
  stage: Type.String(),
  step: Type.String(),
  dueAt: Type.String({ format: 'date-time' }),
  daysOverdue: Type.Number(),
  flaggedOverdue: Type.Boolean(),
  escalated: Type.Boolean(),
  heldBy: Type.Object({ side: Type.String(), agencyKind: Type.String(), country: Type.String() }),
  owningAgencyId: Type.String(),
});

/**
 * Coordinators and auditors watch their own country: a filter naming another is refused, and
 * without one the country is theirs.
 */
async function scopedFilter(deps: AppDeps, request: FastifyRequest, filter: { country?: string; corridor?: string }) {
  const { agency } = await callerOf(deps.db, request.actor);
  if (filter.country && filter.country !== agency.country) throw forbidden(`You monitor ${agency.country} cases, not ${filter.country}.`);
  if (filter.corridor && !filter.corridor.split('-').includes(agency.country))
    throw forbidden(`You monitor corridors of ${agency.country}, not ${filter.corridor}.`);
  return { country: agency.country, corridor: filter.corridor };
}

export const monitoringRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', async (request) => requireRole(request, MONITORING_ROLES));

    app.get(
      '/monitoring/stalled',
      {
        schema: {
          summary: 'Stalled cases: every open case past its step deadline, most overdue first',
          tags: ['monitoring'],
          querystring: Type.Object(
            { ...Filter, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(StalledCase),
              stallPoints: Type.Array(Type.Object({ step: Type.String(), overdue: Type.Integer() })),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { country, corridor } = await scopedFilter(deps, request, request.query);
        const [items, points] = await Promise.all([
          stalledCases(deps.db, { country, corridor, limit: request.query.limit ?? 200 }),
          stallPoints(deps.db, { country, corridor }),
        ]);
        return { items, stallPoints: points };
      },
    );

    app.get(
      '/statistics/flow',
      {
        schema: {
          summary: 'Flow per stage and corridor: cases in stage, median and 90th-percentile days spent',
          tags: ['monitoring'],
          querystring: Type.Object(Filter, { additionalProperties: false }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  corridor: Type.String(),
                  stage: Type.String(),
                  inStage: Type.Integer(),
                  overdue: Type.Integer(),
                  visits: Type.Integer(),
                  medianDays: Type.Number(),
                  p90Days: Type.Number(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => ({ items: await stageFlow(deps.db, await scopedFilter(deps, request, request.query)) }),
    );

    app.get(
      '/statistics/summary',
      {
        schema: {
          summary: 'Period summary: victims repatriated, suspects transferred, cases ended early (JSON or CSV)',
          tags: ['monitoring'],
          querystring: Type.Object(
            {
              from: Type.String({ format: 'date' }),
              to: Type.String({ format: 'date', description: 'inclusive' }),
              ...Filter,
              format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: {
              description: 'The summary as JSON, or as CSV with `format=csv` or `Accept: text/csv`',
              content: {
                'application/json': { schema: PeriodSummarySchema },
                'text/csv': { schema: Type.String() },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { from, to, format } = request.query;
        const { country, corridor } = await scopedFilter(deps, request, request.query);
        if (from > to) throw problems.validation([{ field: 'querystring.to', reason: 'must not be before from' }]);
        const summary = await periodSummary(deps.db, { from, to }, { country, corridor });
        const wantsCsv = format === 'csv' || request.headers.accept?.includes('text/csv');
        if (wantsCsv)
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="homeward-summary-${from}-${to}.csv"`)
            .send(summaryToCsv(summary));
        return summary;
      },
    );
  };

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CountrySchema } from '../../domain/repatriation/commands.js';
import { STAGES } from '../../domain/repatriation/index.js';
import { codeOf } from '../../domain/shared/schema.js';
import { findAgency } from '../../store/agencies.js';
import { flowTrend } from '../../store/flow-trend.js';
import { stageFlow, stalledCases, stallPoints } from '../../store/monitoring.js';
import { periodSummary, summaryToCsv } from '../../store/period-summary.js';
import { callerOf, forbidden, requireRole } from '../access.js';
import { MONITORING_ROLES } from '../capabilities.js';
import type { AppDeps } from '../deps.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../keyset-cursor.js';
import { problemResponses, problems } from '../problem.js';

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
  heldBy: Type.Object({
    side: Type.String(),
    agencyKind: Type.String(),
    country: Type.String(),
    agencyId: Type.Union([Type.String(), Type.Null()], { description: 'the agency named on the step, if one is' }),
  }),
  owningAgencyId: Type.String(),
});

const StalledQuery = Type.Object(
  {
    ...Filter,
    stage: Type.Optional(codeOf(STAGES)),
    agencyId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'the agency holding the step (named on it, or of its kind and country)' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
  },
  { additionalProperties: false },
);

/** The agency a filter names, from the registry; an unknown one is a 400 naming the field. */
async function holderOf(deps: AppDeps, agencyId: string | undefined) {
  if (!agencyId) return undefined;
  const agency = await findAgency(deps.db, agencyId);
  if (!agency)
    throw problems.validation([{ field: 'querystring.agencyId', reason: 'is not an agency in the registry', code: 'unknown-agency' }]);
  return { agencyId, kind: agency.kind, country: agency.country };
}

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
          querystring: StalledQuery,
          response: {
            200: Type.Object({
              items: Type.Array(StalledCase),
              nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'the next page, or null on the last' }),
              stallPoints: Type.Optional(
                Type.Array(Type.Object({ step: Type.String(), overdue: Type.Integer() }), {
                  description: 'every overdue case of the filter by the step it waits for, most first; on the first page only (no cursor)',
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { country, corridor } = await scopedFilter(deps, request, request.query);
        const { stage, cursor } = request.query;
        const limit = request.query.limit ?? 200;
        const position = cursor ? decodeKeysetCursor(cursor) : undefined;
        const after = position && { dueAt: position.at, caseId: position.caseId };
        const holder = await holderOf(deps, request.query.agencyId);
        // The stall points count every overdue case of the filter: once, with the first page, not again on each page after it.
        const [items, points] = await Promise.all([
          stalledCases(deps.db, { country, corridor, stage, holder, after, limit: limit + 1 }),
          after ? undefined : stallPoints(deps.db, { country, corridor, stage, holder }),
        ]);
        const page = items.slice(0, limit);
        const last = page.at(-1);
        const nextCursor = items.length > limit && last ? encodeKeysetCursor(last.dueAt, last.caseId) : null;
        return points ? { items: page, nextCursor, stallPoints: points } : { items: page, nextCursor };
      },
    );

    app.get(
      '/statistics/flow',
      {
        schema: {
          summary: 'Flow per stage and corridor: cases in stage, median and 90th-percentile days spent',
          tags: ['monitoring'],
          querystring: Type.Object(
            {
              ...Filter,
              combined: Type.Optional(
                Type.Boolean({ description: "true: one row per stage over all the filter's corridors (corridor `all`)" }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  corridor: Type.String({ description: 'TH-MM, or `all` when combined' }),
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
      async (request) => ({
        items: await stageFlow(deps.db, { ...(await scopedFilter(deps, request, request.query)), combined: request.query.combined }),
      }),
    );

    app.get(
      '/statistics/flow/trend',
      {
        schema: {
          summary: 'Flow over months: victim cases opened, returned home and ended early, and the median days to return',
          tags: ['monitoring'],
          querystring: Type.Object(
            { ...Filter, months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: 12 })) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
                  opened: Type.Integer(),
                  returned: Type.Integer(),
                  endedEarly: Type.Integer(),
                  medianDaysToReturn: Type.Union([Type.Number(), Type.Null()]),
                }),
                { description: 'one per calendar month (UTC), oldest first, the current month last' },
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => ({
        items: await flowTrend(deps.db, request.query.months ?? 12, await scopedFilter(deps, request, request.query)),
      }),
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

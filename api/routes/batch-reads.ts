/** Reading handover batches: the list, one batch with its progress, its people, and its notices. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_BATCH_SIZE } from '../../domain/handover-batch/index.js';
import { batchMembers, caseStepCounts, findManifest, listBatches, type BatchRow } from '../../store/projections/batch-queries.js';
import { callerOf } from '../access.js';
import type { AppDeps } from '../deps.js';
import { mayRead } from '../batch-access.js';
import { problemResponses, problems } from '../problem.js';
import { BatchDetail, BatchIdParams, BatchListQuery, BatchMember, Manifest, ManifestQuery, MembersQuery } from '../batch-schemas.js';
import { findBatchOr404 } from '../lookups.js';
import { batchAllowedActions } from '../allowed-actions.js';

const errors = problemResponses(400, 401, 404);

export const batchReadRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/batches',
      {
        schema: {
          summary: 'List handover batches, latest date first',
          tags: ['batches'],
          querystring: BatchListQuery,
          response: { 200: Type.Object({ items: Type.Array(BatchDetail) }), ...errors },
        },
      },
      async (request) => {
        const caller = await callerOf(deps.db, request.actor);
        const rows = await listBatches(deps.db, { status: request.query.status, limit: request.query.limit ?? 50, visibleTo: caller });
        return { items: await Promise.all(rows.filter((row) => mayRead(caller, row)).map((row) => detail(deps, row))) };
      },
    );

    app.get(
      '/batches/:batchId',
      {
        schema: {
          summary: 'A batch with its progress',
          tags: ['batches'],
          params: BatchIdParams,
          response: { 200: BatchDetail, ...errors },
        },
      },
      async (request) => {
        const { row, caller } = await findBatchOr404(deps, request.actor, request.params.batchId);
        const members = await batchMembers(deps.db, row.batch_id, { limit: MAX_BATCH_SIZE });
        return { ...(await detail(deps, row)), allowedActions: batchAllowedActions(caller, row, members) };
      },
    );

    app.get(
      '/batches/:batchId/members',
      {
        schema: {
          summary: "The batch's people, by case id, a page at a time",
          tags: ['batches'],
          params: BatchIdParams,
          querystring: MembersQuery,
          response: {
            200: Type.Object({ items: Type.Array(BatchMember), nextAfter: Type.Union([Type.String(), Type.Null()]) }),
            ...errors,
          },
        },
      },
      async (request) => {
        await findBatchOr404(deps, request.actor, request.params.batchId);
        const limit = request.query.limit ?? 200;
        const rows = await batchMembers(deps.db, request.params.batchId, {
          status: request.query.status,
          after: request.query.after,
          limit,
        });
        return {
          items: rows.map((r) => ({
            caseId: r.case_id,
            status: r.status,
            sendingConfirmed: r.sending_confirmed,
            receivingConfirmed: r.receiving_confirmed,
            exclusionReason: r.exclusion_reason,
            caseSteps: r.case_steps,
            caseRefusal: r.case_refusal,
          })),
          nextAfter: rows.length === limit ? rows.at(-1)!.case_id : null,
        };
      },
    );

    app.get(
      '/batches/:batchId/manifest',
      {
        schema: {
          summary: 'The pre-departure notice as issued to the receiving agency',
          description:
            'The latest notice, or a given version. Each line: nationality, sex, age group and travel-document status; no names.',
          tags: ['batches'],
          params: BatchIdParams,
          querystring: ManifestQuery,
          response: { 200: Manifest, ...errors },
        },
      },
      async (request) => {
        const { batchId } = request.params;
        await findBatchOr404(deps, request.actor, batchId);
        const notice = await findManifest(deps.db, batchId, request.query.version);
        if (!notice)
          throw problems.notFound(
            request.query.version
              ? `Batch ${batchId} has no notice version ${request.query.version}.`
              : `Batch ${batchId} is not locked yet: no notice was issued.`,
          );
        return { batchId, issuedAt: notice.recorded_at.toISOString(), ...(notice.data as Record<string, unknown>) } as never;
      },
    );
  };

async function detail(deps: AppDeps, row: BatchRow) {
  const steps = await caseStepCounts(deps.db, row.batch_id);
  const none = { done: 0, refused: 0 };
  return {
    batchId: row.batch_id,
    status: row.status,
    crossingPoint: row.crossing_point,
    plannedDate: row.planned_date,
    sendingAgencyId: row.sending_agency_id,
    receivingAgencyId: row.receiving_agency_id,
    fromCountry: row.from_country.trim(),
    toCountry: row.to_country.trim(),
    manifestVersion: row.manifest_version,
    noticeIssuedAt: row.notice_issued_at?.toISOString() ?? null,
    outcome: row.outcome,
    version: row.version,
    progress: {
      members: row.members,
      sendingConfirmed: row.sending_confirmed,
      receivingConfirmed: row.receiving_confirmed,
      handedOver: row.handed_over,
      excluded: row.excluded,
      awaiting: row.members - row.handed_over - row.excluded,
      casesRefused: row.cases_refused,
    },
    caseSteps: { schedule: steps.schedule ?? none, sending: steps.sending ?? none, receiving: steps.receiving ?? none },
  };
}

/**
 * Reads the console's handover-day and transfer screens need: the suspect transfers a caller may
 * see (with the country that performs each next step), and the cases ready to join a batch.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { STAGES as TRANSFER_STAGES, nextSteps, type SuspectTransferState } from '../../domain/suspect-transfer/index.js';
import { CountrySchema } from '../../domain/repatriation/commands.js';
import { codeOf } from '../../domain/shared/schema.js';
import { batchCandidates, listTransfers } from '../../store/console-queries.js';
import { callerOf, casesVisibleTo } from '../access.js';
import { assertMayChange } from '../batch-access.js';
import { BatchIdParams } from '../batch-schemas.js';
import type { AppDeps } from '../deps.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../keyset-cursor.js';
import { findBatchOr404 } from '../lookups.js';
import { ProblemSchema } from '../problem.js';
import { scoped } from '../scope.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const NextStep = Type.Object({
  gate: Type.String(),
  action: Type.String({ description: 'The action that fulfils the gate' }),
  side: Type.Union([Type.Literal('holding'), Type.Literal('receiving')]),
  country: Type.String({ description: 'The country whose agencies perform it' }),
});

const TransferSummary = Type.Object({
  caseId: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  holdingCountry: Type.String(),
  receivingCountry: Type.String(),
  nationality: Type.String(),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  openedAt: Type.String({ format: 'date-time' }),
  lastProgressAt: Type.String({ format: 'date-time' }),
  nextSteps: Type.Array(NextStep),
});

const TransferListQuery = Type.Object(
  {
    stage: Type.Optional(codeOf(TRANSFER_STAGES)),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('on_hold'), Type.Literal('closed')])),
    country: Type.Optional(CountrySchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
  },
  { additionalProperties: false },
);

const CandidatesQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ format: 'uuid', description: 'Continue after this case id (nextAfter of the previous page)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);

const Candidate = Type.Object({
  caseId: Type.String(),
  sex: Type.String(),
  ageGroup: Type.String(),
  travelDocument: Type.String({ description: 'The document the embassy issued, or `none`' }),
  openedAt: Type.String({ format: 'date-time' }),
});

export const consoleReadRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/transfers',
      {
        schema: {
          summary: 'List suspect transfers, newest first',
          description:
            'The transfers the caller may see (as GET /v1/cases), keyset-paginated; each with the steps it waits for and which country performs them.',
          tags: ['transfers'],
          querystring: TransferListQuery,
          response: {
            200: Type.Object({ items: Type.Array(TransferSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { stage, status, country, cursor } = request.query;
        const limit = request.query.limit ?? 50;
        const caller = await callerOf(deps.db, request.actor);
        const position = cursor ? decodeKeysetCursor(cursor) : undefined;
        const after = position && { openedAt: position.at, caseId: position.caseId };
        const rows = await scoped(deps, caller, (db) =>
          listTransfers(db, { stage, status, country, limit, after, visible: casesVisibleTo(caller) }),
        );
        const last = rows.at(-1);
        return {
          items: rows.map((row) => {
            const state = row.state as unknown as SuspectTransferState;
            return {
              caseId: row.case_id,
              stage: row.stage,
              status: row.status,
              holdingCountry: row.host_country.trim(),
              receivingCountry: row.origin_country.trim(),
              nationality: state.nationality ?? '',
              legalBasis: state.facts?.legalBasis ?? null,
              outcome: row.outcome,
              openedAt: row.opened_at.toISOString(),
              lastProgressAt: row.last_progress_at.toISOString(),
              nextSteps: nextSteps(state),
            };
          }),
          nextCursor: last && rows.length === limit ? encodeKeysetCursor(last.opened_at, last.case_id) : null,
        };
      },
    );

    app.get(
      '/batches/:batchId/candidates',
      {
        schema: {
          summary: 'Cases ready to join this batch',
          description:
            'For the sending agency while it plans: victim cases on the batch corridor in the handover stage, open, no side confirmed, in no open batch, visible to the caller. In case-id order, a page at a time.',
          tags: ['batches'],
          params: BatchIdParams,
          querystring: CandidatesQuery,
          response: {
            200: Type.Object({ items: Type.Array(Candidate), nextAfter: Type.Union([Type.String(), Type.Null()]) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { row, caller } = await findBatchOr404(deps, request.actor, request.params.batchId);
        assertMayChange(request.actor, row);
        const limit = request.query.limit ?? 200;
        const rows = await batchCandidates(deps.db, {
          fromCountry: row.from_country.trim(),
          toCountry: row.to_country.trim(),
          after: request.query.after,
          limit,
          visible: casesVisibleTo(caller),
        });
        return {
          items: rows.map((r) => ({
            caseId: r.case_id,
            sex: r.sex,
            ageGroup: r.age_group,
            travelDocument: r.travel_document ?? 'none',
            openedAt: r.opened_at.toISOString(),
          })),
          nextAfter: rows.length === limit ? rows.at(-1)!.case_id : null,
        };
      },
    );
  };

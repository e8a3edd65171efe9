/**
 * Handover batches over HTTP: plan, add and remove cases, reschedule, lock (the pre-departure
 * notice), confirm and exclude people on the day (many at once), cancel, and read with progress.
 * Commands answer once the batch's events are committed; each person's own case follows shortly
 * after (GET shows how far: `caseSteps`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { Static, TSchema } from 'typebox';
import type { BatchAction } from '../../domain/handover-batch/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { BatchRow } from '../../store/projections/batch-queries.js';
import type { BatchView } from '../../workflows/batch/messages.js';
import type { AppDeps } from '../deps.js';
import { oncePerKey } from '../idempotency.js';
import { deterministicUuid } from '../ids.js';
import { COMMAND_PROBLEMS, HttpProblem, problems } from '../problem.js';
import { IdempotencyHeaders } from '../schemas.js';
import { assertMayChange, assertMayConfirm, assertMayExclude, assertMayPlan } from '../batch-access.js';
import { findBatchOr404, namingFields } from '../lookups.js';
import { WorkflowGone } from '../workflow-gateway.js';
import {
  BatchCommandResult,
  BatchIdParams,
  CancelBody,
  ChangeMembersBody,
  ConfirmBody,
  ExcludeBody,
  LockBody,
  PlanBatchBody,
  RescheduleBody,
} from '../batch-schemas.js';

export const batchRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/batches',
      {
        schema: {
          summary: 'Plan a handover batch',
          description:
            'Crossing point, planned date, sending and receiving agencies, and the direction (fromCountry -> toCountry). Send an Idempotency-Key to resend safely.',
          tags: ['batches'],
          body: PlanBatchBody,
          headers: IdempotencyHeaders,
          response: { 201: BatchCommandResult, ...COMMAND_PROBLEMS },
        },
      },
      async (request, reply) => {
        const { actor, body } = request;
        if (body.fromCountry === body.toCountry)
          throw problems.validation([{ field: 'body.toCountry', reason: 'must differ from fromCountry', code: 'same-country' }]);
        assertMayPlan(actor, body.sendingAgencyId);
        return oncePerKey(deps.db, request, reply, actor, 'plan-batch', async (key) => {
          const batchId = key ? deterministicUuid(actor.agencyId, actor.userId, 'batch', key) : randomUUID();
          const view = await deps.workflows.planBatch({ type: 'plan_batch', batchId, ...body }, actor);
          return { status: 201, body: view, headers: { location: `/v1/batches/${batchId}` } };
        });
      },
    );

    /** One route per batch command: access checked, then the command sent to the batch's workflow. */
    const command = <S extends TSchema>(
      path: string,
      summary: string,
      description: string,
      body: S,
      toCommand: (body: Static<S>, row: BatchRow, actor: Actor) => BatchAction,
    ) =>
      app.post(
        `/batches/:batchId/${path}`,
        {
          schema: {
            summary,
            description,
            tags: ['batches'],
            params: BatchIdParams,
            headers: IdempotencyHeaders,
            body,
            response: { 200: BatchCommandResult, ...COMMAND_PROBLEMS },
          },
        },
        async (request, reply) => {
          const { batchId } = request.params;
          const { row } = await findBatchOr404(deps, request.actor, batchId);
          const batchCommand = toCommand(request.body as Static<S>, row, request.actor);
          return oncePerKey(deps.db, request, reply, request.actor, `batch/${batchId}/${path}`, async (key) => {
            const updateId = key ? deterministicUuid(request.actor.agencyId, request.actor.userId, batchId, path, key) : randomUUID();
            return { status: 200, body: await sendCommand(deps, row, batchCommand, request.actor, updateId) };
          });
        },
      );

    command(
      'cases',
      'Add cases to the batch, or take them off',
      'Only cases ready for handover on the batch corridor may join, and a case is in at most one open batch: otherwise 409 names each case and why, and nothing changes. After the lock, every change issues a new notice to the receiving agency.',
      ChangeMembersBody,
      (body, row, actor) => {
        assertMayChange(actor, row);
        return { type: 'change_members', ...body };
      },
    );
    command(
      'reschedule',
      'Move the handover to another date or crossing',
      'After the lock the receiving agency is re-notified, and the new date must leave it 3 days.',
      RescheduleBody,
      (body, row, actor) => {
        assertMayChange(actor, row);
        return { type: 'reschedule', ...body };
      },
    );
    command(
      'lock',
      'Lock the batch: issue the pre-departure notice',
      'Issues the manifest (per person: nationality, sex, age group, travel-document status) to the receiving agency, at least 3 days before the handover date, and schedules each case for the batch date and crossing.',
      LockBody,
      (_body, row, actor) => {
        assertMayChange(actor, row);
        return { type: 'lock' };
      },
    );
    command(
      'confirmations',
      'Confirm handovers, many people at once',
      'One side (sending or receiving) confirms the listed people; a person confirmed by both is handed over, and their own case advances. The sending agency confirms for the sending side, the receiving agency for the receiving side. Confirming a person again counts once.',
      ConfirmBody,
      (body, row, actor) => {
        assertMayConfirm(actor, row, body.side);
        return { type: 'confirm_handover', ...body };
      },
    );
    command(
      'exclusions',
      'Exclude people from the handover, with a reason',
      'On the day: sick, absconded, refused, documents invalid or other. Their case stays in the handover stage and may join a later batch.',
      ExcludeBody,
      (body, row, actor) => {
        assertMayExclude(actor, row);
        return { type: 'exclude', ...body };
      },
    );
    command(
      'cancel',
      'Call the batch off',
      'Before anyone is confirmed; every case is free to join another batch.',
      CancelBody,
      (body, row, actor) => {
        assertMayChange(actor, row);
        return { type: 'cancel', ...body };
      },
    );
  };

async function sendCommand(deps: AppDeps, row: BatchRow, command: BatchAction, actor: Actor, updateId: string): Promise<BatchView> {
  try {
    return await deps.workflows.sendBatchCommand(row.batch_id, command, actor, updateId);
  } catch (error) {
    if (error instanceof WorkflowGone)
      throw problems.conflict('batch-closed', `The batch is ${row.status}; no further change is possible.`, row.status, {
        status: row.status,
      });
    if (error instanceof HttpProblem && command.type === 'change_members') throw namingFields(error, 'body.add', command.add ?? []);
    throw error;
  }
}

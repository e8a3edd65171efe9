import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { refusalForPerformer, type RepatriationState } from '../../domain/repatriation/index.js';
import { TRANSFER_STREAM_TYPE } from '../../store/projections/transfer-cases.js';
import { assertMayAct, forbidden } from '../access.js';
import type { AppDeps } from '../deps.js';
import { answerOnce, claimAtOnce, whileClaiming } from '../idempotency.js';
import { deterministicUuid } from '../ids.js';
import { assertNamedAgencyOfOrigin, findCaseOr404 } from '../lookups.js';
import { COMMAND_PROBLEMS, problems } from '../problem.js';
import { ActionBody, CaseIdParams, CommandResult, IdempotencyHeaders } from '../schemas.js';
import { WorkflowGone } from '../workflow-gateway.js';

export const actionRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/cases/:caseId/actions',
      {
        schema: {
          summary: 'Perform a caseworker action on a case',
          description:
            'Answers once the resulting events are committed, with the case as it now stands. A refused action writes nothing: 403 when another side performs it (code wrong-side) or the role does not act on cases; 409 when the case is in another stage (the problem names it), on hold or closed; 422 when the rules refuse it (code already-recorded for a repeat that means nothing).',
          tags: ['cases'],
          params: CaseIdParams,
          headers: IdempotencyHeaders,
          body: ActionBody,
          response: {
            200: CommandResult,
            ...COMMAND_PROBLEMS,
          },
        },
      },
      async (request, reply) => {
        const { caseId } = request.params;
        const keyed = claimAtOnce(deps.db, request, request.actor, `case/${caseId}/actions`);
        const row = await whileClaiming(deps.db, keyed, async () => {
          const found = await findCaseOr404(deps, request.actor, caseId, 'case.action');
          await assertMayAct(deps.db, found.caller, found.row);
          if (found.row.kind === TRANSFER_STREAM_TYPE) {
            throw problems.conflict(
              'wrong-kind',
              `Case ${caseId} is a suspect transfer: its actions go to /v1/transfers/${caseId}/actions.`,
              found.row.stage,
            );
          }
          const state = found.row.state as unknown as RepatriationState;
          const wrongSide = refusalForPerformer(request.body, state, found.caller.agency);
          if (wrongSide) throw forbidden(wrongSide.message, 'wrong-side', wrongSide.params);
          await assertNamedAgencyOfOrigin(deps, request.body as { toAgencyId?: string }, found.row);
          return found.row;
        });
        return answerOnce(deps.db, keyed, reply, async (key) => {
          const updateId = key ? deterministicUuid(request.actor.agencyId, request.actor.userId, caseId, key) : randomUUID();
          try {
            return { status: 200, body: await deps.workflows.performCaseAction(caseId, request.body, request.actor, updateId) };
          } catch (error) {
            if (error instanceof WorkflowGone) {
              throw problems.conflict(
                'case-closed',
                `The case is closed (${row.outcome ?? 'closed'}); no further action is possible.`,
                row.stage,
                { outcome: row.outcome },
              );
            }
            throw error;
          }
        });
      },
    );
  };

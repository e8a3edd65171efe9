/**
 * Suspect transfers over HTTP: open one (personal details to the vault only), read it, and act on
 * it. A transfer also appears in GET /v1/cases with kind `suspect_transfer`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { nextSteps, openGates, refusalForPerformer, type SuspectTransferState } from '../../domain/suspect-transfer/index.js';
import { assertMayAct, callerOf, forbidden, mayReadPersonalData } from '../access.js';
import { possibleMatchesAtOpening, PossibleMatches } from '../matching.js';
import { Type } from 'typebox';
import { caseAllowedActions } from '../allowed-actions.js';
import { findTransferOr404, linkableOr422 } from '../lookups.js';
import type { AppDeps } from '../deps.js';
import { oncePerKey } from '../idempotency.js';
import { assertOpenedFromItsSide, assertSamePersonUnderRequestKey, openingIds } from '../opening.js';
import { deterministicUuid } from '../ids.js';
import { COMMAND_PROBLEMS, problems } from '../problem.js';
import { CaseIdParams, IdempotencyHeaders } from '../schemas.js';
import { CreateTransferBody, TransferActionBody, TransferDetail, TransferView } from '../transfer-schemas.js';
import { WorkflowGone } from '../workflow-gateway.js';

/** NGO workers never see the suspect track; auditors and admins never act on cases. */
const TRANSFER_OPENERS = new Set(['caseworker', 'coordinator', 'approver']);

/** Under which names a transfer's ids are derived from an Idempotency-Key (api/opening.ts). */
const TRANSFER_IDS = { stream: 'transfer', person: 'transfer-person' };

export const transferRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/transfers',
      {
        schema: {
          summary: 'Open a suspect transfer',
          description:
            'The holding country records the person it holds for transfer to the receiving country. Personal details go to the person vault only. linkedCaseIds are linked both ways. Send an Idempotency-Key to resend safely.',
          tags: ['transfers'],
          body: CreateTransferBody,
          headers: IdempotencyHeaders,
          response: {
            201: Type.Object({ ...TransferView.properties, possibleMatches: Type.Optional(PossibleMatches) }),
            ...COMMAND_PROBLEMS,
          },
        },
      },
      async (request, reply) => {
        const { actor, body } = request;
        if (!TRANSFER_OPENERS.has(actor.role)) {
          throw forbidden(`The role ${actor.role} does not open suspect transfers.`, 'role-does-not-act', { role: actor.role });
        }
        await assertOpenedFromItsSide(deps, actor, {
          opener: { field: 'holdingCountry', country: body.holdingCountry, performedBy: 'holding' },
          other: { field: 'receivingCountry', country: body.receivingCountry },
          noun: 'transfer',
          crossing: 'cross-border transfer',
        });
        const linked = body.linkedCaseIds ?? [];
        await linkableOr422(deps, actor, linked, (i) => `body.linkedCaseIds[${i}]`);
        await assertSamePersonUnderRequestKey(deps, request, TRANSFER_IDS, body.person.details);
        return oncePerKey(deps.db, request, reply, actor, 'open-transfer', async (key) => {
          const { caseId, personId } = openingIds(actor, key, TRANSFER_IDS);
          await deps.vault.save(personId, body.person.details, { nationality: body.nationality });
          let view = await deps.workflows.openTransfer(
            {
              type: 'open_transfer',
              caseId,
              personId,
              holdingCountry: body.holdingCountry,
              receivingCountry: body.receivingCountry,
              nationality: body.nationality,
              owningAgencyId: actor.agencyId,
              linkedCaseIds: linked,
            },
            actor,
          );
          // The transfer records its links as it opens; each linked case records the mirror link.
          for (const other of linked) await deps.workflows.linkCases(caseId, other, actor);
          if (linked.length > 0) view = { ...(await deps.workflows.transferView(caseId)), recorded: view.recorded };
          const possibleMatches = await possibleMatchesAtOpening(deps, await callerOf(deps.db, actor), caseId);
          return { status: 201, body: { ...view, possibleMatches }, headers: { location: `/v1/transfers/${caseId}` } };
        });
      },
    );

    app.get(
      '/transfers/:caseId',
      {
        schema: {
          summary: 'A suspect transfer: where it stands, what it waits for, and the person',
          tags: ['transfers'],
          params: CaseIdParams,
          response: { 200: TransferDetail, ...COMMAND_PROBLEMS },
        },
      },
      async (request) => {
        const { row, caller } = await findTransferOr404(deps, request.actor, request.params.caseId, 'transfer.read');
        const state = row.state as unknown as SuspectTransferState;
        const person = (await mayReadPersonalData(deps.db, caller, row))
          ? ((await deps.vault.find(state.personId!)) ?? { personId: state.personId!, erased: true as const })
          : { personId: state.personId!, redacted: true as const };
        return {
          caseId: row.case_id,
          kind: 'suspect_transfer' as const,
          version: row.version,
          status: row.status,
          stage: row.stage,
          hold: state.hold,
          outcome: state.outcome,
          legalBasis: state.facts.legalBasis,
          linkedCaseIds: state.linkedCaseIds,
          waitingFor: openGates(state).map((g) => ({ gate: g.id, requirement: g.requirement })),
          nextSteps: nextSteps(state),
          allowedActions: await caseAllowedActions(deps.db, caller, row),
          recorded: [],
          holdingCountry: state.holdingCountry!,
          receivingCountry: state.receivingCountry!,
          nationality: state.nationality!,
          owningAgencyId: state.owningAgencyId!,
          openedAt: row.opened_at.toISOString(),
          lastProgressAt: row.last_progress_at.toISOString(),
          facts: state.facts as unknown as Record<string, unknown>,
          person,
        };
      },
    );

    app.post(
      '/transfers/:caseId/actions',
      {
        schema: {
          summary: 'Perform an action on a suspect transfer',
          description:
            'Answers once the resulting events are committed. 409 when the transfer is in another stage (the problem names it), on hold or closed; 422 when the rules refuse it (e.g. an extradition approved by a role other than approver).',
          tags: ['transfers'],
          params: CaseIdParams,
          headers: IdempotencyHeaders,
          body: TransferActionBody,
          response: { 200: TransferView, ...COMMAND_PROBLEMS },
        },
      },
      async (request, reply) => {
        const { caseId } = request.params;
        const { row, caller } = await findTransferOr404(deps, request.actor, caseId, 'transfer.act');
        await assertMayAct(deps.db, caller, row);
        const action = request.body;
        const wrongPerformer = refusalForPerformer(
          action,
          { holdingCountry: row.host_country.trim(), receivingCountry: row.origin_country.trim() },
          caller.agency,
        );
        if (wrongPerformer) throw forbidden(wrongPerformer.message, 'wrong-side', wrongPerformer.params);
        return oncePerKey(deps.db, request, reply, request.actor, `transfer/${caseId}/actions`, async (key) => {
          if (action.type === 'link_case') {
            await linkableOr422(deps, request.actor, [action.caseId], () => 'body.caseId', caseId);
            await deps.workflows.linkCases(caseId, action.caseId, request.actor);
            return { status: 200, body: await deps.workflows.transferView(caseId) };
          }
          const updateId = key ? deterministicUuid(request.actor.agencyId, request.actor.userId, caseId, key) : randomUUID();
          try {
            return { status: 200, body: await deps.workflows.performTransferAction(caseId, action, request.actor, updateId) };
          } catch (error) {
            if (error instanceof WorkflowGone) {
              throw problems.conflict(
                'case-closed',
                `The transfer is closed (${row.outcome ?? 'closed'}); no further action is possible.`,
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

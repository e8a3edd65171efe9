/**
 * Links between cases and track changes over HTTP. A link is recorded on both cases; a track change
 * closes the person's case on one track and opens a linked case on the other in one request, so
 * both histories stay and point at each other.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RepatriationState } from '../../domain/repatriation/index.js';
import { isCountry } from '../../domain/shared/countries.js';
import type { SuspectTransferState } from '../../domain/suspect-transfer/index.js';
import { findCase, type CaseRow } from '../../store/case-queries.js';
import { linksOf } from '../../store/projections/case-links.js';
import { REPATRIATION_STREAM_TYPE } from '../../store/projections/cases.js';
import { assertMayAct, type Caller } from '../access.js';
import type { AppDeps } from '../deps.js';
import { oncePerKey } from '../idempotency.js';
import { deterministicUuid } from '../ids.js';
import { COMMAND_PROBLEMS, problems } from '../problem.js';
import { scoped } from '../scope.js';
import { CaseIdParams, IdempotencyHeaders } from '../schemas.js';
import { findCaseOr404, findTransferOr404, linkableOr422 } from '../lookups.js';
import { LinkBody, LinkedCase, RescreenAsSuspectBody, RescreenAsVictimBody, TrackChangeResult } from '../transfer-schemas.js';

const Links = Type.Object({ caseId: Type.String(), links: Type.Array(LinkedCase) });

export const linkRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Linked cases the caller may not see (row-level security) are left out.
    const links = async (caseId: string, caller: Caller) => ({
      caseId,
      links: (await scoped(deps, caller, (db) => linksOf(db, caseId)))
        .filter((l) => l.kind !== null)
        .map((l) => ({
          caseId: l.case_id,
          kind: l.kind ?? 'unknown',
          stage: l.stage ?? 'unknown',
          status: l.status ?? 'unknown',
          outcome: l.outcome,
          linkedAt: l.linked_at.toISOString(),
          ...(l.reason ? { reason: l.reason } : {}),
        })),
    });

    app.get(
      '/cases/:caseId/links',
      {
        schema: {
          summary: 'The cases linked to this one, victims and suspects alike',
          tags: ['links'],
          params: CaseIdParams,
          response: { 200: Links, ...COMMAND_PROBLEMS },
        },
      },
      async (request) => {
        const { caller } = await findCaseOr404(deps, request.actor, request.params.caseId, 'case.links.read');
        return links(request.params.caseId, caller);
      },
    );

    app.post(
      '/cases/:caseId/links',
      {
        schema: {
          summary: 'Link two cases of one trafficking operation',
          description:
            'Recorded as a CaseLinked event on both cases, victim or suspect transfer. Both must be open. Linking twice records nothing more.',
          tags: ['links'],
          params: CaseIdParams,
          headers: IdempotencyHeaders,
          body: LinkBody,
          response: { 200: Links, ...COMMAND_PROBLEMS },
        },
      },
      async (request, reply) => {
        const { caseId } = request.params;
        const { row, caller } = await findCaseOr404(deps, request.actor, caseId, 'case.link');
        await assertMayAct(deps.db, caller, row);
        if (row.status === 'closed')
          throw problems.conflict('case-closed', `The case is closed (${row.outcome ?? 'closed'}); it cannot be linked.`, row.stage);
        await linkableOr422(deps, request.actor, [request.body.caseId], () => 'body.caseId', caseId);
        return oncePerKey(deps.db, request, reply, request.actor, `case/${caseId}/links`, async () => {
          await deps.workflows.linkCases(caseId, request.body.caseId, request.actor);
          return { status: 200, body: await links(caseId, caller) };
        });
      },
    );

    app.post(
      '/transfers/:caseId/rescreen-as-victim',
      {
        schema: {
          summary: 'Re-screened as a victim: end the transfer and open a linked victim case',
          description:
            'In one request: a victim repatriation case opens for the same person (hosted by the holding country), both cases are linked, and the transfer closes as rescreened_as_victim. Repeating it completes what an earlier attempt started and opens nothing twice.',
          tags: ['links', 'transfers'],
          params: CaseIdParams,
          headers: IdempotencyHeaders,
          body: RescreenAsVictimBody,
          response: { 201: TrackChangeResult, ...COMMAND_PROBLEMS },
        },
      },
      async (request, reply) => {
        const { row: transfer, caller } = await findTransferOr404(deps, request.actor, request.params.caseId, 'transfer.rescreen');
        await assertMayAct(deps.db, caller, transfer);
        const state = transfer.state as unknown as SuspectTransferState;
        const victimCaseId = deterministicUuid('rescreen-as-victim', transfer.case_id);
        if (transfer.status === 'closed' && transfer.outcome !== 'rescreened_as_victim') {
          throw problems.conflict('case-closed', `The transfer is closed (${transfer.outcome ?? 'closed'}).`, transfer.stage);
        }
        const originCountry = request.body.originCountry ?? state.nationality!;
        if (!isCountry(originCountry) || originCountry === state.holdingCountry) {
          throw problems.refused(
            `A victim case needs an origin country among the six, other than the host ${state.holdingCountry}: give body.originCountry.`,
          );
        }
        return oncePerKey(deps.db, request, reply, request.actor, `transfer/${transfer.case_id}/rescreen`, async () => {
          const victimCase = {
            type: 'open_case' as const,
            caseId: victimCaseId,
            personId: state.personId!,
            sex: request.body.person.sex,
            ageGroup: request.body.person.ageGroup,
            hostCountry: state.holdingCountry!,
            originCountry,
            owningAgencyId: request.actor.agencyId,
          };
          await deps.workflows.changeTrack({ toVictim: { transferId: transfer.case_id, victimCase, actor: request.actor } });
          return {
            status: 201,
            body: await trackChange(deps, transfer.case_id, victimCaseId),
            headers: { location: `/v1/cases/${victimCaseId}` },
          };
        });
      },
    );

    app.post(
      '/cases/:caseId/rescreen-as-suspect',
      {
        schema: {
          summary: 'Re-screened as a suspect: end the victim case and open a linked suspect transfer',
          description:
            'In one request: a suspect transfer opens for the same person (held by the host country), both cases are linked, and the victim case closes as transferred_to_suspect_track.',
          tags: ['links', 'transfers'],
          params: CaseIdParams,
          headers: IdempotencyHeaders,
          body: RescreenAsSuspectBody,
          response: { 201: TrackChangeResult, ...COMMAND_PROBLEMS },
        },
      },
      async (request, reply) => {
        const { row: victim, caller } = await findCaseOr404(deps, request.actor, request.params.caseId, 'case.rescreen');
        await assertMayAct(deps.db, caller, victim);
        if (victim.kind !== REPATRIATION_STREAM_TYPE) throw problems.notFound(`No victim case ${victim.case_id}.`);
        if (victim.status === 'closed' && victim.outcome !== 'transferred_to_suspect_track') {
          throw problems.conflict('case-closed', `The case is closed (${victim.outcome ?? 'closed'}).`, victim.stage);
        }
        const state = victim.state as unknown as RepatriationState;
        if (request.body.receivingCountry === state.hostCountry) {
          throw problems.validation([
            {
              field: 'body.receivingCountry',
              reason: `must differ from the holding (host) country ${state.hostCountry}`,
              code: 'same-country',
            },
          ]);
        }
        const transferId = deterministicUuid('rescreen-as-suspect', victim.case_id);
        return oncePerKey(deps.db, request, reply, request.actor, `case/${victim.case_id}/rescreen`, async () => {
          const transfer = {
            type: 'open_transfer' as const,
            caseId: transferId,
            personId: state.personId!,
            holdingCountry: state.hostCountry!,
            receivingCountry: request.body.receivingCountry,
            nationality: request.body.nationality ?? state.originCountry!,
            owningAgencyId: request.actor.agencyId,
            linkedCaseIds: [victim.case_id],
          };
          await deps.workflows.changeTrack({ toSuspect: { victimCaseId: victim.case_id, transfer, actor: request.actor } });
          return {
            status: 201,
            body: await trackChange(deps, victim.case_id, transferId),
            headers: { location: `/v1/transfers/${transferId}` },
          };
        });
      },
    );
  };

async function trackChange(deps: AppDeps, fromId: string, toId: string) {
  const [from, to] = (await Promise.all([findCase(deps.db, fromId), findCase(deps.db, toId)])) as [CaseRow, CaseRow];
  return {
    from: { caseId: from.case_id, kind: from.kind, status: from.status, outcome: from.outcome },
    to: { caseId: to.case_id, kind: to.kind, status: to.status, stage: to.stage },
  };
}

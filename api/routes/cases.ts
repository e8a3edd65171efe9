import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PersonErased } from '../../store/persons.js';
import { Type } from 'typebox';
import { openGates, type RepatriationState } from '../../domain/repatriation/index.js';
import { openGates as openTransferGates, type SuspectTransferState } from '../../domain/suspect-transfer/index.js';
import { TRANSFER_STREAM_TYPE } from '../../store/projections/transfer-cases.js';
import { caseEvents, isOverdue, listCases, type CaseSummaryRow } from '../../store/case-queries.js';
import { audit } from '../../store/audit.js';
import { actorKindOf, agencyNamesOf, namesOf } from '../../store/people-names.js';
import { assertActingRole, callerOf, casesVisibleTo, mayReadPersonalData, type Caller } from '../access.js';
import { possibleMatchesAtOpening, PossibleMatches } from '../matching.js';
import { caseAllowedActions } from '../allowed-actions.js';
import { caseAllowedRequests } from '../allowed-requests.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../keyset-cursor.js';
import { findCaseOr404 } from '../lookups.js';
import type { AppDeps } from '../deps.js';
import { scoped } from '../scope.js';
import { oncePerKey } from '../idempotency.js';
import { assertOpenedFromItsSide, assertSamePersonUnderRequestKey, openingIds } from '../opening.js';
import { COMMAND_PROBLEMS, problems } from '../problem.js';
import {
  CaseDetail,
  CaseEvent,
  CaseIdParams,
  CaseListQuery,
  CaseSummary,
  CommandResult,
  CreateCaseBody,
  EventsQuery,
  IdempotencyHeaders,
} from '../schemas.js';

/** Under which names a victim case's ids are derived from an Idempotency-Key (api/opening.ts). */
const CASE_IDS = { stream: 'case', person: 'person' };

export const caseRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/cases',
      {
        schema: {
          summary: 'Open a victim repatriation case',
          description:
            'Stores the personal details in the person vault and opens the case workflow. Send an Idempotency-Key to resend safely.',
          tags: ['cases'],
          body: CreateCaseBody,
          headers: IdempotencyHeaders,
          response: {
            201: Type.Object({ ...CommandResult.properties, possibleMatches: Type.Optional(PossibleMatches) }),
            ...COMMAND_PROBLEMS,
          },
        },
      },
      async (request, reply) => {
        const { actor, body } = request;
        assertActingRole(actor);
        await assertOpenedFromItsSide(deps, actor, {
          opener: { field: 'hostCountry', country: body.hostCountry, performedBy: 'host' },
          other: { field: 'originCountry', country: body.originCountry },
          noun: 'case',
          crossing: 'cross-border return',
        });
        await assertSamePersonUnderRequestKey(deps, request, CASE_IDS, body.person.details);
        return oncePerKey(deps.db, request, reply, actor, 'create-case', async (key) => {
          const { caseId, personId } = openingIds(actor, key, CASE_IDS);
          await deps.vault
            .save(personId, body.person.details, { sex: body.person.sex, nationality: body.originCountry })
            .catch((error: unknown) => {
              if (error instanceof PersonErased)
                throw problems.conflict('person-erased', 'The person this Idempotency-Key opened a case for was erased; use a new key.');
              throw error;
            });
          const view = await deps.workflows.openCase(
            {
              type: 'open_case',
              caseId,
              personId,
              sex: body.person.sex,
              ageGroup: body.person.ageGroup,
              hostCountry: body.hostCountry,
              originCountry: body.originCountry,
              owningAgencyId: actor.agencyId,
            },
            actor,
            `open-${caseId}`,
          );
          const possibleMatches = await possibleMatchesAtOpening(deps, await callerOf(deps.db, actor), caseId);
          return { status: 201, body: { ...view, possibleMatches }, headers: { location: `/v1/cases/${caseId}` } };
        });
      },
    );

    app.get(
      '/cases',
      {
        schema: {
          summary: 'List cases, newest first',
          tags: ['cases'],
          querystring: CaseListQuery,
          response: {
            200: Type.Object({ items: Type.Array(CaseSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
            ...COMMAND_PROBLEMS,
          },
        },
      },
      async (request) => {
        const { stage, status, country, kind, overdue, cursor } = request.query;
        const limit = request.query.limit ?? 50;
        const caller = await callerOf(deps.db, request.actor);
        const position = cursor ? decodeKeysetCursor(cursor) : undefined;
        const after = position && { openedAt: position.at, caseId: position.caseId };
        const now = new Date();
        const rows = await scoped(deps, caller, (db) =>
          listCases(db, { stage, status, country, kind, overdue, now, limit, after, visible: casesVisibleTo(caller) }),
        );
        const last = rows.at(-1);
        return {
          items: rows.map((row) => summary(row, now)),
          nextCursor: last && rows.length === limit ? encodeKeysetCursor(last.opened_at, last.case_id) : null,
        };
      },
    );

    app.get(
      '/cases/:caseId',
      {
        schema: {
          summary: 'A case: where it stands, what it waits for, and the person',
          tags: ['cases'],
          params: CaseIdParams,
          response: { 200: CaseDetail, ...COMMAND_PROBLEMS },
        },
      },
      async (request) => {
        const { row, caller } = await findCaseOr404(deps, request.actor, request.params.caseId, 'case.read');
        const state = row.state as unknown as RepatriationState;
        const person = (await mayReadPersonalData(deps.db, caller, row))
          ? await readPerson(deps, caller, row.case_id, state.personId!)
          : { personId: state.personId!, redacted: true as const };
        return {
          ...summary(row, new Date()),
          // A suspect transfer is listed here too; its gates are its own process's.
          waitingFor: (row.kind === TRANSFER_STREAM_TYPE
            ? openTransferGates(row.state as unknown as SuspectTransferState)
            : openGates(state)
          ).map((g) => ({
            gate: g.id,
            requirement: g.requirement,
          })),
          allowedActions: await caseAllowedActions(deps.db, caller, row),
          allowedRequests: await caseAllowedRequests(deps.db, caller, row),
          person,
        };
      },
    );

    app.get(
      '/cases/:caseId/events',
      {
        schema: {
          summary: "A case's history, oldest first",
          tags: ['cases'],
          params: CaseIdParams,
          querystring: EventsQuery,
          response: { 200: Type.Object({ items: Type.Array(CaseEvent) }), ...COMMAND_PROBLEMS },
        },
      },
      async (request) => {
        const { caller } = await findCaseOr404(deps, request.actor, request.params.caseId, 'case.events');
        const rows = await scoped(deps, caller, (db) =>
          caseEvents(db, request.params.caseId, request.query.after ?? 0, request.query.limit ?? 200),
        );
        // Who did what, by name: read here, so every client shows people rather than account ids.
        const [names, agencies] = await Promise.all([
          namesOf(
            deps.db,
            rows.map((r) => r.actor_id),
          ),
          agencyNamesOf(
            deps.db,
            rows.map((r) => r.agency_id),
          ),
        ]);
        return {
          items: rows.map((r) => ({
            streamPosition: r.stream_position,
            globalPosition: r.global_position,
            eventId: r.event_id,
            type: r.type,
            data: r.data,
            actorId: r.actor_id,
            actorKind: actorKindOf(r.actor_id, names),
            actorName: names.get(r.actor_id)?.displayName ?? null,
            agencyId: r.agency_id,
            agencyName: agencies.get(r.agency_id) ?? null,
            recordedAt: r.recorded_at.toISOString(),
          })),
        };
      },
    );
  };

/** Reads a person's details for a caller allowed to see them; the audit entry commits with the read. */
async function readPerson(deps: AppDeps, caller: Caller, caseId: string, personId: string) {
  return deps.db.transaction().execute(async (trx) => {
    await audit(trx, { actor: caller.actor, action: 'person.read', outcome: 'ok', caseId, personId });
    return (await deps.vault.find(personId, trx)) ?? { personId, erased: true as const };
  });
}

function summary(row: CaseSummaryRow, now: Date) {
  return {
    caseId: row.case_id,
    kind: row.kind,
    stage: row.stage,
    status: row.status,
    hostCountry: row.host_country.trim(),
    originCountry: row.origin_country.trim(),
    owningAgencyId: row.owning_agency_id,
    ageGroup: row.age_group,
    sex: row.sex,
    hold: row.on_hold && row.hold_reason && row.hold_review_date ? { reason: row.hold_reason, reviewDate: row.hold_review_date } : null,
    outcome: row.outcome,
    openedAt: row.opened_at.toISOString(),
    lastProgressAt: row.last_progress_at.toISOString(),
    version: row.version,
    step: row.step,
    stepDueAt: row.step_due_at?.toISOString() ?? null,
    overdue: isOverdue(row, now),
  };
}

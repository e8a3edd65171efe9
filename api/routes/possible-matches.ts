/**
 * Possible matches (issue 21): the persons already known who may be the person of this case, and a
 * caseworker's decision on one ("same person", "not the same person", or undoing a wrong link),
 * recorded on both cases. Coordinators see how many open cases have possible matches nobody has
 * decided on. Nothing is ever merged: a decision is a link or a decision event, nothing more.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import { MATCH_DECISIONS, type MatchDecision } from '../../domain/shared/person-match.js';
import { matchDecisionsOf, unresolvedMatchesByCountry } from '../../store/person-matches.js';
import type { CaseRow } from '../../store/case-queries.js';
import { assertMayAct, callerOf, forbidden, mayReadPersonalData, requireRole } from '../access.js';
import type { AppDeps } from '../deps.js';
import { oncePerKey } from '../idempotency.js';
import { deterministicUuid } from '../ids.js';
import { possibleMatches, PossibleMatches } from '../matching.js';
import { COMMAND_PROBLEMS, problems } from '../problem.js';
import { CaseIdParams, IdempotencyHeaders } from '../schemas.js';
import { findCaseOr404 } from '../lookups.js';

const DecisionBody = Type.Object(
  {
    caseId: Type.String({ format: 'uuid', description: 'The other case' }),
    decision: Type.Enum(MATCH_DECISIONS),
  },
  { additionalProperties: false },
);

const DecisionResult = Type.Object({
  caseId: Type.String(),
  otherCaseId: Type.String(),
  decision: Type.Enum(MATCH_DECISIONS),
  recorded: Type.Boolean({ description: 'false: the pair already stood so; nothing was recorded' }),
});

/** Which decision may follow the pair's current one (absent: never decided). */
function refusalOf(current: MatchDecision | undefined, wanted: MatchDecision): { code: string; detail: string } | undefined {
  if (wanted === 'not_same_person' && current === 'same_person')
    return {
      code: 'same-person-linked',
      detail: 'The two cases are linked as the same person: undo that link first (same_person_undone).',
    };
  if (wanted === 'same_person_undone' && current !== 'same_person')
    return { code: 'not-linked-as-same-person', detail: 'The two cases are not linked as the same person: there is nothing to undo.' };
  return undefined;
}

export const possibleMatchRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/cases/:caseId/possible-matches',
      {
        schema: {
          summary: 'Persons already known who may be the person of this case, with the reasons and a score, best first',
          description:
            'Victim cases and suspect transfers alike. Listed only for a reader who may see the personal details of both records; anyone else gets an empty list.',
          tags: ['matching'],
          params: CaseIdParams,
          response: { 200: Type.Object({ caseId: Type.String(), items: PossibleMatches }), ...COMMAND_PROBLEMS },
        },
      },
      async (request) => {
        const { row, caller } = await findCaseOr404(deps, request.actor, request.params.caseId, 'case.matches.read');
        return { caseId: row.case_id, items: await possibleMatches(deps, caller, row) };
      },
    );

    app.post(
      '/cases/:caseId/possible-matches/decisions',
      {
        schema: {
          summary: 'Decide on a possible match: same person, not the same person, or undo a wrong same-person link',
          description:
            'Needs the right to act on this case and to see the personal details of both. Recorded on both cases: same_person as a CaseLinked with reason same_person, the others as PersonMatchDecided. Nothing is merged.',
          tags: ['matching'],
          params: CaseIdParams,
          headers: IdempotencyHeaders,
          body: DecisionBody,
          response: { 200: DecisionResult, ...COMMAND_PROBLEMS },
        },
      },
      async (request, reply) => {
        const { caseId } = request.params;
        const { caseId: otherCaseId, decision } = request.body;
        const { row, caller } = await findCaseOr404(deps, request.actor, caseId, 'case.matches.decide');
        await assertMayAct(deps.db, caller, row);
        if (otherCaseId === caseId)
          throw problems.validation([{ field: 'body.caseId', reason: 'must name another case', code: 'self-link' }]);
        // A case the caller may not see is, to them, no case at all.
        const other = await findCaseOr404(deps, request.actor, otherCaseId, 'case.matches.decide').then(
          (found: { row: CaseRow }) => found.row,
          () => undefined,
        );
        if (!other) {
          // As for links: a case the caller cannot see is refused like a case that does not exist.
          const problem = problems.refused('body.caseId: no such case');
          problem.problem.errors = [{ field: 'body.caseId', reason: 'no such case', code: 'invalid' }];
          throw problem;
        }
        if (!(await mayReadPersonalData(deps.db, caller, row)) || !(await mayReadPersonalData(deps.db, caller, other)))
          throw forbidden('Deciding on a match needs the right to see the personal details of both cases.');
        // Like links: a closed case records nothing more, and a decision is recorded on both or on neither.
        for (const closed of [row, other].filter((r) => r.status === 'closed'))
          throw problems.conflict(
            'case-closed',
            `The case ${closed.case_id} is closed (${closed.outcome ?? 'closed'}); it records no decision.`,
            closed.stage,
          );
        return oncePerKey(deps.db, request, reply, request.actor, `case/${caseId}/match-decisions`, async (key) => {
          const current = (await matchDecisionsOf(deps.db, caseId)).get(otherCaseId);
          const result = { caseId, otherCaseId, decision, recorded: false };
          if (current === decision) return { status: 200, body: result };
          const refusal = refusalOf(current, decision);
          if (refusal) throw problems.conflict(refusal.code, refusal.detail, row.stage);
          const decisionId = key ? deterministicUuid(request.actor.agencyId, request.actor.userId, caseId, 'match', key) : randomUUID();
          await deps.workflows.decidePersonMatch({ caseId, otherCaseId, decision, decisionId, actor: request.actor });
          return { status: 200, body: { ...result, recorded: true } };
        });
      },
    );

    app.get(
      '/monitoring/possible-matches',
      {
        schema: {
          summary: 'Per country: open cases with possible matches nobody has decided on yet',
          description: 'Coordinators and auditors see their own country; admins every country. Counts only, no case or person.',
          tags: ['monitoring', 'matching'],
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ country: Type.String(), openCasesWithUnresolvedMatches: Type.Integer() })),
            }),
            ...COMMAND_PROBLEMS,
          },
        },
      },
      async (request) => {
        requireRole(request, new Set(['coordinator', 'auditor', 'admin']));
        const { agency } = await callerOf(deps.db, request.actor);
        const rows = await unresolvedMatchesByCountry(deps.db, request.actor.role === 'admin' ? undefined : agency.country);
        return { items: rows.map((r) => ({ country: r.country, openCasesWithUnresolvedMatches: r.cases })) };
      },
    );
  };

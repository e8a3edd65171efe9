/**
 * The lookups and access checks the routes share: a case, transfer or batch the caller may see
 * (otherwise 404, never 403: whether a stream exists is itself something a non-party must not
 * learn), and the cases a request names to link with.
 */
import type { Actor } from '../domain/shared/actor.js';
import { findAgency } from '../store/agencies.js';
import { audit } from '../store/audit.js';
import { findCase, type CaseRow } from '../store/case-queries.js';
import { findBatch, type BatchRow } from '../store/projections/batch-queries.js';
import { TRANSFER_STREAM_TYPE } from '../store/projections/transfer-cases.js';
import { callerOf, casesVisibleTo, type Caller } from './access.js';
import { assertMayRead } from './batch-access.js';
import type { AppDeps } from './deps.js';
import { problems, type FieldError, type HttpProblem } from './problem.js';
import { scoped } from './scope.js';

/** The case if the caller may see it; every refused attempt is audited. */
export async function findCaseOr404(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  action: string,
): Promise<{ row: CaseRow; caller: Caller }> {
  const caller = await callerOf(deps.db, actor);
  const row = await scoped(deps, caller, (db) => findCase(db, caseId, casesVisibleTo(caller)));
  if (!row) {
    await audit(deps.db, { actor, action, outcome: 'denied', caseId: isUuid(caseId) ? caseId : null });
    throw problems.notFound(`No case ${caseId}.`);
  }
  return { row, caller };
}

/** A transfer the caller may see (the access rules of api/access.ts apply, as for any case). */
export async function findTransferOr404(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  action: string,
): Promise<{ row: CaseRow; caller: Caller }> {
  const found = await findCaseOr404(deps, actor, caseId, action);
  if (found.row.kind !== TRANSFER_STREAM_TYPE) throw problems.notFound(`No suspect transfer ${caseId}.`);
  return found;
}

/** The batch, if the caller may see it (see batch-access.ts); otherwise 404. */
export async function findBatchOr404(deps: AppDeps, actor: Actor, batchId: string): Promise<{ row: BatchRow; caller: Caller }> {
  const row = await findBatch(deps.db, batchId);
  if (!row) throw problems.notFound(`No batch ${batchId}.`);
  const caller = await callerOf(deps.db, actor);
  assertMayRead(caller, row);
  return { row, caller };
}

/**
 * An action that hands a step to an agency (the verification request, a child's custody transfer)
 * names a registered agency of the case's origin country: the host side must not route the origin
 * side's work to a third country, nor to an agency nobody knows.
 */
export async function assertNamedAgencyOfOrigin(deps: AppDeps, action: { toAgencyId?: string }, row: CaseRow): Promise<void> {
  if (!action.toAgencyId) return;
  const agency = await findAgency(deps.db, action.toAgencyId);
  if (agency?.country === row.origin_country) return;
  throw problems.validation([
    agency
      ? {
          field: 'body.toAgencyId',
          reason: `must be an agency of the origin country ${row.origin_country}, not of ${agency.country}`,
          code: 'wrong-country',
          params: { country: row.origin_country, agencyCountry: agency.country },
        }
      : { field: 'body.toAgencyId', reason: 'is not an agency in the registry', code: 'unknown-agency' },
  ]);
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Cases named to link with must exist and be open (a closed case records nothing more). */
export async function linkableOr422(
  deps: AppDeps,
  actor: Actor,
  caseIds: readonly string[],
  fieldOf: (index: number) => string,
  self?: string,
): Promise<void> {
  const errors: FieldError[] = [];
  for (const [index, caseId] of caseIds.entries()) {
    // A case the caller may not see is, to them, no case at all.
    const row =
      caseId === self
        ? undefined
        : await findCaseOr404(deps, actor, caseId, 'case.link').then(
            (found) => found.row,
            () => undefined,
          );
    const refusal: Omit<FieldError, 'field'> | null =
      caseId === self
        ? { reason: 'a case cannot be linked to itself', code: 'self-link' }
        : !row
          ? { reason: 'no such case', code: 'not-found' }
          : row.status === 'closed'
            ? { reason: `the case is closed (${row.outcome ?? 'closed'})`, code: 'case-closed', params: { outcome: row.outcome } }
            : null;
    if (refusal) errors.push({ field: fieldOf(index), ...refusal });
  }
  if (errors.length > 0) {
    const problem = problems.refused(errors.map((e) => `${e.field}: ${e.reason}`).join('; '), undefined, 'not-linkable');
    problem.problem.errors = errors;
    throw problem;
  }
}

/** Maps the problems' case ids back to the request's fields, e.g. `body.add[3]`. */
export function namingFields(problem: HttpProblem, field: string, caseIds: readonly string[]): HttpProblem {
  problem.problem.errors = problem.problem.errors?.map((e) => {
    const caseId = e.field.replace(/^case /, '');
    const index = caseIds.indexOf(caseId);
    return index >= 0 ? { ...e, field: `${field}[${index}]`, reason: `${caseId}: ${e.reason}` } : e;
  });
  return problem;
}

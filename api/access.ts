/**
 * Who may see and do what: the one place for the access rules of the API. Postgres row-level
 * security (migration 0006) mirrors `casesVisibleTo` as a second wall under this one.
 *
 * - A user sees a case only when their agency is a party to it: the owning agency, an agency that
 *   holds or held a task in it (or, for a task open to every agency of a kind, any such agency),
 *   or a coordinator or auditor of one of its two countries. Anything else answers 404.
 * - NGO workers never see the suspect track.
 * - Personal details go only to staff who act on the case (caseworker, NGO worker, approver) of a
 *   party agency; an origin-country agency sees them only once the victim consented to notifying it.
 * - Actions need a party agency and an acting role; auditors and admins never act on cases.
 */
import type { FastifyRequest } from 'fastify';
import { sql, type ExpressionBuilder } from 'kysely';
import type { RepatriationState } from '../domain/repatriation/index.js';
import type { Actor } from '../domain/shared/actor.js';
import { findAgency, type AgencyRecord } from '../store/agencies.js';
import type { CaseRow } from '../store/case-queries.js';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { TRANSFER_STREAM_TYPE } from '../store/projections/transfer-cases.js';
import { problems } from './problem.js';

export interface Caller {
  actor: Actor;
  agency: AgencyRecord;
}

/** Roles that watch every case of their own country (read only for auditors). */
export const COUNTRY_WATCHERS: ReadonlySet<string> = new Set(['coordinator', 'auditor']);
export const ACTING_ROLES: ReadonlySet<string> = new Set(['caseworker', 'ngo_worker', 'approver', 'coordinator']);
const PERSONAL_DATA_ROLES = new Set(['caseworker', 'ngo_worker', 'approver']);

const agencyCache = new Map<string, { agency: AgencyRecord | undefined; at: number }>();

/** The caller's agency from the registry; a token naming an unregistered agency is not accepted. */
export async function callerOf(db: Db, actor: Actor): Promise<Caller> {
  const cached = agencyCache.get(actor.agencyId);
  const agency = cached && Date.now() - cached.at < 60_000 ? cached.agency : await findAgency(db, actor.agencyId);
  agencyCache.set(actor.agencyId, { agency, at: Date.now() });
  if (!agency) throw problems.unauthorized(`The token's agency ${actor.agencyId} is not in the agency registry.`);
  return { actor, agency };
}

/** The party ids an agency answers to: itself, and "any agency of my kind in my country". */
export const partiesOfCaller = (caller: Caller): string[] => [
  caller.agency.agencyId,
  `kind:${caller.agency.country}:${caller.agency.kind}`,
];

/** A Kysely filter on `cases`: the rows this caller may see. */
export function casesVisibleTo(caller: Caller) {
  return (eb: ExpressionBuilder<Database, 'cases'>) => {
    const party = eb.or([
      eb('cases.owning_agency_id', '=', caller.agency.agencyId),
      eb.exists(
        eb
          .selectFrom('case_parties')
          .select('case_parties.case_id')
          .whereRef('case_parties.case_id', '=', 'cases.case_id')
          .where('case_parties.party', 'in', partiesOfCaller(caller)),
      ),
      ...(COUNTRY_WATCHERS.has(caller.actor.role)
        ? [eb.or([eb('cases.host_country', '=', caller.agency.country), eb('cases.origin_country', '=', caller.agency.country)])]
        : []),
    ]);
    return caller.actor.role === 'ngo_worker' ? eb.and([party, eb('cases.kind', '<>', TRANSFER_STREAM_TYPE)]) : party;
  };
}

/** Whether the caller's agency itself takes part (not merely watches as a coordinator). */
export async function isParty(db: Db, caller: Caller, row: CaseRow): Promise<boolean> {
  if (row.owning_agency_id === caller.agency.agencyId) return true;
  const found = await db
    .selectFrom('case_parties')
    .select('party')
    .where('case_id', '=', row.case_id)
    .where('party', 'in', partiesOfCaller(caller))
    .executeTakeFirst();
  return found !== undefined;
}

export async function mayReadPersonalData(db: Db, caller: Caller, row: CaseRow): Promise<boolean> {
  if (!PERSONAL_DATA_ROLES.has(caller.actor.role) || !(await isParty(db, caller, row))) return false;
  if (caller.agency.country === row.host_country.trim()) return true;
  // The receiving country confirms a suspect's identity from these details: no consent applies.
  if (row.kind === TRANSFER_STREAM_TYPE) return true;
  return (row.state as unknown as RepatriationState).facts?.consent === 'given';
}

/** Auditors and admins never act on cases (nor open them): they watch and administer. */
export function assertActingRole(actor: Actor): void {
  if (!ACTING_ROLES.has(actor.role)) {
    throw forbidden(`The role ${actor.role} does not perform case actions.`, 'role-does-not-act', { role: actor.role });
  }
}

export async function assertMayAct(db: Db, caller: Caller, row: CaseRow): Promise<void> {
  assertActingRole(caller.actor);
  if (!(await isParty(db, caller, row)))
    throw forbidden('Your agency watches this case but is not a party to it; a party agency performs its actions.', 'not-a-party');
}

export const forbidden = (detail: string, code = 'forbidden', params?: Record<string, unknown>) => problems.forbidden(detail, code, params);

/** Who may erase a person: see `assertMayErase`. */
export const ERASURE_ROLE = 'admin';

/**
 * Erasing a person is for an admin of an agency that is a party to one of the person's cases (the
 * owning agency, or one that holds or held a task in it), and only within its own country: the
 * case's host or origin country must be the agency's. Anyone else learns nothing: 404, as for a
 * case they cannot see. (The `erase-person` command is the operator's way for anything else.)
 */
export async function assertMayErase(db: Db, caller: Caller, personId: string): Promise<void> {
  if (caller.actor.role !== ERASURE_ROLE)
    throw forbidden(`Erasing a person needs the role ${ERASURE_ROLE}; this token has the role ${caller.actor.role}.`);
  const country = caller.agency.country;
  const party = await db
    .selectFrom('cases')
    .select('cases.case_id')
    .where(sql<string>`cases.state->>'personId'`, '=', personId)
    .where((eb) => eb.or([eb('cases.host_country', '=', country), eb('cases.origin_country', '=', country)]))
    .where((eb) =>
      eb.or([
        eb('cases.owning_agency_id', '=', caller.agency.agencyId),
        eb.exists(
          eb
            .selectFrom('case_parties')
            .select('case_parties.case_id')
            .whereRef('case_parties.case_id', '=', 'cases.case_id')
            .where('case_parties.party', 'in', partiesOfCaller(caller)),
        ),
      ]),
    )
    .executeTakeFirst();
  if (!party) throw problems.notFound(`No person ${personId} in a case your agency is a party to.`);
}

/** A route for some roles only (monitoring, audit, webhooks): anyone else gets 403 naming them. */
export function requireRole(request: FastifyRequest, roles: ReadonlySet<string>): void {
  if (!roles.has(request.actor.role)) {
    throw forbidden(`This needs one of the roles ${[...roles].join(', ')}; the token's role is ${request.actor.role}.`);
  }
}

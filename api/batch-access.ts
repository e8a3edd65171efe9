/**
 * Who may do what with a handover batch. The sending agency plans and changes it; on the day each
 * side's agency confirms for its own side, and either may exclude a person; acting staff only
 * (caseworkers, coordinators). Its two agencies, and coordinators and auditors of its two countries,
 * may read it; to anyone else it does not exist.
 */
import type { HandoverSide } from '../domain/handover-batch/index.js';
import type { Actor } from '../domain/shared/actor.js';
import type { BatchRow } from '../store/projections/batch-queries.js';
import { COUNTRY_WATCHERS, forbidden, type Caller } from './access.js';
import { problems } from './problem.js';

const BATCH_ROLES = new Set(['caseworker', 'coordinator']);

function actingStaff(actor: Actor): void {
  if (!BATCH_ROLES.has(actor.role)) throw forbidden(`The role ${actor.role} does not act on handover batches.`);
}

export function assertMayPlan(actor: Actor, sendingAgencyId: string): void {
  actingStaff(actor);
  if (actor.agencyId !== sendingAgencyId) throw forbidden(`A batch is planned by its sending agency; you act for ${actor.agencyId}.`);
}

/** Changes to the list, date, lock and cancellation: the sending agency's. */
export function assertMayChange(actor: Actor, row: BatchRow): void {
  actingStaff(actor);
  if (actor.agencyId !== row.sending_agency_id)
    throw forbidden(`Only the sending agency (${row.sending_agency_id}) changes this batch; you act for ${actor.agencyId}.`);
}

export function assertMayConfirm(actor: Actor, row: BatchRow, side: HandoverSide): void {
  actingStaff(actor);
  const agency = side === 'sending' ? row.sending_agency_id : row.receiving_agency_id;
  if (actor.agencyId !== agency) {
    throw forbidden(`Only the ${side} agency (${agency}) confirms for the ${side} side; you act for ${actor.agencyId}.`);
  }
}

export function assertMayExclude(actor: Actor, row: BatchRow): void {
  actingStaff(actor);
  if (actor.agencyId !== row.sending_agency_id && actor.agencyId !== row.receiving_agency_id) {
    throw forbidden('Only the sending or the receiving agency excludes a person from the handover.');
  }
}

export function mayRead(caller: Caller, row: BatchRow): boolean {
  if (caller.agency.agencyId === row.sending_agency_id || caller.agency.agencyId === row.receiving_agency_id) return true;
  return COUNTRY_WATCHERS.has(caller.actor.role) && [row.from_country.trim(), row.to_country.trim()].includes(caller.agency.country);
}

/** A batch the caller may not read answers 404, like a case: its existence is not theirs to learn. */
export function assertMayRead(caller: Caller, row: BatchRow): void {
  if (!mayRead(caller, row)) throw problems.notFound(`No batch ${row.batch_id}.`);
}

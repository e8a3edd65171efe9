/**
 * `allowedActions` of a case, a transfer and a batch: the action types this caller may perform now,
 * the decider's rules (asked through its probes, domain/shared/allowed.ts) and the access rules
 * (acting role, party agency, the side that performs each step) together. The GET routes and the
 * tests use these functions, so what a client is offered is what the API accepts.
 */
import { handoverBatch, probes as batchProbes, type BatchAction, type BatchState } from '../domain/handover-batch/index.js';
import {
  PROBES as CASE_PROBES,
  refusalForPerformer as caseSideRefusal,
  repatriation,
  type RepatriationState,
} from '../domain/repatriation/index.js';
import { allowedActions } from '../domain/shared/allowed.js';
import {
  PROBES as TRANSFER_PROBES,
  refusalForPerformer as transferSideRefusal,
  suspectTransfer,
  type SuspectTransferState,
} from '../domain/suspect-transfer/index.js';
import type { CaseRow } from '../store/case-queries.js';
import type { BatchMemberRow, BatchRow } from '../store/projections/batch-queries.js';
import { TRANSFER_STREAM_TYPE } from '../store/projections/transfer-cases.js';
import type { Db } from '../store/db.js';
import { ACTING_ROLES, isParty, type Caller } from './access.js';
import { assertMayChange, assertMayConfirm, assertMayExclude } from './batch-access.js';
import { HttpProblem } from './problem.js';

/** What a victim case or a transfer lets this caller do now (the kind of the row picks the process). */
export async function caseAllowedActions(db: Db, caller: Caller, row: CaseRow, now = new Date().toISOString()): Promise<string[]> {
  if (!ACTING_ROLES.has(caller.actor.role) || !(await isParty(db, caller, row))) return [];
  if (row.kind === TRANSFER_STREAM_TYPE) {
    const countries = { holdingCountry: row.host_country.trim(), receivingCountry: row.origin_country.trim() };
    return allowedActions(
      suspectTransfer,
      row.state as unknown as SuspectTransferState,
      TRANSFER_PROBES,
      caller.actor,
      now,
      (probe) => transferSideRefusal(probe, countries, caller.agency) === null,
    );
  }
  const state = row.state as unknown as RepatriationState;
  return allowedActions(
    repatriation,
    state,
    CASE_PROBES,
    caller.actor,
    now,
    (probe) => caseSideRefusal(probe, state, caller.agency) === null,
  );
}

/** What a batch lets this caller do now; its state is rebuilt from the batch's read model and its people. */
export function batchAllowedActions(caller: Caller, row: BatchRow, members: BatchMemberRow[], now = new Date().toISOString()): string[] {
  const mayPerform = (probe: BatchAction): boolean => {
    try {
      if (probe.type === 'confirm_handover') assertMayConfirm(caller.actor, row, probe.side);
      else if (probe.type === 'exclude') assertMayExclude(caller.actor, row);
      else assertMayChange(caller.actor, row);
      return true;
    } catch (error) {
      if (error instanceof HttpProblem) return false;
      throw error;
    }
  };
  const state = batchStateOf(row, members);
  return allowedActions(handoverBatch, state, batchProbes(state), caller.actor, now, mayPerform);
}

function batchStateOf(row: BatchRow, members: BatchMemberRow[]): BatchState {
  return {
    status: row.status as BatchState['status'],
    version: row.version,
    batchId: row.batch_id,
    crossingPoint: row.crossing_point,
    plannedDate: row.planned_date,
    sendingAgencyId: row.sending_agency_id,
    receivingAgencyId: row.receiving_agency_id,
    fromCountry: row.from_country.trim() as BatchState['fromCountry'],
    toCountry: row.to_country.trim() as BatchState['toCountry'],
    manifestVersion: row.manifest_version,
    members: Object.fromEntries(
      members.map((m) => [
        m.case_id,
        {
          status: m.status as BatchState['members'][string]['status'],
          sending: m.sending_confirmed,
          receiving: m.receiving_confirmed,
          exclusion: null,
        },
      ]),
    ),
    handoverStarted: members.some((m) => m.sending_confirmed || m.receiving_confirmed),
    confirmers: [],
  };
}

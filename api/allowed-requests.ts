/**
 * `allowedRequests` of a case: the requests besides its actions that this caller may make now -
 * linking it to another case (POST /v1/cases/{id}/links) and moving the person to the other track
 * (rescreen-as-suspect / rescreen-as-victim). The routes' own checks decide the same way:
 * an acting role of a party agency, on a case not closed (`assertMayAct`, api/access.ts).
 */
import type { CaseRow } from '../store/case-queries.js';
import type { Db } from '../store/db.js';
import { TRANSFER_STREAM_TYPE } from '../store/projections/transfer-cases.js';
import { ACTING_ROLES, isParty, type Caller } from './access.js';

export type CaseRequest = 'link' | 'rescreen_as_suspect' | 'rescreen_as_victim';

export async function caseAllowedRequests(db: Db, caller: Caller, row: CaseRow): Promise<CaseRequest[]> {
  if (row.status === 'closed' || !ACTING_ROLES.has(caller.actor.role) || !(await isParty(db, caller, row))) return [];
  const requests: CaseRequest[] = ['link'];
  // A track change is the holding (host) country's screening decision; NGO workers never see the suspect track.
  const hostSide = caller.agency.country === row.host_country.trim();
  if (hostSide && caller.actor.role !== 'ngo_worker')
    requests.push(row.kind === TRANSFER_STREAM_TYPE ? 'rescreen_as_victim' : 'rescreen_as_suspect');
  return requests;
}

/**
 * The links a case has recorded (its `CaseLinked` events), with where each linked case stands now.
 * A same-person link taken back later (`PersonMatchDecided` same_person_undone) is no longer listed.
 */
import { sql } from 'kysely';
import type { Db } from '../db.js';
import { caseStreamId } from './cases.js';

export interface CaseLinkRow {
  case_id: string;
  /** Why the cases are linked: `same_person`, or null for cases of one operation. */
  reason: string | null;
  linked_at: Date;
  kind: string | null;
  stage: string | null;
  status: string | null;
  outcome: string | null;
}

export async function linksOf(db: Db, caseId: string): Promise<CaseLinkRow[]> {
  const { rows } = await sql<CaseLinkRow>`
    select e.data->>'caseId' as case_id, e.data->>'reason' as reason, e.recorded_at as linked_at, c.kind, c.stage, c.status, c.outcome
    from events e left join cases c on c.case_id = (e.data->>'caseId')::uuid
    where e.stream_id = ${caseStreamId(caseId)} and e.type = 'CaseLinked'
      and not (e.data->>'reason' = 'same_person' and exists (
        select 1 from events u
        where u.stream_id = e.stream_id and u.type = 'PersonMatchDecided' and u.stream_position > e.stream_position
          and u.data->>'caseId' = e.data->>'caseId' and u.data->>'decision' = 'same_person_undone'))
    order by e.stream_position`.execute(db);
  return rows;
}

/** The links a case has recorded (its `CaseLinked` events), with where each linked case stands now. */
import { sql } from 'kysely';
import type { Db } from '../db.js';
import { caseStreamId } from './cases.js';

export interface CaseLinkRow {
  case_id: string;
  linked_at: Date;
  kind: string | null;
  stage: string | null;
  status: string | null;
  outcome: string | null;
}

export async function linksOf(db: Db, caseId: string): Promise<CaseLinkRow[]> {
  const { rows } = await sql<CaseLinkRow>`
    select e.data->>'caseId' as case_id, e.recorded_at as linked_at, c.kind, c.stage, c.status, c.outcome
    from events e left join cases c on c.case_id = (e.data->>'caseId')::uuid
    where e.stream_id = ${caseStreamId(caseId)} and e.type = 'CaseLinked'
    order by e.stream_position`.execute(db);
  return rows;
}

/**
 * Decisions on possible matches, read from the case's own history (a `CaseLinked` with reason
 * `same_person`, or a `PersonMatchDecided`: the same events are on both cases), and the
 * suggestions searches made (`possible_matches`), for the coordinators' count of unresolved ones.
 */
import { sql } from 'kysely';
import type { MatchDecision } from '../domain/shared/person-match.js';
import type { Db } from './db.js';
import { caseStreamId } from './projections/cases.js';

/** The latest decision this case records about each other case it was matched with. */
export async function matchDecisionsOf(db: Db, caseId: string): Promise<Map<string, MatchDecision>> {
  const { rows } = await sql<{ other: string; decision: MatchDecision }>`
    select distinct on (data->>'caseId') data->>'caseId' as other,
      case when type = 'CaseLinked' then 'same_person' else data->>'decision' end as decision
    from events
    where stream_id = ${caseStreamId(caseId)}
      and (type = 'PersonMatchDecided' or (type = 'CaseLinked' and data->>'reason' = 'same_person'))
    order by data->>'caseId', stream_position desc`.execute(db);
  return new Map(rows.map((r) => [r.other, r.decision]));
}

export interface PersonCase {
  case_id: string;
  person_id: string;
  kind: string;
  stage: string;
  status: string;
  host_country: string;
  origin_country: string;
}

/** The cases of these persons (a person re-screened, or found again, has several). */
export async function casesOfPersons(db: Db, personIds: readonly string[]): Promise<PersonCase[]> {
  if (personIds.length === 0) return [];
  const { rows } = await sql<PersonCase>`
    select case_id, state->>'personId' as person_id, kind, stage, status, host_country, origin_country
    from cases where state->>'personId' = any(${personIds}::text[])
    order by opened_at, case_id`.execute(db);
  return rows;
}

/** Remembers what a search suggested for a case (whoever asked: the same work every time). */
export async function rememberPossibleMatches(db: Db, caseId: string, found: { caseId: string; score: number }[]): Promise<void> {
  const others = found.filter((f) => f.caseId !== caseId);
  if (others.length === 0) return;
  await db
    .insertInto('possible_matches')
    .values(others.map((f) => ({ case_id: caseId, other_case_id: f.caseId, score: f.score })))
    .onConflict((oc) =>
      oc.columns(['case_id', 'other_case_id']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), found_at: sql`now()` })),
    )
    .execute();
}

/**
 * Per country (host or origin side), how many open cases have a possible match nobody has decided
 * on yet: a suggestion with no decision recorded on the case about that other case.
 */
export async function unresolvedMatchesByCountry(db: Db, country?: string): Promise<{ country: string; cases: number }[]> {
  const { rows } = await sql<{ country: string; cases: string }>`
    with unresolved as (
      select distinct c.case_id, c.host_country, c.origin_country
      from possible_matches pm join cases c on c.case_id = pm.case_id
      where c.status = 'open'
        and not exists (
          select 1 from events e
          where e.stream_id = 'case-' || pm.case_id::text and e.data->>'caseId' = pm.other_case_id::text
            and (e.type = 'PersonMatchDecided' or (e.type = 'CaseLinked' and e.data->>'reason' = 'same_person')))
    )
    select country, count(*) as cases from (
      select case_id, trim(host_country) as country from unresolved
      union select case_id, trim(origin_country) from unresolved
    ) sides
    ${country ? sql`where country = ${country}` : sql``}
    group by country order by country`.execute(db);
  return rows.map((r) => ({ country: r.country, cases: Number(r.cases) }));
}

/**
 * A period summary in the shape agencies publish: victims repatriated (arrival home confirmed in
 * the period) by sex, age group, nationality and corridor; suspects transferred (custody
 * confirmed) and how many were foreign nationals; cases ended early, by reason.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { PeriodSummary } from './shapes.js';
import type { CorridorFilter } from './monitoring.js';
import { TRANSFER_STREAM_TYPE } from './projections/transfer-cases.js';
import { REPATRIATION_STREAM_TYPE } from './projections/cases.js';

export async function periodSummary(db: Db, period: { from: string; to: string }, filter: CorridorFilter = {}): Promise<PeriodSummary> {
  const inPeriod = sql`e.recorded_at >= ${period.from}::date and e.recorded_at < (${period.to}::date + 1)`;
  const corridor = filter.corridor?.split('-');
  const victimFilter = sql.join(
    [
      sql`true`,
      ...(filter.country ? [sql`(c.host_country = ${filter.country} or c.origin_country = ${filter.country})`] : []),
      ...(corridor ? [sql`c.host_country = ${corridor[0]} and c.origin_country = ${corridor[1]}`] : []),
    ],
    sql` and `,
  );

  const { rows: victims } = await sql<{ sex: string; age_group: string; origin_country: string; corridor: string; n: string }>`
    select c.sex, c.age_group, c.origin_country, c.host_country || '-' || c.origin_country as corridor, count(*) as n
    from events e
    join streams s on s.stream_id = e.stream_id and s.stream_type = ${REPATRIATION_STREAM_TYPE}
    join cases c on 'case-' || c.case_id = e.stream_id
    where e.type = 'ArrivalConfirmed' and ${inPeriod} and ${victimFilter}
    group by 1, 2, 3, 4`.execute(db);

  const { rows: ended } = await sql<{ reason: string; n: string }>`
    select e.data ->> 'outcome' as reason, count(*) as n
    from events e
    join streams s on s.stream_id = e.stream_id and s.stream_type = ${REPATRIATION_STREAM_TYPE}
    join cases c on 'case-' || c.case_id = e.stream_id
    where e.type = 'CaseClosed' and (e.data ->> 'completed')::boolean = false and ${inPeriod} and ${victimFilter}
    group by 1`.execute(db);

  const { rows: suspects } = await sql<{ nationality: string; foreign: boolean; n: string }>`
    select o.data ->> 'nationality' as nationality, (o.data ->> 'nationality') <> (o.data ->> 'holdingCountry') as foreign, count(*) as n
    from events e
    join streams s on s.stream_id = e.stream_id and s.stream_type = ${TRANSFER_STREAM_TYPE}
    join events o on o.stream_id = e.stream_id and o.stream_position = 1
    where e.type = 'CustodyConfirmed' and ${inPeriod}
    group by 1, 2`.execute(db);

  const tally = <R extends { n: string }>(rows: R[], key: (r: R) => string) =>
    rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + Number(r.n) }), {});
  const total = (rows: { n: string }[]) => rows.reduce((sum, r) => sum + Number(r.n), 0);
  return {
    from: period.from,
    to: period.to,
    victimsRepatriated: {
      total: total(victims),
      bySex: tally(victims, (r) => r.sex),
      byAgeGroup: tally(victims, (r) => r.age_group),
      byNationality: tally(victims, (r) => r.origin_country.trim()),
      byCorridor: tally(victims, (r) => r.corridor.replace(/\s/g, '')),
    },
    suspectsTransferred: {
      total: total(suspects),
      foreignNationals: total(suspects.filter((r) => r.foreign)),
      byNationality: tally(suspects, (r) => r.nationality),
    },
    endedEarly: { total: total(ended), byReason: tally(ended, (r) => r.reason) },
  };
}

/** The summary flattened for spreadsheets: one row per figure. */
export function summaryToCsv(summary: PeriodSummary): string {
  const lines = ['section,dimension,value,count'];
  const add = (section: string, dimension: string, value: string, count: number) =>
    lines.push([section, dimension, value, String(count)].join(','));
  const v = summary.victimsRepatriated;
  add('victims_repatriated', 'total', '', v.total);
  for (const [dimension, counts] of [
    ['sex', v.bySex],
    ['age_group', v.byAgeGroup],
    ['nationality', v.byNationality],
    ['corridor', v.byCorridor],
  ] as const) {
    for (const [value, count] of Object.entries(counts)) add('victims_repatriated', dimension, value, count);
  }
  add('suspects_transferred', 'total', '', summary.suspectsTransferred.total);
  add('suspects_transferred', 'foreign_nationals', '', summary.suspectsTransferred.foreignNationals);
  for (const [value, count] of Object.entries(summary.suspectsTransferred.byNationality))
    add('suspects_transferred', 'nationality', value, count);
  add('ended_early', 'total', '', summary.endedEarly.total);
  for (const [value, count] of Object.entries(summary.endedEarly.byReason)) add('ended_early', 'reason', value, count);
  return `${lines.join('\n')}\n`;
}

/**
 * The P4/P5 data set: N cases with ~20 events each (100,000 cases / ~2,000,000 events in a full run),
 * written set-based (generate_series) into a schema of its own, once: a later run finds the marker
 * and reuses it, unless the case histories the decider produces have changed since.
 * Histories are prefixes of two real paths (adult, child); 30% of cases run to closing, the rest
 * stop somewhere in the first stages, so lists and stalled queries see a mix of stages and states.
 * The `cases` read model is then built by the real rebuild (store/projections/index.ts).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { resolveDeadlinePolicy } from '../domain/repatriation/index.js';
import { createDb } from '../store/db.js';
import { rebuildProjections } from '../store/projections/index.js';
import { inSchema, prepareSchema } from './database.js';
import { caseHistory } from './event-template.js';
import { CORRIDORS } from './fixtures.js';

/** Bump when the seed's shape changes, so existing seeds are rebuilt. */
const SEED_VERSION = 3;
/** A whole history is at least this long (the padding is follow-up visits); the mean case has ~20. */
const FULL_LENGTH = 40;

export interface Seed {
  schema: string;
  url: string;
  cases: number;
  events: number;
  /** Whether this run wrote it (false: reused from an earlier run). */
  created: boolean;
  seconds: number;
}

/** The id of the i-th seeded case (1-based), as Postgres computes it: md5(...)::uuid. */
export function seededCaseId(i: number): string {
  const hex = createHash('md5').update(`homeward-bench-case-${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function ensureSeed(baseUrl: string, cases: number, log: (line: string) => void): Promise<Seed> {
  const schema = `seed_${cases}`;
  const url = inSchema(baseUrl, schema);
  const templates = [caseHistory({ child: false, minLength: FULL_LENGTH }), caseHistory({ child: true, minLength: FULL_LENGTH })];
  const fingerprint = createHash('sha256').update(JSON.stringify({ SEED_VERSION, cases, templates, CORRIDORS })).digest('hex');

  await prepareSchema(baseUrl, schema, { fresh: false, migrate: true });
  const db = createDb(url, { max: 2 });
  try {
    await sql`create table if not exists bench_seed (fingerprint text not null, cases integer not null, events bigint not null)`.execute(
      db,
    );
    const marker = (await sql<{ fingerprint: string; events: string }>`select fingerprint, events from bench_seed`.execute(db)).rows[0];
    if (marker?.fingerprint === fingerprint) return { schema, url, cases, events: Number(marker.events), created: false, seconds: 0 };
  } finally {
    await db.destroy();
  }

  log(`seeding ${cases.toLocaleString('en-US')} cases into homeward_bench.${schema} (once; later runs reuse it)`);
  const started = performance.now();
  await prepareSchema(baseUrl, schema, { fresh: true, migrate: true });
  const seedDb = createDb(url, { max: 2 });
  try {
    await seedDb.transaction().execute(async (trx) => {
      await sql`set local work_mem = '256MB'`.execute(trx);
      await sql`create temp table tpl (variant int, pos int, type text, data jsonb) on commit drop`.execute(trx);
      for (const [variant, template] of templates.entries()) {
        await sql`insert into tpl select ${variant}, p, t, d from unnest(${template.map((e) => e.type)}::text[], ${template.map((e) =>
          JSON.stringify(e.data),
        )}::jsonb[]) with ordinality as x(t, d, p)`.execute(trx);
      }
      await sql`create temp table corridor (k int, host text, origin text, agency text, policy jsonb) on commit drop`.execute(trx);
      const policies = CORRIDORS.map((c) => JSON.stringify(resolveDeadlinePolicy(c.host, c.origin)));
      await sql`insert into corridor select k - 1, h, o, a, p from unnest(${CORRIDORS.map((c) => c.host)}::text[], ${CORRIDORS.map((c) => c.origin)}::text[],
        ${CORRIDORS.map((c) => c.agency)}::text[], ${policies}::jsonb[]) with ordinality as x(h, o, a, p, k)`.execute(trx);
      // Case i: opened between two years ago and now; its events spread evenly up to now.
      await sql`create temp table seed_cases on commit drop as
        select i, md5('homeward-bench-case-' || i)::uuid as case_id, md5('homeward-bench-person-' || i)::uuid as person_id,
               case when i % 7 = 0 then 1 else 0 end as variant,
               case when i % 10 >= 3 then 2 + (i * 7919) % 21 when i % 7 = 0 then ${templates[1]!.length} else ${templates[0]!.length} end as len,
               now() - interval '730 days' + i * (interval '730 days' / ${cases}) as opened_at,
               c.host, c.origin, c.agency, c.policy, case when i % 3 = 0 then 'male' else 'female' end as sex
        from generate_series(1, ${cases}) i join corridor c on c.k = i % ${CORRIDORS.length}`.execute(trx);
      await sql`alter table seed_cases add column step interval`.execute(trx);
      await sql`update seed_cases set step = least(interval '5 days', (now() - opened_at) / (len + 1))`.execute(trx);
      await sql`insert into streams (stream_id, stream_type, version, created_at, updated_at)
        select 'case-' || case_id, 'victim_repatriation', len, opened_at, opened_at + (len - 1) * step from seed_cases`.execute(trx);
      await sql`insert into events (stream_id, stream_position, event_id, type, data, metadata, actor_id, agency_id, recorded_at)
        select 'case-' || c.case_id, t.pos, gen_random_uuid(), t.type,
               case when t.pos = 1 then t.data || jsonb_build_object('caseId', c.case_id, 'personId', c.person_id, 'sex', c.sex,
                      'hostCountry', c.host, 'originCountry', c.origin, 'owningAgencyId', c.agency)
                    when t.type = 'DeadlinePolicyApplied' then t.data || jsonb_build_object('policy', c.policy)
                    else t.data end,
               jsonb_build_object('commandType', 'seed'), 'u-bench-seed', c.agency, c.opened_at + (t.pos - 1) * c.step
        from seed_cases c join tpl t on t.variant = c.variant and t.pos <= c.len
        order by c.opened_at + (t.pos - 1) * c.step, c.i, t.pos`.execute(trx);
    });
    log(`  events written in ${((performance.now() - started) / 1000).toFixed(0)} s; building the cases read model`);
    const report = await rebuildProjections(seedDb);
    await sql`analyze`.execute(seedDb);
    await sql`create table if not exists bench_seed (fingerprint text not null, cases integer not null, events bigint not null)`.execute(
      seedDb,
    );
    await sql`insert into bench_seed values (${fingerprint}, ${cases}, ${report.events})`.execute(seedDb);
    const seconds = (performance.now() - started) / 1000;
    log(
      `  seeded ${report.cases.toLocaleString('en-US')} cases / ${report.events.toLocaleString('en-US')} events in ${seconds.toFixed(0)} s`,
    );
    return { schema, url, cases: report.cases, events: report.events, created: true, seconds };
  } finally {
    await seedDb.destroy();
  }
}

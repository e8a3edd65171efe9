/**
 * How the projection rebuild loads its rows (store/projections/rebuild-io.ts, rebuild-tables.ts):
 * COPY reads every value back as it was written, and the indexes and constraints it drops for the
 * load are all there again, as the migrations made them, once a rebuild commits.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, onOneConnection } from '../../store/db.js';
import { rebuildProjections } from '../../store/projections/index.js';
import { copyRows, Pipeline } from '../../store/projections/rebuild-io.js';

const db = createDb(inject('databaseUrl'), { max: 2 });
afterAll(async () => db.destroy());

describe('rebuild load', () => {
  it('COPY reads back text with tabs, newlines and backslashes, JSON, times, dates, booleans and NULLs as written', async () => {
    const rows = [
      {
        id: 1,
        label: 'tab\there, newline\nthere, return\rand back\\slash \\N, quote " and ünïcödé',
        doc: { path: 'C:\\cases\\7', note: 'line one\nline two\tindented', nested: { list: [1, 'two', null], flag: true } },
        at: new Date('2026-11-23T15:51:39.123Z'),
        day: '2027-02-01',
        done: true,
      },
      { id: 2, label: '\\N', doc: null, at: new Date('1969-12-31T23:59:59.999Z'), day: null, done: false },
      { id: 3, label: '', doc: [], at: null, day: '2026-01-10', done: null },
    ];
    const readBack = await onOneConnection(db, ({ db: connection, client }) =>
      connection.transaction().execute(async (trx) => {
        await sql`create temp table copied (id int, label text, doc jsonb, at timestamptz, day date, done boolean) on commit drop`.execute(
          trx,
        );
        const pipeline = new Pipeline();
        copyRows({ trx, client, pipeline }, 'copied', rows);
        await pipeline.drain();
        const { rows: copied } = await sql<Record<string, unknown>>`select * from copied order by id`.execute(trx);
        return copied;
      }),
    );
    expect(readBack).toEqual(rows);
  });

  it('a failed load reports the first failure, sends nothing after it, and the pool goes on with a fresh connection', async () => {
    const sentAfter: string[] = [];
    const load = onOneConnection(db, ({ db: connection, client }) =>
      connection.transaction().execute(async (trx) => {
        await sql`create temp table copied (id int not null) on commit drop`.execute(trx);
        const pipeline = new Pipeline();
        copyRows({ trx, client, pipeline }, 'copied', [{ id: 1 }, { id: null }]);
        void pipeline.start(async () => void sentAfter.push('statement after the failed COPY'));
        await pipeline.drain();
      }),
    );
    await expect(load).rejects.toThrow(/null value in column "id"/);
    expect(sentAfter).toEqual([]);
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
  });

  it('a rebuild leaves the read models with the indexes and constraints the migrations made', async () => {
    const definitions = async () => {
      const { rows } = await sql<{ definition: string }>`
        select pg_get_indexdef(x.indexrelid) as definition from pg_index x
        where x.indrelid = any(array['cases', 'tasks', 'case_parties', 'stage_visits']::regclass[])
        union all
        select c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) from pg_constraint c
        where c.conrelid = any(array['cases', 'tasks', 'case_parties', 'stage_visits']::regclass[])
        order by 1`.execute(db);
      return rows.map((r) => r.definition);
    };
    const before = await definitions();
    expect(before.some((d) => d.includes('PRIMARY KEY'))).toBe(true);
    expect(before.some((d) => d.includes('tasks_open_by_agency'))).toBe(true);
    await rebuildProjections(db);
    expect(await definitions()).toEqual(before);
  });
});

/**
 * The read-model tables a rebuild refills: emptied with TRUNCATE, and loaded without their indexes,
 * which are built again once the rows are in. Building an index from all the rows at once (one
 * sort) costs a fraction of maintaining it row by row (most of all a primary key on random UUIDs),
 * and a truncated table has no dead rows from the last rebuild to skip. The definitions are read
 * from the catalog, so the migrations stay the one place that defines them.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A primary key or unique constraint, or an index that backs no constraint: dropped for the load, then made again. */
interface Index {
  /** `alter table ... drop constraint ...` or `drop index ...`. */
  drop: string;
  create: string;
}

/**
 * Takes the tables for the rebuild's transaction (ACCESS EXCLUSIVE: readers wait for the commit
 * instead of seeing the old rows, which TRUNCATE and DROP INDEX require), empties them and drops
 * their indexes. A constraint that a foreign key depends on stays (a foreign key cannot lose it),
 * and so keeps checking row by row. Returns what makes the indexes again (primary keys and unique
 * constraints check the loaded rows as they are made); call it after the load. Tables are locked in
 * the order given, so list them in the order the inline projections lock them.
 */
export async function emptyForRebuild(trx: Transaction<Database>, tables: string[]): Promise<() => Promise<void>> {
  for (const table of tables) await sql`lock table ${sql.table(table)} in access exclusive mode`.execute(trx);
  const { rows: indexes } = await sql<Index>`
    select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname) as drop,
           format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) as create
    from pg_constraint c
    where c.conrelid = any(${tables}::regclass[]) and c.contype in ('p', 'u')
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid)
    union all
    select format('drop index %s', x.indexrelid::regclass), pg_get_indexdef(x.indexrelid)
    from pg_index x
    where x.indrelid = any(${tables}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(trx);
  await sql`truncate table ${sql.join(tables.map((table) => sql.table(table)))}`.execute(trx);
  for (const index of indexes) await sql.raw(index.drop).execute(trx);
  return async () => {
    // Index builds sort the whole table: give them memory enough to sort a large read model in one pass.
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    for (const index of indexes) await sql.raw(index.create).execute(trx);
  };
}

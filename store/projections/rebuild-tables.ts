/**
 * The read-model tables a rebuild refills: emptied with TRUNCATE, and loaded without their secondary
 * indexes, which are built again once the rows are in. Building an index from all the rows at once
 * (one sort) costs a fraction of maintaining it row by row, and a truncated table has no dead rows
 * from the last rebuild to skip. The index definitions are read from the catalog, so the migrations
 * stay the one place that defines them.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

interface SecondaryIndex {
  /** Schema-qualified where needed, as `regclass` prints it. */
  name: string;
  definition: string;
}

/**
 * Takes the tables for the rebuild's transaction (ACCESS EXCLUSIVE: readers wait for the commit
 * instead of seeing the old rows, which TRUNCATE and DROP INDEX require), empties them and drops
 * their indexes that back no constraint. Returns what recreates those indexes; call it after the load.
 * Tables are locked in the order given, so list them in the order the inline projections lock them.
 */
export async function emptyForRebuild(trx: Transaction<Database>, tables: string[]): Promise<() => Promise<void>> {
  for (const table of tables) await sql`lock table ${sql.table(table)} in access exclusive mode`.execute(trx);
  const { rows: indexes } = await sql<SecondaryIndex>`
    select x.indexrelid::regclass::text as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x
    where x.indrelid = any(${tables}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by x.indexrelid`.execute(trx);
  await sql`truncate table ${sql.join(tables.map((table) => sql.table(table)))}`.execute(trx);
  for (const index of indexes) await sql`drop index ${sql.raw(index.name)}`.execute(trx);
  return async () => {
    // Index builds sort the whole table: give them memory enough to sort a large read model in one pass.
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    for (const index of indexes) await sql.raw(index.definition).execute(trx);
  };
}

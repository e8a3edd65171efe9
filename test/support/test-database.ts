/**
 * The test database as every run starts from it (the vitest runs, the cluster runs, the browser
 * tests' server): migrated, its data tables emptied, the agency registry seeded. A database that
 * cannot be reached fails the run with the reason (never a skipped test).
 */
import { sql } from 'kysely';
import { migrateToLatest } from '../../migrations/index.js';
import { seedRegistry } from '../../store/agencies.js';
import { createDb, type Db } from '../../store/db.js';

export async function prepareTestDatabase(databaseUrl: string): Promise<void> {
  const db = createDb(databaseUrl, { max: 2 });
  try {
    await migrateToLatest(db);
    await emptyDataTables(db);
    await seedRegistry(db);
  } catch (error) {
    throw new Error(
      `Test database not reachable at ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}; run \`npm run setup\`: ${String(error)}`,
      { cause: error },
    );
  } finally {
    await db.destroy();
  }
}

/**
 * Each run starts from empty data tables, so runs do not depend on each other and whole-database
 * operations (the projection rebuild test) stay as cheap as on a fresh CI machine. The schema and
 * the migration bookkeeping stay. TRUNCATE skips the row triggers that keep events append-only.
 */
export async function emptyDataTables(db: Db): Promise<void> {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_migration%'`.execute(db);
  if (rows.length === 0) return;
  await sql`truncate table ${sql.join(rows.map((r) => sql.table(r.tablename)))} restart identity cascade`.execute(db);
}

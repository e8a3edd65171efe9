/**
 * A Postgres schema of its own for a volume test, in the test database: migrated and seeded like
 * it, reached through connection strings that put the schema on the search path, and dropped
 * afterwards, so that thousands of cases per run do not pile up in the shared test database (where
 * every later projection rebuild would have to fold them again).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { migrateToLatest } from '../../migrations/index.js';
import { seedRegistry } from '../../store/agencies.js';
import { createDb } from '../../store/db.js';

export interface IsolatedSchema {
  name: string;
  urls: { owner: string; app: string };
  drop(): Promise<void>;
}

const onSearchPath = (url: string, schema: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
};

export async function isolatedSchema(): Promise<IsolatedSchema> {
  const name = `volume_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = createDb(inject('databaseUrl'), { max: 1 });
  await sql`create schema ${sql.id(name)}`.execute(admin);
  await sql
    .raw(
      `do $$ begin if exists (select from pg_roles where rolname = 'homeward_app') then grant usage on schema ${name} to homeward_app; end if; end $$`,
    )
    .execute(admin);
  // Kysely's migrator looks for its bookkeeping tables in every schema and would find the shared
  // ones; created here first, they are the ones its unqualified queries reach on this search path.
  await sql
    .raw(
      `create table ${name}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null);
    create table ${name}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`,
    )
    .execute(admin);
  const urls = { owner: onSearchPath(inject('databaseUrl'), name), app: onSearchPath(inject('appDatabaseUrl'), name) };
  const db = createDb(urls.owner, { max: 1 });
  try {
    await migrateToLatest(db);
    await seedRegistry(db);
  } finally {
    await db.destroy();
  }
  return {
    name,
    urls,
    async drop() {
      await sql`drop schema ${sql.id(name)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}

/**
 * The bench's database: `homeward_bench`, one Postgres schema per purpose, so the 100k-case seed
 * survives runs while the live schemas start empty on every run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from '../migrations/index.js';
import { DATA_DIR } from '../platform/config.js';
import { seedRegistry } from '../store/agencies.js';
import { createDb } from '../store/db.js';

/** BENCH_DATABASE_URL, or the app's development database URL pointed at `homeward_bench`. */
export function benchDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BENCH_DATABASE_URL) return env.BENCH_DATABASE_URL;
  const file = join(DATA_DIR, 'database-url');
  if (!existsSync(file)) throw new Error('No database URL: run `npm run setup` (it creates <database>_bench) or set BENCH_DATABASE_URL');
  const url = new URL(readFileSync(file, 'utf8').trim());
  url.pathname = `${url.pathname}_bench`;
  return url.toString();
}

/** The same database with every unqualified table name resolved in `schema` only. */
export function inSchema(url: string, schema: string, settings: Record<string, string> = {}): string {
  const withPath = new URL(url);
  const options = Object.entries({ search_path: schema, ...settings }).map(([name, value]) => `-c ${name}=${value}`);
  withPath.searchParams.set('options', options.join(' '));
  return withPath.toString();
}

/** Creates `schema` (dropping it first when `fresh`), runs Homeward's migrations in it and seeds the agency registry. */
export async function prepareSchema(url: string, schema: string, options: { fresh: boolean; migrate: boolean }): Promise<void> {
  const admin = createDb(url, { max: 1 });
  try {
    if (options.fresh) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
    await sql`create schema if not exists ${sql.id(schema)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  if (!options.migrate) return;
  // Function bodies are not checked: migration 0006 pins its RLS helper to `public`, which the bench's
  // schemas are not. The bench connects as the tables' owner, to whom row-level security does not apply.
  const db = createDb(inSchema(url, schema, { check_function_bodies: 'off' }), { max: 1 });
  try {
    // Kysely's migrator looks for its bookkeeping tables in every schema, so with another bench
    // schema migrated it would skip creating them here and then fail to find them: create them first.
    await sql`create table if not exists kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(db);
    await sql`create table if not exists kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`.execute(
      db,
    );
    await migrateToLatest(db);
    // The API admits only tokens of registered agencies, as after `npm run setup`.
    await seedRegistry(db);
  } finally {
    await db.destroy();
  }
}

export const redact = (url: string): string => url.replace(/:[^:@/]+@/, ':***@');

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// Dates stay ISO strings ('YYYY-MM-DD'): a calendar date has no time zone to be shifted into.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

const pools = new WeakMap<Db, pg.Pool>();

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** The connection string `db` was made with (rebuild worker threads open their own connections with it). */
export const connectionStringOf = (db: Db): string | undefined => pools.get(db)?.options.connectionString;

/**
 * Runs `work` on one connection of the pool behind `db`, both as Kysely and as the pg client, for
 * what Kysely cannot say (COPY). Statements of both kinds run in the order they are sent.
 */
export async function onOneConnection<T>(db: Db, work: (connection: { db: Db; client: pg.PoolClient }) => Promise<T>): Promise<T> {
  const pool = pools.get(db);
  if (!pool) throw new Error('onOneConnection: the Db was not made by createDb');
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Kysely asks its "pool" for a connection for each transaction and releases it after: give it this client, kept.
    const kept = { query: client.query.bind(client), release: () => undefined } as unknown as pg.PoolClient;
    const single = new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: async () => kept, end: async () => undefined } }) });
    return await work({ db: single, client });
  } catch (error) {
    // After a failure the connection may be mid-COPY or mid-transaction: do not hand it to the next user.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// Dates stay ISO strings ('YYYY-MM-DD'): a calendar date has no time zone to be shifted into.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

const pools = new WeakMap<Db, pg.Pool>();

/** Statement text -> the name it is prepared under on each connection. */
const preparedStatements = new Map<string, string>();

/**
 * Registers a hot statement, sent by its exact text, to be parsed and planned once per connection
 * (a named prepared statement) instead of on every call: planning the same text again is a large
 * share of a short statement's Postgres time (the event store's append). Kysely sends text
 * and parameters only, so the connections of `createDb` recognise the text. Only for a fixed text:
 * one name, one text.
 *
 * @example
 * const APPEND = preparedStatement('append', 'select * from homeward_append_event_list($1, $2)');
 * await db.executeQuery(CompiledQuery.raw(APPEND, [streamId, events]));
 * // first use on a connection: Parse "append", then Bind/Execute; afterwards Bind/Execute only
 */
export function preparedStatement(name: string, text: string): string {
  const known = [...preparedStatements].find(([, n]) => n === name);
  if (known && known[0] !== text) throw new Error(`preparedStatement: "${name}" is already another statement`);
  preparedStatements.set(text, name);
  return text;
}

/**
 * Where a connection's or pool's failure is reported. An `error` event with no listener ends the
 * process (Node's EventEmitter rule): Postgres restarting (57P01) or the network dropping must not.
 * The failed connection is already unusable; the pool drops it and opens a fresh one on demand.
 */
let reportConnectionError: (error: Error) => void = () => undefined;

/** Installs where connection failures are logged (once per process, e.g. the process's logger). */
export function onConnectionError(report: (error: Error) => void): void {
  reportConnectionError = report;
}

/** A connection that sends a registered statement text as its named prepared statement. */
class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // Always listened to: the pool listens only while the client is idle, not while it is lent out.
    this.on('error', (error: Error) => reportConnectionError(error));
  }

  override query(...args: any[]): any {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 ? preparedStatements.get(text) : undefined;
    if (name) return super.query({ name, text, values });
    return (super.query as (...all: any[]) => any)(...args);
  }
}

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    Client: PreparingClient,
    // Postgres unreachable: fail the request fast (503) instead of waiting for the OS's TCP timeout.
    connectionTimeoutMillis: 10_000,
    // TCP keepalive notices a peer that vanished without closing (a cut network) on an idle connection.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  pool.on('error', (error) => reportConnectionError(error));
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
    const single = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: { connect: async () => kept, end: async () => undefined } }),
    });
    return await work({ db: single, client });
  } catch (error) {
    // After a failure the connection may be mid-COPY or mid-transaction: do not hand it to the next user.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

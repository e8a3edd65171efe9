/**
 * Every metric Homeward exports, in Prometheus format, defined in this one module. Each process
 * (an API instance, a worker) makes one registry with `createMetrics` and exposes it: the API at
 * `GET /metrics`, the worker on its metrics port (together with the Temporal SDK's own metrics).
 *
 * Labels carry codes only - route patterns (never URLs), status codes, action types, activity
 * names, country codes - never a case id, a person id or anything a client typed freely: a label
 * value is chosen by the code, or it is "other".
 */
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../store/db.js';

export interface HomewardMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  actions: Counter<'track' | 'type' | 'outcome'>;
  activityDuration: Histogram<'activity' | 'local' | 'outcome'>;
  webhookDeliveries: Counter<'outcome'>;
}

/** Seconds: from a cached read (a few ms) to a case action waiting on a busy Temporal (tens of seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface MetricsOptions {
  /** Gauges read from Postgres when scraped (outbox backlog, stalled cases): give the owner connection. */
  db?: Db;
  /** Added to every series, e.g. `{ process: 'api' }`. */
  defaultLabels?: Record<string, string>;
}

export function createMetrics(options: MetricsOptions = {}): HomewardMetrics {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  collectDefaultMetrics({ register: registry, prefix: 'homeward_' });
  const registers = [registry];
  const metrics: HomewardMetrics = {
    registry,
    httpRequestDuration: new Histogram({
      name: 'homeward_http_request_duration_seconds',
      help: 'HTTP requests by route pattern and status, with their latency (the count is the number of requests).',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    actions: new Counter({
      name: 'homeward_actions_total',
      help: 'Case and transfer actions by type and outcome (accepted, refused, conflict, forbidden, not_found, invalid, timeout, error).',
      labelNames: ['track', 'type', 'outcome'],
      registers,
    }),
    activityDuration: new Histogram({
      name: 'homeward_activity_duration_seconds',
      help: 'Activities by name (the appends are append*Events), local or not, by outcome, with their latency.',
      labelNames: ['activity', 'local', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'homeward_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (delivered, failed: retried later).',
      labelNames: ['outcome'],
      registers,
    }),
  };
  if (options.db) registerDatabaseGauges(registry, options.db);
  return metrics;
}

/** At most this many stalled cases are counted per scrape: the gauge says "at least" beyond it. */
export const STALLED_COUNT_CAP = 100_000;

/**
 * Gauges computed from Postgres when scraped. Each scrape runs two small queries under a statement
 * timeout, on the partial indexes of open cases and undelivered webhooks; a scrape that finds
 * Postgres slow keeps the last values rather than failing. Every instance exports the same values:
 * aggregate them with max(), not sum().
 */
function registerDatabaseGauges(registry: Registry, db: Db): void {
  let refreshing: Promise<void> | undefined;
  let lastRefresh = 0;
  const stalled = new Gauge({
    name: 'homeward_stalled_cases',
    help: `Open cases past their current step's deadline, by the country holding the step (counted up to ${STALLED_COUNT_CAP}).`,
    labelNames: ['country'],
    registers: [registry],
    collect: () => refresh(),
  });
  const backlog = new Gauge({
    name: 'homeward_outbox_backlog',
    help: 'Webhook deliveries not yet delivered: all of them, and those that have failed at least once.',
    labelNames: ['state'],
    registers: [registry],
    collect: () => refresh(),
  });
  const oldest = new Gauge({
    name: 'homeward_outbox_oldest_undelivered_seconds',
    help: 'Age of the oldest undelivered notification (0 when none waits).',
    registers: [registry],
    collect: () => refresh(),
  });

  // The three gauges share one refresh per scrape (and at most one a second).
  const refresh = (): Promise<void> => {
    if (Date.now() - lastRefresh < 1000) return refreshing ?? Promise.resolve();
    lastRefresh = Date.now();
    refreshing = readDatabaseGauges(db)
      .then((values) => {
        stalled.reset();
        for (const [country, count] of values.stalledByCountry) stalled.set({ country }, count);
        backlog.set({ state: 'undelivered' }, values.undelivered);
        backlog.set({ state: 'failing' }, values.failing);
        oldest.set(values.oldestSeconds);
      })
      .catch(() => undefined);
    return refreshing;
  };
}

interface DatabaseGauges {
  stalledByCountry: [string, number][];
  undelivered: number;
  failing: number;
  oldestSeconds: number;
}

async function readDatabaseGauges(db: Db): Promise<DatabaseGauges> {
  return db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = '2s'`.execute(trx);
    const stalled = await sql<{ country: string; count: string }>`
      select trim(holder_country) as country, count(*) as count
      from (select holder_country from cases where status = 'open' and step_due_at < now() limit ${STALLED_COUNT_CAP}) overdue
      group by 1`.execute(trx);
    const outbox = await sql<{ undelivered: string; failing: string; oldest_seconds: string | null }>`
      select count(*) as undelivered, count(*) filter (where d.last_error is not null) as failing,
             extract(epoch from now() - min(n.created_at)) as oldest_seconds
      from webhook_deliveries d join notifications n on n.notification_id = d.notification_id
      where d.delivered_at is null`.execute(trx);
    const row = outbox.rows[0];
    return {
      stalledByCountry: stalled.rows.map((r) => [countryLabel(r.country), Number(r.count)]),
      undelivered: Number(row?.undelivered ?? 0),
      failing: Number(row?.failing ?? 0),
      oldestSeconds: Number(row?.oldest_seconds ?? 0),
    };
  });
}

const countryLabel = (value: string | null): string => (value && /^[A-Z]{2}$/.test(value) ? value : 'other');

/** A label value from a fixed vocabulary: snake_case codes pass, anything else (free text, ids) is "other". */
export const codeLabel = (value: unknown): string => (typeof value === 'string' && /^[a-z][a-z_]{0,63}$/.test(value) ? value : 'other');

/**
 * Recognises a failure that means "a dependency is away for now" (Postgres restarting, the network
 * to it cut, the Temporal server down), so the API answers 503 with Retry-After instead of a 500:
 * the client resends with the same Idempotency-Key once the dependency is back, and nothing is
 * written twice.
 */

/** gRPC status codes meaning the server could not be reached or did not answer. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Node socket errors of a peer that is not there. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * Postgres SQLSTATEs of a server going away or not taking connections: class 08 (connection
 * exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
 */
const POSTGRES_AWAY = /^(08...|57P0[123]|53300)$/;

/** Messages of node-postgres for a connection that broke or never came (it sets no code on them). */
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /not queryable/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];

/** The error and its causes (`cause`, AggregateError's `errors`), outermost first, without cycles. */
function* causes(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const record = next as Record<string, unknown>;
    yield record;
    queue.push(record.cause);
    if (Array.isArray(record.errors)) queue.push(...record.errors);
  }
}

/**
 * FAILED_PRECONDITION with this text: the workflow's last task failed (e.g. its worker was killed
 * mid-task) and the server takes no update until a worker has run the task again - for now only.
 */
const WORKFLOW_TASK_FAILED = /Workflow Task in failed state/;
const GRPC_FAILED_PRECONDITION = 9;

/** Temporal's server (or the network to it, or the case's workflow for a moment) is away: by gRPC status anywhere in the causes. */
export function isTemporalUnavailable(error: unknown): boolean {
  for (const cause of causes(error)) {
    const code = cause.code;
    if (!('metadata' in cause)) continue;
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
    // An update says so in its details; an Update-with-Start (the SDK rethrows the operation's status) in its message.
    if (
      code === GRPC_FAILED_PRECONDITION &&
      [cause.details, cause.message].some((text) => typeof text === 'string' && WORKFLOW_TASK_FAILED.test(text))
    )
      return true;
  }
  return false;
}

/** Postgres (or the network to it) is away: a connection failure, not a refusal of the statement. */
export function isPostgresUnavailable(error: unknown): boolean {
  for (const cause of causes(error)) {
    const code = cause.code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || POSTGRES_AWAY.test(code))) return true;
    const message = cause.message;
    if (typeof message === 'string' && PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/** What the 503 says: which dependency is away, never the error's own text (it may name hosts). */
export function unavailableDependency(error: unknown): 'postgres' | 'temporal' | undefined {
  if (isTemporalUnavailable(error)) return 'temporal';
  if (isPostgresUnavailable(error)) return 'postgres';
  return undefined;
}

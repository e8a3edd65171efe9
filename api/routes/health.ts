import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';

const PROBE_MS = 3000;

const Check = Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) });

/** Liveness and readiness for load balancers: ready only when Postgres and Temporal answer. */
export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/healthz', { schema: { tags: ['health'], response: { 200: Check } } }, async () => ({ status: 'ok', checks: {} }));

    app.get('/readyz', { schema: { tags: ['health'], response: { 200: Check, 503: Check } } }, async (_request, reply) => {
      const [postgres, temporal] = await Promise.all([
        probe(() => sql`select 1`.execute(deps.db)),
        // A deadline on the call itself: the SDK would otherwise keep retrying it after the probe gave up.
        probe(() =>
          deps.temporal.connection.withDeadline(Date.now() + PROBE_MS, () => deps.temporal.connection.workflowService.getSystemInfo({})),
        ),
      ]);
      const ready = postgres === 'ok' && temporal === 'ok';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: { postgres, temporal } });
    });
  };

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), PROBE_MS).unref())]);
    return 'ok';
  } catch (error) {
    return `failing: ${(error as Error).message}`;
  }
}

/**
 * `GET /metrics` (Prometheus format) and the hooks that measure every request: by route pattern
 * (`/v1/cases/:caseId`, never the URL), method and status, and case and transfer actions by type
 * and outcome. Registered once, at the root, before the routes, so its hooks see all of them.
 * Serve /metrics to the scraper only (it needs no token, and carries no personal data).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { codeLabel, createMetrics, type HomewardMetrics } from '../platform/metrics.js';
import type { AppDeps } from './deps.js';

const ACTION_ROUTES: Record<string, string> = {
  '/v1/cases/:caseId/actions': 'victim',
  '/v1/transfers/:caseId/actions': 'suspect_transfer',
};

/** What became of an action, from the status the API answered with. */
export function actionOutcome(statusCode: number): string {
  if (statusCode < 300) return 'accepted';
  const named: Record<number, string> = { 400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };
  if (named[statusCode]) return named[statusCode];
  if (statusCode === 422) return 'refused';
  if (statusCode === 503) return 'timeout';
  return statusCode < 500 ? 'rejected' : 'error';
}

export const metricsPlugin = (deps: AppDeps, metrics: HomewardMetrics = createMetrics({ db: deps.db })): FastifyPluginAsync => {
  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      // The pattern the request matched; unmatched requests (404s) share one label.
      const route = request.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      metrics.httpRequestDuration.observe({ method: request.method, route, status_code: String(status) }, reply.elapsedTime / 1000);
      const track = ACTION_ROUTES[route];
      if (track && request.method === 'POST') {
        // A body that failed validation may carry anything in `type`: it is counted as "other".
        const type = status === 400 ? 'other' : codeLabel((request.body as { type?: unknown } | undefined)?.type);
        metrics.actions.inc({ track, type, outcome: actionOutcome(status) });
      }
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      const body = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(body);
    });
  };
  // Not encapsulated (what fastify-plugin does): the hook applies to every route of the app.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
};

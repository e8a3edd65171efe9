/**
 * The HTTP API as a Fastify app. Built by a factory so tests drive the same app with `inject`.
 * Unknown fields are errors, not silently dropped: a typo in a caseworker's client must show.
 */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { auditRequest } from './audit-request.js';
import { authenticateRequest } from './accounts/authenticate.js';
import type { AppDeps } from './deps.js';
import { errorHandler, httpRefusal, problems, rawProblemResponse, sendProblem } from './problem.js';
import { boundRequestSchemas } from './request-schemas.js';
import { requestValidatorCompiler } from './validators.js';
import { apiIndexRoutes } from './routes/api-index.js';
import { documentProblems } from './openapi.js';
import { actionRoutes } from './routes/actions.js';
import { batchReadRoutes } from './routes/batch-reads.js';
import { batchRoutes } from './routes/batches.js';
import { linkRoutes } from './routes/links.js';
import { metricsPlugin } from './metrics.js';
import { transferRoutes } from './routes/transfers.js';
import { consoleReadRoutes } from './routes/console-reads.js';
import { caseRoutes } from './routes/cases.js';
import { codecRoutes } from './routes/codec.js';
import { healthRoutes } from './routes/health.js';
import { personRoutes } from './routes/persons.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { webhookRoutes } from './routes/webhooks.js';
import { taskRoutes } from './routes/tasks.js';
import { auditRoutes } from './routes/audit.js';
import { agencyRoutes } from './routes/agencies.js';
import { authRoutes } from './routes/auth.js';
import { meRoutes } from './routes/me.js';
import { oidcRoutes } from './routes/oidc.js';
import { serviceTokenRoutes } from './routes/service-tokens.js';
import { userRoutes } from './routes/users.js';

/** A route as the app serves it, for tests that must cover every route (route-authentication.test.ts). */
export interface ServedRoute {
  method: string;
  url: string;
  isPublic: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, in order: collected by an onRoute hook before any route exists. */
    servedRoutes: ServedRoute[];
  }
}
import { possibleMatchRoutes } from './routes/possible-matches.js';
import { consoleRoutes } from './console.js';

export interface AppOptions {
  logger?: Logger | false;
  /** Browser origins (the Temporal UI) allowed to call the codec endpoint; default: the dev UI. */
  codecAllowedOrigins?: string[];
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger || undefined) as FastifyBaseLogger | undefined,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Refusals made before a route runs are problem documents too.
    frameworkErrors: (error, _request, reply) => sendProblem(reply, httpRefusal(error.statusCode ?? 400, error.message)),
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are JSON and nothing else: a text/plain body is a 415, not a string to validate.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  // Bodies are validated strictly; query strings, path parameters and headers convert only to the type their schema names.
  app.setValidatorCompiler(requestValidatorCompiler);
  app.addHook('onRoute', boundRequestSchemas);

  app.decorate('servedRoutes', [] as ServedRoute[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) app.servedRoutes.push({ method, url: route.url, isPublic: route.config?.public === true });
  });
  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authentication', null);
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problems.notFound(`No route ${request.method} ${request.url}.`)));

  // First, so its hooks measure every route registered after it; serves GET /metrics.
  await app.register(metricsPlugin(deps));
  await app.register(consoleRoutes());
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Homeward API',
        version: '0.1.0',
        description:
          'Cross-border repatriation of trafficking victims as durable cases. Every request carries a bearer JWT naming user, agency and role.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    // The document says what the server does: errors are problem documents, with every status a route can answer.
    transform: documentProblems,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(deps));
  await app.register(apiIndexRoutes());
  await app.register(codecRoutes(deps, { allowedOrigins: options.codecAllowedOrigins }), { prefix: '/codec' });
  await app.register(
    async (v1) => {
      // The one authentication of every /v1 route (api/accounts/authenticate.ts): session cookie or
      // bearer credential, a registered agency, the origin check on cookie writes. A route opts out
      // only with `config: { public: true }`; test/integration/route-authentication.test.ts lists them.
      v1.addHook('onRequest', async (request) => authenticateRequest(deps, request));
      // Every authenticated request leaves an access entry, refused ones included.
      v1.addHook('onResponse', async (request, reply) => auditRequest(deps, request, reply.statusCode));
      await v1.register(caseRoutes(deps));
      await v1.register(actionRoutes(deps));
      await v1.register(batchReadRoutes(deps));
      await v1.register(batchRoutes(deps));
      await v1.register(transferRoutes(deps));
      await v1.register(consoleReadRoutes(deps));
      await v1.register(linkRoutes(deps));
      await v1.register(personRoutes(deps));
      await v1.register(monitoringRoutes(deps));
      await v1.register(webhookRoutes(deps));
      await v1.register(taskRoutes(deps));
      await v1.register(auditRoutes(deps));
      await v1.register(agencyRoutes(deps));
      await v1.register(authRoutes(deps));
      await v1.register(oidcRoutes(deps));
      await v1.register(meRoutes(deps));
      await v1.register(userRoutes(deps));
      await v1.register(serviceTokenRoutes(deps));
      await v1.register(possibleMatchRoutes(deps));
    },
    { prefix: '/v1' },
  );
  return app;
}

/** A path parameter longer than this (ids are UUIDs) is refused with 414. */
export const MAX_PARAM_LENGTH = 100;

/** Errors of the HTTP parser (headers too large, a malformed request), answered as problem documents on the raw socket. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy(error);
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail =
    status === 431
      ? 'The request headers are larger than the server accepts.'
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request is not valid HTTP.';
  socket.end(rawProblemResponse(httpRefusal(status, detail)));
}

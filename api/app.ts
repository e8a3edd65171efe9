/**
 * The HTTP API as a Fastify app. Built by a factory so tests drive the same app with `inject`.
 * Unknown fields are errors, not silently dropped: a typo in a caseworker's client must show.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { auditRequest } from './audit-request.js';
import { verifyBearer } from './auth.js';
import type { AppDeps } from './deps.js';
import { errorHandler, problems, sendProblem } from './problem.js';
import { actionRoutes } from './routes/actions.js';
import { batchReadRoutes } from './routes/batch-reads.js';
import { batchRoutes } from './routes/batches.js';
import { linkRoutes } from './routes/links.js';
import { transferRoutes } from './routes/transfers.js';
import { caseRoutes } from './routes/cases.js';
import { codecRoutes } from './routes/codec.js';
import { healthRoutes } from './routes/health.js';
import { personRoutes } from './routes/persons.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { webhookRoutes } from './routes/webhooks.js';
import { taskRoutes } from './routes/tasks.js';
import { auditRoutes } from './routes/audit.js';
import { agencyRoutes } from './routes/agencies.js';

export interface AppOptions {
  logger?: Logger | false;
  /** Browser origins (the Temporal UI) allowed to call the codec endpoint; default: the dev UI. */
  codecAllowedOrigins?: string[];
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger || undefined) as FastifyBaseLogger | undefined,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, discriminator: true, allErrors: true } },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problems.notFound(`No route ${request.method} ${request.url}.`)));

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
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(deps));
  await app.register(codecRoutes(deps, { allowedOrigins: options.codecAllowedOrigins }), { prefix: '/codec' });
  await app.register(
    async (v1) => {
      v1.decorateRequest('actor', null as never);
      v1.addHook('onRequest', async (request) => {
        request.actor = await verifyBearer(deps.jwtSecret, request.headers.authorization);
      });
      // Every authenticated request leaves an access entry, refused ones included.
      v1.addHook('onResponse', async (request, reply) => auditRequest(deps, request, reply.statusCode));
      await v1.register(caseRoutes(deps));
      await v1.register(actionRoutes(deps));
      await v1.register(batchReadRoutes(deps));
      await v1.register(batchRoutes(deps));
      await v1.register(transferRoutes(deps));
      await v1.register(linkRoutes(deps));
      await v1.register(personRoutes(deps));
      await v1.register(monitoringRoutes(deps));
      await v1.register(webhookRoutes(deps));
      await v1.register(taskRoutes(deps));
      await v1.register(auditRoutes(deps));
      await v1.register(agencyRoutes(deps));
    },
    { prefix: '/v1' },
  );
  return app;
}

/**
 * Runs one API instance on its own: `npm run api` (`tsx api/main.ts`). Configuration from the
 * environment only (platform/config.ts): TEMPORAL_ADDRESS, DATABASE_URL and APP_DATABASE_URL (or the
 * files `npm run setup` writes), PORT and HOST. Several instances may run behind one load balancer:
 * they share nothing but Postgres and Temporal. `/healthz` is liveness, `/readyz` readiness
 * (Postgres and Temporal answer), `/metrics` Prometheus. On SIGINT/SIGTERM it stops accepting
 * requests (new ones get 503, readiness fails), lets the in-flight ones finish, then closes.
 * It does not migrate: `npm run migrate` runs once per deploy, before the new instances start.
 */
import closeWithGrace from 'close-with-grace';
import { loadConfig } from '../platform/config.js';
import { EncryptionCodec } from '../platform/crypto/payload-codec.js';
import { createLogger } from '../platform/logger.js';
import { connectClient } from '../platform/temporal.js';
import { createDb, onConnectionError } from '../store/db.js';
import { createPersonVault } from '../store/persons.js';
import { buildApp } from './app.js';
import { createWorkflowGateway } from './workflow-gateway.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'api');
if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required to run the API alone (`npm start` runs everything)');
// A lost Postgres connection is logged, not fatal: requests answer 503 and the pool reconnects.
onConnectionError((error) => logger.warn({ reason: error.message }, 'Postgres connection lost'));
const db = createDb(config.databaseUrl, { max: config.databasePoolMax });
const appDb = createDb(config.appDatabaseUrl, { max: config.appDatabasePoolMax });
const temporal = await connectClient(config.temporalAddress, config.temporalNamespace, config.payloadKeys);
const app = await buildApp(
  {
    db,
    appDb,
    temporal,
    workflows: createWorkflowGateway(temporal, { taskQueue: config.caseTaskQueue, deadlineOverrides: config.deadlineOverrides }),
    jwtSecret: config.jwtSecret,
    vault: createPersonVault(db, config.masterKeys),
    payloadCodec: new EncryptionCodec(config.payloadKeys),
  },
  { logger },
);

closeWithGrace({ delay: config.shutdownGraceMs, logger }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'api stopping after an error');
  logger.info({ signal }, 'api draining');
  // Stops listening and waits for in-flight requests (Fastify answers new ones 503 meanwhile). A
  // keep-alive connection whose request finishes meanwhile is closed as soon as it falls idle.
  const closing = app.close();
  const idle = setInterval(() => app.server.closeIdleConnections(), 100);
  await closing.finally(() => clearInterval(idle));
  await temporal.connection.close();
  await db.destroy();
  await appDb.destroy();
  logger.info('api stopped');
});
const url = await app.listen({ port: config.httpPort, host: config.httpHost });
logger.info({ url }, 'api started');
process.stdout.write(`api ready ${url}\n`);

/**
 * The API alone in a process of its own (the chaos run starts it; `npm start` runs it with the
 * worker in one process): `tsx chaos/api-process.ts`, configured from the environment like `dev`.
 */
import { buildApp } from '../api/app.js';
import { createWorkflowGateway } from '../api/workflow-gateway.js';
import { loadConfig } from '../platform/config.js';
import { EncryptionCodec } from '../platform/crypto/payload-codec.js';
import { createLogger } from '../platform/logger.js';
import { connectClient } from '../platform/temporal.js';
import { createDb, onConnectionError } from '../store/db.js';
import { createPersonVault } from '../store/persons.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'api');
onConnectionError((error) => logger.warn({ reason: error.message }, 'Postgres connection lost'));
const db = createDb(config.databaseUrl);
// The client connects lazily and reconnects by itself: a Temporal that is down now is no reason to stop.
const temporal = await connectClient(config.temporalAddress!, config.temporalNamespace, config.payloadKeys);
const app = await buildApp(
  {
    db,
    appDb: createDb(config.appDatabaseUrl),
    temporal,
    workflows: createWorkflowGateway(temporal, {
      taskQueue: config.caseTaskQueue,
      deadlineOverrides: config.deadlineOverrides,
      answerWithinMs: Number(process.env.HOMEWARD_ANSWER_WITHIN_MS ?? 10_000),
    }),
    jwtSecret: config.jwtSecret,
    vault: createPersonVault(db, config.masterKeys),
    payloadCodec: new EncryptionCodec(config.payloadKeys),
  },
  { logger },
);
await app.listen({ port: config.httpPort, host: config.httpHost });
process.stdout.write('api-ready\n');
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, async () => {
    await app.close();
    await temporal.connection.close();
    await db.destroy();
    process.exit(0);
  });

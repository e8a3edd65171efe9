/**
 * A whole Homeward for the browser tests, on the real services: a fresh in-memory Temporal dev
 * server, the migrated test database (emptied first), a worker, and the API serving the built
 * console on a free loopback port. Prints `READY <url>` once it answers. Started by global-setup.ts.
 */
import { createServer } from 'node:http';
import { sql } from 'kysely';
import { buildApp } from '../../../api/app.js';
import { createWorkflowGateway } from '../../../api/workflow-gateway.js';
import { migrateToLatest } from '../../../migrations/index.js';
import { findTemporalCli } from '../../../platform/config.js';
import { parseKeyRing } from '../../../platform/crypto/key-ring.js';
import { EncryptionCodec } from '../../../platform/crypto/payload-codec.js';
import { createLogger } from '../../../platform/logger.js';
import { connectClient, connectWorker, installTemporalRuntime, startDevServer } from '../../../platform/temporal.js';
import { seedRegistry } from '../../../store/agencies.js';
import { createDb, type Db } from '../../../store/db.js';
import { createPersonVault } from '../../../store/persons.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { testAppDatabaseUrl, testDatabaseUrl } from '../../support/database-url.js';
import { BROWSER_JWT_SECRET } from './secrets.js';
import { bearerForCookie, testSignIn } from './test-sign-in.js';

const PAYLOAD_KEYS = 'browser-payload-1:Ay/nsVfuMRqiwaFMvxIxxhpxzrHueoKrJ3P7CjPVOaY=';
const MASTER_KEYS = 'browser-master-1:AeTueB5GsGdLudhiKBDit5qP+AI0uhFsxiFz29FaNEo=';

async function emptyDataTables(db: Db): Promise<void> {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_migration%'`.execute(db);
  if (rows.length > 0) await sql`truncate table ${sql.join(rows.map((r) => sql.table(r.tablename)))} restart identity cascade`.execute(db);
}

async function main() {
  installTemporalRuntime(createLogger('error', 'temporal-sdk'));
  const db = createDb(testDatabaseUrl());
  await migrateToLatest(db);
  await emptyDataTables(db);
  await seedRegistry(db);
  const appDb = createDb(testAppDatabaseUrl(), { max: 4 });
  const temporalServer = await startDevServer({ cliPath: findTemporalCli() });
  const payloadKeys = parseKeyRing('PAYLOAD_KEYS', PAYLOAD_KEYS);
  const taskQueue = 'browser-tests';
  const worker = await createCaseWorker({ connection: await connectWorker(temporalServer.address), db, payloadKeys, taskQueue });
  const running = worker.run();
  const client = await connectClient(temporalServer.address, 'default', payloadKeys);
  const workflows = createWorkflowGateway(client, { taskQueue, answerWithinMs: 30_000 });
  const app = await buildApp(
    {
      db,
      appDb,
      temporal: client,
      workflows,
      jwtSecret: BROWSER_JWT_SECRET,
      vault: createPersonVault(db, parseKeyRing('MASTER_KEYS', MASTER_KEYS)),
      payloadCodec: new EncryptionCodec(payloadKeys),
    },
    { logger: false },
  );
  // TEST-ONLY until the accounts branch merges: its routes, and the cookie turned into a bearer token.
  await testSignIn(app, db, BROWSER_JWT_SECRET);
  await app.ready();
  const server = createServer((req, res) => {
    const bearer = req.headers.authorization ? undefined : bearerForCookie(req.headers.cookie);
    if (bearer) req.headers.authorization = bearer;
    app.routing(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`READY http://127.0.0.1:${port}\n`);

  const stop = async () => {
    server.close();
    await app.close();
    worker.shutdown();
    await running;
    await client.connection.close();
    await temporalServer.stop();
    await db.destroy();
    await appDb.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`browser test server failed: ${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});

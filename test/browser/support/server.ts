/**
 * A whole Homeward for the browser tests, on the real services: a fresh in-memory Temporal dev
 * server, the migrated test database (emptied first), a worker, and the API serving the built
 * console on a free loopback port, with the test accounts (accounts.ts) signing in for real.
 * Prints `ACCOUNTS <json>` (their ids and TOTP secrets) and then `READY <url>` once it answers.
 * Started by global-setup.ts.
 */
import { createServer } from 'node:net';
import { buildApp } from '../../../api/app.js';
import { createWorkflowGateway } from '../../../api/workflow-gateway.js';
import { defaultAccountsSettings } from '../../../platform/accounts-config.js';
import { findTemporalCli } from '../../../platform/config.js';
import { parseKeyRing } from '../../../platform/crypto/key-ring.js';
import { EncryptionCodec } from '../../../platform/crypto/payload-codec.js';
import { createLogger } from '../../../platform/logger.js';
import { connectClient, connectWorker, installTemporalRuntime, startDevServer } from '../../../platform/temporal.js';
import { createDb } from '../../../store/db.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { testAppDatabaseUrl, testDatabaseUrl } from '../../support/database-url.js';
import { prepareTestDatabase } from '../../support/test-database.js';
import { createTestAccounts } from './accounts.js';
import { BROWSER_JWT_SECRET } from './secrets.js';
import { browserVault } from './vault.js';

const PAYLOAD_KEYS = 'browser-payload-1:Ay/nsVfuMRqiwaFMvxIxxhpxzrHueoKrJ3P7CjPVOaY=';

/** A free loopback port, known before the app is built: its origin is the accounts' public origin. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

async function main() {
  installTemporalRuntime(createLogger('error', 'temporal-sdk'));
  await prepareTestDatabase(testDatabaseUrl());
  const db = createDb(testDatabaseUrl());
  const vault = browserVault(db);
  const accounts = await createTestAccounts(db, vault);
  const appDb = createDb(testAppDatabaseUrl(), { max: 4 });
  const temporalServer = await startDevServer({ cliPath: findTemporalCli() });
  const payloadKeys = parseKeyRing('PAYLOAD_KEYS', PAYLOAD_KEYS);
  const taskQueue = 'browser-tests';
  // TH-LA cases fall due a second after opening: the casework tests' overdue cases (other corridors keep the defaults).
  const deadlineOverrides = { corridors: { 'TH-LA': { days: { 'identification.screened': 1 / 86_400 } } } };
  const worker = await createCaseWorker({
    connection: await connectWorker(temporalServer.address),
    db,
    payloadKeys,
    taskQueue,
    settings: { deadlineOverrides },
  });
  const running = worker.run();
  const client = await connectClient(temporalServer.address, 'default', payloadKeys);
  const workflows = createWorkflowGateway(client, { taskQueue, answerWithinMs: 30_000, deadlineOverrides });
  const port = await freePort();
  // The URL the browser tests use, so the CSRF check accepts the console's cookie-authenticated writes.
  const origin = `http://127.0.0.1:${port}`;
  const app = await buildApp(
    {
      db,
      appDb,
      temporal: client,
      workflows,
      jwtSecret: BROWSER_JWT_SECRET,
      vault,
      payloadCodec: new EncryptionCodec(payloadKeys),
      accounts: defaultAccountsSettings({ publicOrigin: origin, allowedOrigins: [] }),
    },
    { logger: false },
  );
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write(`ACCOUNTS ${JSON.stringify(accounts)}\n`);
  process.stdout.write(`READY ${origin}\n`);

  const stop = async () => {
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

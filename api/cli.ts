/**
 * Homeward's command line: `tsx api/cli.ts <command>`. `npm start` runs `dev`; the other commands
 * serve operators (migrations, projection rebuilds) and developers (tokens).
 */
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { migrateToLatest } from '../migrations/index.js';
import { DATA_DIR, findTemporalCli, loadConfig } from '../platform/config.js';
import { EncryptionCodec } from '../platform/crypto/payload-codec.js';
import { createLogger } from '../platform/logger.js';
import { superviseDevServer } from '../platform/supervisor.js';
import { connectClient, connectWorker, installTemporalRuntime } from '../platform/temporal.js';
import { createDb, onConnectionError } from '../store/db.js';
import { seedRegistry } from '../store/agencies.js';
import { createMatchIndex } from '../store/match-index.js';
import { createPersonVault, PersonUnreadable } from '../store/persons.js';
import { rebuildProjections } from '../store/projections/index.js';
import { createCaseWorker } from '../worker/create-worker.js';
import { startOutboxDispatcher } from '../worker/outbox-dispatcher.js';
import { buildApp } from './app.js';
import { mintToken, ROLES } from './auth.js';
import { createWorkflowGateway } from './workflow-gateway.js';
import { addUserCommands, firstRunLines } from './cli-users.js';
import { findAgency } from '../store/agencies.js';
import { resealTotpSecrets } from '../store/accounts.js';
import { accountsDb } from '../store/accounts-schema.js';
import { startBanner } from './banner.js';

const program = new Command('homeward').description('Cross-border repatriation cases on Temporal and Postgres');

program
  .command('migrate')
  .description('Bring the database schema up to date')
  .action(async () => {
    const db = createDb(loadConfig().databaseUrl);
    const applied = await migrateToLatest(db);
    await db.destroy();
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema up to date\n');
  });

program
  .command('seed-registry')
  .description('Insert or refresh the seed agencies and crossings of the six countries')
  .action(async () => {
    const db = createDb(loadConfig().databaseUrl);
    const seeded = await seedRegistry(db);
    await db.destroy();
    process.stdout.write(`registry: ${seeded.agencies} agencies, ${seeded.crossings} crossings\n`);
  });

program
  .command('rebuild-projections')
  .description('Rebuild every read model from the events alone')
  .action(async () => {
    const db = createDb(loadConfig().databaseUrl);
    const started = performance.now();
    const report = await rebuildProjections(db);
    await db.destroy();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`rebuilt ${report.cases} cases from ${report.events} events in ${seconds.toFixed(2)} s\n`);
  });

program
  .command('token')
  .description('Mint a development bearer token')
  .requiredOption('--user <id>', 'user id (no names: an id)')
  .requiredOption('--agency <id>', 'agency id, e.g. th-dsdhs-bangkok')
  .addOption(new Option('--role <role>', 'role').choices(ROLES).default('caseworker'))
  .option('--expires <duration>', 'lifetime, e.g. 12h, 7d', '12h')
  .action(async (options: { user: string; agency: string; role: string; expires: string }) => {
    const config = loadConfig();
    // A token speaks for a registered agency: refuse to mint one for any other (the API refuses it too).
    const db = createDb(config.databaseUrl);
    const agency = await findAgency(db, options.agency).finally(() => db.destroy());
    if (!agency) {
      process.stderr.write(`the agency ${options.agency} is not in the registry (see GET /v1/agencies or npm run setup)\n`);
      process.exitCode = 2;
      return;
    }
    const token = await mintToken(
      config.jwtSecret,
      { userId: options.user, agencyId: options.agency, role: options.role },
      options.expires,
    );
    process.stdout.write(`${token}\n`);
  });

program
  .command('erase-person')
  .description('Erase a person: destroy their data key (a tombstone stays), so no copy of their data can be read again')
  .argument('<personId>', 'the person id (a UUID; cases show it as person.personId)')
  .action(async (personId: string) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(personId)) {
      // The argument is not echoed: whatever was typed by mistake may be a name.
      process.stderr.write('not a person id: expected a UUID (cases show it as person.personId)\n');
      process.exitCode = 2;
      return;
    }
    const config = loadConfig();
    const db = createDb(config.databaseUrl);
    try {
      const erasure = await createPersonVault(db, config.masterKeys).erase(personId);
      if (!erasure) {
        process.stderr.write(`no person ${personId}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`erased ${erasure.personId} at ${erasure.erasedAt.toISOString()}\n`);
    } finally {
      await db.destroy();
    }
  });

program
  .command('rewrap-person-keys')
  .description(
    'After a master key rotation: rewrap every person key and reseal every TOTP secret under the active master key, so older master keys can be retired',
  )
  .action(async () => {
    const config = loadConfig();
    const db = createDb(config.databaseUrl);
    try {
      const { rewrapped, notRewrapped } = await createPersonVault(db, config.masterKeys).rewrapKeys();
      process.stdout.write(`rewrapped ${rewrapped} person keys under master key ${config.masterKeys.activeId}\n`);
      // TOTP secrets are sealed with the same ring (migration 0014): they move to the active key too.
      const resealed = await resealTotpSecrets(accountsDb(db), config.masterKeys);
      process.stdout.write(`resealed ${resealed} accounts' TOTP secrets under master key ${config.masterKeys.activeId}\n`);
      for (const [masterKeyId, keys] of Object.entries(notRewrapped)) {
        process.stderr.write(
          `${keys} person keys are wrapped under master key ${masterKeyId}, which is not configured: keep it until they are rewrapped\n`,
        );
        process.exitCode = 1;
      }
    } finally {
      await db.destroy();
    }
  });

addUserCommands(program);

program
  .command('rebuild-match-keys')
  .description('Recompute every person match key from the vault (after a new normalisation, or adding or retiring a match key)')
  .action(async () => {
    const config = loadConfig();
    const db = createDb(config.databaseUrl);
    try {
      const vault = createPersonVault(db, config.masterKeys);
      const readPerson = (personId: string) =>
        vault.find(personId).catch((error: unknown) => {
          if (error instanceof PersonUnreadable) return 'unreadable' as const;
          throw error;
        });
      const { persons, keys, unreadable } = await createMatchIndex(db, config.matchKeys).rebuild(readPerson);
      process.stdout.write(`rebuilt ${keys} match keys of ${persons} persons under ${[...config.matchKeys.keys.keys()].join(', ')}\n`);
      if (unreadable > 0) {
        process.stdout.write(
          `${unreadable} persons could not be read (sealed under a master key not configured here): their keys are kept\n`,
        );
      }
    } finally {
      await db.destroy();
    }
  });

program
  .command('dev')
  .description('Run everything: an embedded Temporal dev server (unless TEMPORAL_ADDRESS is set), the worker and the API')
  .action(async () => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    installTemporalRuntime(logger);
    // A lost Postgres connection is logged; the pools reconnect and requests answer 503 meanwhile.
    onConnectionError((error) => logger.warn({ reason: error.message }, 'Postgres connection lost'));
    // The dev server is supervised: restarted when it dies, never outliving this process, and a
    // server already on the port is refused unless HOMEWARD_REUSE_TEMPORAL=1 asks to reuse it.
    const devServer = config.temporalAddress
      ? undefined
      : await superviseDevServer({
          cliPath: findTemporalCli(),
          dbFile: join(DATA_DIR, 'temporal', 'dev.db'),
          port: 7233,
          uiPort: 8233,
          reuseExisting: process.env.HOMEWARD_REUSE_TEMPORAL === '1',
          log: (message, details) => logger.warn(details ?? {}, message),
        });
    const address = config.temporalAddress ?? devServer!.address;
    const db = createDb(config.databaseUrl);
    await migrateToLatest(db);
    const worker = await createCaseWorker({
      connection: await connectWorker(address),
      db,
      payloadKeys: config.payloadKeys,
      namespace: config.temporalNamespace,
      taskQueue: config.caseTaskQueue,
      settings: { deadlineOverrides: config.deadlineOverrides },
    });
    const workerRun = worker.run();
    const dispatcher = startOutboxDispatcher(db, { logger });
    const temporal = await connectClient(address, config.temporalNamespace, config.payloadKeys);
    const app = await buildApp(
      {
        db,
        appDb: createDb(config.appDatabaseUrl),
        temporal,
        workflows: createWorkflowGateway(temporal, { taskQueue: config.caseTaskQueue, deadlineOverrides: config.deadlineOverrides }),
        jwtSecret: config.jwtSecret,
        vault: createPersonVault(db, config.masterKeys, createMatchIndex(db, config.matchKeys)),
        matching: createMatchIndex(db, config.matchKeys),
        payloadCodec: new EncryptionCodec(config.payloadKeys),
        accounts: config.accounts,
      },
      { logger },
    );
    const url = await app.listen({ port: config.httpPort, host: config.httpHost });
    process.stdout.write(startBanner(url, devServer?.uiUrl ?? `(external Temporal at ${address})`, await firstRunLines(db)));
    const shutdown = async () => {
      await app.close();
      worker.shutdown();
      await workerRun;
      await dispatcher.stop();
      await temporal.connection.close();
      await db.destroy();
      await devServer?.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

await program.parseAsync();

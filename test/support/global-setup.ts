/**
 * Once per test run: a real Temporal dev server (fresh, in memory) and the migrated test database.
 * Nothing here is mocked; if a service is missing the run fails loudly with the reason.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import 'vitest';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../migrations/index.js';
import { DATA_DIR, findTemporalCli } from '../../platform/config.js';
import { FAILURE_CONVERTER_PATH } from '../../platform/crypto/data-converter.js';
import { startDevServer, type DevServer } from '../../platform/temporal.js';
import { sql } from 'kysely';
import { createDb } from '../../store/db.js';
import { seedRegistry } from '../../store/agencies.js';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { SHARED_WORKFLOW_MODULES } from '../../worker/shared-workflow-modules.js';
import { testAppDatabaseUrl, testDatabaseUrl } from './database-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    appDatabaseUrl: string;
    workflowBundlePath: string;
  }
}

let server: DevServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const databaseUrl = testDatabaseUrl();
  const db = createDb(databaseUrl);
  try {
    await migrateToLatest(db);
    await emptyDataTables(db);
    await seedRegistry(db);
  } catch (error) {
    throw new Error(
      `Test database not reachable at ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}; run \`npm run setup\`: ${String(error)}`,
      { cause: error },
    );
  } finally {
    await db.destroy();
  }
  server = await startDevServer({ cliPath: findTemporalCli() });
  // Bundle the workflows once; every test file's worker loads this file instead of re-bundling.
  // With the failure converter the workers' data converter names: a prebuilt bundle must carry it.
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietLogger,
  });
  const workflowBundlePath = join(DATA_DIR, 'test', 'workflow-bundle.js');
  mkdirSync(join(DATA_DIR, 'test'), { recursive: true });
  writeFileSync(workflowBundlePath, code);
  project.provide('temporalAddress', server.address);
  project.provide('databaseUrl', databaseUrl);
  project.provide('appDatabaseUrl', testAppDatabaseUrl());
  project.provide('workflowBundlePath', workflowBundlePath);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

const noop = () => undefined;
const quietLogger = {
  log: noop,
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: (message: string) => process.stderr.write(`${message}\n`),
};

/**
 * Each run starts from empty data tables, so runs do not depend on each other and whole-database
 * operations (the projection rebuild test) stay as cheap as on a fresh CI machine. The schema and
 * the migration bookkeeping stay. TRUNCATE skips the row triggers that keep events append-only.
 */
export async function emptyDataTables(db: ReturnType<typeof createDb>): Promise<void> {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_migration%'`.execute(db);
  if (rows.length === 0) return;
  await sql`truncate table ${sql.join(rows.map((r) => sql.table(r.tablename)))} restart identity cascade`.execute(db);
}

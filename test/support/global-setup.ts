/**
 * Once per test run: a real Temporal dev server (fresh, in memory) and the migrated test database.
 * Nothing here is mocked; if a service is missing the run fails loudly with the reason.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import 'vitest';
import type { TestProject } from 'vitest/node';
import { DATA_DIR, findTemporalCli } from '../../platform/config.js';
import { FAILURE_CONVERTER_PATH } from '../../platform/crypto/data-converter.js';
import { startDevServer, type DevServer } from '../../platform/temporal.js';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { SHARED_WORKFLOW_MODULES } from '../../worker/shared-workflow-modules.js';
import { testAppDatabaseUrl, testDatabaseUrl } from './database-url.js';
import { prepareTestDatabase } from './test-database.js';

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
  await prepareTestDatabase(databaseUrl);
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

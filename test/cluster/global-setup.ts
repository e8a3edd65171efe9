/**
 * Once per cluster test run: the full Temporal server (frontend, history, matching and worker
 * services as processes, 4 history shards, its tables recreated) on the test database's Postgres,
 * one workflow bundle for every worker, and the migrated, emptied test database. Each test file
 * starts its own workers and API instances (test/cluster/support.ts). A missing binary or database
 * fails the run with the reason; `bash scripts/test-cluster.sh` builds and creates them.
 */
import { join } from 'node:path';
import 'vitest';
import type { TestProject } from 'vitest/node';
import { buildWorkflowBundle, temporalPorts } from '../../cluster/cluster.js';
import { startTemporalServer, type TemporalServer } from '../../cluster/temporal-server.js';
import { DATA_DIR } from '../../platform/config.js';
import { testAppDatabaseUrl, testDatabaseUrl } from '../support/database-url.js';
import { prepareTestDatabase } from '../support/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterTemporalAddress: string;
    clusterDir: string;
    clusterBundlePath: string;
    clusterDatabaseUrl: string;
    clusterAppDatabaseUrl: string;
  }
}

let server: TemporalServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const databaseUrl = testDatabaseUrl();
  await prepareTestDatabase(databaseUrl);
  const postgres = new URL(databaseUrl);
  const dir = join(DATA_DIR, 'test', 'cluster');
  server = await startTemporalServer({
    dir,
    postgres,
    database: `${postgres.pathname.slice(1)}_temporal`,
    ports: await temporalPorts('free'),
    historyShards: 4,
    fresh: true,
  });
  project.provide('clusterTemporalAddress', server.address);
  project.provide('clusterDir', dir);
  project.provide('clusterBundlePath', await buildWorkflowBundle(dir));
  project.provide('clusterDatabaseUrl', databaseUrl);
  project.provide('clusterAppDatabaseUrl', testAppDatabaseUrl());
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

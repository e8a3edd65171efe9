/**
 * A Homeward deployment for one cluster test file: case workers and API instances as processes of
 * their own (`worker/main.ts`, `api/main.ts`) on the full Temporal server the global setup started,
 * on a task queue of their own, and an HTTP client for each API instance.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { homewardProcesses, type HomewardProcesses } from '../../cluster/cluster.js';
import { createDb, type Db } from '../../store/db.js';
import {
  apiClientOver,
  TEST_JWT_SECRET,
  TEST_MASTER_KEYS,
  TEST_PAYLOAD_KEYS,
  type ApiClient,
  type CaseKnowledge,
} from '../support/harness.js';

export interface Deployment extends HomewardProcesses {
  taskQueue: string;
  db: Db;
  /** A client of API instance `index` (0-based). */
  api(index: number): ApiClient;
  stop(): Promise<void>;
}

export interface DeployOptions {
  workers: number;
  apis: number;
  /** Names the processes' logs under data/test/cluster/. */
  name: string;
  /** Another database than the test database (the restore drill). */
  databaseUrls?: { owner: string; app: string };
  /** Defaults to a fresh queue; give one to take over another deployment's cases. */
  taskQueue?: string;
  env?: NodeJS.ProcessEnv;
}

export async function deploy(options: DeployOptions): Promise<Deployment> {
  const taskQueue = options.taskQueue ?? `cluster-test-${randomBytes(4).toString('hex')}`;
  const owner = options.databaseUrls?.owner ?? inject('clusterDatabaseUrl');
  const processes = homewardProcesses({
    dir: inject('clusterDir'),
    temporalAddress: inject('clusterTemporalAddress'),
    bundlePath: inject('clusterBundlePath'),
    ports: 'free',
    name: options.name,
    homewardEnv: {
      DATABASE_URL: owner,
      APP_DATABASE_URL: options.databaseUrls?.app ?? inject('clusterAppDatabaseUrl'),
      HOMEWARD_TASK_QUEUE: taskQueue,
      HOMEWARD_JWT_SECRET: TEST_JWT_SECRET,
      HOMEWARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      HOMEWARD_MASTER_KEYS: TEST_MASTER_KEYS,
      LOG_LEVEL: 'warn',
      // A stopped worker lets its running tasks finish; tests stop workers on purpose, briefly.
      HOMEWARD_SHUTDOWN_GRACE_MS: '5000',
      ...options.env,
    },
  });
  const db = createDb(owner, { max: 2 });
  const knowledge: CaseKnowledge = new Map();
  try {
    for (let i = 0; i < options.workers; i++) await processes.startWorker();
    for (let i = 0; i < options.apis; i++) await processes.startApi();
  } catch (error) {
    await processes.stop();
    await db.destroy();
    throw error;
  }
  return {
    ...processes,
    taskQueue,
    db,
    // One knowledge of the cases for every instance's client: a step sent through either is sent by the same side.
    api: (index) => httpApiClient(processes.apis[index]!.url, knowledge),
    async stop() {
      await processes.stop();
      await db.destroy();
    },
  };
}

/** The test harness's ApiClient, over HTTP to a running API instance instead of `inject`. */
export function httpApiClient(baseUrl: string, known?: CaseKnowledge): ApiClient {
  return apiClientOver(async (method, url, headers, body) => {
    const sent = body === undefined ? headers : { ...headers, 'content-type': 'application/json' };
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: sent,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: Object.fromEntries(response.headers) };
  }, known);
}

/**
 * A Homeward instance for one test file, on the real services the global setup started: the API
 * app (driven with `inject`), a worker on a task queue of its own, and the test database.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import type { Logger } from 'pino';
import type { ActivityFaults } from '../../activities/index.js';
import type { DeadlineOverrides } from '../../domain/repatriation/index.js';
import { buildApp } from '../../api/app.js';
import { mintToken, type Role } from '../../api/auth.js';
import type { AccountsSettings } from '../../platform/accounts-config.js';
import { createWorkflowGateway } from '../../api/workflow-gateway.js';
import { hostCaller, originCaller, originSide } from './sides.js';
import { parseKeyRing, type KeyRing } from '../../platform/crypto/key-ring.js';
import { EncryptionCodec } from '../../platform/crypto/payload-codec.js';
import { createLogger } from '../../platform/logger.js';
import { connectClient, connectWorker, installTemporalRuntime } from '../../platform/temporal.js';
import { createDb, type Db } from '../../store/db.js';
import { createMatchIndex, type MatchIndex } from '../../store/match-index.js';
import { createPersonVault, type PersonVault } from '../../store/persons.js';
import { createCaseWorker } from '../../worker/create-worker.js';

export const TEST_JWT_SECRET = 'test-secret-for-homeward-integration-tests';
/** Test-only keys, as configuration strings so a child process (a worker) can be given them too. */
export const TEST_PAYLOAD_KEYS = 'test-payload-1:Ay/nsVfuMRqiwaFMvxIxxhpxzrHueoKrJ3P7CjPVOaY=';
export const TEST_MASTER_KEYS = 'test-master-1:AeTueB5GsGdLudhiKBDit5qP+AI0uhFsxiFz29FaNEo=';
export const TEST_MATCH_KEYS = 'test-match-1:q0mUq3d8yZ8nS3wJ2tCk9m0R1oZt7WcJHc1pY5x8a0M=';

export interface HarnessOptions {
  faults?: ActivityFaults;
  /** false: no worker in this process (a test runs its own, e.g. in a child process). */
  worker?: boolean;
  answerWithinMs?: number;
  /** Defaults: TEST_PAYLOAD_KEYS and TEST_MASTER_KEYS. */
  payloadKeys?: KeyRing;
  masterKeys?: KeyRing;
  /** Defaults to a fresh queue; give one to pick up a case another harness started. */
  taskQueue?: string;
  /** The app's logger (default: none). */
  logger?: Logger;
  /** Deadlines for this harness's cases (tests make them seconds long). */
  deadlineOverrides?: DeadlineOverrides;
  /** Sign-in settings (default: development defaults, dev tokens allowed). */
  accounts?: AccountsSettings;
  /** Another database (or schema) than the shared test database, e.g. for a volume test. */
  databaseUrls?: { owner: string; app: string };
  /** Another Temporal server than the shared one (a test that kills its server). */
  temporalAddress?: string;
}

export interface Harness {
  db: Db;
  client: Client;
  app: FastifyInstance;
  taskQueue: string;
  worker: Worker | undefined;
  vault: PersonVault;
  matching: MatchIndex;
  api: ApiClient;
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const address = options.temporalAddress ?? inject('temporalAddress');
  installTemporalRuntime(createLogger('error', 'temporal-sdk'));
  const db = createDb(options.databaseUrls?.owner ?? inject('databaseUrl'));
  // The API reads cases as the app role, so row-level security is exercised by every test.
  const appDb = createDb(options.databaseUrls?.app ?? inject('appDatabaseUrl'), { max: 4 });
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const payloadKeys = options.payloadKeys ?? parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS);
  const matching = createMatchIndex(db, parseKeyRing('TEST_MATCH_KEYS', TEST_MATCH_KEYS));
  const vault = createPersonVault(db, options.masterKeys ?? parseKeyRing('TEST_MASTER_KEYS', TEST_MASTER_KEYS), matching);
  const client = await connectClient(address, 'default', payloadKeys);
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  if (options.worker !== false) {
    worker = await createCaseWorker({
      connection: await connectWorker(address),
      db,
      payloadKeys,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      faults: options.faults,
      settings: { deadlineOverrides: options.deadlineOverrides },
    });
    running = worker.run();
  }
  const commands = createWorkflowGateway(client, {
    taskQueue,
    answerWithinMs: options.answerWithinMs ?? 30_000,
    deadlineOverrides: options.deadlineOverrides,
  });
  const app = await buildApp(
    {
      db,
      appDb,
      temporal: client,
      workflows: commands,
      jwtSecret: TEST_JWT_SECRET,
      vault,
      matching,
      payloadCodec: new EncryptionCodec(payloadKeys),
      accounts: options.accounts,
    },
    { logger: options.logger ?? false },
  );
  return {
    db,
    client,
    app,
    taskQueue,
    worker,
    vault,
    matching,
    api: apiClient(app),
    async stop() {
      await app.close();
      worker?.shutdown();
      await running;
      await client.connection.close();
      await db.destroy();
      await appDb.destroy();
    },
  };
}

export interface Caller {
  userId: string;
  agencyId: string;
  role: Role;
}

export const caseworker: Caller = { userId: 'u-th-sw-1', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface RequestOptions {
  as?: Caller;
  idempotencyKey?: string;
  token?: string | null;
}

export type ApiClient = ReturnType<typeof apiClientOver>;

/** How a test client reaches the API: `inject` into the app here, HTTP to a running instance in test/cluster. */
export type Transport = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, body: unknown) => Promise<ApiResponse>;

const injectInto =
  (app: FastifyInstance): Transport =>
  async (method, url, headers, body) => {
    const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined, headers: response.headers };
  };

export const apiClient = (app: FastifyInstance) => apiClientOver(injectInto(app));

/** What a test client learnt of each case, to send each action as the side that performs it (test/support/sides.ts). */
export type CaseKnowledge = Map<string, { hostCountry: string; originCountry: string; focalPoint: string | null }>;

/** `known` may be shared, so clients of several API instances act on one case as the same people. */
export function apiClientOver(send: Transport, known: CaseKnowledge = new Map()) {
  const request = async <T>(method: 'GET' | 'POST', url: string, body: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const token = options.token === undefined ? await mintToken(TEST_JWT_SECRET, options.as ?? caseworker) : options.token;
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    return (await send(method, url, headers, body)) as ApiResponse<T>;
  };
  const learn = async (caseId: string) => {
    const kase = known.get(caseId);
    if (kase) return kase;
    const found = await request<any>('GET', `/v1/cases/${caseId}`, undefined, {});
    if (found.status !== 200) throw new Error(`case ${caseId} not readable by the host caseworker: ${found.status}`);
    const learnt = { hostCountry: found.body.hostCountry as string, originCountry: found.body.originCountry as string, focalPoint: null };
    known.set(caseId, learnt);
    return learnt;
  };
  /** The caller for a victim-case action: the host country's caseworker, or the origin agency that performs it. */
  const performerOf = async (caseId: string, action: Record<string, unknown>): Promise<Caller> => {
    const kase = await learn(caseId);
    if (action.type === 'send_verification_request') kase.focalPoint = (action.toAgencyId as string | undefined) ?? null;
    if (!originSide(action as { type: string })) return hostCaller(kase.hostCountry);
    return originCaller(action as { type: string }, kase.originCountry, kase.focalPoint);
  };
  /** Opens a case as a caseworker of its host country (unless told who), and remembers its countries. */
  const openAs = async (body: any, options: RequestOptions = {}) => {
    const as = options.as ?? (options.token === undefined && body?.hostCountry ? hostCaller(body.hostCountry) : undefined);
    const response = await request<any>('POST', '/v1/cases', body, { ...options, as });
    if (response.status === 201 && body?.hostCountry) {
      known.set(response.body.caseId, { hostCountry: body.hostCountry, originCountry: body.originCountry, focalPoint: null });
    }
    return response;
  };
  return {
    get: <T = any>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options),
    post: <T = any>(url: string, body: unknown, options?: RequestOptions): Promise<ApiResponse<T>> =>
      url === '/v1/cases' ? openAs(body, options) : request<T>('POST', url, body, options),
    performerOf,
    /**
     * POST an action and expect it accepted; fails the test with the problem otherwise. Without `as`,
     * the action is sent by the side that performs it.
     */
    async act(caseId: string, action: Record<string, unknown>, options?: RequestOptions) {
      const as = options?.as ?? (options?.token === undefined ? await performerOf(caseId, action) : undefined);
      const response = await request<any>('POST', `/v1/cases/${caseId}/actions`, action, { ...options, as });
      if (response.status !== 200) throw new Error(`${String(action.type)} refused: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
  };
}

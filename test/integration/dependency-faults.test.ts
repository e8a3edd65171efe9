/**
 * Postgres and Temporal go away and come back while the API and a worker run: nothing crashes,
 * readiness says not ready, requests answer 503 with Retry-After (problem+json), and once the
 * dependency is back everything resumes by itself; an action resent with its Idempotency-Key is
 * recorded exactly once. Postgres is cut through a TCP proxy of our own (the cluster is shared and
 * stays up); the Temporal dev server is this test's own, SIGKILLed and started again on its file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTcpProxy, tcpTargetOf, type TcpProxy } from '../../chaos/tcp-proxy.js';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { findTemporalCli } from '../../platform/config.js';
import { connectWorker, freePort, startDevServer, type DevServer } from '../../platform/temporal.js';
import { createDb, type Db } from '../../store/db.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import { IDENTIFICATION, intake, openCase } from '../support/cases.js';
import { startHarness, TEST_PAYLOAD_KEYS, type ApiResponse, type Harness } from '../support/harness.js';

/** Polls until `check` holds; a bound against a hang, not a timing assertion. */
async function eventually<T>(what: string, attempt: () => Promise<T>, holds: (value: T) => boolean, withinMs = 90_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await attempt();
    if (holds(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what}: still not so after ${withinMs} ms (last: ${JSON.stringify(last)})`);
}

function expectUnavailable(response: ApiResponse) {
  expect(response.status, JSON.stringify(response.body)).toBe(503);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.body.type).toBe('https://homeward.dev/problems/unavailable');
}

const eventTypes = async (db: Db, caseId: string) =>
  (await db.selectFrom('events').select('type').where('stream_id', '=', caseStreamId(caseId)).orderBy('stream_position').execute()).map(
    (e) => e.type,
  );

describe('Postgres cut off from the API and the worker', () => {
  let proxy: TcpProxy;
  let h: Harness;

  beforeAll(async () => {
    proxy = await startTcpProxy(tcpTargetOf(inject('databaseUrl')));
    h = await startHarness({
      databaseUrls: { owner: proxy.urlThrough(inject('databaseUrl')), app: proxy.urlThrough(inject('appDatabaseUrl')) },
      answerWithinMs: 8000,
    });
  });
  afterAll(async () => {
    proxy?.restore();
    await h?.stop();
    await proxy?.close();
  });

  it('answers 503 while cut, is not ready, and resumes by itself when restored', { timeout: 180_000 }, async () => {
    const caseId = await openCase(h.api);
    expect((await h.api.get('/readyz')).status).toBe(200);

    proxy.cut();
    const readiness = await h.api.get('/readyz');
    expect(readiness.status).toBe(503);
    expect(readiness.body.checks.postgres).toMatch(/^failing/);
    expectUnavailable(await h.api.get(`/v1/cases/${caseId}`));
    expectUnavailable(await h.api.post(`/v1/cases/${caseId}/actions`, IDENTIFICATION[0], { idempotencyKey: `screen-${caseId}` }));

    proxy.restore();
    await eventually(
      'ready again',
      () => h.api.get('/readyz'),
      (r) => r.status === 200,
    );
    const accepted = await eventually(
      'the resent action accepted',
      () => h.api.post(`/v1/cases/${caseId}/actions`, IDENTIFICATION[0], { idempotencyKey: `screen-${caseId}` }),
      (r) => r.status === 200,
    );
    expect(accepted.body.caseId).toBe(caseId);
    expect((await eventTypes(h.db, caseId)).filter((type) => type === 'ScreeningRecorded')).toHaveLength(1);
  });
});

describe('Postgres cut off from the worker only: the append activity retries', () => {
  let proxy: TcpProxy;
  let h: Harness;
  let workerDb: Db;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    proxy = await startTcpProxy(tcpTargetOf(inject('databaseUrl')));
    h = await startHarness({ worker: false, answerWithinMs: 5000 });
    workerDb = createDb(proxy.urlThrough(inject('databaseUrl')));
    worker = await createCaseWorker({
      connection: await connectWorker(inject('temporalAddress')),
      db: workerDb,
      payloadKeys: parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS),
      taskQueue: h.taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    running = worker.run();
  });
  afterAll(async () => {
    proxy?.restore();
    worker?.shutdown();
    await running;
    await workerDb?.destroy();
    await h?.stop();
    await proxy?.close();
  });

  it('an action sent while the worker cannot write is recorded once after the network is back', { timeout: 180_000 }, async () => {
    const caseId = await openCase(h.api);
    proxy.cut();
    // The update reaches the workflow; its append fails and retries after a durable timer.
    expectUnavailable(await h.api.post(`/v1/cases/${caseId}/actions`, IDENTIFICATION[0], { idempotencyKey: `w-screen-${caseId}` }));
    proxy.restore();
    await eventually(
      'the resent action accepted',
      () => h.api.post(`/v1/cases/${caseId}/actions`, IDENTIFICATION[0], { idempotencyKey: `w-screen-${caseId}` }),
      (r) => r.status === 200,
    );
    const types = await eventTypes(h.db, caseId);
    expect(types.filter((type) => type === 'ScreeningRecorded')).toHaveLength(1);
  });
});

describe('the Temporal server killed and started again on its state file', () => {
  let stateDir: string;
  let port: number;
  let server: DevServer | undefined;
  let h: Harness;
  const start = async () => {
    server = await startDevServer({ cliPath: findTemporalCli(), dbFile: join(stateDir, 'dev.db'), port });
  };

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'homeward-temporal-'));
    port = await freePort();
    await start();
    h = await startHarness({ temporalAddress: server!.address, answerWithinMs: 8000 });
  });
  afterAll(async () => {
    await h?.stop();
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('answers 503 (not 500) while it is gone and recovers by itself', { timeout: 240_000 }, async () => {
    const caseId = await openCase(h.api);
    process.kill(server!.pid, 'SIGKILL');
    await eventually(
      'not ready',
      () => h.api.get('/readyz'),
      (r) => r.status === 503 && /^failing/.test(r.body.checks.temporal),
    );
    expectUnavailable(await h.api.post(`/v1/cases/${caseId}/actions`, IDENTIFICATION[0], { idempotencyKey: `t-screen-${caseId}` }));
    expectUnavailable(await h.api.post('/v1/cases', intake(), { idempotencyKey: `t-open-${caseId}` }));

    await start();
    await eventually(
      'ready again',
      () => h.api.get('/readyz'),
      (r) => r.status === 200,
    );
    await eventually(
      'the resent action accepted',
      () => h.api.post(`/v1/cases/${caseId}/actions`, IDENTIFICATION[0], { idempotencyKey: `t-screen-${caseId}` }),
      (r) => r.status === 200,
    );
    expect((await eventTypes(h.db, caseId)).filter((type) => type === 'ScreeningRecorded')).toHaveLength(1);
  });
});

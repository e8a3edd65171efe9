/**
 * A workflow task lost after its append committed leaves its random draws unrecorded: the task
 * that replaces it draws the same event ids again, for whatever it decides first. Found by the
 * full chaos run (3 screenings recorded twice, each with the same command id): a screening's task
 * was lost after its append, the server forgot the update with it (restarted, or the caller's
 * request ended), the replacing task's step timer decided `flag_overdue` first and drew the
 * screening's event id, and the append took it for a retry of itself ("already stored": the same
 * id at the same position) although the stream held the screening there. The workflow then held an
 * overdue flag at that version instead of the screening, and the screening, resent, was decided
 * and recorded a second time.
 *
 * Here the worker that appends the screening kills itself (SIGKILL) right after the commit, its
 * caller gives up, this test's own Temporal server is killed and started again on its state file
 * (it forgets the update), the screening's step falls due meanwhile, a worker started afresh takes
 * the replacing task, and the screening is resent with its update id, as the gateway resends it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Action } from '../../domain/repatriation/index.js';
import { findTemporalCli, PROJECT_ROOT } from '../../platform/config.js';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { connectWorker, freePort, startDevServer, type DevServer } from '../../platform/temporal.js';
import { readStream } from '../../store/event-store.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { caseViewQuery, caseWorkflowId, performActionUpdate } from '../../workflows/repatriation/messages.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import { openCase } from '../support/cases.js';
import { caseworker, startHarness, TEST_JWT_SECRET, TEST_MASTER_KEYS, TEST_PAYLOAD_KEYS, type Harness } from '../support/harness.js';

/** The screening falls due a few seconds after the opening: its timer fires while the screening's task is lost. */
const SCREENING_DUE_S = 3;

let stateDir: string;
let port: number;
let server: DevServer | undefined;
let h: Harness;
let dying: ChildProcess | undefined;
let worker: Worker | undefined;
let running: Promise<void> | undefined;

const startServer = async () => {
  server = await startDevServer({ cliPath: findTemporalCli(), dbFile: join(stateDir, 'dev.db'), port });
};

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'homeward-lost-task-'));
  port = await freePort();
  await startServer();
  h = await startHarness({
    temporalAddress: server!.address,
    worker: false,
    answerWithinMs: 90_000,
    deadlineOverrides: { default: { days: { 'identification.screened': SCREENING_DUE_S / 86_400 } } },
  });
});
afterAll(async () => {
  if (dying && dying.exitCode === null && dying.signalCode === null) dying.kill('SIGKILL');
  worker?.shutdown();
  await running;
  await h?.stop();
  await server?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const payloadKeys = () => parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS);

/** A worker process that dies right after an append of `eventType` has committed. */
function startDyingWorker(eventType: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'test/support/worker-dying-after-append.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: server!.address,
      DATABASE_URL: inject('databaseUrl'),
      HOMEWARD_TASK_QUEUE: h.taskQueue,
      HOMEWARD_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      HOMEWARD_JWT_SECRET: TEST_JWT_SECRET,
      HOMEWARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      HOMEWARD_MASTER_KEYS: TEST_MASTER_KEYS,
      HOMEWARD_DIE_AFTER_APPENDING: eventType,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const streamOf = (caseId: string) => readStream(h.db, caseStreamId(caseId));
const screen = (caseId: string, updateId: string) =>
  h.client.workflow
    .getHandle(caseWorkflowId(caseId))
    .executeUpdate(performActionUpdate, { args: [{ command: SCREENING, actor: caseworker }], updateId });

const SCREENING: Action = { type: 'record_screening', outcome: 'presumed_victim' };

describe('a workflow task lost after its append', () => {
  // Generous limit: a worker process and a Temporal server start, and a lost workflow task times out (10 s), on a machine that may be busy.
  it('records a resent command once: the task that reuses its event ids is not taken for its retry', { timeout: 240_000 }, async () => {
    dying = startDyingWorker('ScreeningRecorded');
    const caseId = await openCase(h.api);
    const opened = (await streamOf(caseId)).length;

    // The screening's caller gives up when the worker dies (as the gateway's request does, answered 503).
    const screeningId = randomUUID();
    const giveUp = new AbortController();
    const lost = h.client.connection.withAbortSignal(giveUp.signal, () => screen(caseId, screeningId)).catch((error: unknown) => error);
    await exited(dying);
    giveUp.abort();
    await lost;
    const screening = (await streamOf(caseId)).at(-1)!;
    expect(screening).toMatchObject({ type: 'ScreeningRecorded', streamPosition: opened + 1 });
    expect(screening.metadata.commandId).toBe(screeningId);

    // The server forgets the update that went with the lost task.
    const serverPid = server!.pid;
    process.kill(serverPid, 'SIGKILL');
    while (isAlive(serverPid)) await new Promise((r) => setTimeout(r, 100));
    await startServer();
    worker = await createCaseWorker({
      connection: await connectWorker(server!.address),
      db: h.db,
      payloadKeys: payloadKeys(),
      taskQueue: h.taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    running = worker.run();
    // Past the screening's due time: the replacing task starts with the step's timer fired.
    await new Promise((r) => setTimeout(r, SCREENING_DUE_S * 1000));
    // Answered once the replacing task is done (a query waits for the task in flight).
    await h.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseViewQuery);

    const resent = await screen(caseId, screeningId);
    expect(resent.recorded).toEqual([{ eventId: screening.eventId, type: 'ScreeningRecorded', streamPosition: screening.streamPosition }]);
    const events = await streamOf(caseId);
    expect(events.filter((e) => e.type === 'ScreeningRecorded')).toHaveLength(1);
    expect(events.map((e) => e.streamPosition)).toEqual(events.map((_, i) => i + 1));
    // The workflow holds what the stream holds: the next action is decided on the screening and lands after it.
    const next = await h.api.act(caseId, { type: 'record_identification' });
    expect(next.recorded.map((e: { type: string }) => e.type)).toEqual(['VictimIdentified']);
    const after = await streamOf(caseId);
    expect(after.at(-1)).toMatchObject({ type: 'VictimIdentified', streamPosition: after.length });
    const row = await h.db.selectFrom('cases').select('version').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.version).toBe(after.length);
  });
});

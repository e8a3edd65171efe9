/**
 * The worker process is killed (SIGKILL, no clean shutdown) in the middle of a case and started
 * again: the case continues where it was, and an action sent while no worker ran is recorded once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../platform/config.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { ESCORT, HANDOVER, IDENTIFICATION, openCase, perform, REINTEGRATION, VERIFICATION } from '../support/cases.js';
import { startHarness, TEST_JWT_SECRET, TEST_MASTER_KEYS, TEST_PAYLOAD_KEYS, type Harness } from '../support/harness.js';

let h: Harness;
let worker: ChildProcess | undefined;

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: inject('databaseUrl'),
      HOMEWARD_TASK_QUEUE: h.taskQueue,
      HOMEWARD_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      HOMEWARD_JWT_SECRET: TEST_JWT_SECRET,
      HOMEWARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      HOMEWARD_MASTER_KEYS: TEST_MASTER_KEYS,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

beforeAll(async () => {
  h = await startHarness({ worker: false, answerWithinMs: 90_000 });
});
afterAll(async () => {
  if (worker) await killed(worker);
  await h?.stop();
});

describe('worker killed and restarted mid-case', () => {
  // Generous limit: two worker processes start on a machine that may be busy; this guards a hang, it times nothing.
  it('the case continues where it was', { timeout: 180_000 }, async () => {
    worker = startWorkerProcess();
    const caseId = await openCase(h.api);
    await perform(h.api, caseId, [...IDENTIFICATION, ...VERIFICATION]);

    await killed(worker);
    // Sent while no worker runs: the update waits on the server until a worker takes it.
    const pending = h.api.act(caseId, HANDOVER[0]!);
    await new Promise((r) => setTimeout(r, 1000));
    worker = startWorkerProcess();
    const scheduled = await pending;
    expect(scheduled.stage).toBe('handover');

    const closed = await perform(h.api, caseId, [...HANDOVER.slice(1), ...ESCORT, ...REINTEGRATION]);
    expect(closed.status).toBe('closed');
    const events = await h.db
      .selectFrom('events')
      .select(['type', 'stream_position'])
      .where('stream_id', '=', caseStreamId(caseId))
      .orderBy('stream_position')
      .execute();
    expect(events.map((e) => e.stream_position)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'HandoverScheduled')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('CaseClosed');
  });
});

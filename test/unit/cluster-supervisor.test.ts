/**
 * The production topology's supervisor (cluster/processes.ts): a worker or API instance that dies is
 * started again by itself, said in its log, after a pause that grows with quick deaths; a clean exit
 * or a stop ends supervision; a process that cannot stay up is left down after a few tries.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, startProcess, type RunningProcess } from '../../cluster/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'homeward-supervisor-'));
const started: RunningProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop(2000)));
});

/** A child that says it is up, then lives until told to stop (SIGTERM: a clean exit). */
const LIVES = `process.on('SIGTERM', () => process.exit(0)); console.log('up ' + process.pid); setInterval(() => {}, 1000);`;

function supervised(name: string, script: string, notices: string[] = []) {
  const p = startProcess(
    { name, command: process.execPath, args: ['-e', script], cwd: dir, logFile: join(dir, `${name}.log`) },
    { initialBackoffMs: 50, maxBackoffMs: 400, giveUpAfter: 3, log: (m) => notices.push(m) },
  );
  started.push(p);
  return p;
}

const until = async (what: () => boolean) => {
  while (!what()) await new Promise((r) => setTimeout(r, 50));
};
const upLines = (p: RunningProcess) => readFileSync(p.logFile, 'utf8').match(/^up \d+$/gm) ?? [];

describe('a supervised process', () => {
  it('is started again after a SIGKILL, as a new process, and says so', async () => {
    const notices: string[] = [];
    const p = supervised('worker-1', LIVES, notices);
    await until(() => upLines(p).length === 1);
    const first = p.pid;
    await p.kill('SIGKILL');
    await until(() => upLines(p).length === 2);
    expect(p.pid).not.toBe(first);
    expect(p.restarts()).toBe(1);
    expect(upLines(p).at(-1)).toBe(`up ${p.pid}`);
    expect(notices).toEqual([`supervisor: worker-1 (pid ${first}) died (SIGKILL); starting it again in 50 ms (restart 1)`]);
    expect(readFileSync(p.logFile, 'utf8')).toContain(notices[0]);
    p.assertRunning();
  });

  it('is not started again after a clean exit, and stop() ends it for good', async () => {
    const p = supervised('api-1', LIVES);
    await until(() => upLines(p).length === 1);
    await p.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.restarts()).toBe(0);
    expect(() => p.assertRunning()).toThrow(/api-1 exited \(0\)/);

    const q = supervised('api-2', LIVES);
    await until(() => upLines(q).length === 1);
    await q.stop();
    expect(q.restarts()).toBe(0);
  });

  it('backs off on quick deaths and leaves a process that cannot stay up down', async () => {
    const notices: string[] = [];
    const p = supervised('worker-2', `console.log('up ' + process.pid); process.exit(3);`, notices);
    expect(await p.exited).toEqual({ code: 3, signal: null });
    expect(notices.map((n) => n.replace(/pid \d+/, 'pid n'))).toEqual([
      'supervisor: worker-2 (pid n) died (exit 3); starting it again in 50 ms (restart 1)',
      'supervisor: worker-2 (pid n) died (exit 3); starting it again in 100 ms (restart 2)',
      'supervisor: worker-2 (pid n) died (exit 3); starting it again in 200 ms (restart 3)',
      'supervisor: worker-2 (pid n) died (exit 3); 3 quick restarts did not keep it up: left down',
    ]);
    expect(upLines(p)).toHaveLength(4);
    expect(() => p.assertRunning()).toThrow(/worker-2 exited \(3\)/);
  });

  it('doubles its pause up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n))).toEqual([500, 1000, 2000, 4000, 30_000]);
  });
});

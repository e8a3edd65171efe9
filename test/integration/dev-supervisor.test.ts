/**
 * `npm start`'s Temporal dev server is supervised: killed, it comes back on the same state file;
 * a second supervisor finds the port held and says by what instead of adopting it; and when the
 * supervising process is SIGKILLed, its dev server and watchdog go too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../platform/config.js';
import { freePort } from '../../platform/temporal.js';

interface SupervisorState {
  address: string;
  guardPid: number;
  serverPid: number | undefined;
  restarts: number;
}

const stateDir = mkdtempSync(join(tmpdir(), 'homeward-supervisor-'));
const started: ChildProcess[] = [];

function startSupervisor(port: number, uiPort: number, env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/supervised-dev-server.ts', join(stateDir, 'dev.db'), String(port), String(uiPort)],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.push(child);
  let last: SupervisorState | undefined;
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => (last = JSON.parse(line) as SupervisorState));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, state: () => last, stderr: () => stderr, exited };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls until `holds`; a bound against a hang, not a timing assertion. */
async function until(what: string, holds: () => boolean | Promise<boolean>, withinMs = 90_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function answers(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the supervised Temporal dev server', () => {
  it(
    'is restarted when it dies, refused when a second supervisor finds the port held, and gone with its SIGKILLed parent',
    { timeout: 240_000 },
    async () => {
      const port = await freePort();
      const uiPort = await freePort();
      const first = startSupervisor(port, uiPort);
      await until('the dev server started', () => first.state()?.serverPid !== undefined);
      const { guardPid, serverPid, address } = first.state()!;
      expect(guardPid).not.toBe(first.child.pid);

      process.kill(serverPid!, 'SIGKILL');
      await until('restarted', () => (first.state()?.restarts ?? 0) >= 1 && first.state()?.serverPid !== undefined);
      expect(first.state()!.serverPid).not.toBe(serverPid);
      await until('the restarted server answers', () => answers(address));

      const second = startSupervisor(port, await freePort());
      expect(await second.exited).toBe(3);
      expect(second.stderr()).toMatch(new RegExp(`port ${port} is held by a Temporal server .*pid ${first.state()!.serverPid}`));
      expect(second.stderr()).toMatch(/HOMEWARD_REUSE_TEMPORAL=1/);

      const reusing = startSupervisor(port, await freePort(), { HOMEWARD_REUSE_TEMPORAL: '1' });
      await until('the reusing supervisor runs', () => reusing.state() !== undefined);
      expect(reusing.state()!.serverPid).toBeUndefined();
      reusing.child.kill('SIGKILL');

      const { guardPid: lastGuard, serverPid: lastServer } = first.state()!;
      first.child.kill('SIGKILL');
      await first.exited;
      await until('the dev server and its watchdog are gone', () => !alive(lastServer!) && !alive(lastGuard));
      expect(await answers(address)).toBe(false);
    },
  );
});

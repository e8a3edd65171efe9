/**
 * `npm start`'s embedded Temporal dev server, supervised: it runs behind a watchdog in a process
 * group of its own (platform/dev-server-guard.mjs), so it cannot outlive this process on any exit
 * path, including a crash or SIGKILL of this process; when it dies by itself it is started again
 * on the same port and state file. A port already held is never adopted silently: the supervisor
 * says what holds it and refuses, unless told to reuse it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Connection } from '@temporalio/client';
import { describe, describePortHolder } from './port-holder.js';

const GUARD = join(import.meta.dirname, 'dev-server-guard.mjs');

export interface SupervisedDevServerOptions {
  cliPath: string;
  dbFile: string;
  port: number;
  uiPort: number;
  /** A server already on the port is used as it is (said in the log) instead of refused. */
  reuseExisting?: boolean;
  /** Where the server's own output goes (appended); default: this process's stderr. */
  serverLogFile?: string;
  /** Told each start, exit and restart. */
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface SupervisedDevServer {
  address: string;
  uiUrl: string;
  /** Undefined when an existing server is reused (not ours to supervise). */
  serverPid(): number | undefined;
  guardPid(): number | undefined;
  restarts(): number;
  stop(): Promise<void>;
}

export class PortAlreadyHeld extends Error {}

export async function superviseDevServer(options: SupervisedDevServerOptions): Promise<SupervisedDevServer> {
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = `http://127.0.0.1:${options.uiPort}`;
  const log = options.log ?? (() => undefined);
  const holder = await describePortHolder(options.port);
  if (holder && !(options.reuseExisting && holder.temporalVersion)) {
    throw new PortAlreadyHeld(
      `${describe(holder)}. Stop it, or reuse a Temporal server there explicitly with HOMEWARD_REUSE_TEMPORAL=1 (or set TEMPORAL_ADDRESS).`,
    );
  }
  if (holder) {
    log(`reusing the Temporal server already on the port, as asked: ${describe(holder)}; it is not supervised`);
    return { address, uiUrl, serverPid: () => undefined, guardPid: () => undefined, restarts: () => 0, stop: async () => undefined };
  }

  mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--ui-port', String(options.uiPort)];
  args.push('--log-level', 'warn', '--db-filename', options.dbFile);
  let guard: ChildProcess | undefined;
  let serverPid: number | undefined;
  let restarts = 0;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = (): ChildProcess => {
    // detached: the guard leads a new process group (and session), away from the terminal's signals.
    const stderr = options.serverLogFile ? openSync(options.serverLogFile, 'a') : 'inherit';
    const child = spawn(process.execPath, [GUARD, options.cliPath, ...args], { detached: true, stdio: ['pipe', 'pipe', stderr] });
    if (typeof stderr === 'number') closeSync(stderr);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, pid] = line.split(' ');
      if (word === 'server-pid') serverPid = Number(pid);
    });
    child.once('exit', (code, signal) => {
      serverPid = undefined;
      if (stopping) return;
      restarts += 1;
      log('the Temporal dev server stopped; starting it again on the same state file', { code, signal, restarts });
      // A pause, so a server that cannot start does not spin; the port may also need a moment.
      restartTimer = setTimeout(() => (guard = launch()), 1000);
    });
    return child;
  };
  // Whatever ends this process, the group goes too (the guard sees its stdin close even on SIGKILL).
  const killGroup = () => {
    if (guard?.pid && guard.exitCode === null) {
      try {
        process.kill(-guard.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  process.once('exit', killGroup);

  guard = launch();
  await waitUntilServing(address, () => guard?.exitCode ?? null);
  log('Temporal dev server started', { address, pid: serverPid });
  return {
    address,
    uiUrl,
    serverPid: () => serverPid,
    guardPid: () => guard?.pid,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      process.removeListener('exit', killGroup);
      const current = guard;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        current.once('exit', () => resolve());
        current.stdin?.end(); // the guard stops the server (SIGTERM, then SIGKILL after 5 s) and exits
        setTimeout(killGroup, 10_000).unref();
      });
    },
  };
}

async function waitUntilServing(address: string, exitCode: () => number | null): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode() !== null) throw new Error(`Temporal dev server exited (${exitCode()}) while starting`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Temporal dev server not reachable at ${address}: ${String(error)}`, { cause: error });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

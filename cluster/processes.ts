/**
 * Child processes of the cluster: output to a log file each. Supervised ones (the workers and API
 * instances) that die (a signal, or a non-zero exit) are started again by themselves with the same
 * command, after a pause that doubles with each quick death and resets once the process has run for
 * a while; after `giveUpAfter` quick deaths in a row (a process that cannot start) supervision gives
 * up, as systemd's start limit does. Every death and restart is said, in the process's log and to
 * the supervisor's `log`: nothing is restarted silently. A clean exit (code 0: it was told to stop
 * and drained) or `stop()` ends supervision.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
}

export interface Supervision {
  /** The first pause before a restart; it doubles with each death within `stableAfterMs` of a start. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A process that ran this long before dying is restarted after `initialBackoffMs` again. */
  stableAfterMs?: number;
  /** Quick deaths in a row after which the process is left down. */
  giveUpAfter?: number;
  /** Told of every death and restart (default: the cluster's stderr). */
  log?: (message: string) => void;
}

export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };

export interface RunningProcess {
  name: string;
  logFile: string;
  /** The current child (a new one after each restart). */
  readonly child: ChildProcess;
  readonly pid: number;
  /** Restarts so far. */
  restarts(): number;
  /** Once the process has ended for good: a clean exit, or stopped. */
  exited: Promise<ExitStatus>;
  /** Throws with the end of its log when the process has ended for good. */
  assertRunning(): void;
  /** Ends supervision: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Sends a signal to the current child and waits for it to exit (the supervisor then restarts it). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const DEFAULTS = { initialBackoffMs: 500, maxBackoffMs: 30_000, stableAfterMs: 30_000, giveUpAfter: 6 };

/** The pause before the restart that follows `quickDeaths` deaths in a row, each soon after its start. */
export const backoffMs = (quickDeaths: number, supervision: Supervision = {}): number => {
  const { initialBackoffMs, maxBackoffMs } = { ...DEFAULTS, ...supervision };
  return Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.max(0, quickDeaths - 1));
};

/** Starts the process; with `supervision` it is restarted when it dies, without it it runs once. */
export function startProcess(spec: ProcessSpec, supervision?: Supervision): RunningProcess {
  const { stableAfterMs, giveUpAfter } = { ...DEFAULTS, ...supervision };
  const say = supervision?.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  let child!: ChildProcess;
  let childExited!: Promise<ExitStatus>;
  let final: ExitStatus | undefined;
  let stopping = false;
  let restarts = 0;
  let quickDeaths = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let ended!: (status: ExitStatus) => void;
  const exited = new Promise<ExitStatus>((resolve) => (ended = resolve));
  const end = (status: ExitStatus) => {
    final = status;
    ended(status);
  };

  const launch = () => {
    const log = openSync(spec.logFile, 'a');
    const startedAt = Date.now();
    child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', log, log] });
    closeSync(log);
    const current = child;
    childExited = new Promise<ExitStatus>((resolve) =>
      current.once('exit', (code, signal) => {
        resolve({ code, signal });
        if (stopping || !supervision || code === 0) return end({ code, signal });
        quickDeaths = Date.now() - startedAt < stableAfterMs ? quickDeaths + 1 : 1;
        const died = `supervisor: ${spec.name} (pid ${current.pid}) died (${signal ?? `exit ${code}`})`;
        const tell = (notice: string) => {
          say(notice);
          appendFileSync(spec.logFile, `${notice}\n`);
        };
        if (quickDeaths > giveUpAfter) {
          tell(`${died}; ${giveUpAfter} quick restarts did not keep it up: left down`);
          return end({ code, signal });
        }
        const pause = backoffMs(quickDeaths, supervision);
        restarts += 1;
        tell(`${died}; starting it again in ${pause} ms (restart ${restarts})`);
        restartTimer = setTimeout(() => {
          if (!stopping) launch();
        }, pause);
      }),
    );
  };
  launch();

  const tail = () => {
    try {
      return readFileSync(spec.logFile, 'utf8').slice(-3000);
    } catch {
      return '';
    }
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name: spec.name,
    logFile: spec.logFile,
    get child() {
      return child;
    },
    get pid() {
      return child.pid!;
    },
    restarts: () => restarts,
    exited,
    assertRunning() {
      if (final) throw new Error(`${spec.name} exited (${final.code ?? final.signal}); its log ${spec.logFile} ends:\n${tail()}`);
    },
    async stop(graceMs = 30_000) {
      if (final) return;
      stopping = true;
      clearTimeout(restartTimer);
      if (!running()) return end({ code: child.exitCode, signal: child.signalCode });
      const current = child;
      const force = setTimeout(() => current.kill('SIGKILL'), graceMs);
      force.unref();
      current.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
    async kill(signal: NodeJS.Signals) {
      const waiting = childExited;
      if (running()) child.kill(signal);
      await waiting;
    },
  };
}

/** Polls `url` until it answers 200, failing early when the process has ended for good. */
export async function waitForHttp(url: string, process: RunningProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    process.assertRunning();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${process.name} not ready at ${url} within ${timeoutMs / 1000} s: ${last}`);
}

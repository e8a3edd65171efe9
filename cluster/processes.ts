/** Child processes of the cluster: output to a log file each, stopped with SIGTERM (SIGKILL after a grace). */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
}

export interface RunningProcess {
  name: string;
  logFile: string;
  child: ChildProcess;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Throws with the end of its log when the process has exited. */
  assertRunning(): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startProcess(spec: ProcessSpec): RunningProcess {
  const log = openSync(spec.logFile, 'a');
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', log, log] });
  closeSync(log);
  let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve((status = { code, signal }))),
  );
  const tail = () => {
    try {
      return readFileSync(spec.logFile, 'utf8').slice(-3000);
    } catch {
      return '';
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    if (!status) child.kill(signal);
    await exited;
  };
  return {
    name: spec.name,
    logFile: spec.logFile,
    child,
    pid: child.pid!,
    exited,
    assertRunning() {
      if (status) throw new Error(`${spec.name} exited (${status.code ?? status.signal}); its log ${spec.logFile} ends:\n${tail()}`);
    },
    async stop(graceMs = 30_000) {
      if (status) return;
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      force.unref();
      await kill('SIGTERM');
      clearTimeout(force);
    },
    kill,
  };
}

/** Polls `url` until it answers 200, failing early when the process exits. */
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

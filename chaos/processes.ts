/**
 * The chaos run's processes: the API and the workers, each a process of its own, started again
 * when the nemesis kills one (the role a process supervisor plays in production).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../platform/config.js';

export interface ManagedProcess {
  name: string;
  pid(): number | undefined;
  alive(): boolean;
  /** SIGKILL, then start again; resolves once the new process runs. */
  killAndRestart(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL without restart, synchronously (for the run's exit handler). */
  killNow(): void;
}

/** Every process ever started here, so an exit handler can leave none behind. */
const everyChild = new Set<ChildProcess>();

export function killEveryChild(): void {
  for (const child of everyChild) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * `readyLine`: a restart counts as done once the new process writes a line matching it (e.g. the
 * worker's "worker started"), so the next kill does not come before the process ever ran.
 */
export function startManaged(name: string, script: string, env: NodeJS.ProcessEnv, logDir: string, readyLine?: RegExp): ManagedProcess {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  let child: ChildProcess;
  let ready: Promise<void> = Promise.resolve();
  const launch = () => {
    child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = child;
    ready = readyLine
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 120_000);
          started.stdout!.on('data', (chunk: Buffer) => {
            if (readyLine.test(chunk.toString())) {
              clearTimeout(timer);
              resolve();
            }
          });
          started.once('exit', () => resolve());
        })
      : Promise.resolve();
    everyChild.add(child);
    child.once('exit', () => everyChild.delete(child));
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
  };
  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
    });
  launch();
  return {
    name,
    pid: () => child.pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    async killAndRestart() {
      const old = child;
      old.kill('SIGKILL');
      await exited(old);
      launch();
      await ready;
    },
    killNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    async stop() {
      const last = child;
      last.kill('SIGTERM');
      const timer = setTimeout(() => last.kill('SIGKILL'), 10_000);
      await exited(last);
      clearTimeout(timer);
      log.end();
    },
  };
}

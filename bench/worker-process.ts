/**
 * Starts a case worker as a child process and reads its memory from /proc, so that the worker's
 * footprint is measured apart from the bench's own clients (and production's shape is kept: the
 * API and the worker are separate processes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../platform/config.js';

export interface WorkerProcessOptions {
  /** 'shipped': worker/main.ts exactly as deployed; 'bench': bench/worker-child.ts with `tuning`. */
  entry: 'shipped' | 'bench';
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  bundlePath?: string;
  tuning?: Record<string, unknown>;
  /** Node flags for the worker process, e.g. --max-old-space-size=512. */
  nodeFlags?: string[];
  /** Key rings as configuration strings (see temporal-services.ts benchKeys). */
  payloadKeys: string;
  masterKeys: string;
}

export interface WorkerProcess {
  pid: number;
  /** The last lines the worker wrote (its log), for diagnosing a failed run. */
  output(): string;
  memory(): { rssMiB: number; peakRssMiB: number };
  /** The V8 heap as the bench worker last reported it (MiB); undefined for the shipped worker. */
  heap(): { heapUsed: number; heapTotal: number; external: number } | undefined;
  stop(): Promise<void>;
}

const ENTRIES = {
  shipped: fileURLToPath(new URL('../worker/main.ts', import.meta.url)),
  bench: fileURLToPath(new URL('./worker-child.ts', import.meta.url)),
};

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  // `node --import tsx` rather than `npx tsx`, so the pid is the worker's own process.
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', ENTRIES[options.entry]], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      DATABASE_URL: options.databaseUrl,
      HOMEWARD_TASK_QUEUE: options.taskQueue,
      HOMEWARD_JWT_SECRET: 'bench-secret',
      HOMEWARD_PAYLOAD_KEYS: options.payloadKeys,
      HOMEWARD_MASTER_KEYS: options.masterKeys,
      BENCH_WORKFLOW_BUNDLE: options.bundlePath ?? '',
      BENCH_TUNING: JSON.stringify(options.tuning ?? {}),
      LOG_LEVEL: 'info',
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitForStart(child);
  return {
    pid: child.pid!,
    output: () => output,
    heap: () => {
      const lines = output.split('\n').filter((line) => line.includes('"memory"'));
      const last = lines.at(-1);
      return last ? (JSON.parse(last) as { memory: { heapUsed: number; heapTotal: number; external: number } }).memory : undefined;
    },
    memory: () => readMemory(child.pid!),
    stop: () => stop(child),
  };
}

function waitForStart(child: ChildProcess): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within 120 s: ${output.slice(-2000)}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
      if (output.includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before starting: ${output.slice(-2000)}`));
    });
  });
}

/** VmRSS (resident now) and VmHWM (the peak resident size) of a process, in MiB. */
export function readMemory(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/**
 * P6: resident memory of the worker process with 10,000 open cases. Each variant is a fresh worker
 * child on a task queue of its own; the cases are opened through the API's open path, and stay
 * open (waiting for their next action, with their step timers running), then VmRSS/VmHWM are read
 * from /proc. 'shipped' is worker/main.ts exactly as deployed (it bundles the workflows itself).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { createWorkflowGateway } from '../api/workflow-gateway.js';
import { benchActor, openCommand } from './fixtures.js';
import { rate } from './stats.js';
import type { BenchKeys } from './temporal-services.js';
import { startWorkerProcess, type WorkerProcessOptions } from './worker-process.js';

export interface P6Variant {
  label: string;
  entry: WorkerProcessOptions['entry'];
  tuning?: Record<string, unknown>;
  nodeFlags?: string[];
  /** Cases to open with this worker. */
  cases: number;
}

export interface P6Options {
  client: Client;
  keys: BenchKeys;
  temporalAddress: string;
  databaseUrl: string;
  bundlePath: string;
  concurrency: number;
  variants: P6Variant[];
  log: (line: string) => void;
}

export interface P6Measurement {
  label: string;
  cases: number;
  tuning: Record<string, unknown>;
  idleRssMiB: number;
  rssMiB: number;
  peakRssMiB: number;
  openRate: number;
}

export async function runP6(options: P6Options): Promise<P6Measurement[]> {
  const results: P6Measurement[] = [];
  for (const variant of options.variants) {
    const taskQueue = `bench-p6-${randomUUID()}`;
    const worker = await startWorkerProcess({
      entry: variant.entry,
      temporalAddress: options.temporalAddress,
      databaseUrl: options.databaseUrl,
      taskQueue,
      bundlePath: options.bundlePath,
      tuning: variant.tuning,
      nodeFlags: variant.nodeFlags,
      payloadKeys: options.keys.payloadSpec,
      masterKeys: options.keys.masterSpec,
    });
    try {
      await settle();
      const idle = worker.memory();
      const commands = createWorkflowGateway(options.client, { taskQueue, answerWithinMs: 120_000 });
      const openRate = await rate(variant.cases, options.concurrency, async (i) => {
        const command = openCommand(i);
        await commands.openCase(command, benchActor, `open-${command.caseId}`);
      });
      await settle();
      const loaded = worker.memory();
      results.push({
        label: variant.label,
        cases: variant.cases,
        tuning: variant.tuning ?? {},
        idleRssMiB: idle.rssMiB,
        rssMiB: loaded.rssMiB,
        peakRssMiB: loaded.peakRssMiB,
        openRate,
      });
      options.log(
        `P6 ${variant.label}: RSS ${idle.rssMiB.toFixed(0)} MiB idle, ${loaded.rssMiB.toFixed(0)} MiB with ${variant.cases} open cases ` +
          `(peak ${loaded.peakRssMiB.toFixed(0)} MiB); opened ${openRate.toFixed(0)}/s`,
      );
    } finally {
      await worker.stop();
    }
  }
  return results;
}

/** Lets the worker finish what is in flight (and the collector run) before memory is read. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));

/**
 * The bench's Temporal: an in-memory dev server of its own, throwaway payload keys (payloads are
 * encrypted as in production, so the codec's cost is in every figure), clients, and the workflow
 * bundle built once per run. Everything that follows platform/temporal.ts's signatures lives here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DATA_DIR, findTemporalCli } from '../platform/config.js';
import { FAILURE_CONVERTER_PATH } from '../platform/crypto/data-converter.js';
import { formatKeyRing, generateKeyRing, type KeyRing } from '../platform/crypto/key-ring.js';
import { connectClient, startDevServer, type DevServer } from '../platform/temporal.js';
import { SHARED_WORKFLOW_MODULES } from '../worker/shared-workflow-modules.js';

export const BENCH_WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export interface BenchKeys {
  payloadKeys: KeyRing;
  masterKeys: KeyRing;
  /** The same keys as configuration strings, for a worker in a child process. */
  payloadSpec: string;
  masterSpec: string;
}

/** Fresh keys for one run: nothing the bench writes outlives it in readable form. */
export function benchKeys(): BenchKeys {
  const payloadKeys = generateKeyRing('bench-payload-1');
  const masterKeys = generateKeyRing('bench-master-1');
  return { payloadKeys, masterKeys, payloadSpec: formatKeyRing(payloadKeys), masterSpec: formatKeyRing(masterKeys) };
}

export function startBenchTemporal(): Promise<DevServer> {
  return startDevServer({ cliPath: findTemporalCli() });
}

export function connectBenchClient(address: string, keys: BenchKeys): Promise<Client> {
  return connectClient(address, 'default', keys.payloadKeys);
}

/**
 * Bundles the bench workflows once, sharing the domain modules as the deployed worker does; every
 * worker of the run loads the file instead of re-bundling.
 */
export async function bundleBenchWorkflows(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: BENCH_WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    // The workers' data converter names this failure converter; a prebuilt bundle must carry it.
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietLogger,
  });
  const dir = join(DATA_DIR, 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, code);
  return path;
}

const noop = () => undefined;
const quietLogger = {
  log: noop,
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: (message: string) => process.stderr.write(`${message}\n`),
};

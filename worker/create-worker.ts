/** Builds the Temporal worker that runs case workflows and their activities. */
import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityFaults, type ActivitySettings } from '../activities/index.js';
import { homewardDataConverter } from '../platform/crypto/data-converter.js';
import type { KeyRing } from '../platform/crypto/key-ring.js';
import type { Db } from '../store/db.js';
import { CASE_TASK_QUEUE } from '../workflows/repatriation/messages.js';
import { SHARED_WORKFLOW_MODULES } from './shared-workflow-modules.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface CaseWorkerOptions {
  connection: NativeConnection;
  db: Db;
  /** Payloads and failure messages are encrypted with these; a prebuilt bundle must include FAILURE_CONVERTER_PATH. */
  payloadKeys: KeyRing;
  namespace?: string;
  taskQueue?: string;
  /** A prebuilt bundle (tests build it once, with `preloadModules: SHARED_WORKFLOW_MODULES`); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  faults?: ActivityFaults;
  settings?: ActivitySettings;
  tuning?: Pick<
    WorkerOptions,
    | 'maxCachedWorkflows'
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'reuseV8Context'
    | 'shutdownGraceTime'
    | 'identity'
  >;
  /** Activity interceptors, e.g. the metrics of worker/observability.ts. */
  activityInterceptors?: NonNullable<WorkerOptions['interceptors']>['activity'];
}

/**
 * Cached (in-memory) case workflows: each cached case holds memory in the workflow thread, and the
 * SDK's default sizes the cache from the heap limit, which would let many open cases take several
 * GiB (figures in BENCHMARKS.md, P6). An evicted case is replayed from its (short) history on its
 * next action.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 250;

/**
 * How long a workflow task waits on this worker's own (sticky) queue before any worker may take it.
 * The SDK's default is 10 s: a worker that is SIGKILLed cannot say it is gone, so each of its
 * cached cases' next task waited 10 s for it (most of a worker kill's recovery in `npm run chaos`).
 * A live worker takes its sticky tasks within milliseconds; one too busy for 3 s has another worker
 * replay the case's short history instead, which costs milliseconds.
 */
export const STICKY_QUEUE_TIMEOUT = '3 seconds';

export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? CASE_TASK_QUEUE,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES } }),
    activities: createActivities(options.db, options.faults, options.settings),
    dataConverter: homewardDataConverter(options.payloadKeys),
    maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
    stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT,
    ...(options.activityInterceptors ? { interceptors: { activity: options.activityInterceptors } } : {}),
    ...options.tuning,
  });
}

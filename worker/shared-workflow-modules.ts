import { fileURLToPath } from 'node:url';

/**
 * The domain modules the workflows import, shared by every workflow of a worker: evaluated once
 * when the worker's reusable V8 context starts instead of once per workflow, and held once in
 * memory instead of once per cached workflow. Safe because
 * the domain is pure: functions and constant data, no state a workflow could leak into another
 * (the SDK freezes what it shares, which a pure module never notices). Everything these modules
 * import is shared with them; test/unit/shared-workflow-modules.test.ts keeps the list complete.
 */
export const SHARED_WORKFLOW_MODULES = [
  'repatriation/index.ts',
  'suspect-transfer/index.ts',
  'handover-batch/index.ts',
  'shared/rejection.ts',
].map((module) => fileURLToPath(new URL(`../domain/${module}`, import.meta.url)));

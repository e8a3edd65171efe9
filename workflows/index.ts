/** Every workflow the worker runs; the worker bundles this file. */
export { repatriationCase } from './repatriation/workflow.js';
export { suspectTransfer } from './suspect-transfer/workflow.js';
export { handoverBatch } from './batch/workflow.js';
export { decidePersonMatch, linkCases, rescreenAsSuspect, rescreenAsVictim } from './case-links/workflow.js';

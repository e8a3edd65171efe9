/** Every workflow the worker runs; the worker bundles this file. */
export { repatriationCase } from './repatriation/workflow.js';

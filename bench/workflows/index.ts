/** The bench worker's bundle: the real case workflows plus the bench's baselines and variants. */
export * from '../../workflows/index.js';
export { bareIdle, bareOpen } from './bare.js';
export { localAppendCase } from './local-append-case.js';

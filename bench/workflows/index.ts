/** The bench worker's bundle: the real case workflows plus the bench's baselines. */
export * from '../../workflows/index.js';
export { bareIdle, bareIdleAppend, bareIdleLocal, bareOpen, bareOpenAppend } from './bare.js';

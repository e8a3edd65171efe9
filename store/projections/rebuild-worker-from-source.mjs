// Starts the rebuild's fold worker from its TypeScript source (run by tsx or vitest): a worker
// thread does not inherit the parent's loader, so it registers tsx's before importing the worker.
import { register } from 'tsx/esm/api';

register();
await import('./rebuild-worker.ts');

/** Cases at the handover stage for the vitest suites, seeded as test/support/seed-handover-case.ts does. */
import { inParallel } from './handover-cases.js';
import { caseworker, type Harness } from './harness.js';
import { seedHandoverCase } from './seed-handover-case.js';

export const seedCaseAtHandover = (h: Harness): Promise<string> =>
  seedHandoverCase({ db: h.db, client: h.client, taskQueue: h.taskQueue, owner: caseworker });

export const seedCasesAtHandover = (h: Harness, count: number, concurrency = 32): Promise<string[]> =>
  inParallel(count, concurrency, () => seedCaseAtHandover(h));

/** Fixtures for handover batches: victim cases brought to the handover stage, many at a time. */
import { IDENTIFICATION, intake, openCase, perform, VERIFICATION } from './cases.js';
import type { ApiClient, Caller } from './harness.js';

export const SENDING: Caller = { userId: 'u-th-dsdhs-7', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' };
export const RECEIVING: Caller = { userId: 'u-mm-dsw-3', agencyId: 'mm-dsw-myawaddy', role: 'coordinator' };

/** A calendar date `days` from today (UTC), as the batch workflow counts them. */
export const daysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const batchPlan = (overrides: Record<string, unknown> = {}) => ({
  crossingPoint: 'mae-sot-myawaddy',
  plannedDate: daysFromToday(10),
  sendingAgencyId: SENDING.agencyId,
  receivingAgencyId: RECEIVING.agencyId,
  fromCountry: 'TH',
  toCountry: 'MM',
  ...overrides,
});

export async function caseAtHandover(api: ApiClient, corridor: { hostCountry?: string; originCountry?: string } = {}): Promise<string> {
  const caseId = await openCase(api, intake(corridor));
  await perform(api, caseId, [...IDENTIFICATION, ...VERIFICATION]);
  return caseId;
}

/** Runs `work` over `count` items with at most `concurrency` at once, keeping the order of results. */
export async function inParallel<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

export const casesAtHandover = (api: ApiClient, count: number, concurrency = 24): Promise<string[]> =>
  inParallel(count, concurrency, () => caseAtHandover(api));

/** Fixtures for handover batches: victim cases brought to the handover stage, many at a time. */
import { randomUUID } from 'node:crypto';
import { IDENTIFICATION, intake, VERIFICATION } from './cases.js';
import type { ApiClient, ApiResponse, Caller } from './harness.js';

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

/**
 * A victim case brought to the handover stage through the API. Each request carries an
 * Idempotency-Key and is resent on 503, as a client on a slow link would: on a loaded machine the
 * case may answer late, and the key guarantees nothing is recorded twice.
 */
export async function caseAtHandover(api: ApiClient, corridor: { hostCountry?: string; originCountry?: string } = {}): Promise<string> {
  const key = randomUUID();
  const opened = await resending(() => api.post('/v1/cases', intake(corridor), { idempotencyKey: `${key}-open` }));
  const caseId = opened.body.caseId as string;
  for (const [index, action] of [...IDENTIFICATION, ...VERIFICATION].entries()) {
    const as = await api.performerOf(caseId, action);
    await resending(() => api.post(`/v1/cases/${caseId}/actions`, action, { idempotencyKey: `${key}-${index}`, as }));
  }
  return caseId;
}

/** Sends until answered; a 503 means "not yet", and the request's Idempotency-Key makes resending safe. */
export async function resending(send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.status === 200 || response.status === 201) return response;
    if (response.status !== 503 || attempt === 5) throw new Error(`refused: ${response.status} ${JSON.stringify(response.body)}`);
  }
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

/** What the monitoring screens read from the API (GET /v1/monitoring/stalled, /v1/statistics/*, /v1/audit). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api.js';
import type { AuditItem, FlowMonth, PeriodSummary, StageFlow, StallPoint, StalledCase } from '../../../store/shapes.js';
import type { Agency } from '../types.js';

export type { AuditItem, FlowMonth, PeriodSummary, StageFlow, StallPoint, StalledCase };

export interface StalledPage {
  items: StalledCase[];
  nextCursor: string | null;
  /** With the first page only (no cursor). */
  stallPoints?: StallPoint[];
}

/** Query string of the filled-in filters only. */
export function queryOf(values: Record<string, string | number | boolean | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  return query.toString();
}

/** The registry's agencies, by id (names for "who holds it" and the agency filter). */
export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: () => api<{ items: Agency[] }>('GET', '/v1/agencies'),
    staleTime: 10 * 60_000,
    select: (data) => data.items,
  });
}

/** Corridors my country takes part in: it is the host or the origin. */
export function corridorsOf(country: string, countries: readonly string[]): string[] {
  const others = countries.filter((c) => c !== country);
  return [...others.map((o) => `${country}-${o}`), ...others.map((o) => `${o}-${country}`)];
}

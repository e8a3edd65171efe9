/** Names the batch screens show: crossings (from the registry's seed, translated where known) and agencies. */
import { useQuery } from '@tanstack/react-query';
import { SEED_CROSSINGS } from '../../../domain/agencies/seed.js';
import { api } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import type { Agency } from '../types.js';

export const CROSSINGS = SEED_CROSSINGS;

export function useNames() {
  const { t, has } = useTerms();
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: () => api<{ items: Agency[] }>('GET', '/v1/agencies'),
    staleTime: Infinity,
  });
  return {
    agencies: agencies.data?.items ?? [],
    agency: (id: string) => agencies.data?.items.find((a) => a.agencyId === id)?.name ?? id,
    crossing: (id: string) => (has(`crossing.${id}`) ? t(`crossing.${id}`) : (CROSSINGS.find((c) => c.crossingId === id)?.name ?? id)),
  };
}

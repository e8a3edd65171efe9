/**
 * The handover batch as the console reads it (GET /v1/batches...), and the hooks that keep it
 * live: the batch is polled while people are being handed over, and its people and manifest are
 * read again only when the batch's version moves.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api.js';

export interface BatchProgress {
  members: number;
  sendingConfirmed: number;
  receivingConfirmed: number;
  handedOver: number;
  excluded: number;
  awaiting: number;
  casesRefused: number;
}

export interface Batch {
  batchId: string;
  status: 'draft' | 'locked' | 'closed' | 'cancelled';
  crossingPoint: string;
  plannedDate: string;
  sendingAgencyId: string;
  receivingAgencyId: string;
  fromCountry: string;
  toCountry: string;
  manifestVersion: number;
  noticeIssuedAt: string | null;
  outcome: string | null;
  version: number;
  progress: BatchProgress;
  caseSteps: Record<'schedule' | 'sending' | 'receiving', { done: number; refused: number }>;
  allowedActions?: string[];
}

export interface BatchMember {
  caseId: string;
  status: 'in_batch' | 'handed_over' | 'excluded' | 'removed';
  sendingConfirmed: boolean;
  receivingConfirmed: boolean;
  exclusionReason: string | null;
}

export interface ManifestEntry {
  caseId: string;
  nationality: string;
  sex: string;
  ageGroup: string;
  travelDocument: string;
}

export interface Candidate {
  caseId: string;
  sex: string;
  ageGroup: string;
  travelDocument: string;
  openedAt: string;
}

/** How often a batch is read again while its people are handed over; slower while it is planned. */
const LIVE_MS = 3_000;
const PLANNING_MS = 15_000;

export function useBatch(batchId: string) {
  return useQuery({
    queryKey: ['batch', batchId],
    queryFn: () => api<Batch>('GET', `/v1/batches/${batchId}`),
    retry: false,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'locked' ? LIVE_MS : status === 'draft' ? PLANNING_MS : false;
    },
    refetchIntervalInBackground: false,
  });
}

/** Every person of the batch (pages of 1,000), read again when the batch's version changes. */
export function useMembers(batch: Batch | undefined) {
  return useQuery({
    queryKey: ['batch', batch?.batchId, 'members', batch?.version],
    enabled: batch !== undefined,
    placeholderData: (previous) => previous,
    queryFn: async () => {
      const all: BatchMember[] = [];
      let after: string | null = null;
      do {
        const page: { items: BatchMember[]; nextAfter: string | null } = await api(
          'GET',
          `/v1/batches/${batch!.batchId}/members?limit=1000${after ? `&after=${after}` : ''}`,
        );
        all.push(...page.items);
        after = page.nextAfter;
      } while (after);
      return all;
    },
  });
}

/** The latest pre-departure notice: per person nationality, sex, age group and travel document. */
export function useManifest(batch: Batch | undefined) {
  return useQuery({
    queryKey: ['batch', batch?.batchId, 'manifest', batch?.manifestVersion],
    enabled: batch !== undefined && batch.manifestVersion > 0,
    staleTime: Infinity,
    queryFn: () =>
      api<{ entries: ManifestEntry[]; version: number; issuedAt: string; daysBefore: number }>(
        'GET',
        `/v1/batches/${batch!.batchId}/manifest`,
      ),
  });
}

/** My side of the handover: the agency I act for is the batch's sending or receiving agency. */
export function sideOf(batch: Batch, agencyId: string): 'sending' | 'receiving' | null {
  if (agencyId === batch.sendingAgencyId) return 'sending';
  if (agencyId === batch.receivingAgencyId) return 'receiving';
  return null;
}

export const may = (batch: Batch, action: string) => batch.allowedActions?.includes(action) ?? false;

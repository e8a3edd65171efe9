/**
 * The casework screens' shapes of the API beyond web/src/types.ts: the deadline of a listed case,
 * people's names in a history and an inbox, links and the requests a case page may offer.
 */
import type * as Base from './types.js';

export type { Agency, Hold, Person, PersonDetails } from './types.js';

export interface CaseSummary extends Base.CaseSummary {
  /** The step the case waits for, its deadline (a hold's review date while on hold), and whether it is past. */
  step: string | null;
  stepDueAt: string | null;
  overdue: boolean;
}

export interface CaseDetail extends Base.CaseDetail, CaseSummary {
  /** Requests besides actions this reader may make now (links, track change). */
  allowedRequests?: ('link' | 'rescreen_as_suspect' | 'rescreen_as_victim')[];
}

export interface CaseEvent extends Base.CaseEvent {
  actorKind?: 'person' | 'service' | 'system' | 'unknown';
  actorName?: string | null;
  agencyName?: string | null;
}

export interface InboxItem extends Base.InboxItem {
  assigneeName?: string | null;
  assignedByName?: string | null;
}

export interface LinkedCase {
  caseId: string;
  kind: string;
  stage: string;
  status: string;
  outcome: string | null;
  linkedAt: string;
  reason?: string;
}

export interface CaseLinks {
  caseId: string;
  links: LinkedCase[];
}

export interface Colleague {
  userId: string;
  displayName: string;
}

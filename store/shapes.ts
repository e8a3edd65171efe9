/**
 * Shapes the store hands out as they are and the web console reads: types only, importing nothing,
 * so the console (web/src/types.ts) imports them too and one definition serves both sides.
 */

/** A person's details as the vault keeps them (store/persons.ts). */
export interface PersonDetails {
  fullName: string;
  otherNames?: string[];
  dateOfBirth?: string;
  placeOfOrigin?: string;
  languages?: string[];
  familyContacts?: string[];
  /** Travel-document and identity numbers, as written on the documents. */
  documentNumbers?: string[];
  notes?: string;
}

/** One open task of an agency's inbox, with the least case detail needed (store/inbox.ts). */
export interface InboxItem {
  taskId: string;
  caseId: string;
  step: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  corridor: string;
  stage: string;
  kind: string;
  sex: string;
  ageGroup: string;
  assignee: string | null;
  /** Who gave the task to its assignee (the assignee, when they claimed it). */
  assignedBy: string | null;
}

/** An overdue open case on the stalled dashboard (store/monitoring.ts, GET /v1/monitoring/stalled). */
export interface StalledCase {
  caseId: string;
  corridor: string;
  stage: string;
  step: string;
  dueAt: string;
  daysOverdue: number;
  flaggedOverdue: boolean;
  escalated: boolean;
  /** Who must act: the side, the kind of agency and its country, and the agency when one is named. */
  heldBy: { side: string; agencyKind: string; country: string; agencyId: string | null };
  owningAgencyId: string;
}

/** Per stage (and corridor): cases in it now, and the days spent there (store/monitoring.ts, GET /v1/statistics/flow). */
export interface StageFlow {
  corridor: string;
  stage: string;
  inStage: number;
  overdue: number;
  visits: number;
  medianDays: number;
  p90Days: number;
}

/** One entry of the audit log (store/audit-queries.ts, GET /v1/audit). */
export interface AuditItem {
  auditId: string;
  at: string;
  userId: string;
  /** The account's display name; null for who has no account here (a development token, a service key). */
  userName: string | null;
  agencyId: string;
  /** The agency's name in the registry. */
  agencyName: string | null;
  role: string;
  action: string;
  outcome: string;
  caseId: string | null;
  personId: string | null;
  detail: Record<string, unknown> | null;
}

/** Where open cases are stuck: overdue cases waiting for one step (store/monitoring.ts, with the stalled dashboard's first page). */
export interface StallPoint {
  step: string;
  overdue: number;
}

/** One month of the flow's trend (store/flow-trend.ts, GET /v1/statistics/flow/trend). */
export interface FlowMonth {
  /** `2026-11` */
  month: string;
  opened: number;
  returned: number;
  endedEarly: number;
  /** Null for a month in which nobody returned. */
  medianDaysToReturn: number | null;
}

/** The period summary agencies publish (store/period-summary.ts, GET /v1/statistics/summary). */
export interface PeriodSummary {
  from: string;
  to: string;
  victimsRepatriated: {
    total: number;
    bySex: Record<string, number>;
    byAgeGroup: Record<string, number>;
    byNationality: Record<string, number>;
    byCorridor: Record<string, number>;
  };
  suspectsTransferred: { total: number; foreignNationals: number; byNationality: Record<string, number> };
  endedEarly: { total: number; byReason: Record<string, number> };
}

/**
 * Reading the audit log for auditors: entries of one country (made by its agencies, or about its
 * cases), filtered by who acted, their agency, the case, the person, the action and the time,
 * newest first, a page at a time (keyset on the entry id). A case outside the auditor's country is
 * never named, even in an entry its own agency's people made.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { AuditItem } from './shapes.js';

export type { AuditItem } from './shapes.js';

export interface AuditFilter {
  country: string;
  caseId?: string;
  personId?: string;
  userId?: string;
  agencyId?: string;
  action?: string;
  outcome?: string;
  /** Inclusive, an instant. */
  from?: string;
  /** Exclusive, an instant. */
  to?: string;
  /** Continue with entries older than this id. */
  before?: number;
  limit: number;
}

export async function auditEntries(db: Db, filter: AuditFilter): Promise<AuditItem[]> {
  const { country } = filter;
  const inCountry = (column: string) =>
    sql`exists (select 1 from cases c where c.case_id = ${sql.ref(column)} and (c.host_country = ${country} or c.origin_country = ${country}))`;
  const { rows } = await sql<Record<string, any>>`
    select l.audit_id, l.at, l.user_id, l.agency_id, l.role, l.action, l.outcome, l.person_id, l.detail,
           case when ${inCountry('l.case_id')} then l.case_id end as case_id,
           (select u.display_name from users u where u.user_id::text = l.user_id) as user_name,
           (select a.name from agencies a where a.agency_id = l.agency_id) as agency_name
    from audit_log l
    where (exists (select 1 from agencies a where a.agency_id = l.agency_id and a.country = ${country}) or ${inCountry('l.case_id')})
      ${filter.caseId ? sql`and l.case_id = ${filter.caseId}::uuid` : sql``}
      ${filter.personId ? sql`and l.person_id = ${filter.personId}::uuid` : sql``}
      ${filter.userId ? sql`and l.user_id = ${filter.userId}` : sql``}
      ${filter.agencyId ? sql`and l.agency_id = ${filter.agencyId}` : sql``}
      ${filter.action ? sql`and l.action = ${filter.action}` : sql``}
      ${filter.outcome ? sql`and l.outcome = ${filter.outcome}` : sql``}
      ${filter.from ? sql`and l.at >= ${filter.from}::timestamptz` : sql``}
      ${filter.to ? sql`and l.at < ${filter.to}::timestamptz` : sql``}
      ${filter.before ? sql`and l.audit_id < ${filter.before}` : sql``}
    order by l.audit_id desc
    limit ${filter.limit}`.execute(db);
  return rows.map((r) => ({
    auditId: String(r.audit_id),
    at: (r.at as Date).toISOString(),
    userId: r.user_id,
    userName: r.user_name ?? null,
    agencyId: r.agency_id,
    agencyName: r.agency_name ?? null,
    role: r.role,
    action: r.action,
    outcome: r.outcome,
    caseId: r.case_id,
    // A person is named only with a case of the auditor's country.
    personId: r.case_id ? r.person_id : null,
    detail: r.detail,
  }));
}

const CSV_COLUMNS = [
  'auditId',
  'at',
  'userId',
  'userName',
  'agencyId',
  'agencyName',
  'role',
  'action',
  'outcome',
  'caseId',
  'personId',
  'detail',
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const auditCsvHeader = `${CSV_COLUMNS.join(',')}\n`;
export const auditCsvLine = (item: AuditItem): string => `${CSV_COLUMNS.map((c) => csvField(item[c])).join(',')}\n`;

/** Every entry of the filter as CSV lines, read a page at a time so an export never holds the whole log. */
export async function* auditCsv(db: Db, filter: Omit<AuditFilter, 'limit'>, pageSize = 1000): AsyncGenerator<string> {
  yield auditCsvHeader;
  let before = filter.before;
  for (;;) {
    const page = await auditEntries(db, { ...filter, before, limit: pageSize });
    if (page.length > 0) yield page.map(auditCsvLine).join('');
    if (page.length < pageSize) return;
    before = Number(page.at(-1)!.auditId);
  }
}

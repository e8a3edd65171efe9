/** Agencies' inboxes: the open tasks their staff must act on, with the least case detail needed. */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { InboxItem } from './shapes.js';

export interface InboxAgency {
  agencyId: string;
  country: string;
  kind: string;
}

export type { InboxItem };

const forAgency = (agency: InboxAgency) =>
  sql`(t.agency_id = ${agency.agencyId} or (t.agency_id is null and t.country = ${agency.country} and t.agency_kind = ${agency.kind}))`;

export async function inbox(db: Db, agency: InboxAgency, options: { limit: number; mine?: string; caseId?: string }): Promise<InboxItem[]> {
  const { rows } = await sql<Record<string, any>>`
    select t.task_id, t.case_id, t.step, t.title, t.due_at, t.due_at < now() as overdue,
           c.host_country || '-' || c.origin_country as corridor, c.stage, c.kind, c.sex, c.age_group, a.assignee_user_id, a.assigned_by
    from tasks t
    join cases c on c.case_id = t.case_id
    left join task_assignments a on a.task_id = t.task_id
    where t.status = 'open' and ${forAgency(agency)}
      ${options.mine ? sql`and a.assignee_user_id = ${options.mine}` : sql``}
      ${options.caseId ? sql`and t.case_id = ${options.caseId}` : sql``}
    order by t.due_at, t.task_id
    limit ${options.limit}`.execute(db);
  return rows.map((r) => ({
    taskId: r.task_id,
    caseId: r.case_id,
    step: r.step,
    title: r.title,
    dueAt: (r.due_at as Date).toISOString(),
    overdue: r.overdue,
    corridor: String(r.corridor).replace(/\s/g, ''),
    stage: r.stage,
    kind: r.kind,
    sex: r.sex,
    ageGroup: r.age_group,
    assignee: r.assignee_user_id ?? null,
    assignedBy: r.assignee_user_id ? (r.assigned_by ?? null) : null,
  }));
}

/** The open task if it is this agency's to take, else undefined. */
export async function openTaskOf(db: Db, agency: InboxAgency, taskId: string): Promise<{ taskId: string; caseId: string } | undefined> {
  const { rows } = await sql<{ task_id: string; case_id: string }>`
    select t.task_id, t.case_id from tasks t where t.task_id = ${taskId} and t.status = 'open' and ${forAgency(agency)}`.execute(db);
  const row = rows[0];
  return row && { taskId: row.task_id, caseId: row.case_id };
}

export async function assignTask(
  db: Db,
  taskId: string,
  assignee: { userId: string; agencyId: string },
  assignedBy: string,
): Promise<void> {
  await db
    .insertInto('task_assignments')
    .values({ task_id: taskId, assignee_user_id: assignee.userId, assignee_agency_id: assignee.agencyId, assigned_by: assignedBy })
    .onConflict((oc) =>
      oc.column('task_id').doUpdateSet({
        assignee_user_id: assignee.userId,
        assignee_agency_id: assignee.agencyId,
        assigned_by: assignedBy,
        assigned_at: new Date(),
      }),
    )
    .execute();
}

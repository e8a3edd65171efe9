/** Reads of the handover-batch read models and of the notices recorded in a batch's stream. */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db.js';
import { withBatchTables, type BatchesTable, type BatchMembersTable } from './batch-tables.js';
import { batchStreamId } from './batches.js';

export type BatchRow = Selectable<BatchesTable>;
export type BatchMemberRow = Selectable<BatchMembersTable>;

export async function findBatch(db: Db, batchId: string): Promise<BatchRow | undefined> {
  return withBatchTables(db).selectFrom('batches').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
}

/** Batches of the caller's agency, or (for coordinators and auditors) of their country. */
export async function listBatches(
  db: Db,
  filter: { status?: string; limit: number; visibleTo: { agency: { agencyId: string; country: string }; actor: { role: string } } },
): Promise<BatchRow[]> {
  const { agency, actor } = filter.visibleTo;
  const watcher = actor.role === 'coordinator' || actor.role === 'auditor';
  let query = withBatchTables(db)
    .selectFrom('batches')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('sending_agency_id', '=', agency.agencyId),
        eb('receiving_agency_id', '=', agency.agencyId),
        ...(watcher ? [eb('from_country', '=', agency.country), eb('to_country', '=', agency.country)] : []),
      ]),
    );
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('planned_date', 'desc').orderBy('batch_id').limit(filter.limit).execute();
}

/** Members in case-id order, a page at a time (a batch holds thousands). */
export async function batchMembers(
  db: Db,
  batchId: string,
  filter: { status?: string; after?: string; limit: number },
): Promise<BatchMemberRow[]> {
  let query = withBatchTables(db).selectFrom('batch_members').selectAll().where('batch_id', '=', batchId);
  if (filter.status) query = query.where('status', '=', filter.status);
  else query = query.where('status', '<>', 'removed');
  if (filter.after) query = query.where('case_id', '>', filter.after);
  return query.orderBy('case_id').limit(filter.limit).execute();
}

/** For each step the batch drives on people's own cases: how many took it, and how many refused. */
export async function caseStepCounts(db: Db, batchId: string): Promise<Record<string, { done: number; refused: number }>> {
  const { rows } = await sql<{ step: string; outcome: string; n: string }>`
    select s.key as step, s.value as outcome, count(*) as n
    from batch_members m, jsonb_each_text(m.case_steps) s
    where m.batch_id = ${batchId} and m.status <> 'removed'
    group by 1, 2`.execute(db);
  const counts: Record<string, { done: number; refused: number }> = {};
  for (const r of rows) {
    const step = (counts[r.step] ??= { done: 0, refused: 0 });
    if (r.outcome === 'done') step.done += Number(r.n);
    else step.refused += Number(r.n);
  }
  return counts;
}

/** A pre-departure notice as issued (the latest, or a given version), read from the batch's history. */
export async function findManifest(db: Db, batchId: string, version?: number) {
  let query = db
    .selectFrom('events')
    .select(['data', 'recorded_at', 'stream_position'])
    .where('stream_id', '=', batchStreamId(batchId))
    .where('type', '=', 'ManifestIssued');
  if (version !== undefined) query = query.where(sql<boolean>`(data->>'version')::int = ${version}`);
  return query.orderBy('stream_position', 'desc').limit(1).executeTakeFirst();
}

/**
 * The handover-batch read models: `batches` (one row per batch, with progress counts) and
 * `batch_members` (one row per person on a batch), plus `batch_case_claims`, which keeps a case in
 * at most one open batch. The inline update and the rebuild apply the same per-event statements.
 */
import { sql, type Transaction } from 'kysely';
import type { BatchEvent } from '../../domain/handover-batch/index.js';
import type { StoredEvent } from '../event-store.js';
import type { Database } from '../schema.js';
import { trxWithBatchTables, type BatchDatabase } from './batch-tables.js';
import type { RebuildSession } from './rebuild-io.js';
import { eventPages, type FoldedEvent } from './rebuild-read.js';

export const BATCH_STREAM_TYPE = 'handover_batch';
export const batchStreamId = (batchId: string): string => `batch-${batchId}`;
export const batchIdOfStream = (streamId: string): string => streamId.slice('batch-'.length);

export interface CaseProblem {
  caseId: string;
  reason: string;
}

/** A case named for a batch is already claimed by another open batch: nothing of the change is kept. */
export class BatchAdmissionRefused extends Error {
  override readonly name = 'BatchAdmissionRefused';
  constructor(readonly problems: CaseProblem[]) {
    super(
      `${problems.length} case(s) cannot join the batch: ${problems
        .slice(0, 3)
        .map((p) => `${p.caseId} (${p.reason})`)
        .join('; ')}`,
    );
  }
}

/** Inline projection: runs in the append transaction of one batch stream; claims are enforced. */
export async function projectBatchEvents(trx: Transaction<Database>, events: StoredEvent[]): Promise<void> {
  const first = events[0];
  if (!first) return;
  const t = trxWithBatchTables(trx);
  const batchId = batchIdOfStream(first.streamId);
  for (const stored of events) await applyBatchEvent(t, batchId, stored, 'enforce');
  await refreshCounts(t, batchId);
}

type ClaimMode = 'enforce' | 'rebuild';
const ids = (caseIds: string[]) => sql`${caseIds}::uuid[]`;

export async function applyBatchEvent(
  t: Transaction<BatchDatabase>,
  batchId: string,
  stored: FoldedEvent,
  claims: ClaimMode,
): Promise<void> {
  const event = { type: stored.type, data: stored.data } as BatchEvent;
  const at = stored.recordedAt;
  const members = () => t.updateTable('batch_members').set({ updated_at: at }).where('batch_id', '=', batchId);
  switch (event.type) {
    case 'BatchPlanned': {
      const d = event.data;
      await t
        .insertInto('batches')
        .values({
          batch_id: batchId,
          status: 'draft',
          crossing_point: d.crossingPoint,
          planned_date: d.plannedDate,
          sending_agency_id: d.sendingAgencyId,
          receiving_agency_id: d.receivingAgencyId,
          from_country: d.fromCountry,
          to_country: d.toCountry,
          opened_at: at,
          updated_at: at,
          version: stored.streamPosition,
        })
        .execute();
      break;
    }
    case 'BatchCasesAdded':
      await claimCases(t, batchId, event.data.caseIds, claims);
      await sql`
        insert into batch_members (batch_id, case_id, status, updated_at)
        select ${batchId}::uuid, c, 'in_batch', ${at} from unnest(${ids(event.data.caseIds)}) as c
        on conflict (batch_id, case_id) do update set status = 'in_batch', sending_confirmed = false, receiving_confirmed = false,
          exclusion_reason = null, case_steps = '{}'::jsonb, case_refusal = null, updated_at = excluded.updated_at`.execute(t);
      break;
    case 'BatchCasesRemoved':
      await members()
        .set({ status: 'removed' })
        .where(sql<boolean>`case_id = any(${ids(event.data.caseIds)})`)
        .execute();
      await releaseClaims(t, batchId, event.data.caseIds);
      break;
    case 'BatchRescheduled':
      await t
        .updateTable('batches')
        .set({ planned_date: event.data.plannedDate, crossing_point: event.data.crossingPoint })
        .where('batch_id', '=', batchId)
        .execute();
      break;
    case 'BatchLocked':
      await t.updateTable('batches').set({ status: 'locked' }).where('batch_id', '=', batchId).execute();
      break;
    case 'ManifestIssued':
      await t
        .updateTable('batches')
        .set({ manifest_version: event.data.version, notice_issued_at: at })
        .where('batch_id', '=', batchId)
        .execute();
      break;
    case 'HandoverConfirmedInBatch': {
      const [mine, other] =
        event.data.side === 'sending' ? ['sending_confirmed', 'receiving_confirmed'] : ['receiving_confirmed', 'sending_confirmed'];
      await sql`
        update batch_members set ${sql.ref(mine)} = true, updated_at = ${at},
          status = case when ${sql.ref(other)} then 'handed_over' else status end
        where batch_id = ${batchId} and case_id = any(${ids(event.data.caseIds)})`.execute(t);
      break;
    }
    case 'PersonsExcluded':
      await sql`
        update batch_members m set status = 'excluded', exclusion_reason = x.reason, updated_at = ${at}
        from jsonb_to_recordset(${JSON.stringify(event.data.exclusions)}::jsonb) as x("caseId" uuid, reason text)
        where m.batch_id = ${batchId} and m.case_id = x."caseId"`.execute(t);
      await releaseClaims(
        t,
        batchId,
        event.data.exclusions.map((e) => e.caseId),
      );
      break;
    case 'CasesAdvanced': {
      const { step, advanced, refused } = event.data;
      if (advanced.length > 0) {
        await sql`
          update batch_members set case_steps = case_steps || jsonb_build_object(${step}::text, 'done'), updated_at = ${at}
          where batch_id = ${batchId} and case_id = any(${ids(advanced)})`.execute(t);
      }
      if (refused.length > 0) {
        await sql`
          update batch_members m set case_steps = m.case_steps || jsonb_build_object(${step}::text, 'refused'), case_refusal = x.reason, updated_at = ${at}
          from jsonb_to_recordset(${JSON.stringify(refused)}::jsonb) as x("caseId" uuid, reason text)
          where m.batch_id = ${batchId} and m.case_id = x."caseId"`.execute(t);
      }
      break;
    }
    case 'BatchClosed':
      await t.updateTable('batches').set({ status: 'closed', outcome: 'closed' }).where('batch_id', '=', batchId).execute();
      await t.deleteFrom('batch_case_claims').where('batch_id', '=', batchId).execute();
      break;
    case 'BatchCancelled':
      await t.updateTable('batches').set({ status: 'cancelled', outcome: event.data.reason }).where('batch_id', '=', batchId).execute();
      await t.deleteFrom('batch_case_claims').where('batch_id', '=', batchId).execute();
      break;
  }
  await t.updateTable('batches').set({ version: stored.streamPosition, updated_at: at }).where('batch_id', '=', batchId).execute();
}

/**
 * Claims each case for this batch. A claim held by another batch refuses the whole append (it rolls
 * back with the events); on a rebuild the history is already decided, so claims are just restored.
 */
async function claimCases(t: Transaction<BatchDatabase>, batchId: string, caseIds: string[], mode: ClaimMode): Promise<void> {
  const { rows } = await sql<{ case_id: string }>`
    insert into batch_case_claims (case_id, batch_id) select c, ${batchId}::uuid from unnest(${ids(caseIds)}) as c
    on conflict (case_id) do nothing returning case_id`.execute(t);
  if (mode === 'rebuild' || rows.length === caseIds.length) return;
  const claimed = new Set(rows.map((r) => r.case_id));
  const held = await t
    .selectFrom('batch_case_claims')
    .select(['case_id', 'batch_id'])
    .where(sql<boolean>`case_id = any(${ids(caseIds.filter((id) => !claimed.has(id)))})`)
    .where('batch_id', '<>', batchId)
    .execute();
  if (held.length > 0)
    throw new BatchAdmissionRefused(held.map((h) => ({ caseId: h.case_id, reason: `already in open batch ${h.batch_id}` })));
}

async function releaseClaims(t: Transaction<BatchDatabase>, batchId: string, caseIds: string[]): Promise<void> {
  await t
    .deleteFrom('batch_case_claims')
    .where('batch_id', '=', batchId)
    .where(sql<boolean>`case_id = any(${ids(caseIds)})`)
    .execute();
}

export async function refreshCounts(t: Transaction<BatchDatabase>, batchId: string): Promise<void> {
  await sql`
    update batches b set
      members = c.members, sending_confirmed = c.sending, receiving_confirmed = c.receiving,
      handed_over = c.handed_over, excluded = c.excluded, cases_refused = c.refused
    from (
      select count(*) filter (where status <> 'removed') as members,
        count(*) filter (where status <> 'removed' and sending_confirmed) as sending,
        count(*) filter (where status <> 'removed' and receiving_confirmed) as receiving,
        count(*) filter (where status = 'handed_over') as handed_over,
        count(*) filter (where status = 'excluded') as excluded,
        count(*) filter (where status <> 'removed' and case_refusal is not null) as refused
      from batch_members where batch_id = ${batchId}
    ) c
    where b.batch_id = ${batchId}`.execute(t);
}

/**
 * Rebuilds the batch read models from the batch streams alone, inside the caller's transaction.
 * Each event is applied by the inline statements, awaited one by one: batches are few beside cases.
 */
export async function rebuildBatches(session: RebuildSession, streamsPerPage = 100): Promise<{ events: number; batches: number }> {
  const t = trxWithBatchTables(session.trx);
  await sql`lock table batches, batch_members, batch_case_claims in exclusive mode`.execute(t);
  await t.deleteFrom('batch_case_claims').execute();
  await t.deleteFrom('batch_members').execute();
  await t.deleteFrom('batches').execute();
  const report = { events: 0, batches: 0 };
  let current: string | null = null;
  for await (const page of eventPages(session, BATCH_STREAM_TYPE, streamsPerPage)) {
    for (const stored of page) {
      if (stored.streamId !== current) {
        if (current) await refreshCounts(t, batchIdOfStream(current));
        current = stored.streamId;
        report.batches += 1;
      }
      await applyBatchEvent(t, batchIdOfStream(stored.streamId), stored, 'rebuild');
      report.events += 1;
    }
  }
  if (current) await refreshCounts(t, batchIdOfStream(current));
  return report;
}

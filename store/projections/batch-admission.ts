/**
 * What a batch reads about the people's own cases: whether each is ready to join (checked inside
 * the append that adds them), and the manifest lines the pre-departure notice carries.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db.js';
import type { Database } from '../schema.js';
import { BatchAdmissionRefused, type CaseProblem } from './batches.js';
import { REPATRIATION_STREAM_TYPE } from './cases.js';

const ids = (caseIds: string[]) => sql`${caseIds}::uuid[]`;

interface CaseFacts {
  case_id: string;
  kind: string;
  stage: string;
  status: string;
  host_country: string;
  origin_country: string;
  sending: boolean | null;
  receiving: boolean | null;
}

/**
 * A case may join a batch when it is a victim case, open and not on hold, in the handover stage,
 * travelling in the batch's direction, no side has confirmed its handover yet, and no other open
 * batch holds it. Every case that fails is named with its reason. (The claim written with the
 * event is what finally settles a race between two batches; this check only explains refusals.)
 */
export async function admitCases(
  trx: Transaction<Database>,
  batchId: string,
  admission: { caseIds: string[]; fromCountry: string; toCountry: string },
): Promise<void> {
  const { rows } = await sql<CaseFacts>`
    select case_id, kind, stage, status, trim(host_country) as host_country, trim(origin_country) as origin_country,
      (state #>> '{facts,handoverConfirmedBy,sending}')::boolean as sending,
      (state #>> '{facts,handoverConfirmedBy,receiving}')::boolean as receiving
    from cases where case_id = any(${ids(admission.caseIds)})
    for share`.execute(trx);
  const { rows: claims } = await sql<{ case_id: string; batch_id: string }>`
    select case_id, batch_id from batch_case_claims where case_id = any(${ids(admission.caseIds)}) and batch_id <> ${batchId}`.execute(trx);
  const found = new Map(rows.map((r) => [r.case_id, r]));
  const claimedBy = new Map(claims.map((c) => [c.case_id, c.batch_id]));
  const problems: CaseProblem[] = [];
  for (const caseId of admission.caseIds) {
    const other = claimedBy.get(caseId);
    const reason = other ? `already in open batch ${other}` : notReady(found.get(caseId), admission);
    if (reason) problems.push({ caseId, reason });
  }
  if (problems.length > 0) throw new BatchAdmissionRefused(problems);
}

function notReady(row: CaseFacts | undefined, batch: { fromCountry: string; toCountry: string }): string | null {
  if (!row) return 'no such case';
  if (row.kind !== REPATRIATION_STREAM_TYPE) return `a ${row.kind} case cannot join a victims' handover batch`;
  if (row.status !== 'open') return `the case is ${row.status.replace('_', ' ')}`;
  if (row.stage !== 'handover') return `the case is in the ${row.stage} stage, not ready for handover`;
  if (row.host_country !== batch.fromCountry || row.origin_country !== batch.toCountry) {
    return `the case travels ${row.host_country}->${row.origin_country}, the batch ${batch.fromCountry}->${batch.toCountry}`;
  }
  if (row.sending || row.receiving) return 'a side has already confirmed this handover';
  return null;
}

/** One line of the pre-departure manifest: no more than the receiving side needs to prepare. */
export interface ManifestEntry {
  caseId: string;
  nationality: string;
  sex: string;
  ageGroup: string;
  /** The document the embassy issued, or `none`. */
  travelDocument: string;
}

/** The manifest after a change: everyone on the batch now, plus those added, minus those removed. */
export async function manifestEntries(db: Db, batchId: string, change: { added: string[]; removed: string[] }): Promise<ManifestEntry[]> {
  const removed = new Set(change.removed);
  const { rows: current } = await sql<{ case_id: string }>`
    select case_id from batch_members where batch_id = ${batchId} and status = 'in_batch'`.execute(db);
  const people = [...new Set([...current.map((r) => r.case_id), ...change.added])].filter((id) => !removed.has(id));
  const { rows } = await sql<{ case_id: string; nationality: string; sex: string; age_group: string; travel_document: string | null }>`
    select case_id, trim(origin_country) as nationality, sex, age_group, state #>> '{facts,travelDocument}' as travel_document
    from cases where case_id = any(${ids(people)}) order by case_id`.execute(db);
  return rows.map((r) => ({
    caseId: r.case_id,
    nationality: r.nationality,
    sex: r.sex,
    ageGroup: r.age_group,
    travelDocument: r.travel_document ?? 'none',
  }));
}

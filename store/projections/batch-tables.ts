/**
 * Kysely types of the handover-batch read models (migration 0004). Kept beside their projection and
 * added to a connection with `withBatchTables`, so the shared schema file stays as it is.
 */
import type { ColumnType, JSONColumnType, Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type IsoDate = ColumnType<string, string, string>;

export interface BatchesTable {
  batch_id: string;
  status: string;
  crossing_point: string;
  planned_date: IsoDate;
  sending_agency_id: string;
  receiving_agency_id: string;
  from_country: string;
  to_country: string;
  manifest_version: ColumnType<number, number | undefined, number>;
  notice_issued_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  members: ColumnType<number, number | undefined, number>;
  sending_confirmed: ColumnType<number, number | undefined, number>;
  receiving_confirmed: ColumnType<number, number | undefined, number>;
  handed_over: ColumnType<number, number | undefined, number>;
  excluded: ColumnType<number, number | undefined, number>;
  cases_refused: ColumnType<number, number | undefined, number>;
  outcome: string | null;
  opened_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface BatchMembersTable {
  batch_id: string;
  case_id: string;
  status: string;
  sending_confirmed: ColumnType<boolean, boolean | undefined, boolean>;
  receiving_confirmed: ColumnType<boolean, boolean | undefined, boolean>;
  exclusion_reason: string | null;
  case_steps: JSONColumnType<Record<string, string>, string | undefined, string>;
  case_refusal: string | null;
  updated_at: Timestamp;
}

export interface BatchCaseClaimsTable {
  case_id: string;
  batch_id: string;
}

export type BatchTables = {
  batches: BatchesTable;
  batch_members: BatchMembersTable;
  batch_case_claims: BatchCaseClaimsTable;
};

export type BatchDatabase = Database & BatchTables;

export const withBatchTables = (db: Kysely<Database>): Kysely<BatchDatabase> => db.withTables<BatchTables>() as Kysely<BatchDatabase>;
export const trxWithBatchTables = (trx: Transaction<Database>): Transaction<BatchDatabase> =>
  trx.withTables<BatchTables>() as Transaction<BatchDatabase>;

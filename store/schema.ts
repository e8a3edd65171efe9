import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StreamsTable {
  stream_id: string;
  stream_type: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventsTable {
  global_position: ColumnType<string, never, never>;
  stream_id: string;
  stream_position: number;
  event_id: string;
  type: string;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  metadata: JSONColumnType<Record<string, unknown>, string, string>;
  actor_id: string;
  agency_id: string;
  recorded_at: Timestamp;
}

export interface CasesTable {
  case_id: string;
  kind: string;
  stage: string;
  status: string;
  host_country: string;
  origin_country: string;
  owning_agency_id: string;
  age_group: string;
  sex: string;
  on_hold: boolean;
  hold_reason: string | null;
  hold_review_date: ColumnType<string | null, string | null, string | null>;
  outcome: string | null;
  opened_at: Timestamp;
  last_progress_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  state: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface PersonsTable {
  person_id: string;
  /** The person's details, sealed with their data key (see store/persons.ts); null once erased. */
  sealed: Buffer | null;
  created_at: Generated<Date>;
  erased_at: Date | null;
}

/** Per-person data keys, wrapped by a master key; a destroyed key stays as a tombstone. */
export interface PersonKeysTable {
  person_id: string;
  master_key_id: string | null;
  wrapped_key: Buffer | null;
  created_at: Generated<Date>;
  destroyed_at: Date | null;
}


export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: JSONColumnType<object, string, string>;
  created_at: Generated<Date>;
}

export interface Database {
  streams: StreamsTable;
  events: EventsTable;
  cases: CasesTable;
  persons: PersonsTable;
  person_keys: PersonKeysTable;
  idempotency_keys: IdempotencyKeysTable;
}

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
  /** The step the case waits for, its deadline and who holds it (see domain/repatriation/deadlines.ts). */
  step: string | null;
  step_due_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  step_escalate_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  holder_side: string | null;
  holder_agency_kind: string | null;
  holder_country: string | null;
  overdue: ColumnType<boolean, boolean | undefined, boolean>;
  escalated: ColumnType<boolean, boolean | undefined, boolean>;
  clock: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface NotificationsTable {
  notification_id: string;
  topic: string;
  recipient_country: string;
  recipient_role: string;
  recipient_agency_kind: string | null;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export interface WebhookSubscriptionsTable {
  subscription_id: string;
  agency_id: string;
  url: string;
  secret: string;
  country: string | null;
  role: string | null;
  agency_kind: string | null;
  topics: string[] | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  delivery_id: string;
  notification_id: string;
  subscription_id: string;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  delivered_at: Date | null;
  last_error: string | null;
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

export interface AgenciesTable {
  agency_id: string;
  name: string;
  country: string;
  kind: string;
}

export interface CrossingsTable {
  crossing_id: string;
  name: string;
  countries: string[];
  kind: string;
}

export interface TasksTable {
  task_id: string;
  case_id: string;
  step: string;
  title: string;
  agency_id: string | null;
  agency_kind: string;
  country: string;
  due_at: ColumnType<Date, Date | string, Date | string>;
  status: 'open' | 'done' | 'cancelled';
  opened_at: ColumnType<Date, Date | string, Date | string>;
  closed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  closed_by: string | null;
}

export interface TaskAssignmentsTable {
  task_id: string;
  assignee_user_id: string;
  assignee_agency_id: string;
  assigned_by: string;
  assigned_at: Generated<Date>;
}

export interface CasePartiesTable {
  case_id: string;
  party: string;
}

export interface AuditLogTable {
  audit_id: Generated<string>;
  at: Generated<Date>;
  user_id: string;
  agency_id: string;
  role: string;
  action: string;
  outcome: string;
  case_id: string | null;
  person_id: string | null;
  detail: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
}

/** Keyed hashes of a person's normalised details (platform/matching/keys.ts); deleted on erasure. */
export interface PersonMatchKeysTable {
  person_id: string;
  key_id: string;
  kind: string;
  hash: Buffer;
}

/** What a search suggested for a case (store/match-index.ts); decisions are events on both cases. */
export interface PossibleMatchesTable {
  case_id: string;
  other_case_id: string;
  score: number;
  found_at: Generated<Date>;
}

/** One row per case and stage entered (migration 0017, store/projections/stage-visits.ts). */
export interface StageVisitsTable {
  case_id: string;
  entered_position: number;
  stage: string;
  host_country: string;
  origin_country: string;
  entered_at: Date;
  left_at: Date | null;
  arrived_at: Date | null;
  ended_early: boolean;
}

export interface Database {
  streams: StreamsTable;
  events: EventsTable;
  cases: CasesTable;
  persons: PersonsTable;
  person_keys: PersonKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  agencies: AgenciesTable;
  crossings: CrossingsTable;
  tasks: TasksTable;
  task_assignments: TaskAssignmentsTable;
  case_parties: CasePartiesTable;
  audit_log: AuditLogTable;
  person_match_keys: PersonMatchKeysTable;
  possible_matches: PossibleMatchesTable;
  stage_visits: StageVisitsTable;
}

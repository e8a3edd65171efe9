/** Tables of migration 0012 (accounts and sign-in), added to the Database type where they are used. */
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Db } from './db.js';
import type { Database } from './schema.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UsersTable {
  user_id: Generated<string>;
  username: string;
  display_name: string;
  agency_id: string;
  role: string;
  language: Generated<string>;
  status: Generated<'active' | 'disabled'>;
  password_hash: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: Generated<Date>;
  last_seen_at: NullableTimestamp;
  disabled_at: NullableTimestamp;
}

export interface SessionsTable {
  session_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: NullableTimestamp;
}

export interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  used_at: NullableTimestamp;
}

export interface SignInChallengesTable {
  challenge_hash: string;
  user_id: string;
  kind: 'second_factor' | 'enrolment';
  pending_secret: string | null;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface SignInThrottlesTable {
  throttle_key: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface OidcSignInsTable {
  state: string;
  agency_id: string;
  code_verifier: string;
  nonce: string;
  expires_at: Timestamp;
}

export interface ServiceTokensTable {
  token_id: Generated<string>;
  token_hash: string;
  agency_id: string;
  name: string;
  role: string;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export type AccountsTables = {
  users: UsersTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_challenges: SignInChallengesTable;
  sign_in_throttles: SignInThrottlesTable;
  password_resets: PasswordResetsTable;
  oidc_sign_ins: OidcSignInsTable;
  service_tokens: ServiceTokensTable;
};

export type AccountsDb = Kysely<Database & AccountsTables>;

export const accountsDb = (db: Db): AccountsDb => db.withTables<AccountsTables>();

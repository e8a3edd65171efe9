/**
 * Accounts and sign-in: people (users), their sessions, second factors, recovery codes, sign-in
 * throttles, password-reset links, single sign-on state and service tokens. Only hashes of
 * secrets are stored (session tokens, service tokens, recovery codes, reset links); passwords as
 * argon2id hashes. The app role (`homeward_app`, row-level security) gets no grant on any of these
 * tables: credentials are read by the owner connection alone, and `public` is revoked explicitly.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = [
  'service_tokens',
  'oidc_sign_ins',
  'password_resets',
  'sign_in_throttles',
  'sign_in_challenges',
  'recovery_codes',
  'sessions',
  'users',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table users (
      user_id uuid primary key default gen_random_uuid(),
      username text not null,
      display_name text not null,
      agency_id text not null references agencies (agency_id),
      role text not null,
      language text not null default 'en',
      status text not null default 'active' check (status in ('active', 'disabled')),
      password_hash text,
      totp_secret text,
      totp_pending_secret text,
      totp_last_step bigint,
      oidc_issuer text,
      oidc_subject text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz,
      disabled_at timestamptz
    )`.execute(db);
  await sql`create unique index users_by_username on users (lower(username))`.execute(db);
  await sql`create unique index users_by_oidc_subject on users (oidc_issuer, oidc_subject) where oidc_subject is not null`.execute(db);
  await sql`create index users_by_agency on users (agency_id, username)`.execute(db);

  await sql`create table sessions (
      session_hash text primary key,
      user_id uuid not null references users (user_id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ended_at timestamptz
    )`.execute(db);
  await sql`create index sessions_by_user on sessions (user_id) where ended_at is null`.execute(db);

  await sql`create table recovery_codes (
      code_hash text primary key,
      user_id uuid not null references users (user_id) on delete cascade,
      used_at timestamptz
    )`.execute(db);
  await sql`create index recovery_codes_by_user on recovery_codes (user_id)`.execute(db);

  // Between the password and the second factor (or its enrolment): short-lived, used once.
  await sql`create table sign_in_challenges (
      challenge_hash text primary key,
      user_id uuid not null references users (user_id) on delete cascade,
      kind text not null check (kind in ('second_factor', 'enrolment')),
      pending_secret text,
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);

  // Failures per account name and per address, both keyed by a hash: an unknown name locks the same way.
  await sql`create table sign_in_throttles (
      throttle_key text primary key,
      failures integer not null default 0,
      first_failure_at timestamptz not null default now(),
      locked_until timestamptz
    )`.execute(db);

  await sql`create table password_resets (
      token_hash text primary key,
      user_id uuid not null references users (user_id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);

  await sql`create table oidc_sign_ins (
      state text primary key,
      agency_id text not null references agencies (agency_id),
      code_verifier text not null,
      nonce text not null,
      expires_at timestamptz not null
    )`.execute(db);

  await sql`create table service_tokens (
      token_id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      agency_id text not null references agencies (agency_id),
      name text not null,
      role text not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);
  await sql`create index service_tokens_by_agency on service_tokens (agency_id, created_at)`.execute(db);

  for (const table of TABLES) await sql`revoke all on ${sql.table(table)} from public`.execute(db);
  await sql`do $$ begin
      if exists (select from pg_roles where rolname = 'homeward_app') then
        revoke all on users, sessions, recovery_codes, sign_in_challenges, sign_in_throttles,
          password_resets, oidc_sign_ins, service_tokens from homeward_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}

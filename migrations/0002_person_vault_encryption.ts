import { sql, type Kysely } from 'kysely';
import { newDataKey, PERSON_DETAILS, sealPersonal, wrapDataKey } from '../platform/crypto/envelope.js';
import type { KeyRing } from '../platform/crypto/key-ring.js';
import { loadMasterKeys } from '../platform/config.js';

/**
 * Personal data encrypted at rest. `person_keys` holds each person's data key, wrapped by a master
 * key; erasure destroys the wrapped key and keeps the row as a tombstone, and triggers make sure a
 * destroyed key is never brought back or its tombstone removed (so the person id cannot be reused).
 * `persons.data` (plaintext jsonb) gives way to `persons.sealed`; rows already stored are encrypted
 * here, which needs the master keys only when such rows exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_keys')
    .addColumn('person_id', 'uuid', (c) => c.primaryKey())
    .addColumn('master_key_id', 'text')
    .addColumn('wrapped_key', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('destroyed_at', 'timestamptz')
    .addCheckConstraint(
      'person_keys_live_or_destroyed',
      sql`(destroyed_at is null) = (wrapped_key is not null and master_key_id is not null)`,
    )
    .execute();
  await sql`
    create function person_keys_stay_destroyed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then raise exception 'person keys are destroyed, never deleted: the tombstone stays'; end if;
      if old.destroyed_at is not null and (new.destroyed_at is null or new.wrapped_key is not null) then
        raise exception 'person % was erased: the key cannot be re-created', old.person_id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger person_keys_stay_destroyed before update or delete on person_keys
    for each row execute function person_keys_stay_destroyed()`.execute(db);

  await db.schema.alterTable('persons').addColumn('sealed', 'bytea').execute();
  const plaintext = await sql<{ n: string }>`select count(*) as n from persons where data is not null and erased_at is null`.execute(db);
  await encryptPlaintextPersons(db, Number(plaintext.rows[0]?.n) > 0 ? loadMasterKeys() : undefined);
  await db.schema.alterTable('persons').dropColumn('data').execute();
  await db.schema
    .alterTable('persons')
    .addForeignKeyConstraint('persons_person_key', ['person_id'], 'person_keys', ['person_id'])
    .execute();
}

/** Seals every plaintext row under a new data key; rows already erased get a tombstone. */
export async function encryptPlaintextPersons(db: Kysely<any>, masterKeys: KeyRing | undefined): Promise<number> {
  const rows = await sql<{
    person_id: string;
    data: unknown;
    erased_at: Date | null;
  }>`select person_id, data, erased_at from persons`.execute(db);
  for (const row of rows.rows) {
    if (row.erased_at || row.data === null) {
      await sql`insert into person_keys (person_id, destroyed_at) values (${row.person_id}, ${row.erased_at ?? new Date()})`.execute(db);
      await sql`update persons set data = null, erased_at = coalesce(erased_at, now()) where person_id = ${row.person_id}`.execute(db);
      continue;
    }
    if (!masterKeys) throw new Error('persons holds plaintext rows: set HOMEWARD_MASTER_KEYS (or run `npm run setup`) to encrypt them');
    const dataKey = newDataKey();
    const { masterKeyId, wrapped } = wrapDataKey(masterKeys, row.person_id, dataKey);
    const sealed = sealPersonal(dataKey, row.person_id, PERSON_DETAILS, Buffer.from(JSON.stringify(row.data), 'utf8'));
    await sql`insert into person_keys (person_id, master_key_id, wrapped_key) values (${row.person_id}, ${masterKeyId}, ${wrapped})`.execute(
      db,
    );
    await sql`update persons set sealed = ${sealed}, data = null where person_id = ${row.person_id}`.execute(db);
  }
  return rows.rows.length;
}

export async function down(db: Kysely<any>): Promise<void> {
  // Encrypted rows cannot go back to plaintext without the keys; a rollback keeps them sealed.
  await db.schema.alterTable('persons').dropConstraint('persons_person_key').execute();
  await db.schema.alterTable('persons').addColumn('data', 'jsonb').execute();
  await db.schema.dropTable('person_keys').execute();
  await sql`drop function if exists person_keys_stay_destroyed()`.execute(db);
}

/**
 * Migration 0002 on a database that already holds plaintext persons (as every database made before
 * it does): each row is sealed under a new data key wrapped by the configured master key, erased
 * rows become tombstones, and the plaintext column is gone. Runs in a schema of its own.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import * as eventStore from '../../migrations/0001_event_store.js';
import * as personVault from '../../migrations/0002_person_vault_encryption.js';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { createDb, type Db } from '../../store/db.js';
import { createPersonVault, PersonErased } from '../../store/persons.js';
import { TEST_MASTER_KEYS } from '../support/harness.js';
import { leakedSecrets, secretsOf, seededPerson } from '../support/personal-data.js';

const schema = `migration_test_${randomBytes(4).toString('hex')}`;
const plain = seededPerson();
const [live, erased, empty] = [
  '7d0c6f8e-1b2a-4c3d-9e4f-5a6b7c8d9e01',
  '7d0c6f8e-1b2a-4c3d-9e4f-5a6b7c8d9e02',
  '7d0c6f8e-1b2a-4c3d-9e4f-5a6b7c8d9e03',
];
let admin: Db;
let db: Db;

beforeAll(async () => {
  admin = createDb(inject('databaseUrl'), { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const url = new URL(inject('databaseUrl'));
  url.searchParams.set('options', `-c search_path=${schema}`);
  db = createDb(url.toString(), { max: 1 });
  await eventStore.up(db);
  await db
    .insertInto('persons')
    .values({ person_id: live, data: JSON.stringify(plain) } as never)
    .execute();
  await db
    .insertInto('persons')
    .values({ person_id: erased, data: JSON.stringify(seededPerson()), erased_at: new Date() } as never)
    .execute();
  await db
    .insertInto('persons')
    .values({ person_id: empty } as never)
    .execute();
});
afterAll(async () => {
  await db?.destroy();
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
  await admin?.destroy();
});

describe('migration 0002 over plaintext persons', () => {
  it('refuses to run without master keys, leaving the plaintext as it was', async () => {
    const saved = process.env.HOMEWARD_MASTER_KEYS;
    process.env.HOMEWARD_MASTER_KEYS = '';
    try {
      await expect(db.transaction().execute((trx) => personVault.up(trx))).rejects.toThrow(/HOMEWARD_MASTER_KEYS/);
    } finally {
      process.env.HOMEWARD_MASTER_KEYS = saved;
    }
    const columns = await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_schema = ${schema} and table_name = 'persons'`.execute(db);
    expect(columns.rows.map((c) => c.column_name)).toContain('data');
  });

  it('seals every plaintext row, turns erased ones into tombstones, and drops the plaintext column', async () => {
    const saved = process.env.HOMEWARD_MASTER_KEYS;
    process.env.HOMEWARD_MASTER_KEYS = TEST_MASTER_KEYS;
    try {
      await db.transaction().execute((trx) => personVault.up(trx));
    } finally {
      process.env.HOMEWARD_MASTER_KEYS = saved;
    }
    const rows = await sql<{ row: string }>`select p::text as row from persons p`.execute(db);
    expect(rows.rows).toHaveLength(3);
    expect(leakedSecrets(rows.rows.map((r) => r.row).join('\n'), secretsOf(plain))).toEqual([]);

    const vault = createPersonVault(db, parseKeyRing('TEST_MASTER_KEYS', TEST_MASTER_KEYS));
    expect(await vault.find(live)).toEqual({ personId: live, erased: false, details: plain });
    expect(await vault.find(erased)).toEqual({ personId: erased, erased: true });
    expect(await vault.find(empty)).toEqual({ personId: empty, erased: true });
    await expect(vault.save(erased, seededPerson())).rejects.toBeInstanceOf(PersonErased);
  });
});

/**
 * The person vault: the single place a victim's or suspect's personal data is stored. Events, read
 * models, workflow inputs and logs carry only the person id. Details are sealed with a data key of
 * the person's own (envelope encryption: the data key is stored wrapped by a master key), so
 * erasure destroys one key and every copy sealed with it - here, in backups, or in any other store
 * that sealed its copy through `sealFor` - becomes unreadable, while the case's history stays.
 */
import { sql, type Transaction } from 'kysely';
import { openAccountSecret, sealAccountSecret } from '../platform/crypto/account-secret.js';
import { IntegrityError } from '../platform/crypto/aead.js';
import {
  newDataKey,
  openPersonal,
  PERSON_DETAILS,
  sealPersonal,
  unwrapDataKey,
  wrapDataKey,
  type Purpose,
} from '../platform/crypto/envelope.js';
import { UnknownKeyId, type KeyRing } from '../platform/crypto/key-ring.js';
import type { Db } from './db.js';
import { matchSubject, type MatchIndex, type MatchProfile } from './match-index.js';
import type { Database, PersonKeysTable } from './schema.js';
import type { PersonDetails } from './shapes.js';

export type { PersonDetails };

export type PersonRecord = { personId: string; erased: false; details: PersonDetails } | { personId: string; erased: true };

export interface Rewrap {
  rewrapped: number;
  /** Keys still wrapped under master keys the ring does not hold, by master key id. */
  notRewrapped: Record<string, number>;
}

export interface Erasure {
  personId: string;
  erasedAt: Date;
}

/** The person was erased: their key is gone, and their id can never hold data again. */
export class PersonErased extends Error {
  override readonly name = 'PersonErased';
  constructor(readonly personId: string) {
    super(`person ${personId} was erased`);
  }
}

/** Stored data failed its integrity check or is sealed under a master key no longer configured. */
export class PersonUnreadable extends Error {
  override readonly name = 'PersonUnreadable';
  constructor(
    readonly personId: string,
    reason: string,
  ) {
    super(`the stored data of person ${personId} cannot be read: ${reason}`);
  }
}

export class PersonUnknown extends Error {
  override readonly name = 'PersonUnknown';
  constructor(readonly personId: string) {
    super(`no person ${personId}`);
  }
}

type KeyRow = Pick<PersonKeysTable, 'person_id' | 'master_key_id' | 'wrapped_key' | 'destroyed_at'>;
const REWRAP_BATCH = 500;

/**
 * With a match index, a person's match keys are written in the transaction that stores their
 * details; erasure removes them whether or not an index is given (the table is always there).
 */
export function createPersonVault(db: Db, masterKeys: KeyRing, matchIndex?: MatchIndex) {
  const unwrap = (row: KeyRow): Buffer => {
    if (row.destroyed_at || !row.wrapped_key || !row.master_key_id) throw new PersonErased(row.person_id);
    try {
      return unwrapDataKey(masterKeys, row.person_id, { masterKeyId: row.master_key_id, wrapped: row.wrapped_key });
    } catch (error) {
      throw unreadable(row.person_id, error);
    }
  };

  const keyRow = (executor: Db | Transaction<Database>, personId: string) =>
    executor
      .selectFrom('person_keys')
      .select(['person_id', 'master_key_id', 'wrapped_key', 'destroyed_at'])
      .where('person_id', '=', personId);

  const dataKey = async (personId: string): Promise<Buffer> => {
    const row = await keyRow(db, personId).executeTakeFirst();
    if (!row) throw new PersonUnknown(personId);
    return unwrap(row);
  };

  return {
    /**
     * Idempotent: saving the same person id twice keeps the first record. An erased id is refused.
     * `profile`: what the case records about the person (sex, nationality), for their match keys.
     */
    async save(personId: string, details: PersonDetails, profile?: MatchProfile): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const created = wrapDataKey(masterKeys, personId, newDataKey());
        await trx
          .insertInto('person_keys')
          .values({ person_id: personId, master_key_id: created.masterKeyId, wrapped_key: created.wrapped })
          .onConflict((oc) => oc.column('person_id').doNothing())
          .execute();
        // The row lock orders this save against a concurrent erasure of the same person.
        const key = await keyRow(trx, personId).forUpdate().executeTakeFirstOrThrow();
        if (key.destroyed_at) throw new PersonErased(personId);
        const existing = await trx.selectFrom('persons').select('person_id').where('person_id', '=', personId).executeTakeFirst();
        if (existing) return;
        const sealed = sealPersonal(unwrap(key), personId, PERSON_DETAILS, Buffer.from(JSON.stringify(details), 'utf8'));
        await trx.insertInto('persons').values({ person_id: personId, sealed }).execute();
        await matchIndex?.write(trx, personId, matchSubject(details, profile));
      });
    },

    /** Reads a person's details; pass a transaction to tie the read to its audit entry. */
    async find(personId: string, executor: Db | Transaction<Database> = db): Promise<PersonRecord | undefined> {
      const row = await executor
        .selectFrom('persons')
        .leftJoin('person_keys', 'person_keys.person_id', 'persons.person_id')
        .select(['persons.sealed', 'persons.erased_at', 'person_keys.master_key_id', 'person_keys.wrapped_key', 'person_keys.destroyed_at'])
        .where('persons.person_id', '=', personId)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.erased_at || row.destroyed_at || !row.sealed || !row.wrapped_key) return { personId, erased: true };
      const key = unwrap({ person_id: personId, master_key_id: row.master_key_id, wrapped_key: row.wrapped_key, destroyed_at: null });
      return { personId, erased: false, details: JSON.parse(openOrThrow(key, personId, PERSON_DETAILS, row.sealed).toString('utf8')) };
    },

    /**
     * Destroys the person's data key (the row stays as a tombstone) and drops their sealed details.
     * Idempotent; undefined for a person never stored.
     */
    async erase(personId: string): Promise<Erasure | undefined> {
      return db.transaction().execute(async (trx) => {
        const key = await trx
          .updateTable('person_keys')
          .set({ wrapped_key: null, master_key_id: null, destroyed_at: sql<Date>`coalesce(destroyed_at, now())` })
          .where('person_id', '=', personId)
          .returning('destroyed_at')
          .executeTakeFirst();
        if (!key?.destroyed_at) return undefined;
        await trx
          .updateTable('persons')
          .set({ sealed: null, erased_at: sql<Date>`coalesce(erased_at, now())` })
          .where('person_id', '=', personId)
          .execute();
        // The match keys go with the data key: an erased person is never suggested again.
        await trx.deleteFrom('person_match_keys').where('person_id', '=', personId).execute();
        await sql`
          delete from possible_matches where case_id in (select case_id from cases where state->>'personId' = ${personId})
            or other_case_id in (select case_id from cases where state->>'personId' = ${personId})`.execute(trx);
        return { personId, erasedAt: key.destroyed_at };
      });
    },

    /**
     * Seals a copy of a person's data for another store (an audit log, an export): sealed with the
     * person's own key, the copy dies with it on erasure. `purpose` names the store and must match
     * on opening, so a copy cannot be passed off as another.
     */
    async sealFor(personId: string, purpose: Purpose, plaintext: Uint8Array): Promise<Buffer> {
      return sealPersonal(await dataKey(personId), personId, purpose, plaintext);
    },

    /** Opens a copy made by `sealFor` (or the vault's own); throws PersonErased after erasure. */
    async openFor(personId: string, purpose: Purpose, sealed: Uint8Array): Promise<Buffer> {
      return openOrThrow(await dataKey(personId), personId, purpose, sealed);
    },

    /**
     * After a master key rotation: rewraps every live data key under the active master key, so older
     * master keys can be retired; the data itself is not touched. Keys under a master key missing
     * from the ring are left as they are and reported by master key id: that key is still needed.
     */
    /**
     * Account secrets (an account's TOTP secret) are not personal data of the vault's persons, but
     * sealed with the same master key ring (platform/crypto/account-secret.ts): the vault is what
     * every process that serves sign-in already holds the ring through.
     */
    accountSecrets: {
      seal: (accountId: string, secret: string): string => sealAccountSecret(masterKeys, accountId, 'totp', secret),
      open: (accountId: string, stored: string): string => openAccountSecret(masterKeys, accountId, 'totp', stored),
    },

    async rewrapKeys(): Promise<Rewrap> {
      const known = [...masterKeys.keys.keys()].filter((id) => id !== masterKeys.activeId);
      let rewrapped = 0;
      while (known.length > 0) {
        const batch = await db
          .selectFrom('person_keys')
          .select(['person_id', 'master_key_id', 'wrapped_key', 'destroyed_at'])
          .where('destroyed_at', 'is', null)
          .where('master_key_id', 'in', known)
          .limit(REWRAP_BATCH)
          .execute();
        if (batch.length === 0) break;
        for (const row of batch) {
          const next = wrapDataKey(masterKeys, row.person_id, unwrap(row));
          // Only from the wrapping just read: a concurrent erasure wins.
          await db
            .updateTable('person_keys')
            .set({ master_key_id: next.masterKeyId, wrapped_key: next.wrapped })
            .where('person_id', '=', row.person_id)
            .where('master_key_id', '=', row.master_key_id)
            .where('destroyed_at', 'is', null)
            .execute();
        }
        rewrapped += batch.length;
      }
      const left = await db
        .selectFrom('person_keys')
        .select(['master_key_id', (eb) => eb.fn.countAll<string>().as('keys')])
        .where('destroyed_at', 'is', null)
        .where('master_key_id', '<>', masterKeys.activeId)
        .groupBy('master_key_id')
        .execute();
      return { rewrapped, notRewrapped: Object.fromEntries(left.map((r) => [r.master_key_id!, Number(r.keys)])) };
    },
  };
}

export type PersonVault = ReturnType<typeof createPersonVault>;

function openOrThrow(key: Buffer, personId: string, purpose: Purpose, sealed: Uint8Array): Buffer {
  try {
    return openPersonal(key, personId, purpose, sealed);
  } catch (error) {
    throw unreadable(personId, error);
  }
}

function unreadable(personId: string, error: unknown): Error {
  if (error instanceof IntegrityError) return new PersonUnreadable(personId, 'integrity check failed (tampered or misplaced)');
  if (error instanceof UnknownKeyId) return new PersonUnreadable(personId, 'sealed under a master key that is not configured');
  return error instanceof Error ? error : new Error(String(error));
}

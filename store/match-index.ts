/**
 * The match index beside the vault: each person's keyed-hash match keys (platform/matching/keys.ts),
 * written when their details are stored, deleted on erasure (store/persons.ts), rebuilt from the
 * vault on demand. A search starts from a person's own stored keys, so it never decrypts anyone;
 * the caller decrypts only the few persons it returns, and only for a reader allowed to see them.
 */
import { sql, type Transaction } from 'kysely';
import { hashKey, MAX_SUGGESTIONS, personKeys, SCORING_KINDS, type KeyKind, type MatchSubject } from '../platform/matching/keys.js';
import { blockingScore, CANDIDATES, rank, type Ranked } from '../platform/matching/ranking.js';
import type { KeyRing } from '../platform/crypto/key-ring.js';
import type { Db } from './db.js';
import type { PersonDetails, PersonRecord } from './persons.js';
import type { Database } from './schema.js';

/** What the vault's details do not hold but a case does: the sex and nationality recorded on it. */
export interface MatchProfile {
  sex?: string;
  nationality?: string;
}

const SEXES = new Set(['female', 'male', 'other']);

export function matchSubject(details: PersonDetails, profile: MatchProfile = {}): MatchSubject {
  const year = /^(\d{4})-/.exec(details.dateOfBirth ?? '')?.[1];
  return {
    names: [details.fullName, ...(details.otherNames ?? [])],
    birthYear: year === undefined ? undefined : Number(year),
    sex: profile.sex && SEXES.has(profile.sex) ? profile.sex : undefined,
    nationality: profile.nationality,
    documentNumbers: details.documentNumbers,
  };
}

export interface MatchKeyRow {
  person_id: string;
  key_id: string;
  kind: string;
  hash: Buffer;
}

type Executor = Db | Transaction<Database>;

/**
 * The rows other searches look up by hash: neither probes (`~`) nor scoring kinds. Spelled out as a
 * literal because it is the predicate of the partial index `person_match_keys_blocking`
 * (migration 0013), which Postgres uses only when the query states it the same way.
 */
const BLOCKING_ROW = (alias: string) => sql.raw(`${alias}.kind not in ('y', 's', 'n', 'c') and ${alias}.kind not like '%~'`);
if ([...SCORING_KINDS].sort().join() !== 'c,n,s,y') throw new Error('BLOCKING_ROW must list the scoring kinds');
const INSERT_BATCH = 1000;

export function createMatchIndex(db: Db, matchKeys: KeyRing) {
  /** Every key of the ring hashes: while a rotation is under way, old and new keys both find. */
  const rowsFor = (personId: string, subject: MatchSubject): MatchKeyRow[] =>
    personKeys(subject).flatMap((spec) =>
      [...matchKeys.keys].map(([keyId, key]) => ({
        person_id: personId,
        key_id: keyId,
        kind: spec.role === 'probe' ? `${spec.kind}~` : spec.kind,
        hash: hashKey(key, spec),
      })),
    );

  const insert = async (executor: Executor, rows: MatchKeyRow[]) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await executor
        .insertInto('person_match_keys')
        .values(rows.slice(i, i + INSERT_BATCH))
        .onConflict((oc) => oc.columns(['person_id', 'hash']).doNothing())
        .execute();
    }
  };

  return {
    rowsFor,

    /** Replaces a person's keys (their details were stored or changed). */
    async write(executor: Executor, personId: string, subject: MatchSubject): Promise<void> {
      await executor.deleteFrom('person_match_keys').where('person_id', '=', personId).execute();
      await insert(executor, rowsFor(personId, subject));
    },

    /**
     * Persons who may be the same as `personId`, best first, at most `limit`, from the stored keys
     * alone. Always the same query whoever asks: what a caller may see is filtered afterwards.
     */
    async search(personId: string, exclude: readonly string[] = [], limit = MAX_SUGGESTIONS): Promise<Ranked[]> {
      const { rows } = await sql<{ person_id: string; kinds: string[]; scoring: string[] }>`
        with mine as (
          select hash, kind from person_match_keys where person_id = ${personId}
        ), hits as (
          select m.person_id, array_agg(m.kind) as kinds
          from mine q join person_match_keys m on m.hash = q.hash
          where ${BLOCKING_ROW('q')} and ${BLOCKING_ROW('m')} and m.person_id <> ${personId}
          group by m.person_id
        )
        select h.person_id, h.kinds,
          array(select s.kind from person_match_keys s join mine q on q.hash = s.hash
                where s.person_id = h.person_id and s.kind = any(${[...SCORING_KINDS]}::text[])) as scoring
        from hits h`.execute(db);
      const excluded = new Set(exclude);
      const shortlist = rows
        .filter((r) => !excluded.has(r.person_id))
        .map((r) => ({ personId: r.person_id, kinds: r.kinds as KeyKind[], scoring: r.scoring as KeyKind[] }))
        .sort((x, y) => blockingScore(y.kinds) - blockingScore(x.kinds) || (x.personId < y.personId ? -1 : 1))
        .slice(0, CANDIDATES);
      return rank(
        shortlist.map((c) => ({ personId: c.personId, kinds: [...c.kinds, ...c.scoring] })),
        limit,
      );
    },

    /**
     * Recomputes every person's keys from the vault (`readPerson`: the vault's `find`) after a new normalisation or a match key added or
     * retired), in batches, each batch in one transaction. Erased persons have no details and get no keys. A person
     * `readPerson` cannot decrypt (`'unreadable'`: sealed under a master key not configured here) keeps the keys it had.
     */
    async rebuild(
      readPerson: (personId: string) => Promise<PersonRecord | undefined | 'unreadable'>,
      batchSize = 500,
    ): Promise<{ persons: number; keys: number; unreadable: number }> {
      const profiles = await profilesOfPersons(db);
      let after = '00000000-0000-0000-0000-000000000000';
      let persons = 0;
      let keys = 0;
      let unreadable = 0;
      for (;;) {
        const batch = await db
          .selectFrom('persons')
          .select('person_id')
          .where('person_id', '>', after)
          .where('sealed', 'is not', null)
          .orderBy('person_id')
          .limit(batchSize)
          .execute();
        if (batch.length === 0) break;
        after = batch.at(-1)!.person_id;
        const rows: MatchKeyRow[] = [];
        const kept = new Set<string>();
        for (const { person_id } of batch) {
          const record = await readPerson(person_id);
          if (record === 'unreadable') {
            kept.add(person_id);
            unreadable += 1;
            continue;
          }
          if (!record || record.erased) continue;
          rows.push(...rowsFor(person_id, matchSubject(record.details, profiles.get(person_id))));
          persons += 1;
        }
        const renewed = batch.map((b) => b.person_id).filter((id) => !kept.has(id));
        if (renewed.length === 0) continue;
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('person_match_keys').where('person_id', 'in', renewed).execute();
          await insert(trx, rows);
        });
        keys += rows.length;
      }
      // Keys of persons no longer in the vault (there should be none) go too.
      await sql`delete from person_match_keys k where not exists (select 1 from persons p where p.person_id = k.person_id and p.sealed is not null)`.execute(
        db,
      );
      return { persons, keys, unreadable };
    },
  };
}

export type MatchIndex = ReturnType<typeof createMatchIndex>;

/** The sex and nationality each person's first case records (a victim case: the origin country). */
export async function profilesOfPersons(db: Executor, personIds?: readonly string[]): Promise<Map<string, MatchProfile>> {
  const { rows } = await sql<{ person_id: string; kind: string; sex: string; origin_country: string; nationality: string | null }>`
    select distinct on (state->>'personId') state->>'personId' as person_id, kind, sex, origin_country, state->>'nationality' as nationality
    from cases
    where state->>'personId' is not null ${personIds ? sql`and state->>'personId' = any(${personIds}::text[])` : sql``}
    order by state->>'personId', opened_at, case_id`.execute(db);
  return new Map(rows.map((r) => [r.person_id, profileOf(r)]));
}

/** From a `cases` row (or the same columns with the state's nationality beside them). */
export function profileOf(row: {
  kind: string;
  sex: string;
  origin_country: string;
  nationality?: string | null;
  state?: unknown;
}): MatchProfile {
  const nationality = row.nationality ?? (row.state as { nationality?: string } | undefined)?.nationality;
  return row.kind === 'suspect_transfer'
    ? { nationality: nationality ?? undefined }
    : { sex: row.sex, nationality: row.origin_country.trim() };
}

/**
 * Erasure: an admin erases a person; their key is destroyed and a tombstone kept. Every copy of
 * their data - the vault row, a backup of it taken before, a copy another store sealed with their
 * key (as the audit log will) - can no longer be read, while the case, its events and the counts
 * stay. The `erase-person` command does the same from the command line.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../platform/config.js';
import { PersonErased } from '../../store/persons.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { ADULT_PATH, IDENTIFICATION, openCase, perform } from '../support/cases.js';
import {
  caseworker,
  startHarness,
  TEST_JWT_SECRET,
  TEST_MASTER_KEYS,
  TEST_PAYLOAD_KEYS,
  type Caller,
  type Harness,
} from '../support/harness.js';
import { decodedPayloadText, intakeFor, leakedSecrets, rawHistory, secretsOf, seededPerson } from '../support/personal-data.js';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { EncryptionCodec } from '../../platform/crypto/payload-codec.js';

const admin: Caller = { userId: 'u-admin-1', agencyId: 'th-dsdhs-bangkok', role: 'admin' };
const AUDIT = 'audit-entry';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const personOf = async (caseId: string) => (await h.api.get(`/v1/cases/${caseId}`)).body.person as { personId: string; erased: boolean };
/** What statistics group a case by (corridor, outcome, sex, age group): unchanged by erasure. */
const statisticsRow = (caseId: string) =>
  h.db
    .selectFrom('cases')
    .select(['host_country', 'origin_country', 'outcome', 'sex', 'age_group', 'status'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();

describe('erasing a person through the admin API', () => {
  it('destroys their key so that no copy can be read, while the case still counts', async () => {
    const person = seededPerson();
    const caseId = await openCase(h.api, intakeFor(person));
    await perform(h.api, caseId, ADULT_PATH);
    const { personId } = await personOf(caseId);
    // Copies taken before erasure: a backup of the vault row, and another store's sealed copy.
    const backup = (await h.db.selectFrom('persons').select('sealed').where('person_id', '=', personId).executeTakeFirstOrThrow()).sealed!;
    const auditCopy = await h.vault.sealFor(personId, AUDIT, Buffer.from(JSON.stringify(person)));
    expect(JSON.parse((await h.vault.openFor(personId, AUDIT, auditCopy)).toString())).toEqual(person);
    const eventsBefore = (await h.api.get(`/v1/cases/${caseId}/events`)).body.items.length;
    const statisticsBefore = await statisticsRow(caseId);
    expect(statisticsBefore).toMatchObject({ host_country: 'TH', origin_country: 'MM', outcome: 'reintegrated', sex: 'female' });

    const erased = await h.api.post(`/v1/persons/${personId}/erasure`, undefined, { as: admin });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ personId, erased: true });

    // The API shows the person as erased.
    expect(await personOf(caseId)).toEqual({ personId, erased: true });
    // Every copy is dead: the backup, the other store's copy, the vault row itself.
    await expect(h.vault.openFor(personId, 'person-details', backup)).rejects.toBeInstanceOf(PersonErased);
    await expect(h.vault.openFor(personId, AUDIT, auditCopy)).rejects.toBeInstanceOf(PersonErased);
    const key = await h.db.selectFrom('person_keys').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    expect(key).toMatchObject({ wrapped_key: null, master_key_id: null });
    expect(key.destroyed_at).toBeInstanceOf(Date);
    const row = await h.db.selectFrom('persons').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    expect(row.sealed).toBeNull();
    // The Temporal history never held the data: decoded, it names the person id and nothing else.
    const decoded = await decodedPayloadText(
      new EncryptionCodec(parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS)),
      (await rawHistory(h.client, caseId)).history,
    );
    expect(decoded).toContain(personId);
    expect(leakedSecrets(decoded, secretsOf(person))).toEqual([]);

    // The case, its events and the statistics are untouched.
    const detail = (await h.api.get(`/v1/cases/${caseId}`)).body;
    expect(detail).toMatchObject({ caseId, status: 'closed', outcome: 'reintegrated' });
    expect((await h.api.get(`/v1/cases/${caseId}/events`)).body.items.length).toBe(eventsBefore);
    expect(await statisticsRow(caseId)).toEqual(statisticsBefore);
    const closed = (await h.api.get('/v1/cases?status=closed&country=MM&limit=200')).body.items.map((c: { caseId: string }) => c.caseId);
    expect(closed).toContain(caseId);
  });

  it('keeps a tombstone: the id never holds data again, and erasing again changes nothing', async () => {
    const caseId = await openCase(h.api, intakeFor(seededPerson()));
    const { personId } = await personOf(caseId);
    const first = await h.api.post(`/v1/persons/${personId}/erasure`, undefined, { as: admin });
    const again = await h.api.post(`/v1/persons/${personId}/erasure`, undefined, { as: admin });
    expect(again.status).toBe(200);
    expect(again.body.erasedAt).toBe(first.body.erasedAt);

    await expect(h.vault.save(personId, seededPerson())).rejects.toBeInstanceOf(PersonErased);
    await expect(h.vault.sealFor(personId, AUDIT, Buffer.from('x'))).rejects.toBeInstanceOf(PersonErased);
    // Not even a direct write to the database brings the key back or removes the tombstone.
    await expect(
      sql`update person_keys set destroyed_at = null, master_key_id = 'k', wrapped_key = '\\x00' where person_id = ${personId}`.execute(
        h.db,
      ),
    ).rejects.toThrow(/cannot be re-created/);
    await expect(sql`delete from person_keys where person_id = ${personId}`.execute(h.db)).rejects.toThrow(/tombstone stays/);
    // The case goes on without the person's details.
    expect((await perform(h.api, caseId, IDENTIFICATION)).stage).toBe('verification');
  });

  it('is for admins only, and names what was wrong', async () => {
    const caseId = await openCase(h.api, intakeFor(seededPerson()));
    const { personId } = await personOf(caseId);
    const refused = await h.api.post(`/v1/persons/${personId}/erasure`, undefined, { as: caseworker });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/role admin/);
    expect((await personOf(caseId)).erased).toBe(false);

    expect((await h.api.post(`/v1/persons/${personId}/erasure`, undefined, { as: admin, token: null })).status).toBe(401);
    const unknown = await h.api.post('/v1/persons/6f1c8a53-2c1e-4f55-9a47-6f0e0e4b1a11/erasure', undefined, { as: admin });
    expect(unknown.status).toBe(404);
    const malformed = await h.api.post('/v1/persons/not-a-uuid/erasure', undefined, { as: admin });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'params.personId' });
  });
});

describe('who may erase whom', () => {
  const adminOf = (agencyId: string): Caller => ({ userId: `u-admin-${agencyId}`, agencyId, role: 'admin' });

  it.each([
    ['an admin of an agency of a third country', 'vn-molisa'],
    ['an admin of an agency of the host country that is no party to the case', 'th-shelter-tak'],
    ['an admin of an origin-country agency before it became a party', 'mm-dsw'],
  ])('%s cannot erase the person (404), and the person stays', async (_who, agencyId) => {
    const caseId = await openCase(h.api, intakeFor(seededPerson()));
    const { personId } = await personOf(caseId);
    const refused = await h.api.post(`/v1/persons/${personId}/erasure`, undefined, { as: adminOf(agencyId) });
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await personOf(caseId)).erased).toBe(false);
  });

  it('an admin of a party agency in its own country may: the owning agency, or the origin focal point once it is a party', async () => {
    const owned = await openCase(h.api, intakeFor(seededPerson()));
    const ownedPerson = (await personOf(owned)).personId;
    expect((await h.api.post(`/v1/persons/${ownedPerson}/erasure`, undefined, { as: adminOf('th-dsdhs-bangkok') })).status).toBe(200);

    const requested = await openCase(h.api, intakeFor(seededPerson()));
    const requestedPerson = (await personOf(requested)).personId;
    await perform(h.api, requested, [...IDENTIFICATION, { type: 'send_verification_request', toAgencyId: 'mm-dsw' }]);
    expect((await h.api.post(`/v1/persons/${requestedPerson}/erasure`, undefined, { as: adminOf('mm-dsw') })).status).toBe(200);
    expect((await personOf(requested)).erased).toBe(true);
  });
});

describe('erasing a person with the erase-person command', () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/cli.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: inject('databaseUrl'),
        HOMEWARD_JWT_SECRET: TEST_JWT_SECRET,
        HOMEWARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
        HOMEWARD_MASTER_KEYS: TEST_MASTER_KEYS,
      },
    });

  it('erases the person like the API does', async () => {
    const person = seededPerson();
    const caseId = await openCase(h.api, intakeFor(person));
    const { personId } = await personOf(caseId);
    const { stdout } = await cli('erase-person', personId);
    expect(stdout).toMatch(new RegExp(`^erased ${personId} at \\d{4}-`));
    expect(await personOf(caseId)).toEqual({ personId, erased: true });
    expect(leakedSecrets(stdout, secretsOf(person))).toEqual([]);
    const events = await sql<{ n: string }>`select count(*) as n from events where stream_id = ${caseStreamId(caseId)}`.execute(h.db);
    expect(Number(events.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('fails, saying why, for an unknown or malformed id', async () => {
    await expect(cli('erase-person', '0b9e3c3e-5d7a-4d0e-8f7c-2d3b9f1e4a55')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no person/),
    });
    await expect(cli('erase-person', 'Naw Htoo Paw')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/not a person id/) });
  });
});

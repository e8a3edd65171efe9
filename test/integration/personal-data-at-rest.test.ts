/**
 * A full case for a seeded person, then a search for the person's name, date of birth, notes and
 * contacts in every row of every table of the database and in the raw bytes of the case's Temporal
 * history. The vault holds them only sealed; Temporal holds only encrypted payloads, and even
 * decrypted they carry the person id alone.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { EncryptionCodec, isEncrypted } from '../../platform/crypto/payload-codec.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { ADULT_PATH, openCase, perform } from '../support/cases.js';
import { startHarness, TEST_PAYLOAD_KEYS, type Harness } from '../support/harness.js';
import {
  decodedPayloadText,
  dumpDatabase,
  intakeFor,
  leakedSecrets,
  payloadsIn,
  rawHistory,
  secretsOf,
  seededPerson,
} from '../support/personal-data.js';

const person = seededPerson();
const secrets = secretsOf(person);
const codec = new EncryptionCodec(parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS));
const FAULT_MESSAGE = 'injected fault: acknowledgement lost after commit';

let h: Harness;
let caseId: string;
let personId: string;

beforeAll(async () => {
  // The screening append fails once after committing, so the history also holds a failure.
  h = await startHarness({
    faults: { failAfterCommit: (input, attempt) => attempt === 1 && input.events.some((e) => e.type === 'ScreeningRecorded') },
  });
  caseId = await openCase(h.api, intakeFor(person));
  await perform(h.api, caseId, ADULT_PATH);
  personId = (await h.api.get(`/v1/cases/${caseId}`)).body.person.personId;
});
afterAll(async () => h?.stop());

describe('personal data at rest in Postgres', () => {
  it('the API still gives the person back to a caseworker', async () => {
    const detail = (await h.api.get(`/v1/cases/${caseId}`)).body;
    expect(detail.status).toBe('closed');
    expect(detail.person).toEqual({ personId, erased: false, details: person });
  });

  it('no table holds the plaintext: not the events, projections, idempotency records or the vault', async () => {
    const { tables, text } = await dumpDatabase(h.db);
    expect(tables).toEqual(expect.arrayContaining(['events', 'cases', 'persons', 'person_keys', 'idempotency_keys']));
    // The dump does hold this case: the search looks where the data would be.
    expect(text).toContain(caseId);
    expect(text).toContain(personId);
    expect(leakedSecrets(text, secrets)).toEqual([]);
  });

  it("the case's events carry the person id only", async () => {
    const rows = await sql<{ row: string }>`select e::text as row from events e where stream_id = ${caseStreamId(caseId)}`.execute(h.db);
    expect(rows.rows.length).toBeGreaterThan(ADULT_PATH.length);
    const text = rows.rows.map((r) => r.row).join('\n');
    expect(text).toContain(personId);
    expect(leakedSecrets(text, secrets)).toEqual([]);
  });

  it("the vault row is sealed under the person's own key, itself wrapped by the master key", async () => {
    const vaultRow = await h.db.selectFrom('persons').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    const keyRow = await h.db.selectFrom('person_keys').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    expect(vaultRow.sealed!.length).toBeGreaterThan(JSON.stringify(person).length);
    expect(keyRow).toMatchObject({ master_key_id: 'test-master-1', destroyed_at: null });
    expect(keyRow.wrapped_key!.length).toBe(12 + 16 + 32);
    expect(leakedSecrets(Buffer.concat([vaultRow.sealed!, keyRow.wrapped_key!]), secrets)).toEqual([]);
  });
});

describe('personal data in the Temporal history', () => {
  it('the raw history bytes hold no plaintext of the person, nor of any payload', async () => {
    const { bytes } = await rawHistory(h.client, caseId);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(leakedSecrets(bytes, secrets)).toEqual([]);
    // Payload contents a plaintext history would show (command fields, the person id) are not there either.
    expect(leakedSecrets(bytes, [personId, 'presumed_victim', 'owningAgencyId', 'mae-sot-myawaddy'])).toEqual([]);
  });

  it('every payload is encrypted and names its key', async () => {
    const { history } = await rawHistory(h.client, caseId);
    // Left out: search attributes (the server must index them) and what the Temporal core writes into
    // markers itself: a patch's id, and a local activity's bookkeeping (its type, attempt and times;
    // its result and failure are encrypted); the raw-bytes search above covers them all.
    const payloads = payloadsIn(history).filter(
      (p) =>
        !p.path.includes('searchAttributes') &&
        !p.path.includes('patch-data') &&
        !/markerRecordedEventAttributes\.details\.data\b/.test(p.path),
    );
    expect(payloads.length).toBeGreaterThan(ADULT_PATH.length * 2);
    expect(payloads.filter((p) => !isEncrypted(p.payload)).map((p) => p.path)).toEqual([]);
    const keyIds = new Set(payloads.map((p) => Buffer.from(p.payload.metadata!['encryption-key-id']!).toString()));
    expect([...keyIds]).toEqual(['test-payload-1']);
  });

  it('failure messages are encrypted too, and decode for authorised readers', async () => {
    const { history, bytes } = await rawHistory(h.client, caseId);
    expect(leakedSecrets(bytes, [FAULT_MESSAGE])).toEqual([]);
    expect(await decodedPayloadText(codec, history)).toContain(FAULT_MESSAGE);
  });

  it('decoded with the payload keys, the history still holds only the person id', async () => {
    const { history } = await rawHistory(h.client, caseId);
    const decoded = await decodedPayloadText(codec, history);
    expect(decoded).toContain(personId);
    expect(decoded).toContain('presumed_victim');
    expect(leakedSecrets(decoded, secrets)).toEqual([]);
  });

  it('the workflow id and search attributes name the case, not the person', async () => {
    const description = await h.client.workflow.getHandle(`case-${caseId}`).describe();
    expect(description.workflowId).toBe(`case-${caseId}`);
    expect(leakedSecrets(JSON.stringify({ sa: description.searchAttributes, memo: description.memo }), secrets)).toEqual([]);
  });
});

/**
 * Key rotation and tampering. A new master key becomes active while old cases stay readable, and
 * after their keys are rewrapped the old master key can go; a new payload key takes over a running
 * case without breaking it. Any altered ciphertext - personal data, a wrapped key, a Temporal
 * payload - is refused, never decrypted into something else.
 */
import type { Payload } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { IntegrityError } from '../../platform/crypto/aead.js';
import { formatKeyRing, generateKeyRing, parseKeyRing, rotateKeyRing, UnknownKeyId } from '../../platform/crypto/key-ring.js';
import { EncryptionCodec, isEncrypted, KEY_ID_METADATA } from '../../platform/crypto/payload-codec.js';
import { createPersonVault, PersonUnreadable } from '../../store/persons.js';
import { IDENTIFICATION, openCase, perform, VERIFICATION } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';
import { intakeFor, payloadsIn, rawHistory, seededPerson } from '../support/personal-data.js';

const started: Harness[] = [];
const harness = async (options: Parameters<typeof startHarness>[0]) => {
  const h = await startHarness(options);
  started.push(h);
  return h;
};
afterAll(async () => {
  for (const h of started.reverse()) await h.stop();
});

const personOf = async (h: Harness, caseId: string) => (await h.api.get(`/v1/cases/${caseId}`)).body.person;

describe('master key rotation', () => {
  it('keeps old cases readable, and after rewrapping the old master key can be retired', async () => {
    const oldMaster = generateKeyRing('master-old');
    const newMaster = generateKeyRing('master-new');
    const before = await harness({ masterKeys: oldMaster });
    const oldPerson = seededPerson();
    const oldCase = await openCase(before.api, intakeFor(oldPerson));

    // Rotated: the new key is active, the old one still unwraps.
    const rotated = await harness({ masterKeys: rotateKeyRing(oldMaster, newMaster) });
    expect((await personOf(rotated, oldCase)).details).toEqual(oldPerson);
    const newPerson = seededPerson();
    const newCase = await openCase(rotated.api, intakeFor(newPerson));
    const newPersonId = (await personOf(rotated, newCase)).personId;
    const newKey = await rotated.db
      .selectFrom('person_keys')
      .select('master_key_id')
      .where('person_id', '=', newPersonId)
      .executeTakeFirstOrThrow();
    expect(newKey.master_key_id).toBe('master-new');

    const report = await rotated.vault.rewrapKeys();
    expect(report.rewrapped).toBe(1);
    expect(report.notRewrapped['master-old']).toBeUndefined();

    // Only the new master key configured: both cases read; the old key alone reads nothing now.
    const retired = await harness({ masterKeys: newMaster, worker: false });
    expect((await personOf(retired, oldCase)).details).toEqual(oldPerson);
    expect((await personOf(retired, newCase)).details).toEqual(newPerson);
    const oldPersonId = (await personOf(retired, oldCase)).personId;
    await expect(createPersonVault(retired.db, oldMaster).find(oldPersonId)).rejects.toBeInstanceOf(PersonUnreadable);
  });
});

describe('payload key rotation', () => {
  it('a running case continues under the new key; its old payloads still decode', async () => {
    const oldPayload = generateKeyRing('payload-old');
    const newPayload = generateKeyRing('payload-new');
    const before = await harness({ payloadKeys: oldPayload });
    const caseId = await openCase(before.api, intakeFor(seededPerson()));
    await perform(before.api, caseId, IDENTIFICATION);
    await before.stop();
    started.splice(started.indexOf(before), 1);

    const after = await harness({ payloadKeys: rotateKeyRing(oldPayload, newPayload), taskQueue: before.taskQueue });
    expect((await perform(after.api, caseId, VERIFICATION)).stage).toBe('handover');
    const { history } = await rawHistory(after.client, caseId);
    const encrypted = payloadsIn(history).filter((p) => isEncrypted(p.payload));
    const keyIdOf = (payload: Payload) => Buffer.from(payload.metadata![KEY_ID_METADATA]!).toString();
    expect(new Set(encrypted.map((p) => keyIdOf(p.payload)))).toEqual(new Set(['payload-old', 'payload-new']));
    // Without the old key, the old payloads cannot be read: it must stay until those cases end.
    const oldOnes = encrypted.filter((p) => keyIdOf(p.payload) === 'payload-old');
    await expect(new EncryptionCodec(newPayload).decode(oldOnes.map((p) => p.payload))).rejects.toBeInstanceOf(UnknownKeyId);
  });
});

describe('tampered ciphertext is refused', () => {
  it('personal data: a flipped bit, a flipped wrapped key, or a row swapped with another person', async () => {
    const h = await harness({});
    const [a, b, c] = [seededPerson(), seededPerson(), seededPerson()];
    const caseIds: string[] = [];
    for (const person of [a, b, c]) caseIds.push(await openCase(h.api, intakeFor(person)));
    const [idA, idB, idC] = (await Promise.all(caseIds.map(async (caseId) => (await personOf(h, caseId)).personId as string))) as [
      string,
      string,
      string,
    ];
    const sealedOf = async (id: string) =>
      (await h.db.selectFrom('persons').select('sealed').where('person_id', '=', id).executeTakeFirstOrThrow()).sealed!;

    const flipped = Buffer.from(await sealedOf(idA));
    flipped[flipped.length - 1]! ^= 0x01;
    await h.db.updateTable('persons').set({ sealed: flipped }).where('person_id', '=', idA).execute();
    await expect(h.vault.find(idA)).rejects.toThrow(PersonUnreadable);
    await expect(h.vault.find(idA)).rejects.toThrow(/integrity check failed/);
    const response = await h.api.get(`/v1/cases/${caseIds[0]}`);
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain(a.fullName);

    // B's sealed details moved into C's row: bound to B's id and key, they do not open as C.
    await h.db
      .updateTable('persons')
      .set({ sealed: await sealedOf(idB) })
      .where('person_id', '=', idC)
      .execute();
    await expect(h.vault.find(idC)).rejects.toThrow(PersonUnreadable);

    const key = (await h.db.selectFrom('person_keys').select('wrapped_key').where('person_id', '=', idB).executeTakeFirstOrThrow())
      .wrapped_key!;
    const badKey = Buffer.from(key);
    badKey[0]! ^= 0x80;
    await h.db.updateTable('person_keys').set({ wrapped_key: badKey }).where('person_id', '=', idB).execute();
    await expect(h.vault.find(idB)).rejects.toThrow(PersonUnreadable);
  });

  it('Temporal payloads: a flipped bit or a relabelled key id', async () => {
    const ring = rotateKeyRing(generateKeyRing('k1'), generateKeyRing('k2'));
    const codec = new EncryptionCodec(ring);
    const [encoded] = await codec.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"personId":"p-1"}') }]);
    expect(Buffer.from((await codec.decode([encoded!]))[0]!.data!).toString()).toBe('{"personId":"p-1"}');

    const flipped = { ...encoded!, data: Buffer.from(encoded!.data!) };
    flipped.data[20]! ^= 0x04;
    await expect(codec.decode([flipped])).rejects.toBeInstanceOf(IntegrityError);
    const relabelled = { ...encoded!, metadata: { ...encoded!.metadata, 'encryption-key-id': Buffer.from('k1') } };
    await expect(codec.decode([relabelled])).rejects.toBeInstanceOf(IntegrityError);
    const truncated = { ...encoded!, data: Buffer.from(encoded!.data!).subarray(0, 20) };
    await expect(codec.decode([truncated])).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe('key configuration', () => {
  it('reads `id:base64` lists with an active key, and refuses bad ones without echoing key material', () => {
    const ring = rotateKeyRing(generateKeyRing('k1'), generateKeyRing('k2'));
    const spec = formatKeyRing(ring);
    expect(parseKeyRing('KEYS', spec)).toEqual(ring);
    expect(parseKeyRing('KEYS', spec, 'k1').activeId).toBe('k1');
    const short = Buffer.alloc(16, 7).toString('base64');
    const refusals = [
      () => parseKeyRing('KEYS', `k1:${short}`),
      () => parseKeyRing('KEYS', spec, 'k3'),
      () => parseKeyRing('KEYS', `${spec},k1:${ring.keys.get('k1')!.toString('base64')}`),
      () => parseKeyRing('KEYS', ''),
      () => parseKeyRing('KEYS', `bad id:${short}`),
    ];
    for (const refuse of refusals) {
      const message = (() => {
        try {
          refuse();
          return 'accepted';
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(message).toMatch(/^KEYS: /);
      expect(message).not.toContain(short);
      for (const key of ring.keys.values()) expect(message).not.toContain(key.toString('base64'));
    }
  });
});

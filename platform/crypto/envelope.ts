/**
 * Envelope encryption of personal data: each person has a data key of their own, which seals their
 * data wherever a copy of it is kept (the vault, and any later store such as an audit log); the data
 * key is stored only wrapped by a master key from configuration. Destroying the wrapped data key
 * makes every copy sealed with it unreadable at once (crypto-shredding), with no copy to hunt down.
 */
import { IntegrityError, newKey, open, seal } from './aead.js';
import { activeKey, keyById, type KeyRing } from './key-ring.js';

export interface WrappedDataKey {
  masterKeyId: string;
  wrapped: Buffer;
}

/** Where a sealed copy belongs, e.g. 'person-details' or 'audit-entry'; bound into the ciphertext. */
export type Purpose = string;

const FORMAT_V1 = 1;
const wrapContext = (personId: string) => `homeward/person-data-key/v1:${personId}`;
const sealContext = (personId: string, purpose: Purpose) => `homeward/person-data/v1:${personId}:${purpose}`;

export const newDataKey = newKey;

export function wrapDataKey(masterKeys: KeyRing, personId: string, dataKey: Buffer): WrappedDataKey {
  const { id, key } = activeKey(masterKeys);
  return { masterKeyId: id, wrapped: seal(key, dataKey, wrapContext(personId)) };
}

/** Throws UnknownKeyId for a retired master key and IntegrityError for a tampered or moved key. */
export function unwrapDataKey(masterKeys: KeyRing, personId: string, wrapped: WrappedDataKey): Buffer {
  return open(keyById(masterKeys, wrapped.masterKeyId), wrapped.wrapped, wrapContext(personId));
}

export function sealPersonal(dataKey: Buffer, personId: string, purpose: Purpose, plaintext: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(FORMAT_V1), seal(dataKey, plaintext, sealContext(personId, purpose))]);
}

export function openPersonal(dataKey: Buffer, personId: string, purpose: Purpose, sealed: Uint8Array): Buffer {
  if (sealed[0] !== FORMAT_V1) throw new IntegrityError('sealed personal data has an unknown format');
  return open(dataKey, sealed.subarray(1), sealContext(personId, purpose));
}

/** The purpose of the vault's own copy of a person's details. */
export const PERSON_DETAILS: Purpose = 'person-details';

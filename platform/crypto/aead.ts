/**
 * Authenticated encryption (AES-256-GCM from node:crypto) for everything Homeward encrypts: Temporal
 * payloads, per-person data keys and personal data. Sealed layout: iv (12) | tag (16) | ciphertext.
 * The associated data binds a ciphertext to where it belongs (a key id, a person, a purpose), so a
 * ciphertext moved to another place fails its check just like a tampered one.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

/** A ciphertext that fails authentication: tampered, truncated, moved, or sealed under another key. */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
}

export function seal(key: Uint8Array, plaintext: Uint8Array, associatedData: string): Buffer {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function open(key: Uint8Array, sealed: Uint8Array, associatedData: string): Buffer {
  assertKey(key);
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new IntegrityError('ciphertext is too short');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new IntegrityError('ciphertext failed its integrity check');
  }
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function assertKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`AES-256 keys are ${KEY_BYTES} bytes, not ${key.length}`);
}

/**
 * Account secrets kept at rest sealed (a TOTP shared secret, which anyone reading the table could
 * otherwise use to make codes): sealed with the master key ring that wraps the person vault's data
 * keys, bound to the account and the purpose, so a value copied to another account or column fails
 * its check. Stored as text: `sealed:v1:<master key id>:<base64 iv|tag|ciphertext>`; the key id says
 * which master key opens it, so a rotation can reseal (`resealAccountSecret`) before a key retires.
 */
import { open, seal } from './aead.js';
import { activeKey, keyById, type KeyRing } from './key-ring.js';

/** What the secret is for, e.g. 'totp'; bound into the ciphertext. */
export type SecretPurpose = 'totp';

const PREFIX = 'sealed:v1:';
const context = (accountId: string, purpose: SecretPurpose) => `homeward/account-secret/v1:${accountId}:${purpose}`;

export const isSealedAccountSecret = (stored: string): boolean => stored.startsWith(PREFIX);

export function sealAccountSecret(masterKeys: KeyRing, accountId: string, purpose: SecretPurpose, secret: string): string {
  const { id, key } = activeKey(masterKeys);
  return `${PREFIX}${id}:${seal(key, Buffer.from(secret, 'utf8'), context(accountId, purpose)).toString('base64')}`;
}

/** Throws UnknownKeyId for a retired master key and IntegrityError for a tampered or moved value. */
export function openAccountSecret(masterKeys: KeyRing, accountId: string, purpose: SecretPurpose, stored: string): string {
  const { keyId, sealed } = parts(stored);
  return open(keyById(masterKeys, keyId), sealed, context(accountId, purpose)).toString('utf8');
}

/** The value sealed under the ring's active key, or undefined when it already is. */
export function resealAccountSecret(masterKeys: KeyRing, accountId: string, purpose: SecretPurpose, stored: string): string | undefined {
  if (parts(stored).keyId === masterKeys.activeId) return undefined;
  return sealAccountSecret(masterKeys, accountId, purpose, openAccountSecret(masterKeys, accountId, purpose, stored));
}

/** The master key id a stored value is sealed under. */
export const sealedUnder = (stored: string): string => parts(stored).keyId;

function parts(stored: string): { keyId: string; sealed: Buffer } {
  const separator = stored.indexOf(':', PREFIX.length);
  if (!isSealedAccountSecret(stored) || separator < 0) throw new TypeError('not a sealed account secret');
  return { keyId: stored.slice(PREFIX.length, separator), sealed: Buffer.from(stored.slice(separator + 1), 'base64') };
}

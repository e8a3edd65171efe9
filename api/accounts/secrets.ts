/**
 * Secrets handed to people and machines (session cookies, challenges, recovery codes, reset links,
 * service tokens) are random and stored only as SHA-256 hashes: they carry 128+ bits of entropy,
 * so a fast hash is enough, and a stolen table holds nothing usable. Passwords are different
 * (chosen by people, guessable) and go through argon2id in passwords.ts.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SERVICE_TOKEN_PREFIX = 'hw_';

export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Recovery codes people can type: 10 characters of an alphabet without look-alikes, in two groups. */
export function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Recovery codes are compared without case, spaces or dashes: people copy them off paper. */
export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

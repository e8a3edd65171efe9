/**
 * Passwords: argon2id (@node-rs/argon2, OWASP's parameters: 19 MiB, 2 passes), at least 12
 * characters, refused when on the shipped list of common passwords. An unknown user is checked
 * against a dummy hash, so "no such user" and "wrong password" take the same time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { PROJECT_ROOT } from '../../platform/config.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

let common: Set<string> | undefined;
const commonPasswords = (): Set<string> =>
  (common ??= new Set(
    readFileSync(join(PROJECT_ROOT, 'platform', 'auth', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  ));

export type PasswordProblem = { code: 'min-length' | 'max-length' | 'common-password' | 'contains-username'; reason: string };

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): PasswordProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return { code: 'min-length', reason: `must be at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.length > MAX_PASSWORD_LENGTH) return { code: 'max-length', reason: `must be at most ${MAX_PASSWORD_LENGTH} characters` };
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/\s+/g, '')))
    return { code: 'common-password', reason: 'is on the list of common passwords; choose another' };
  if (username && username.length >= 4 && lower.includes(username.toLowerCase()))
    return { code: 'contains-username', reason: 'must not contain the username' };
  return undefined;
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

let dummy: Promise<string> | undefined;

/** Verifies against the stored hash, or against a dummy one when there is none (same work either way). */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const against = storedHash ?? (await (dummy ??= hash('homeward-dummy-password-for-timing', OPTIONS)));
  const ok = await verify(against, password).catch(() => false);
  return ok && !!storedHash;
}

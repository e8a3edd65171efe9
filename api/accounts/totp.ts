/**
 * The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app reads it)
 * with `otpauth`, enrolled by a QR code (`qrcode`, as SVG) and backed by ten one-time recovery
 * codes stored hashed. A code is accepted one step either side of now, and never twice.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { AccountsDb } from '../../store/accounts-schema.js';
import { hashSecret, normaliseRecoveryCode, recoveryCode } from './secrets.js';

const ISSUER = 'Homeward';
const PERIOD = 30;

const totpOf = (secret: string, label = 'homeward') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export async function enrolment(secret: string, username: string): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const otpauthUrl = totpOf(secret, username).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUrl, qrSvg };
}

/** The time step the code belongs to, or undefined; `lastStep` refuses a code already used. */
export function acceptedStep(secret: string, code: string, lastStep: number | null): number | undefined {
  if (!/^\d{6}$/.test(code.trim())) return undefined;
  const delta = totpOf(secret).validate({ token: code.trim(), window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/** Replaces the user's recovery codes with ten new ones, returned once in the clear. */
export async function issueRecoveryCodes(db: AccountsDb, userId: string): Promise<string[]> {
  const codes = Array.from({ length: 10 }, recoveryCode);
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ code_hash: hashSecret(normaliseRecoveryCode(code)), user_id: userId })))
    .execute();
  return codes;
}

/** Uses a recovery code: true once per code, false afterwards and for any other text. */
export async function useRecoveryCode(db: AccountsDb, userId: string, code: string): Promise<boolean> {
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashSecret(normaliseRecoveryCode(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

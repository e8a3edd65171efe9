/** Bearer tokens: verified once, then known until they expire; never known to another secret. */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken, verifyBearer } from '../../api/auth.js';
import { HttpProblem } from '../../api/problem.js';

const caseworker = { userId: 'u-1', agencyId: 'th-dsdhs', role: 'caseworker' as const };
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof HttpProblem ? error.problem.status : 'other error'),
  );

describe('verifyBearer', () => {
  it('accepts a valid token again from what it verified', async () => {
    const token = await mintToken('secret-a', caseworker);
    expect(await verifyBearer('secret-a', `Bearer ${token}`)).toEqual(caseworker);
    expect(await verifyBearer('secret-a', `Bearer ${token}`)).toEqual(caseworker);
  });

  it('does not take a token verified under one secret as valid under another', async () => {
    const token = await mintToken('secret-a', caseworker);
    await verifyBearer('secret-a', `Bearer ${token}`);
    expect(await refusal(verifyBearer('secret-b', `Bearer ${token}`))).toBe(401);
  });

  it('refuses a known token once it has expired', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({ agency: caseworker.agencyId, role: caseworker.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(caseworker.userId)
      .setIssuer('homeward')
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode('secret-a'));
    expect(await verifyBearer('secret-a', `Bearer ${token}`)).toEqual(caseworker);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    expect(await refusal(verifyBearer('secret-a', `Bearer ${token}`))).toBe(401);
  });

  it('refuses a tampered token even when the original is known', async () => {
    const token = await mintToken('secret-a', caseworker);
    await verifyBearer('secret-a', `Bearer ${token}`);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u-2', agency: 'th-dsdhs', role: 'admin', iss: 'homeward' })).toString('base64url');
    expect(await refusal(verifyBearer('secret-a', `Bearer ${header}.${forged}.${signature}`))).toBe(401);
  });

  it('refuses a correctly signed token without an expiry: it would speak for its agency for ever', async () => {
    const token = await new SignJWT({ agency: caseworker.agencyId, role: caseworker.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(caseworker.userId)
      .setIssuer('homeward')
      .setIssuedAt()
      .sign(new TextEncoder().encode('secret-a'));
    expect(await refusal(verifyBearer('secret-a', `Bearer ${token}`))).toBe(401);
  });
});

/** The password rules: 12 characters at least, none from the shipped list of common passwords; argon2id hashes. */
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../api/accounts/passwords.js';
import { normaliseRecoveryCode, recoveryCode } from '../../api/accounts/secrets.js';

describe('password rules', () => {
  it('refuses short passwords, common ones and ones holding the username', () => {
    expect(passwordProblem('eleven char')?.code).toBe('min-length');
    for (const common of ['password1234', 'Password123456', 'qwertyuiop123', '123456789012', 'iloveyou2024!', 'bangkok12345678'])
      expect(passwordProblem(common)?.code, common).toBe('common-password');
    expect(passwordProblem('somchai and the river 9', 'somchai')?.code).toBe('contains-username');
    expect(passwordProblem('the river bends at dusk 9', 'somchai')).toBeUndefined();
  });

  it('hashes with argon2id and verifies; no hash never verifies', async () => {
    const hash = await hashPassword('the river bends at dusk 9');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'the river bends at dusk 9')).toBe(true);
    expect(await verifyPassword(hash, 'the river bends at dusk 8')).toBe(false);
    expect(await verifyPassword(null, 'the river bends at dusk 9')).toBe(false);
  });

  it('makes recovery codes people can type back in any case', () => {
    const code = recoveryCode();
    expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(normaliseRecoveryCode(` ${code.toUpperCase()} `)).toBe(code.replace('-', ''));
  });
});

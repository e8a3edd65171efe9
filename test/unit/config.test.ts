/** Configuration through one schema: typed, defaulted, and a wrong variable named without showing a secret. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadAccountsSettings, loadConfig, loadDeadlineOverrides } from '../../platform/config.js';

const base = {
  DATABASE_URL: 'postgres://u:hunter2@127.0.0.1/db',
  APP_DATABASE_URL: 'postgres://a:hunter2@127.0.0.1/db',
  HOMEWARD_JWT_SECRET: 'jwt-secret-value',
  HOMEWARD_PAYLOAD_KEYS: `p1:${Buffer.alloc(32, 1).toString('base64')}`,
  HOMEWARD_MASTER_KEYS: `m1:${Buffer.alloc(32, 2).toString('base64')}`,
};

describe('configuration', () => {
  it('types and defaults every variable', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ httpPort: 3000, httpHost: '127.0.0.1', logLevel: 'info', temporalAddress: undefined });
    expect(loadConfig({ ...base, PORT: '3101' }).httpPort).toBe(3101);
  });

  it('refuses a port that is not a number, naming the variable (it used to become NaN)', () => {
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(/PORT is not valid \(got "abc"\)/);
    expect(() => loadConfig({ ...base, PORT: '70000' })).toThrow(/PORT/);
  });

  it('never prints a secret in its error', () => {
    let message = '';
    try {
      loadConfig({ ...base, HOMEWARD_JWT_SECRET: '' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/HOMEWARD_JWT_SECRET/);
    expect(message).not.toMatch(/got/);
  });

  it('checks the deadline overrides against their schema instead of casting them', () => {
    expect(loadDeadlineOverrides({ HOMEWARD_DEADLINES: '{"corridors":{"TH-MM":{"days":{"verification.nationality":90}}}}' })).toEqual({
      corridors: { 'TH-MM': { days: { 'verification.nationality': 90 } } },
    });
    expect(() => loadDeadlineOverrides({ HOMEWARD_DEADLINES: '{"corridors":{"TH-MM":{"days":{"no.such.step":3}}}}' })).toThrow(
      /HOMEWARD_DEADLINES does not match/,
    );
    expect(() =>
      loadDeadlineOverrides({ HOMEWARD_DEADLINES: '{"corridors":{"TH-MM":{"days":{"verification.nationality":"90"}}}}' }),
    ).toThrow(ConfigError);
    expect(() => loadDeadlineOverrides({ HOMEWARD_DEADLINES: '{nope' })).toThrow(/not valid JSON/);
  });

  it('reads the sign-in settings through the same schema, with their defaults', () => {
    expect(loadAccountsSettings({})).toMatchObject({
      allowDevTokens: true,
      publicOrigin: 'http://localhost:3000',
      allowedOrigins: ['http://127.0.0.1:3000'],
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      secondFactorRoles: ['admin', 'coordinator', 'approver', 'auditor'],
      lockoutThreshold: 5,
      lockoutSeconds: 900,
      addressLockoutThreshold: 50,
      passwordResetMinutes: 60,
      oidcProviders: {},
    });
    const set = loadAccountsSettings({
      PORT: '3101',
      NODE_ENV: 'production',
      HOMEWARD_PUBLIC_ORIGIN: 'https://homeward.example/',
      HOMEWARD_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      HOMEWARD_SESSION_IDLE_MINUTES: '0.5',
      HOMEWARD_SECOND_FACTOR_ROLES: 'admin, approver',
      HOMEWARD_LOCKOUT_THRESHOLD: '7',
    });
    expect(set).toMatchObject({
      allowDevTokens: false,
      publicOrigin: 'https://homeward.example',
      allowedOrigins: ['https://a.example', 'https://b.example'],
      sessionIdleMinutes: 0.5,
      secondFactorRoles: ['admin', 'approver'],
      lockoutThreshold: 7,
    });
    expect(loadAccountsSettings({ HOMEWARD_SECOND_FACTOR_ROLES: '' }).secondFactorRoles).toEqual([]);
    expect(loadConfig(base).accounts.publicOrigin).toBe('http://localhost:3000');
  });

  it('refuses a wrong sign-in setting, naming the variable (they used to be read apart, some unchecked)', () => {
    expect(() => loadAccountsSettings({ HOMEWARD_LOCKOUT_THRESHOLD: 'five' })).toThrow(
      /HOMEWARD_LOCKOUT_THRESHOLD is not valid \(got "five"\)/,
    );
    expect(() => loadAccountsSettings({ HOMEWARD_SESSION_IDLE_MINUTES: '0' })).toThrow(/HOMEWARD_SESSION_IDLE_MINUTES/);
    expect(() => loadAccountsSettings({ HOMEWARD_ALLOW_DEV_TOKENS: 'maybe' })).toThrow(/HOMEWARD_ALLOW_DEV_TOKENS/);
    expect(() => loadAccountsSettings({ HOMEWARD_SECOND_FACTOR_ROLES: 'admin,root' })).toThrow(/HOMEWARD_SECOND_FACTOR_ROLES/);
    expect(() => loadAccountsSettings({ HOMEWARD_PUBLIC_ORIGIN: 'homeward.example' })).toThrow(/HOMEWARD_PUBLIC_ORIGIN/);
  });

  it('checks the single sign-on providers and never shows their client secrets', () => {
    const provider = { issuer: 'https://idp.example', clientId: 'homeward', clientSecret: 's3cret-value', roleClaim: 'homeward_role' };
    expect(loadAccountsSettings({ HOMEWARD_OIDC_PROVIDERS: JSON.stringify({ 'th-dsdhs-bangkok': provider }) }).oidcProviders).toEqual({
      'th-dsdhs-bangkok': provider,
    });
    const messages = [
      JSON.stringify({ 'th-dsdhs-bangkok': { ...provider, issuer: 42 } }),
      JSON.stringify({ 'th-dsdhs-bangkok': { ...provider, roleClaim: undefined } }),
      '{"th-dsdhs-bangkok": {"clientSecret": "s3cret-value"',
    ].map((json) => {
      try {
        loadAccountsSettings({ HOMEWARD_OIDC_PROVIDERS: json });
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    });
    for (const message of messages) {
      expect(message).toMatch(/HOMEWARD_OIDC_PROVIDERS/);
      expect(message).not.toMatch(/s3cret/);
    }
  });
});

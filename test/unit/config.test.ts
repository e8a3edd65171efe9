/** Configuration through one schema: typed, defaulted, and a wrong variable named without showing a secret. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDeadlineOverrides } from '../../platform/config.js';

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
});

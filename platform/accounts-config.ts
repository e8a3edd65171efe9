/**
 * Configuration of sign-in: sessions, lockout, second factor, development tokens and single
 * sign-on. Every value has a default fit for development; production sets what it needs.
 */
export interface OidcProviderConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token / userinfo claim that names the role, e.g. `homeward_role`. */
  roleClaim: string;
  /** Claim value -> Homeward role; a value that already is a role needs no entry. */
  roleMap?: Record<string, string>;
}

export interface AccountsSettings {
  /** Accept the HS256 development tokens of `npm run token` (HOMEWARD_ALLOW_DEV_TOKENS; default on outside production). */
  allowDevTokens: boolean;
  /** Where browsers reach Homeward (HOMEWARD_PUBLIC_ORIGIN): links, single sign-on redirects, the CSRF origin check. */
  publicOrigin: string;
  /** More origins whose cookie-authenticated writes are accepted (HOMEWARD_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins: string[];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Roles that must sign in with a second factor (HOMEWARD_SECOND_FACTOR_ROLES, comma-separated). */
  secondFactorRoles: string[];
  /** Failures of one account name before it locks, and for how long (HOMEWARD_LOCKOUT_*). */
  lockoutThreshold: number;
  lockoutSeconds: number;
  /** Failures from one address before it locks (HOMEWARD_ADDRESS_LOCKOUT_THRESHOLD). */
  addressLockoutThreshold: number;
  passwordResetMinutes: number;
  /** Single sign-on per agency id (HOMEWARD_OIDC_PROVIDERS, JSON, or a file named by HOMEWARD_OIDC_PROVIDERS_FILE). */
  oidcProviders: Record<string, OidcProviderConfig>;
}

export const DEFAULT_SECOND_FACTOR_ROLES = ['admin', 'coordinator', 'approver', 'auditor'];

export function defaultAccountsSettings(overrides: Partial<AccountsSettings> = {}): AccountsSettings {
  return {
    allowDevTokens: true,
    publicOrigin: 'http://localhost:3000',
    allowedOrigins: [],
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    secondFactorRoles: DEFAULT_SECOND_FACTOR_ROLES,
    lockoutThreshold: 5,
    lockoutSeconds: 15 * 60,
    addressLockoutThreshold: 50,
    passwordResetMinutes: 60,
    oidcProviders: {},
    ...overrides,
  };
}

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number`);
  return number;
}

export function loadAccountsSettings(env: NodeJS.ProcessEnv, readFile: (path: string) => string, port: number): AccountsSettings {
  const production = env.NODE_ENV === 'production';
  const allowDevTokens =
    env.HOMEWARD_ALLOW_DEV_TOKENS === undefined ? !production : /^(1|true|yes|on)$/i.test(env.HOMEWARD_ALLOW_DEV_TOKENS);
  const oidcJson =
    env.HOMEWARD_OIDC_PROVIDERS ?? (env.HOMEWARD_OIDC_PROVIDERS_FILE ? readFile(env.HOMEWARD_OIDC_PROVIDERS_FILE) : undefined);
  let oidcProviders: Record<string, OidcProviderConfig> = {};
  if (oidcJson) {
    try {
      oidcProviders = JSON.parse(oidcJson) as Record<string, OidcProviderConfig>;
    } catch {
      throw new Error('HOMEWARD_OIDC_PROVIDERS is not valid JSON');
    }
  }
  const defaults = defaultAccountsSettings();
  return defaultAccountsSettings({
    allowDevTokens,
    publicOrigin: (env.HOMEWARD_PUBLIC_ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, ''),
    allowedOrigins: list(env.HOMEWARD_ALLOWED_ORIGINS) ?? [`http://127.0.0.1:${port}`],
    sessionIdleMinutes: positive('HOMEWARD_SESSION_IDLE_MINUTES', env.HOMEWARD_SESSION_IDLE_MINUTES, defaults.sessionIdleMinutes),
    sessionAbsoluteHours: positive('HOMEWARD_SESSION_ABSOLUTE_HOURS', env.HOMEWARD_SESSION_ABSOLUTE_HOURS, defaults.sessionAbsoluteHours),
    secondFactorRoles: list(env.HOMEWARD_SECOND_FACTOR_ROLES) ?? defaults.secondFactorRoles,
    lockoutThreshold: positive('HOMEWARD_LOCKOUT_THRESHOLD', env.HOMEWARD_LOCKOUT_THRESHOLD, defaults.lockoutThreshold),
    lockoutSeconds: positive('HOMEWARD_LOCKOUT_SECONDS', env.HOMEWARD_LOCKOUT_SECONDS, defaults.lockoutSeconds),
    addressLockoutThreshold: positive(
      'HOMEWARD_ADDRESS_LOCKOUT_THRESHOLD',
      env.HOMEWARD_ADDRESS_LOCKOUT_THRESHOLD,
      defaults.addressLockoutThreshold,
    ),
    passwordResetMinutes: positive('HOMEWARD_PASSWORD_RESET_MINUTES', env.HOMEWARD_PASSWORD_RESET_MINUTES, defaults.passwordResetMinutes),
    oidcProviders,
  });
}

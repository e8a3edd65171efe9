/**
 * The settings of sign-in: sessions, lockout, second factor, development tokens and single
 * sign-on, and their defaults (fit for development and tests). They are read from the environment
 * with every other variable, through the one schema of platform/config.ts (`loadAccountsSettings`).
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

/**
 * Which parts of the API a role may use, in one place: the routes check these sets, and `GET /v1/me`
 * names the ones the signed-in person has (`capabilities`), so a client offers only what the API
 * will accept. Access to a particular case is still decided per case (api/access.ts).
 */
import { ACTING_ROLES } from './access.js';

/** Stalled cases, flow and period statistics: the people who chase stalled cases and report on them. */
export const MONITORING_ROLES: ReadonlySet<string> = new Set(['coordinator', 'auditor', 'admin']);
/** The audit log of their own country. */
export const AUDIT_ROLES: ReadonlySet<string> = new Set(['auditor']);
/** An agency's own accounts and service tokens. */
export const ACCOUNT_ADMIN_ROLES: ReadonlySet<string> = new Set(['admin']);

export const CAPABILITIES = {
  /** Open cases and perform case actions (POST /v1/cases, /actions). */
  'cases.act': ACTING_ROLES,
  /** GET /v1/monitoring/stalled, /v1/statistics/flow, /flow/trend, /summary. */
  monitoring: MONITORING_ROLES,
  /** GET /v1/audit. */
  audit: AUDIT_ROLES,
  /** /v1/users and /v1/service-tokens. */
  accounts: ACCOUNT_ADMIN_ROLES,
} as const;

export type Capability = keyof typeof CAPABILITIES;

export const capabilitiesOf = (role: string): Capability[] =>
  (Object.keys(CAPABILITIES) as Capability[]).filter((capability) => CAPABILITIES[capability].has(role));

/**
 * Shapes the API answers and the web console reads: types only, importing nothing, so the console
 * (web/src/types.ts) imports them too and one definition serves both sides.
 */

/** `GET /v1/me` (api/accounts/me.ts). */
export interface Me {
  userId: string;
  username: string;
  displayName: string;
  agencyId: string;
  agency: { id: string; name: string; country: string; kind: string };
  role: string;
  language: string;
  secondFactor: { enrolled: boolean; required: boolean };
  /** The parts of the API this role may use (api/capabilities.ts): cases.act, monitoring, audit, accounts. */
  capabilities: string[];
}

/** `GET /v1/me`: who is signed in, their agency, and where they stand with the second factor. */
import type { Actor } from '../../domain/shared/actor.js';
import type { AccountsSettings } from '../../platform/accounts-config.js';
import { findAgency } from '../../store/agencies.js';
import { accountsDb } from '../../store/accounts-schema.js';
import { findUser } from '../../store/accounts.js';
import type { Db } from '../../store/db.js';
import { audit, type AuditOutcome } from '../../store/audit.js';
import { capabilitiesOf } from '../capabilities.js';
import type { Me } from '../shapes.js';

export type { Me };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Accounts have UUIDs; development tokens and service tokens name other ids. */
export const isAccountId = (userId: string): boolean => UUID.test(userId);

export async function meOf(db: Db, settings: AccountsSettings, actor: Actor): Promise<Me> {
  const agency = await findAgency(db, actor.agencyId);
  const user = isAccountId(actor.userId) ? await findUser(accountsDb(db), actor.userId) : undefined;
  return {
    userId: actor.userId,
    username: user?.username ?? actor.userId,
    displayName: user?.display_name ?? actor.userId,
    agencyId: actor.agencyId,
    agency: { id: actor.agencyId, name: agency?.name ?? actor.agencyId, country: agency?.country ?? '', kind: agency?.kind ?? '' },
    role: actor.role,
    language: user?.language ?? 'en',
    secondFactor: { enrolled: !!user?.totp_secret, required: settings.secondFactorRoles.includes(actor.role) },
    capabilities: capabilitiesOf(actor.role),
  };
}

/** Who an account event is attributed to when nobody is signed in yet. */
export const ANONYMOUS: Actor = { userId: 'anonymous', agencyId: 'none', role: 'none' };

/** Account events in the audit log: ids and reason codes only, never a name typed, a secret or a code. */
export async function auditAccount(
  db: Db,
  actor: Actor,
  action: string,
  outcome: AuditOutcome,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await audit(db, { actor, action, outcome, detail });
}

export const actorOfUser = (user: { user_id: string; agency_id: string; role: string }): Actor => ({
  userId: user.user_id,
  agencyId: user.agency_id,
  role: user.role,
});

/**
 * The audit log: every read of personal data and every action, append-only (a trigger refuses
 * updates and deletes). Reads of personal data write their entry in the same transaction as the
 * read, so there is no read without its trace.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../domain/shared/actor.js';
import type { Database } from './schema.js';

export type AuditOutcome = 'ok' | 'denied' | 'refused' | 'failed';

export interface AuditEntry {
  actor: Actor;
  action: string;
  outcome: AuditOutcome;
  caseId?: string | null;
  personId?: string | null;
  /** Codes and ids only: never personal data. */
  detail?: Record<string, unknown>;
}

export async function audit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.actor.userId,
      agency_id: entry.actor.agencyId,
      role: entry.actor.role,
      action: entry.action,
      outcome: entry.outcome,
      case_id: entry.caseId ?? null,
      person_id: entry.personId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

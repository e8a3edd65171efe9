/**
 * The notification outbox. Reminders and escalations are written in the same transaction as the
 * events that cause them, so none is lost or sent for an event that rolled back; a dispatcher then
 * delivers them to the agencies' webhooks, at least once, with retries.
 */
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { RepatriationEvent, RepatriationState } from '../domain/repatriation/index.js';
import type { Db } from './db.js';
import type { StoredEvent } from './event-store.js';
import type { Database } from './schema.js';

export interface Notification {
  notificationId: string;
  topic: 'step.overdue' | 'step.escalated' | 'batch.notice_issued';
  recipient: { country: string; role: 'caseworker' | 'coordinator'; agencyKind: string | null };
  /** Codes and ids only: a webhook body never carries personal data. */
  payload: Record<string, unknown>;
}

/** Deterministic ids: re-projecting the same event cannot enqueue its notifications twice. */
const notificationId = (eventId: string, recipient: string): string => {
  const hex = createHash('sha256').update(`${eventId}/${recipient}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Who hears about a case event: the agency holding an overdue step, then both countries' coordinators. */
export function notificationsFor(stored: StoredEvent, state: RepatriationState): Notification[] {
  const event = { type: stored.type, data: stored.data } as RepatriationEvent;
  const base = {
    caseId: state.caseId,
    corridor: `${state.hostCountry}-${state.originCountry}`,
    stage: state.stage,
    occurredAt: stored.recordedAt.toISOString(),
  };
  if (event.type === 'StepOverdue') {
    const { holder, step, dueAt } = event.data;
    return [
      {
        notificationId: notificationId(stored.eventId, `${holder.country}/caseworker`),
        topic: 'step.overdue',
        recipient: { country: holder.country, role: 'caseworker', agencyKind: holder.agencyKind },
        payload: { ...base, step, dueAt, holder, message: `Reminder: ${step} is overdue since ${dueAt}.` },
      },
    ];
  }
  if (event.type === 'StepEscalated') {
    return [...new Set(event.data.coordinatorsOf)].map((country) => ({
      notificationId: notificationId(stored.eventId, `${country}/coordinator`),
      topic: 'step.escalated',
      recipient: { country, role: 'coordinator', agencyKind: null },
      payload: { ...base, step: event.data.step, overdue: state.overdue, message: `Escalation: ${event.data.step} is still overdue.` },
    }));
  }
  return [];
}

/** Enqueues notifications and one delivery per matching webhook subscription, inside the append transaction. */
export async function enqueueNotifications(trx: Transaction<Database>, notifications: Notification[]): Promise<void> {
  for (const n of notifications) {
    const inserted = await trx
      .insertInto('notifications')
      .values({
        notification_id: n.notificationId,
        topic: n.topic,
        recipient_country: n.recipient.country,
        recipient_role: n.recipient.role,
        recipient_agency_kind: n.recipient.agencyKind,
        payload: JSON.stringify({ notificationId: n.notificationId, topic: n.topic, recipient: n.recipient, ...n.payload }),
      })
      .onConflict((oc) => oc.column('notification_id').doNothing())
      .returning('notification_id')
      .executeTakeFirst();
    if (!inserted) continue;
    await sql`
      insert into webhook_deliveries (delivery_id, notification_id, subscription_id)
      select gen_random_uuid(), ${n.notificationId}, s.subscription_id
      from webhook_subscriptions s
      where s.active
        and (s.country is null or s.country = ${n.recipient.country})
        and (s.role is null or s.role = ${n.recipient.role})
        and (s.agency_kind is null or s.agency_kind = ${n.recipient.agencyKind})
        and (s.topics is null or ${n.topic} = any(s.topics))
      on conflict do nothing`.execute(trx);
  }
}

export interface DueDelivery {
  deliveryId: string;
  attempts: number;
  url: string;
  secret: string;
  payload: Record<string, unknown>;
}

/**
 * Claims deliveries that are due: several dispatchers can run, SKIP LOCKED keeps them apart, and
 * the lease pushes `next_attempt_at` forward so a dispatcher that dies mid-send is retried later.
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseSeconds: number): Promise<DueDelivery[]> {
  const { rows } = await sql<{ delivery_id: string; attempts: number; url: string; secret: string; payload: Record<string, unknown> }>`
    with due as (
      select delivery_id from webhook_deliveries
      where delivered_at is null and next_attempt_at <= now()
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update webhook_deliveries d
    set next_attempt_at = now() + make_interval(secs => ${leaseSeconds}), attempts = d.attempts + 1
    from due, notifications n, webhook_subscriptions s
    where d.delivery_id = due.delivery_id and n.notification_id = d.notification_id and s.subscription_id = d.subscription_id
    returning d.delivery_id, d.attempts, s.url, s.secret, n.payload`.execute(db);
  return rows.map((r) => ({ deliveryId: r.delivery_id, attempts: r.attempts, url: r.url, secret: r.secret, payload: r.payload }));
}

export async function markDelivered(db: Db, deliveryId: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ delivered_at: new Date(), last_error: null })
    .where('delivery_id', '=', deliveryId)
    .execute();
}

export async function markFailed(db: Db, deliveryId: string, error: string, retryInSeconds: number): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ last_error: error.slice(0, 500), next_attempt_at: sql`now() + make_interval(secs => ${retryInSeconds})` })
    .where('delivery_id', '=', deliveryId)
    .execute();
}

/**
 * The pre-departure notice leaves through the notification outbox, in the same transaction as the
 * `ManifestIssued` event: the receiving agency's coordinators hear that notice N is out, with a link
 * to read it over the authenticated API. The webhook body names the batch, never a person.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ManifestNotice } from '../../domain/handover-batch/index.js';
import type { StoredEvent } from '../event-store.js';
import { enqueueNotifications, type Notification } from '../outbox.js';
import type { Database } from '../schema.js';
import { batchIdOfStream } from './batches.js';

/** Deterministic, so a retried append cannot enqueue the notice twice. */
const noticeId = (eventId: string): string => {
  const hex = createHash('sha256').update(`notice/${eventId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export async function enqueueNotices(trx: Transaction<Database>, stored: StoredEvent[]): Promise<void> {
  const notices: Notification[] = [];
  for (const event of stored) {
    if (event.type !== 'ManifestIssued') continue;
    const notice = event.data as unknown as ManifestNotice & { people: number };
    const agency = await trx
      .selectFrom('agencies')
      .select(['country', 'kind'])
      .where('agency_id', '=', notice.receivingAgencyId)
      .executeTakeFirst();
    if (!agency) continue; // an agency outside the registry has no webhook to deliver to
    const batchId = batchIdOfStream(event.streamId);
    notices.push({
      notificationId: noticeId(event.eventId),
      topic: 'batch.notice_issued',
      recipient: { country: agency.country.trim(), role: 'coordinator', agencyKind: agency.kind },
      payload: {
        batchId,
        version: notice.version,
        reason: notice.reason,
        plannedDate: notice.plannedDate,
        crossingPoint: notice.crossingPoint,
        daysBefore: notice.daysBefore,
        people: notice.people,
        added: notice.added.length,
        removed: notice.removed.length,
        sendingAgencyId: notice.sendingAgencyId,
        receivingAgencyId: notice.receivingAgencyId,
        manifest: `/v1/batches/${batchId}/manifest?version=${notice.version}`,
        occurredAt: event.recordedAt.toISOString(),
        message: `Pre-departure notice ${notice.version} (${notice.reason}): ${notice.people} people on ${notice.plannedDate} at ${notice.crossingPoint}.`,
      },
    });
  }
  await enqueueNotifications(trx, notices);
}

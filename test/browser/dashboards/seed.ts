/**
 * Case histories that happened months ago, for the dashboards' browser tests: a stalled case needs
 * days of waiting and a trend needs months, which a test cannot wait for. Each history is decided
 * by the real repatriation decider, written to the event store with the times it happened (as the
 * benchmark's seed writes its data set), and projected by the real projections (cases, tasks) in
 * the same transaction. No workflow runs for these cases: they are read, never acted on, here.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  evolve,
  initialState,
  resolveDeadlinePolicy,
  type RepatriationCommand,
  type RepatriationEvent,
} from '../../../domain/repatriation/index.js';
import type { Country } from '../../../domain/shared/countries.js';
import type { Db } from '../../../store/db.js';
import type { StoredEvent } from '../../../store/event-store.js';
import { caseStreamId, projectCaseEvents, REPATRIATION_STREAM_TYPE } from '../../../store/projections/cases.js';
import { decideCommand } from '../../support/decide.js';

const DAY_MS = 86_400_000;

export interface PastCase {
  host: Country;
  origin: Country;
  owningAgencyId: string;
  sex?: 'female' | 'male';
  ageGroup?: 'adult' | 'child';
  openedDaysAgo: number;
  /** Each action with how many days ago it was recorded (after the opening). */
  steps: { action: Record<string, unknown>; daysAgo: number }[];
}

/** Writes one past case; answers its id. */
export async function seedPastCase(db: Db, past: PastCase): Promise<string> {
  const caseId = randomUUID();
  const opening = [
    {
      type: 'open_case',
      caseId,
      personId: randomUUID(),
      sex: past.sex ?? 'female',
      ageGroup: past.ageGroup ?? 'adult',
      hostCountry: past.host,
      originCountry: past.origin,
      owningAgencyId: past.owningAgencyId,
    },
    { type: 'apply_deadline_policy', policy: resolveDeadlinePolicy(past.host, past.origin) },
  ];
  const timed = [
    ...opening.map((command) => ({ command, daysAgo: past.openedDaysAgo })),
    ...past.steps.map((s) => ({ command: s.action, daysAgo: s.daysAgo })),
  ];
  let state = initialState();
  const events: { event: RepatriationEvent; at: Date }[] = [];
  const now = Date.now();
  for (const [i, { command, daysAgo }] of timed.entries()) {
    // A second apart within one day, so events keep their order.
    const at = new Date(now - daysAgo * DAY_MS + i * 1000);
    for (const event of decideCommand(command as RepatriationCommand, state)) {
      events.push({ event, at });
      state = evolve(state, event);
    }
  }
  const streamId = caseStreamId(caseId);
  const actor = { userId: 'u-dashboards-seed', agencyId: past.owningAgencyId };
  await db.transaction().execute(async (trx) => {
    await sql`insert into streams (stream_id, stream_type, version, created_at, updated_at)
      values (${streamId}, ${REPATRIATION_STREAM_TYPE}, ${events.length}, ${events[0]!.at}, ${events.at(-1)!.at})`.execute(trx);
    const stored: StoredEvent[] = [];
    for (const [i, { event, at }] of events.entries()) {
      const eventId = randomUUID();
      const metadata = { commandType: 'seed' };
      const { rows } = await sql<{ global_position: string }>`
        insert into events (stream_id, stream_position, event_id, type, data, metadata, actor_id, agency_id, recorded_at)
        values (${streamId}, ${i + 1}, ${eventId}, ${event.type}, ${JSON.stringify(event.data)}::jsonb, ${JSON.stringify(metadata)}::jsonb,
                ${actor.userId}, ${actor.agencyId}, ${at})
        returning global_position`.execute(trx);
      stored.push({
        globalPosition: String(rows[0]!.global_position),
        streamId,
        streamPosition: i + 1,
        eventId,
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata,
        actorId: actor.userId,
        agencyId: actor.agencyId,
        recordedAt: at,
      });
    }
    await projectCaseEvents(trx, stored);
  });
  return caseId;
}

const IDENTIFIED = [
  { type: 'record_screening', outcome: 'presumed_victim' },
  { type: 'record_identification' },
  { type: 'record_consent', consent: 'given' },
];

/** The whole way home for an adult, from the opening to arrival (then reintegration), spread over `days`. */
export function wayHome(focalPoint: string, crossingPoint: string, handoverDate: string) {
  return [
    ...IDENTIFIED,
    { type: 'send_verification_request', toAgencyId: focalPoint },
    { type: 'record_nationality_verification', result: 'verified' },
    { type: 'record_family_assessment', result: 'safe' },
    { type: 'record_travel_document', documentKind: 'certificate_of_identity' },
    { type: 'schedule_handover', date: handoverDate, crossingPoint },
    { type: 'confirm_handover', side: 'sending' },
    { type: 'confirm_handover', side: 'receiving' },
    { type: 'record_reception' },
    { type: 'record_escort_home' },
    { type: 'confirm_arrival' },
  ];
}

/** Spreads actions evenly from `fromDaysAgo` to `toDaysAgo`. */
export const spread = (actions: Record<string, unknown>[], fromDaysAgo: number, toDaysAgo: number) =>
  actions.map((action, i) => ({
    action,
    daysAgo: actions.length === 1 ? toDaysAgo : fromDaysAgo - ((fromDaysAgo - toDaysAgo) * i) / (actions.length - 1),
  }));

export { IDENTIFIED };

/**
 * Victim cases at the handover stage, seeded fast for volume tests and benchmarks. Each case's
 * history is decided by the real repatriation decider and appended through the real event store
 * (with the real projections), and its workflow starts holding that state: the form in which a case
 * resumes after continue-as-new. Bringing 2,500 cases to handover through the API takes 20,000
 * updates; the volume test measures the batch, not that. Smaller batch tests seed through the API
 * instead. Free of vitest, so a benchmark process can seed the same way (bench/b1-console-confirm.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import {
  evolve,
  evolveClock,
  initialClock,
  initialState,
  resolveDeadlinePolicy,
  type RepatriationCommand,
  type RepatriationEvent,
} from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { Db } from '../../store/db.js';
import { appendToStream } from '../../store/event-store.js';
import { caseStreamId, projectCaseEvents, REPATRIATION_STREAM_TYPE } from '../../store/projections/cases.js';
import { caseWorkflowId, newCaseInput } from '../../workflows/repatriation/messages.js';
import { IDENTIFICATION, VERIFICATION } from './cases.js';
import { decideCommand } from './decide.js';

/** A TH -> MM case of `owner`'s agency, identified and verified, its workflow started on `taskQueue`. */
export async function seedHandoverCase(services: { db: Db; client: Client; taskQueue: string; owner: Actor }): Promise<string> {
  const { db, client, taskQueue, owner } = services;
  const caseId = randomUUID();
  const commands = [
    {
      type: 'open_case',
      caseId,
      personId: randomUUID(),
      sex: 'female',
      ageGroup: 'adult',
      hostCountry: 'TH',
      originCountry: 'MM',
      owningAgencyId: owner.agencyId,
    },
    { type: 'apply_deadline_policy', policy: resolveDeadlinePolicy('TH', 'MM') },
    ...IDENTIFICATION,
    ...VERIFICATION,
  ] as RepatriationCommand[];
  let state = initialState();
  let clock = initialClock();
  const events: RepatriationEvent[] = [];
  const now = new Date().toISOString();
  for (const command of commands) {
    for (const event of decideCommand(command, state)) {
      events.push(event);
      state = evolve(state, event);
      clock = evolveClock(clock, event, state, now);
    }
  }
  await appendToStream(
    db,
    {
      streamId: caseStreamId(caseId),
      streamType: REPATRIATION_STREAM_TYPE,
      expectedVersion: 0,
      events: events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: { commandType: 'seed' },
      })),
      actor: owner,
    },
    projectCaseEvents,
  );
  await client.workflow.start('repatriationCase', {
    taskQueue,
    workflowId: caseWorkflowId(caseId),
    args: [{ ...newCaseInput(caseId), carried: state, clock }],
  });
  return caseId;
}

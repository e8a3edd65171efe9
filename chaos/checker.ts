/**
 * After healing and quiet, the checker compares what the clients were told with what the system
 * holds: every acknowledged action recorded exactly once, none twice, nothing no request asked for,
 * each case's read model equal to the fold of its events, each workflow's state equal to its read
 * model, every outbox delivery made at least once and de-duplicable by its delivery id.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Client } from '@temporalio/client';
import { evolve, initialState, type RepatriationEvent } from '../domain/repatriation/index.js';
import type { Db } from '../store/db.js';
import { caseStreamId, REPATRIATION_STREAM_TYPE } from '../store/projections/cases.js';
import { caseWorkflowId } from '../workflows/repatriation/messages.js';
import { WALK, type Operation } from './clients.js';

/** Events the system records by itself, not at a client's request. */
const SYSTEM_EVENTS = new Set(['StageAdvanced', 'DeadlinePolicyApplied', 'StepOverdue', 'StepEscalated']);

export interface CheckResult {
  acknowledged: number;
  notAcknowledged: number;
  lost: number;
  duplicated: number;
  unrequested: number;
  readModelMismatches: number;
  workflowMismatches: number;
  outbox: { deliveries: number; undelivered: number; received: number; repeats: number; unknownReceived: number };
  problems: string[];
}

export async function check(db: Db, temporal: Client, operations: Operation[], received: Map<string, number>): Promise<CheckResult> {
  const problems: string[] = [];
  const acked = operations.filter((o) => o.acked);
  const result: CheckResult = {
    acknowledged: acked.length,
    notAcknowledged: operations.length - acked.length,
    lost: 0,
    duplicated: 0,
    unrequested: 0,
    readModelMismatches: 0,
    workflowMismatches: 0,
    outbox: { deliveries: 0, undelivered: 0, received: 0, repeats: 0, unknownReceived: 0 },
    problems,
  };
  const opensByCase = new Map<string, Operation>();
  for (const open of acked.filter((o) => o.op === 'open')) {
    if (opensByCase.has(open.caseId!)) problems.push(`two opening requests answered with case ${open.caseId}`);
    opensByCase.set(open.caseId!, open);
  }
  const streams = await db.selectFrom('streams').select('stream_id').where('stream_type', '=', REPATRIATION_STREAM_TYPE).execute();
  const knownStreams = new Set([...opensByCase.keys()].map(caseStreamId));
  const requestedOpens = new Set(operations.filter((o) => o.op === 'open').map((o) => o.caseRef));
  // A case no acknowledged open names may still be one an unacknowledged open asked for (answer lost).
  const unexplained = streams.filter((s) => !knownStreams.has(s.stream_id)).length;
  const unackedOpens = operations.filter((o) => o.op === 'open' && !o.acked).length;
  if (unexplained > unackedOpens) {
    result.unrequested += unexplained - unackedOpens;
    problems.push(`${unexplained} cases exist that no acknowledged opening names, but only ${unackedOpens} openings went unanswered`);
  }
  if (requestedOpens.size !== operations.filter((o) => o.op === 'open').length) problems.push('a case reference was opened twice');

  for (const [caseId] of opensByCase) {
    const events = await db
      .selectFrom('events')
      .select(['type', 'data', 'stream_position'])
      .where('stream_id', '=', caseStreamId(caseId))
      .orderBy('stream_position')
      .execute();
    const ops = operations.filter((o) => o.caseId === caseId);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    if (count('CaseOpened') !== 1) {
      result[count('CaseOpened') === 0 ? 'lost' : 'duplicated'] += 1;
      problems.push(`case ${caseId}: ${count('CaseOpened')} CaseOpened events`);
    }
    for (let step = 0; step < WALK.length; step++) {
      const type = WALK[step]!.event;
      const op = ops.find((o) => o.op === step);
      const n = count(type);
      if (op?.acked && n === 0) {
        result.lost += 1;
        problems.push(`case ${caseId}: acknowledged ${WALK[step]!.action.type} not recorded`);
      }
      if (n > 1) {
        result.duplicated += n - 1;
        problems.push(`case ${caseId}: ${type} recorded ${n} times`);
      }
      if (n > 0 && !op) {
        result.unrequested += n;
        problems.push(`case ${caseId}: ${type} recorded but never requested`);
      }
    }
    const walked = new Set<string>(['CaseOpened', ...WALK.map((w) => w.event)]);
    for (const event of events) {
      if (!walked.has(event.type) && !SYSTEM_EVENTS.has(event.type)) {
        result.unrequested += 1;
        problems.push(`case ${caseId}: unexpected event ${event.type}`);
      }
    }

    const fold = events.reduce((state, e) => evolve(state, { type: e.type, data: e.data } as RepatriationEvent), initialState());
    const row = await db
      .selectFrom('cases')
      .select(['state', 'version', 'stage', 'status'])
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    const folded = JSON.parse(JSON.stringify(fold)) as Record<string, unknown>;
    if (!row || row.version !== events.length || !isDeepStrictEqual(row.state, folded)) {
      result.readModelMismatches += 1;
      problems.push(`case ${caseId}: read model (version ${row?.version}) is not the fold of its ${events.length} events`);
    }
    // A workflow may still be finishing a task a killed worker left (its append already committed):
    // it gets a bounded while to catch up before a difference counts.
    const agreement = await workflowAgrees(temporal, caseId, row);
    if (agreement !== true) {
      result.workflowMismatches += 1;
      problems.push(`case ${caseId}: ${agreement}`);
    }
  }

  // Cases left waiting keep falling overdue on their own timers, so a notification may be made
  // while the checker runs: each delivery gets a bounded while to arrive before it counts as lost.
  let deliveries = await db.selectFrom('webhook_deliveries').selectAll().execute();
  for (const giveUpAt = Date.now() + 30_000; Date.now() < giveUpAt && deliveries.some((d) => !received.has(d.delivery_id));) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    deliveries = await db.selectFrom('webhook_deliveries').selectAll().execute();
  }
  result.outbox.deliveries = deliveries.length;
  const ids = new Set(deliveries.map((d) => d.delivery_id as string));
  for (const delivery of deliveries) {
    if (!received.has(delivery.delivery_id as string)) result.outbox.undelivered += 1;
  }
  for (const [id, times] of received) {
    if (!ids.has(id)) result.outbox.unknownReceived += 1;
    result.outbox.received += 1;
    result.outbox.repeats += times - 1;
  }
  if (result.outbox.undelivered) problems.push(`${result.outbox.undelivered} outbox deliveries never reached the receiver`);
  if (result.outbox.unknownReceived) problems.push(`${result.outbox.unknownReceived} deliveries received that the outbox does not hold`);
  return result;
}

async function workflowAgrees(
  temporal: Client,
  caseId: string,
  row: { version: number; stage: string; status: string } | undefined,
  withinMs = 30_000,
): Promise<true | string> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    let difference: string;
    try {
      const view = await temporal.workflow
        .getHandle(caseWorkflowId(caseId))
        .query<{ version: number; stage: string; status: string }>('caseView');
      if (row && view.version === row.version && view.stage === row.stage && view.status === row.status) return true;
      difference = `workflow at version ${view.version} (${view.stage}), read model at ${row?.version} (${row?.stage})`;
    } catch (error) {
      difference = `workflow not queryable: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) return difference;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

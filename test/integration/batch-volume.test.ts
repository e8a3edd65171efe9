/**
 * A manifest of 2,500 people (domain.md: "manifests up to ~2,500 people") from lock to close, each
 * side confirming everyone in one request. The timings are printed and kept in
 * data/test/batch-volume-timing.json for the record; they are not asserted (speed goals belong to
 * the benchmarks, and this machine is shared). It runs in a schema of its own, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR } from '../../platform/config.js';
import { batchWorkflowId } from '../../workflows/batch/messages.js';
import { startHarness, type Harness } from '../support/harness.js';
import { isolatedSchema, type IsolatedSchema } from '../support/isolated-schema.js';
import { batchPlan, RECEIVING, resending, SENDING } from '../support/handover-cases.js';
import { seedCasesAtHandover } from '../support/seeded-cases.js';

const PEOPLE = 2_500;
let h: Harness;
let schema: IsolatedSchema;
beforeAll(async () => {
  schema = await isolatedSchema();
  h = await startHarness({ databaseUrls: schema.urls });
});
afterAll(async () => {
  await h?.stop();
  await schema?.drop();
});

async function timed<T>(timings: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  timings[name] = Math.round(performance.now() - started);
  return result;
}

/** Each request carries an Idempotency-Key and is resent if the batch answers late (503). */
async function command(batchId: string, path: string, body: unknown, as = SENDING) {
  const idempotencyKey = randomUUID();
  return (await resending(() => h.api.post(`/v1/batches/${batchId}/${path}`, body, { as, idempotencyKey }))).body;
}

describe(`a batch of ${PEOPLE} people`, () => {
  it('completes from lock to close, each side confirming everyone in one request', async () => {
    const timings: Record<string, number> = {};
    const cases = await timed(timings, 'seedMs', () => seedCasesAtHandover(h, PEOPLE));
    const planKey = randomUUID();
    const planned = await resending(() => h.api.post('/v1/batches', batchPlan(), { as: SENDING, idempotencyKey: planKey }));
    const batchId = planned.body.batchId as string;
    const added = await timed(timings, 'addAllMs', () => command(batchId, 'cases', { add: cases }));
    expect(added.progress.members).toBe(PEOPLE);

    const lockedAt = performance.now();
    await timed(timings, 'lockMs', () => command(batchId, 'lock', {}));
    const notice = (await h.api.get(`/v1/batches/${batchId}/manifest`, { as: RECEIVING })).body;
    expect(notice).toMatchObject({ version: 1, people: PEOPLE });
    expect(notice.entries).toHaveLength(PEOPLE);

    const sending = await timed(timings, 'confirmSendingMs', () => command(batchId, 'confirmations', { side: 'sending', caseIds: cases }));
    expect(sending.result).toEqual({ recorded: PEOPLE, alreadyRecorded: 0 });
    const receiving = await timed(timings, 'confirmReceivingMs', () =>
      command(batchId, 'confirmations', { side: 'receiving', caseIds: cases }, RECEIVING),
    );
    expect(receiving.result).toEqual({ recorded: PEOPLE, alreadyRecorded: 0 });

    const final = await h.client.workflow.getHandle(batchWorkflowId(batchId)).result();
    timings.lockToCloseMs = Math.round(performance.now() - lockedAt);
    expect(final).toMatchObject({ status: 'closed', progress: { members: PEOPLE, handedOver: PEOPLE, casesPending: 0 } });

    const read = (await h.api.get(`/v1/batches/${batchId}`)).body;
    expect(read.caseSteps).toEqual({
      schedule: { done: PEOPLE, refused: 0 },
      sending: { done: PEOPLE, refused: 0 },
      receiving: { done: PEOPLE, refused: 0 },
    });
    const { rows } = await sql<{
      stage: string;
      n: string;
    }>`select stage, count(*) as n from cases where case_id = any(${cases}::uuid[]) group by stage`.execute(h.db);
    expect(rows.map((r) => [r.stage, Number(r.n)])).toEqual([['escort', PEOPLE]]);

    // The batch's own history stays far below Temporal's limits (51,200 events per run).
    const runs: { historyLength: number }[] = [];
    for await (const run of h.client.workflow.list({ query: `WorkflowId = '${batchWorkflowId(batchId)}'` }))
      runs.push({ historyLength: run.historyLength });
    const longest = Math.max(...runs.map((r) => r.historyLength));
    expect(longest).toBeLessThan(10_000);

    const record = {
      people: PEOPLE,
      ...timings,
      batchRuns: runs.length,
      longestRunHistoryEvents: longest,
      recordedAt: new Date().toISOString(),
    };
    mkdirSync(join(DATA_DIR, 'test'), { recursive: true });
    writeFileSync(join(DATA_DIR, 'test', 'batch-volume-timing.json'), `${JSON.stringify(record, null, 2)}\n`);
    process.stdout.write(`batch of ${PEOPLE}: ${JSON.stringify(record)}\n`);
  }, 3_600_000);
});

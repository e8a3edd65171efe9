/**
 * A batch's workflow hands over to fresh runs (continue-as-new) between steps and still completes,
 * and every batch read model, like the transfers in `cases`, rebuilds from the events alone.
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../store/projections/index.js';
import { withBatchTables } from '../../store/projections/batch-tables.js';
import { batchViewQuery, batchWorkflowId, planBatchUpdate } from '../../workflows/batch/messages.js';
import type { handoverBatch } from '../../workflows/batch/workflow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { batchPlan, casesAtHandover, RECEIVING, SENDING } from '../support/handover-cases.js';
import { act, openTransfer } from '../support/transfers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

async function command(batchId: string, path: string, body: unknown, as = SENDING) {
  const response = await h.api.post(`/v1/batches/${batchId}/${path}`, body, { as });
  if (response.status !== 200) throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

describe('batch workflow history', () => {
  it('continues as new between steps with a small history budget and completes, each person once', async () => {
    const cases = await casesAtHandover(h.api, 12);
    const batchId = randomUUID();
    // Planned directly, to give this run a tiny history budget; everything else goes through the API.
    await h.client.workflow.executeUpdateWithStart(planBatchUpdate, {
      args: [{ command: { type: 'plan_batch', batchId, ...batchPlan() } as never, actor: SENDING }],
      updateId: `plan-${batchId}`,
      startWorkflowOperation: new WithStartWorkflowOperation<typeof handoverBatch>('handoverBatch', {
        workflowId: batchWorkflowId(batchId),
        taskQueue: h.taskQueue,
        args: [{ batchId, continueAsNewAfterEvents: 20 }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    await command(batchId, 'cases', { add: cases });
    await command(batchId, 'lock', {});
    await command(batchId, 'confirmations', { side: 'sending', caseIds: cases });
    await command(batchId, 'exclusions', { exclusions: [{ caseId: cases[0], reason: 'refused' }] }, RECEIVING);
    await command(batchId, 'confirmations', { side: 'receiving', caseIds: cases.slice(1) }, RECEIVING);
    const final = await h.client.workflow.getHandle(batchWorkflowId(batchId)).result();
    expect(final).toMatchObject({ status: 'closed', progress: { handedOver: 11, excluded: 1, casesPending: 0 } });

    const runs: string[] = [];
    for await (const run of h.client.workflow.list({ query: `WorkflowId = '${batchWorkflowId(batchId)}'` })) runs.push(run.runId);
    expect(runs.length).toBeGreaterThan(1);
    const read = (await h.api.get(`/v1/batches/${batchId}`)).body;
    expect(read.caseSteps).toEqual({
      schedule: { done: 12, refused: 0 },
      sending: { done: 11, refused: 0 },
      receiving: { done: 11, refused: 0 },
    });
    const events = (await h.api.get(`/v1/cases/${cases[1]}/events`)).body.items.filter(
      (e: { type: string }) => e.type === 'HandoverConfirmed',
    );
    expect(events).toHaveLength(2);
  }, 600_000);

  it('rebuilds batches, their people and claims, and transfers, from the events alone', async () => {
    const cases = await casesAtHandover(h.api, 3);
    const planned = await h.api.post('/v1/batches', batchPlan(), { as: SENDING });
    const batchId = planned.body.batchId;
    await command(batchId, 'cases', { add: cases });
    await command(batchId, 'lock', {});
    await command(batchId, 'exclusions', { exclusions: [{ caseId: cases[2], reason: 'sick' }] });
    await command(batchId, 'confirmations', { side: 'sending', caseIds: cases.slice(0, 1) });
    const transfer = await openTransfer(h.api);
    await act(h.api, transfer, { type: 'record_arrest', arrestDate: '2026-01-10', charges: ['other'] });

    const db = withBatchTables(h.db);
    const snapshot = async () => ({
      batch: await db.selectFrom('batches').selectAll().where('batch_id', '=', batchId).execute(),
      members: await db.selectFrom('batch_members').selectAll().where('batch_id', '=', batchId).orderBy('case_id').execute(),
      claims: await db.selectFrom('batch_case_claims').selectAll().where('batch_id', '=', batchId).orderBy('case_id').execute(),
      transfer: await db.selectFrom('cases').selectAll().where('case_id', '=', transfer).execute(),
      transferParties: await db.selectFrom('case_parties').selectAll().where('case_id', '=', transfer).orderBy('party').execute(),
    });
    // Let the people's cases answer the steps recorded so far, so that nothing moves during the comparison.
    const handle = h.client.workflow.getHandle(batchWorkflowId(batchId));
    while ((await handle.query(batchViewQuery)).progress.casesPending > 0) await new Promise((r) => setTimeout(r, 200));
    const live = await snapshot();
    expect(live.claims).toHaveLength(2);
    expect(live.transfer).toHaveLength(1);
    expect(live.transferParties.map((p) => p.party)).toEqual(['kind:CN:central_authority', 'kind:CN:police', 'kind:TH:central_authority']);
    await rebuildProjections(h.db, { streamsPerPage: 5, flushSize: 10 });
    expect(await snapshot()).toEqual(live);
  }, 600_000);
});

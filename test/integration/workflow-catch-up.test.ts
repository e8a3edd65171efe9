/**
 * A workflow that fell behind its stream catches up from the store. The fall-behind is what a
 * worker killed between an append and its workflow task's completion leaves: events committed,
 * stamped by the workflow (its id, the command's id), that the workflow itself never saw. Here
 * they are appended beside the running workflow, through the same append activity, exactly as the
 * lost task would have. Before the catch-up, every later command failed with WrongExpectedVersion.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { repatriation, type Action, type RepatriationState } from '../../domain/repatriation/index.js';
import { readStream } from '../../store/event-store.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { caseWorkflowId, performActionUpdate } from '../../workflows/repatriation/messages.js';
import { openCase } from '../support/cases.js';
import { caseworker, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const streamOf = (caseId: string) => readStream(h.db, caseStreamId(caseId));

/** The case as its stream has it (the fold of every stored event). */
const storedState = async (caseId: string): Promise<RepatriationState> =>
  (await streamOf(caseId)).reduce((s, e) => repatriation.evolve(s, e as never), repatriation.initialState());

/** What a lost workflow task leaves: the command decided and appended, stamped as the workflow stamps it. */
async function appendAsLostTask(caseId: string, action: Action, stamp: { commandId: string; workflowId: string | null }) {
  const state = await storedState(caseId);
  const events = repatriation.decide({ command: action, actor: caseworker, now: new Date().toISOString() }, state);
  await createActivities(h.db).appendCaseEvents({
    caseId,
    expectedVersion: state.version,
    events: events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: { commandId: stamp.commandId, commandType: action.type, ...(stamp.workflowId ? { workflowId: stamp.workflowId } : {}) },
    })),
    actor: caseworker,
  });
}

const update = (caseId: string, action: Action, updateId: string) =>
  h.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(performActionUpdate, {
    args: [{ command: action, actor: caseworker }],
    updateId,
  });

const SCREENING: Action = { type: 'record_screening', outcome: 'presumed_victim' };
const CONSENT: Action = { type: 'record_consent', consent: 'given' };

describe('a workflow behind its stream', () => {
  it('answers a resent command that its lost task recorded with what was recorded, and records nothing twice', async () => {
    const caseId = await openCase(h.api);
    const commandId = randomUUID();
    await appendAsLostTask(caseId, SCREENING, { commandId, workflowId: caseWorkflowId(caseId) });
    const lost = (await streamOf(caseId)).at(-1)!;

    const view = await update(caseId, SCREENING, commandId);
    expect(view.recorded).toEqual([{ eventId: lost.eventId, type: 'ScreeningRecorded', streamPosition: lost.streamPosition }]);
    expect(view.version).toBe(lost.streamPosition);

    // Caught up: the next command is decided on the screening and appended after it.
    const next = await h.api.act(caseId, { type: 'record_identification' });
    expect(next.recorded.map((e: { type: string }) => e.type)).toEqual(['VictimIdentified']);
    const types = (await streamOf(caseId)).map((e) => e.type);
    expect(types.filter((t) => t === 'ScreeningRecorded')).toHaveLength(1);
    expect(types.at(-1)).toBe('VictimIdentified');
    const row = await h.db.selectFrom('cases').select('version').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.version).toBe(types.length);
  });

  it('decides the next command again on the caught-up state when the lost one is never resent', async () => {
    const caseId = await openCase(h.api);
    // The screening's client gave up; the workflow never sees that command again.
    await appendAsLostTask(caseId, SCREENING, { commandId: randomUUID(), workflowId: caseWorkflowId(caseId) });
    const before = (await streamOf(caseId)).length;

    const consent = await update(caseId, CONSENT, randomUUID());
    expect(consent.recorded).toEqual([expect.objectContaining({ type: 'ConsentRecorded', streamPosition: before + 1 })]);
    expect(consent.version).toBe(before + 1);
    // The workflow holds the screening it did not see: identification needs it and is accepted.
    const identified = await h.api.act(caseId, { type: 'record_identification' });
    expect(identified.recorded.map((e: { type: string }) => e.type)).toContain('VictimIdentified');
  });

  it('folds nothing another writer put in its stream: the conflict stands', async () => {
    const caseId = await openCase(h.api);
    await appendAsLostTask(caseId, SCREENING, { commandId: randomUUID(), workflowId: null });
    const failed = await update(caseId, CONSENT, randomUUID()).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((failed as WorkflowUpdateFailedError).cause)).toMatch(/not the expected/);
    expect((await streamOf(caseId)).map((e) => e.type)).not.toContain('ConsentRecorded');
  });
});

/** An append whose acknowledgement is lost after commit is retried, and writes each event once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendCaseEventsInput } from '../../activities/index.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { IDENTIFICATION, openCase, perform } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';

const attempts: { types: string[]; attempt: number }[] = [];
const failOnce = (input: AppendCaseEventsInput, attempt: number): boolean => {
  attempts.push({ types: input.events.map((e) => e.type), attempt });
  return attempt === 1 && input.events.some((e) => e.type === 'VictimIdentified' || e.type === 'ConsentRecorded');
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ faults: { failAfterCommit: failOnce } });
});
afterAll(async () => h?.stop());

describe('activity retried after its append committed', () => {
  it('the stream holds each event once, in order, and the projection agrees', async () => {
    const caseId = await openCase(h.api);
    const result = await perform(h.api, caseId, IDENTIFICATION);
    expect(result.stage).toBe('verification');

    // The faulty attempts happened and were retried.
    expect(attempts.filter((a) => a.types.includes('VictimIdentified')).map((a) => a.attempt)).toEqual([1, 2]);
    expect(attempts.filter((a) => a.types.includes('ConsentRecorded')).map((a) => a.attempt)).toEqual([1, 2]);

    const events = await h.db
      .selectFrom('events')
      .select(['type', 'stream_position'])
      .where('stream_id', '=', caseStreamId(caseId))
      .orderBy('stream_position')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'CaseOpened',
      'DeadlinePolicyApplied',
      'ScreeningRecorded',
      'VictimIdentified',
      'ConsentRecorded',
      'StageAdvanced',
    ]);
    expect(events.map((e) => e.stream_position)).toEqual([1, 2, 3, 4, 5, 6]);
    const row = await h.db.selectFrom('cases').select(['version', 'stage']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 6, stage: 'verification' });
  });
});

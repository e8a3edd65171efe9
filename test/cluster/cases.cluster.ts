/**
 * On the full Temporal server (four service processes, 4 history shards, Postgres), with two
 * worker processes and two API instances: a victim case end to end with its requests spread over
 * both instances, a handover batch, and what both kinds of process export as metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStreamId } from '../../store/projections/cases.js';
import { ADULT_PATH, intake, openCase } from '../support/cases.js';
import { batchPlan, caseAtHandover, RECEIVING, SENDING } from '../support/handover-cases.js';
import { deploy, type Deployment } from './support.js';

let d: Deployment;
// Screening falls due a second after a Lao case opens: the stalled-cases gauge has something to count.
const LAO_SCREENING_DUE_IN_ONE_SECOND = JSON.stringify({ corridors: { 'LA-KH': { days: { 'identification.screened': 1 / 86_400 } } } });
const laoCaseworker = { userId: 'u-la-sw-1', agencyId: 'la-mlsw', role: 'caseworker' as const };
const touched = { caseIds: [] as string[], batchIds: [] as string[] };

beforeAll(async () => {
  d = await deploy({ workers: 2, apis: 2, name: 'cases', env: { HOMEWARD_DEADLINES: LAO_SCREENING_DUE_IN_ONE_SECOND } });
});
afterAll(async () => d?.stop());

describe('two workers and two API instances on the full server', () => {
  it('a victim case runs end to end with its requests alternating between the instances', async () => {
    const caseId = await openCase(d.api(0));
    touched.caseIds.push(caseId);
    let last: any;
    for (const [i, action] of ADULT_PATH.entries()) last = await d.api(i % 2).act(caseId, action);
    expect(last).toMatchObject({ status: 'closed', stage: 'reintegration' });
    for (const i of [0, 1])
      expect((await d.api(i).get(`/v1/cases/${caseId}`)).body).toMatchObject({ status: 'closed', outcome: 'reintegrated' });
    const events = await d.db
      .selectFrom('events')
      .select(['type', 'stream_position'])
      .where('stream_id', '=', caseStreamId(caseId))
      .orderBy('stream_position')
      .execute();
    expect(events.map((e) => e.stream_position)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('CaseClosed');
  });

  it('a handover batch locks, is confirmed by both sides and closes, its cases advanced', async () => {
    const cases = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => caseAtHandover(d.api(i % 2))));
    touched.caseIds.push(...cases);
    const planned = await d.api(1).post('/v1/batches', batchPlan(), { as: SENDING });
    expect(planned.status).toBe(201);
    const batchId = planned.body.batchId as string;
    touched.batchIds.push(batchId);
    const command = async (api: number, path: string, body: unknown, as = SENDING) => {
      const response = await d.api(api).post(`/v1/batches/${batchId}/${path}`, body, { as });
      if (response.status !== 200) throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    expect((await command(0, 'cases', { add: cases })).progress.members).toBe(6);
    expect(await command(1, 'lock', {})).toMatchObject({ status: 'locked', manifestVersion: 1 });
    await command(0, 'exclusions', { exclusions: [{ caseId: cases[0], reason: 'sick' }] });
    expect((await command(1, 'confirmations', { side: 'sending', caseIds: cases.slice(1) })).result).toEqual({
      recorded: 5,
      alreadyRecorded: 0,
    });
    expect((await command(0, 'confirmations', { side: 'receiving', caseIds: cases.slice(1) }, RECEIVING)).result).toEqual({
      recorded: 5,
      alreadyRecorded: 0,
    });
    // The batch closes once its cases have followed; read it from either instance until then.
    let batch: any;
    for (let i = 0; ; i++) {
      batch = (await d.api(i % 2).get(`/v1/batches/${batchId}`)).body;
      if (batch.status === 'closed' || i === 600) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(batch).toMatchObject({ status: 'closed', progress: { members: 6, handedOver: 5, excluded: 1 } });
    const stages = await d.db.selectFrom('cases').select(['case_id', 'stage']).where('case_id', 'in', cases).execute();
    expect(stages.filter((c) => c.stage === 'escort')).toHaveLength(5);
    expect(stages.find((c) => c.case_id === cases[0])?.stage).toBe('handover');
  });

  it('both kinds of process export their metrics, with codes in the labels and no ids or personal data', async () => {
    const lao = await openCase(d.api(0), intake({ hostCountry: 'LA', originCountry: 'KH' }), { as: laoCaseworker });
    touched.caseIds.push(lao);
    expect(
      (await d.api(1).post(`/v1/cases/${lao}/actions`, { type: 'no_such_action', note: 'Test Person' }, { as: laoCaseworker })).status,
    ).toBe(400);
    expect((await d.api(1).get(`/v1/cases/${lao}/no-such-path?name=Test%20Person`)).status).toBe(404);

    // The stalled gauge is read from Postgres on scrape: wait until the Lao case is overdue.
    let api = '';
    for (let i = 0; i < 120 && !/homeward_stalled_cases\{[^}]*country="LA"[^}]*\} [1-9]/.test(api); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      api = await (await fetch(`${d.apis[0]!.url}/metrics`)).text();
    }
    const otherApi = await (await fetch(`${d.apis[1]!.url}/metrics`)).text();
    const workers = await Promise.all(d.workers.map(async (w) => (await fetch(`${w.url}/metrics`)).text()));

    expect(api).toMatch(/homeward_stalled_cases\{[^}]*country="LA"[^}]*\} [1-9]/);
    expect(api).toMatch(/homeward_outbox_backlog\{[^}]*state="undelivered"/);
    expect(api + otherApi).toMatch(
      /homeward_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/cases\/:caseId\/actions"[^}]*status_code="200"/,
    );
    expect(api + otherApi).toMatch(/homeward_actions_total\{[^}]*track="victim",type="close_case",outcome="accepted"\} 1/);
    expect(otherApi).toMatch(/homeward_actions_total\{[^}]*type="other",outcome="invalid"\} 1/);
    expect(otherApi).toMatch(/route="unmatched",status_code="404"/);
    const worker = workers.join('\n');
    expect(worker).toMatch(/homeward_activity_duration_seconds_count\{[^}]*activity="appendCaseEvents",local="true",outcome="ok"\} [1-9]/);
    expect(worker).toMatch(/homeward_activity_duration_seconds_count\{[^}]*activity="appendBatchEvents"/);
    // The Temporal SDK's own: workflow task latency, schedule-to-start, the sticky cache.
    for (const sdk of [
      'temporal_workflow_task_execution_latency',
      'temporal_workflow_task_schedule_to_start_latency',
      'temporal_sticky_cache_hit',
    ]) {
      expect(worker).toContain(sdk);
    }

    const values = [api, otherApi, worker].flatMap(labelValues);
    expect(values.length).toBeGreaterThan(100);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    expect(values.filter((v) => uuid.test(v))).toEqual([]);
    for (const forbidden of [
      ...touched.caseIds,
      ...touched.batchIds,
      'Test Person',
      '2001-04-09',
      'fixture only',
      'no_such_action',
      'no-such-path',
    ]) {
      expect(values.filter((v) => v.includes(forbidden))).toEqual([]);
    }
  });
});

/** Every label value of every sample in a Prometheus text exposition. */
function labelValues(exposition: string): string[] {
  return exposition
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => [...(line.match(/\{(.*)\}/)?.[1] ?? '').matchAll(/[a-zA-Z_][a-zA-Z0-9_]*="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!));
}

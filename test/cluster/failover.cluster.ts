/**
 * Processes stopped under load on the full Temporal server: a worker SIGKILLed while the other
 * keeps working (the killed one's cases continue without it, nothing recorded twice) and started
 * again by its supervisor without anyone's help, and an
 * API instance stopped with a request in flight (it answers that request, then exits cleanly)
 * while the other instance keeps answering.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { mintToken } from '../../api/auth.js';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { connectClient } from '../../platform/temporal.js';
import { caseStreamId } from '../../store/projections/cases.js';
import { ESCORT, HANDOVER, IDENTIFICATION, intake, REINTEGRATION, VERIFICATION } from '../support/cases.js';
import { inParallel, resending } from '../support/handover-cases.js';
import { caseworker, TEST_JWT_SECRET, TEST_PAYLOAD_KEYS, type ApiClient } from '../support/harness.js';
import { waitForHttp } from '../../cluster/processes.js';
import { deploy, type Deployment } from './support.js';

let d: Deployment;
let temporal: Client;
beforeAll(async () => {
  d = await deploy({ workers: 2, apis: 2, name: 'failover' });
  temporal = await connectClient(inject('clusterTemporalAddress'), 'default', parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS));
});
afterAll(async () => {
  await temporal?.connection.close();
  await d?.stop();
});

/** Who completed each of a case's workflow tasks (a worker's identity is `<pid>@<host>`). */
async function taskCompleters(caseId: string): Promise<number[]> {
  const history = await temporal.workflow.getHandle(`case-${caseId}`).fetchHistory();
  return (history.events ?? []).flatMap((e) =>
    e.workflowTaskCompletedEventAttributes?.identity ? [Number(e.workflowTaskCompletedEventAttributes.identity.split('@')[0])] : [],
  );
}

/** Performs actions with an Idempotency-Key each, resent on 503 (a case whose worker died answers late). */
async function walk(api: ApiClient, caseId: string, actions: Record<string, unknown>[], key: string): Promise<any> {
  let last: any;
  for (const [i, action] of actions.entries()) {
    const as = await api.performerOf(caseId, action);
    last = (await resending(() => api.post(`/v1/cases/${caseId}/actions`, action, { idempotencyKey: `${key}-${i}`, as }))).body;
  }
  return last;
}

describe('a worker SIGKILLed while another keeps working', () => {
  it("the killed worker's cases continue on the other, each event recorded once", async () => {
    const opened = await inParallel(8, 4, async (i) => {
      const key = randomUUID();
      const caseId = (await resending(() => d.api(i % 2).post('/v1/cases', intake(), { idempotencyKey: `${key}-open` }))).body
        .caseId as string;
      await walk(d.api(i % 2), caseId, IDENTIFICATION, key);
      return { caseId, key };
    });
    const pids = d.workers.map((w) => w.process.pid);
    const before = await Promise.all(opened.map(({ caseId }) => taskCompleters(caseId)));
    // Kill the worker that ran the most cases: it holds them in its sticky cache.
    const ran = pids.map((pid) => before.filter((completers) => completers.includes(pid)).length);
    const victim = ran[0]! >= ran[1]! ? 0 : 1;
    const [killedPid, survivorPid] = [pids[victim]!, pids[1 - victim]!];
    expect(ran[victim]).toBeGreaterThan(0);
    await d.workers[victim]!.process.kill('SIGKILL');
    // Its supervisor starts it again by itself (cluster/processes.ts), as a new process.
    await waitForHttp(`${d.workers[victim]!.url}/readyz`, d.workers[victim]!.process);
    expect(d.workers[victim]!.process.restarts()).toBe(1);
    expect(d.workers[victim]!.process.pid).not.toBe(killedPid);
    // The other worker carried on, untouched.
    expect(d.workers[1 - victim]!.process.pid).toBe(survivorPid);

    const rest = [...VERIFICATION, ...HANDOVER, ...ESCORT, ...REINTEGRATION];
    const results = await inParallel(opened.length, 4, (i) => walk(d.api(i % 2), opened[i]!.caseId, rest, `${opened[i]!.key}-rest`));
    expect(results.map((r) => r.status)).toEqual(opened.map(() => 'closed'));

    for (const [i, { caseId }] of opened.entries()) {
      const completers = await taskCompleters(caseId);
      // Everything after the kill ran elsewhere: on the survivor or the restarted worker.
      const afterKill = completers.slice(before[i]!.length);
      expect(afterKill.length).toBeGreaterThan(0);
      expect(afterKill.filter((pid) => pid === killedPid)).toEqual([]);
      const events = await d.db
        .selectFrom('events')
        .select(['type', 'stream_position'])
        .where('stream_id', '=', caseStreamId(caseId))
        .orderBy('stream_position')
        .execute();
      expect(events.map((e) => e.stream_position)).toEqual(events.map((_, n) => n + 1));
      expect(events.filter((e) => e.type === 'HandoverScheduled')).toHaveLength(1);
      expect(events.at(-1)?.type).toBe('CaseClosed');
    }
    expect(before.filter((completers) => completers.includes(killedPid)).length).toBe(ran[victim]);
  });
});

describe('an API instance stopped while the other answers', () => {
  it('finishes its request in flight, exits cleanly, and the other instance keeps serving', async () => {
    const [stopping, staying] = [d.apis[0]!, d.apis[1]!];
    const caseId = (await resending(() => d.api(1).post('/v1/cases', intake(), { idempotencyKey: randomUUID() }))).body.caseId as string;
    // With the workers paused the action waits inside the API; then the instance is told to stop.
    const running = d.workers.filter((w) => w.process.child.exitCode === null && w.process.child.signalCode === null);
    for (const w of running) w.process.child.kill('SIGSTOP');
    const inFlight = await sendInFlight(`${stopping.url}/v1/cases/${caseId}/actions`, IDENTIFICATION[0]!);
    stopping.process.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const w of running) w.process.child.kill('SIGCONT');

    const answered = await inFlight.response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toMatchObject({ caseId, version: 3 });
    expect(await stopping.process.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${stopping.url}/readyz`)).rejects.toThrow();

    expect((await fetch(`${staying.url}/readyz`)).status).toBe(200);
    const rest = await walk(d.api(1), caseId, IDENTIFICATION.slice(1), randomUUID());
    expect(rest).toMatchObject({ stage: 'verification' });
    expect((await d.api(1).get(`/v1/cases/${caseId}`)).body).toMatchObject({ stage: 'verification', version: 6 });
  });
});

/** POSTs over a connection of its own and resolves once the request is fully sent (and a moment more, to be read). */
async function sendInFlight(url: string, body: unknown): Promise<{ response: Promise<{ status: number; body: string }> }> {
  const token = await mintToken(TEST_JWT_SECRET, caseworker);
  const payload = JSON.stringify(body);
  let sent!: () => void;
  const written = new Promise<void>((resolve) => (sent = resolve));
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.on('finish', () => sent());
    req.end(payload);
  });
  await written;
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { response };
}

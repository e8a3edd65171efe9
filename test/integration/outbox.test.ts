/** Reminders leave through the outbox as signed webhooks: a failed delivery is retried and arrives once. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_RULES, type StepId } from '../../domain/repatriation/index.js';
import { signature, startOutboxDispatcher, SIGNATURE_HEADER } from '../../worker/outbox-dispatcher.js';
import { intake, openCase } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';

const SECRET = 'webhook-secret-for-tests-0123456789';
const received: { delivery: string; body: string; signature: string }[] = [];
let attempts = 0;
const receiver = createServer(async (request: IncomingMessage, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  attempts += 1;
  if (attempts === 1) {
    response.writeHead(503).end(); // the agency's system is down the first time
    return;
  }
  received.push({ delivery: String(request.headers['x-homeward-delivery']), body, signature: String(request.headers[SIGNATURE_HEADER]) });
  response.writeHead(204).end();
});

let h: Harness;
let dispatcher: { stop(): Promise<void> };
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const days = Object.fromEntries(Object.keys(STEP_RULES).map((id) => [id, 2 / 86_400])) as Record<StepId, number>;
  h = await startHarness({ deadlineOverrides: { default: { days, escalateAfterDays: 3600 / 86_400 } } });
  dispatcher = startOutboxDispatcher(h.db, { pollMs: 200 });
});
afterAll(async () => {
  await dispatcher?.stop();
  await h?.stop();
  receiver.close();
});

describe('webhook delivery', () => {
  it('retries a failed delivery and delivers the reminder once, signed', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/homeward`;
    const subscribe = await h.api.post(
      '/v1/webhook-subscriptions',
      { url, secret: SECRET, country: 'MM', role: 'caseworker', topics: ['step.overdue'] },
      { as: { userId: 'u-admin', agencyId: 'mm-dsw', role: 'admin' } },
    );
    expect(subscribe.status).toBe(201);
    // Host MM: the first step is held on the MM side, so the reminder goes to MM caseworkers.
    const caseId = await openCase(h.api, intake({ hostCountry: 'MM', originCountry: 'TH' }));

    const deadline = Date.now() + 30_000;
    while (!received.some((r) => JSON.parse(r.body).caseId === caseId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const mine = received.filter((r) => JSON.parse(r.body).caseId === caseId);
    expect(mine).toHaveLength(1);
    const payload = JSON.parse(mine[0]!.body);
    expect(payload).toMatchObject({
      topic: 'step.overdue',
      caseId,
      step: 'identification.screened',
      recipient: { country: 'MM', role: 'caseworker' },
    });
    expect(mine[0]!.body).not.toContain('Test Person');
    const [, timestamp] = /^t=(\d+),/.exec(mine[0]!.signature)!;
    expect(mine[0]!.signature).toBe(signature(SECRET, timestamp!, mine[0]!.body));

    const row = await h.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('delivery_id', '=', mine[0]!.delivery)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(row.delivered_at).not.toBeNull();
    // Delivered means done: no further attempts arrive.
    await new Promise((r) => setTimeout(r, 1500));
    expect(received.filter((r) => JSON.parse(r.body).caseId === caseId)).toHaveLength(1);
  });

  it('refuses a subscription from a caseworker, and a bad URL', async () => {
    expect((await h.api.post('/v1/webhook-subscriptions', { url: 'http://example.org/x', secret: SECRET })).status).toBe(403);
    const bad = await h.api.post(
      '/v1/webhook-subscriptions',
      { url: 'not a url', secret: SECRET },
      { as: { userId: 'u-admin', agencyId: 'mm-dsw', role: 'admin' } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.url');
  });
});

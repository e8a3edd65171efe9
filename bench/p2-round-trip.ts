/**
 * P2: a caseworker action's round trip over real HTTP (POST /v1/cases/{id}/actions -> Workflow Update
 * -> append activity commits the event -> response), p50/p99 with 1 and with 16 concurrent clients,
 * each client on a case of its own. Baseline: a no-op update on a bare workflow, sent by the Temporal
 * client. Two diagnostics split the difference: the same action sent by the Temporal client without
 * HTTP, and the append transaction alone (the activity called directly, no Temporal, no HTTP).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import { mintToken } from '../api/auth.js';
import { createWorkflowGateway } from '../api/workflow-gateway.js';
import { EncryptionCodec } from '../platform/crypto/payload-codec.js';
import type { Db } from '../store/db.js';
import { createPersonVault } from '../store/persons.js';
import { benchActor, openCommand, repeatableAction } from './fixtures.js';
import { postJson } from './http-client.js';
import { now, percentile } from './stats.js';
import type { BenchKeys } from './temporal-services.js';
import { appendUpdate, bareIdle, bareIdleAppend, bareIdleLocal, noopUpdate } from './workflows/bare.js';
import { createActivities } from '../activities/index.js';
import { decide, evolve, type RepatriationState } from '../domain/repatriation/index.js';
import { findCase } from '../store/case-queries.js';

export interface P2Options {
  client: Client;
  db: Db;
  keys: BenchKeys;
  taskQueue: string;
  /** Requests per client at each concurrency level. */
  requests: { 1: number; 16: number };
  runs: number;
  log: (line: string) => void;
}

export type P2Subject = 'bare' | 'bareLocal' | 'bareAppend' | 'http' | 'client' | 'append';
/** Per subject, per concurrency: p50 and p99 in ms, one value per run. */
export type P2Figures = Record<P2Subject, Record<1 | 16, { p50: number[]; p99: number[] }>>;

export interface P2Result {
  requests: { 1: number; 16: number };
  figures: P2Figures;
}

const JWT_SECRET = 'bench-jwt-secret';

export async function runP2(options: P2Options): Promise<P2Result> {
  const { client, taskQueue } = options;
  const commands = createWorkflowGateway(client, { taskQueue, answerWithinMs: 60_000 });
  const app = await buildApp(
    {
      db: options.db,
      temporal: client,
      workflows: commands,
      jwtSecret: JWT_SECRET,
      vault: createPersonVault(options.db, options.keys.masterKeys),
      payloadCodec: new EncryptionCodec(options.keys.payloadKeys),
    },
    { logger: false },
  );
  const base = await listen(app);
  const activities = createActivities(options.db);
  const token = await mintToken(JWT_SECRET, benchActor);
  const empty = () => ({ p50: [] as number[], p99: [] as number[] });
  const figures: P2Figures = {
    bare: { 1: empty(), 16: empty() },
    http: { 1: empty(), 16: empty() },
    client: { 1: empty(), 16: empty() },
    append: { 1: empty(), 16: empty() },
    bareLocal: { 1: empty(), 16: empty() },
    bareAppend: { 1: empty(), 16: empty() },
  };

  // One subject = how to send the n-th request of client c, on targets made fresh for each run
  // (so no case's history grows across runs into a continue-as-new).
  type Send = (c: number, n: number) => Promise<void>;
  const prepare = async (): Promise<Record<P2Subject, Send>> => {
    const bare = await Promise.all(Array.from({ length: 16 }, () => startBareIdle(client, taskQueue)));
    const bareLocal = await Promise.all(Array.from({ length: 16 }, () => startBareIdle(client, taskQueue, bareIdleLocal)));
    const cases = await Promise.all(Array.from({ length: 16 }, (_, i) => openCase(commands, i)));
    const clientCases = await Promise.all(Array.from({ length: 16 }, (_, i) => openCase(commands, i)));
    const appendCases = await Promise.all(Array.from({ length: 16 }, (_, i) => openCase(commands, i)));
    const appendStates = await Promise.all(
      appendCases.map(async (id) => (await findCase(options.db, id))!.state as unknown as RepatriationState),
    );
    const bareAppend = await Promise.all(Array.from({ length: 16 }, () => startBareIdle(client, taskQueue, bareIdleAppend)));
    const bareAppendCases = await Promise.all(Array.from({ length: 16 }, (_, i) => openCase(commands, i)));
    const bareAppendStates = await Promise.all(
      bareAppendCases.map(async (id) => (await findCase(options.db, id))!.state as unknown as RepatriationState),
    );
    /** The events of the n-th action on a state kept by the bench, as the case's workflow would stamp them. */
    const nextAppend = (states: RepatriationState[], caseIds: string[], c: number, n: number) => {
      const state = states[c]!;
      const events = decide({ command: repeatableAction(n), actor: benchActor }, state);
      states[c] = events.reduce(evolve, state);
      const stamped = events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { commandId: null, commandType: 'bench' },
      }));
      return { caseId: caseIds[c]!, expectedVersion: state.version, events: stamped, actor: benchActor };
    };
    return {
      bare: async (c, n) => void (await client.workflow.getHandle(bare[c]!).executeUpdate(noopUpdate, { args: [n] })),
      bareLocal: async (c, n) => void (await client.workflow.getHandle(bareLocal[c]!).executeUpdate(noopUpdate, { args: [n] })),
      http: async (c, n) => {
        const response = await postJson(
          `${base}/v1/cases/${cases[c]}/actions`,
          { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          repeatableAction(n),
        );
        if (response.status !== 200) throw new Error(`P2: action refused ${response.status} ${response.body}`);
      },
      client: async (c, n) => void (await commands.performCaseAction(clientCases[c]!, repeatableAction(n), benchActor, randomUUID())),
      // What the worker's local activity does for this action, and nothing else: decide, then one
      // append transaction (event, stream version, cases row, tasks, outbox, audit) that commits.
      append: async (c, n) => void (await activities.appendCaseEvents(nextAppend(appendStates, appendCases, c, n))),
      bareAppend: async (c, n) =>
        void (await client.workflow
          .getHandle(bareAppend[c]!)
          .executeUpdate(appendUpdate, { args: [nextAppend(bareAppendStates, bareAppendCases, c, n)] })),
    };
  };

  try {
    for (let run = 1; run <= options.runs; run++) {
      const subjects = await prepare();
      // Requests sent so far per subject and client: holds and releases must keep alternating.
      const sent = Object.fromEntries(Object.keys(subjects).map((name) => [name, new Array<number>(16).fill(0)])) as Record<
        P2Subject,
        number[]
      >;
      for (const concurrency of [1, 16] as const) {
        const perClient = options.requests[concurrency];
        for (const [name, send] of Object.entries(subjects) as [P2Subject, Send][]) {
          // Warm-up requests (connections, caches) are not counted.
          await clients(concurrency, 4, send, sent[name]);
          const samples = await clients(concurrency, perClient, send, sent[name]);
          figures[name][concurrency].p50.push(percentile(samples, 50));
          figures[name][concurrency].p99.push(percentile(samples, 99));
        }
        const line = (Object.keys(subjects) as P2Subject[])
          .map(
            (name) => `${name} ${figures[name][concurrency].p50.at(-1)!.toFixed(1)}/${figures[name][concurrency].p99.at(-1)!.toFixed(1)}`,
          )
          .join(', ');
        options.log(`P2 run ${run}, ${concurrency} client(s), p50/p99 ms: ${line}`);
      }
    }
    return { requests: options.requests, figures };
  } finally {
    await app.close();
  }
}

/** `concurrency` clients, each sending `perClient` requests one after another to its own target. */
async function clients(
  concurrency: number,
  perClient: number,
  send: (c: number, n: number) => Promise<void>,
  sent: number[],
): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const start = now();
        await send(c, sent[c]!++);
        samples.push(now() - start);
      }
    }),
  );
  return samples;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('P2: the API did not listen on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

async function startBareIdle(client: Client, taskQueue: string, workflow: typeof bareIdle = bareIdle): Promise<string> {
  const handle = await client.workflow.start(workflow, { workflowId: `bench-idle-${randomUUID()}`, taskQueue });
  return handle.workflowId;
}

/** A case the bench's caseworker may act on: owned by their agency (the API refuses others' cases). */
const ownCase = (i: number) => ({
  ...openCommand(i),
  hostCountry: 'TH' as const,
  originCountry: 'MM' as const,
  owningAgencyId: benchActor.agencyId,
});

async function openCase(commands: ReturnType<typeof createWorkflowGateway>, i: number): Promise<string> {
  const command = ownCase(i);
  await commands.openCase(command, benchActor, `open-${command.caseId}`);
  return command.caseId;
}

/**
 * The demo's stalled cases and handover batch (scripts/demo.ts calls these), so a person trying the
 * console finds the coordinators' stalled list and a handover day with data.
 *
 * Stalled cases are real: they are opened through Homeward's own API code (buildApp, answered in
 * this process) on the same Postgres and Temporal as the running `npm start`, but with a deadline
 * configuration of one minute per step. Each case records that policy when it opens
 * (DeadlinePolicyApplied), the running worker keeps its timers, and a minute later the cases record
 * StepOverdue (and StepEscalated after another) like any case whose agency did not act in time.
 */
import { buildApp } from '../api/app.js';
import { createWorkflowGateway } from '../api/workflow-gateway.js';
import { STEP_IDS, type StepId } from '../domain/repatriation/deadlines.js';
import type { Config as HomewardConfig } from '../platform/config.js';
import { EncryptionCodec } from '../platform/crypto/payload-codec.js';
import { connectClient } from '../platform/temporal.js';
import { createDb } from '../store/db.js';
import { createMatchIndex } from '../store/match-index.js';
import { createPersonVault } from '../store/persons.js';
import { IDENTIFICATION, intake, VERIFICATION } from '../test/support/cases.js';

const MINUTE_IN_DAYS = 1 / 1440;
/** How long each step of a stalled demo case may take before it is overdue. */
export const STALLED_DEADLINE_SECONDS = 60;

type Post = (path: string, body: unknown, bearer: string) => Promise<{ status: number; body: any }>;

/**
 * Opens `count` TH->MM cases that will be overdue a minute from now: some waiting for Thailand's
 * screening, some for Myanmar's nationality verification, some for the family assessment.
 */
export async function seedStalledCases(config: HomewardConfig, count: number, host: string, origin: string): Promise<string[]> {
  const db = createDb(config.databaseUrl, { max: 2 });
  const appDb = createDb(config.appDatabaseUrl, { max: 2 });
  const temporal = await connectClient(config.temporalAddress ?? '127.0.0.1:7233', config.temporalNamespace, config.payloadKeys);
  const days = Object.fromEntries(STEP_IDS.map((id) => [id, MINUTE_IN_DAYS])) as Record<StepId, number>;
  const deadlineOverrides = { default: { days, escalateAfterDays: MINUTE_IN_DAYS } };
  const matching = createMatchIndex(db, config.matchKeys);
  const app = await buildApp(
    {
      db,
      appDb,
      temporal,
      workflows: createWorkflowGateway(temporal, { taskQueue: config.caseTaskQueue, deadlineOverrides }),
      jwtSecret: config.jwtSecret,
      vault: createPersonVault(db, config.masterKeys, matching),
      matching,
      payloadCodec: new EncryptionCodec(config.payloadKeys),
      accounts: config.accounts,
    },
    { logger: false },
  );
  const post: Post = async (path, body, bearer) => {
    const response = await app.inject({
      method: 'POST',
      url: path,
      payload: body as object,
      headers: { authorization: `Bearer ${bearer}` },
    });
    return { status: response.statusCode, body: response.json() };
  };
  const stallAfter = [0, IDENTIFICATION.length + 1, IDENTIFICATION.length + 2];
  const caseIds: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const child = i % 4 === 3;
      const opened = await post('/v1/cases', intake({ ageGroup: child ? 'child' : 'adult' }), host);
      if (opened.status !== 201)
        throw new Error(`opening a stalled demo case was refused: ${opened.status} ${JSON.stringify(opened.body)}`);
      caseIds.push(opened.body.caseId);
      // A child case needs its own identification gates; the demo leaves children at screening.
      const steps = child ? 0 : stallAfter[i % stallAfter.length]!;
      for (const action of [...IDENTIFICATION, ...VERIFICATION].slice(0, steps)) {
        let answer = await post(`/v1/cases/${opened.body.caseId}/actions`, action, host);
        if (answer.status === 403) answer = await post(`/v1/cases/${opened.body.caseId}/actions`, action, origin);
        if (answer.status !== 200) break;
      }
    }
  } finally {
    await app.close();
    await temporal.connection.close();
    await db.destroy();
    await appDb.destroy();
  }
  return caseIds;
}

/**
 * A handover batch on the Mae Sot-Myawaddy crossing ten days from now, with `count` cases brought
 * to the handover stage through the running API, and locked: the pre-departure notice is issued.
 */
export async function seedHandoverBatch(
  post: Post,
  count: number,
  who: { host: string; origin: string; sendingCoordinator: string },
): Promise<{ batchId: string; members: number } | { refused: string }> {
  const ready: string[] = [];
  for (let i = 0; i < count; i++) {
    const opened = await post('/v1/cases', intake({ ageGroup: 'adult' }), who.host);
    if (opened.status !== 201) return { refused: `case ${opened.status}` };
    let ok = true;
    for (const action of [...IDENTIFICATION, ...VERIFICATION]) {
      let answer = await post(`/v1/cases/${opened.body.caseId}/actions`, action, who.host);
      if (answer.status === 403) answer = await post(`/v1/cases/${opened.body.caseId}/actions`, action, who.origin);
      if (answer.status !== 200) ok = false;
      if (!ok) break;
    }
    if (ok) ready.push(opened.body.caseId);
  }
  const plannedDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const planned = await post(
    '/v1/batches',
    {
      crossingPoint: 'mae-sot-myawaddy',
      plannedDate,
      sendingAgencyId: 'th-dsdhs-bangkok',
      receivingAgencyId: 'mm-dsw-myawaddy',
      fromCountry: 'TH',
      toCountry: 'MM',
    },
    who.sendingCoordinator,
  );
  if (planned.status !== 201) return { refused: `plan ${planned.status} ${JSON.stringify(planned.body)}` };
  const batchId = planned.body.batchId as string;
  const added = await post(`/v1/batches/${batchId}/cases`, { add: ready }, who.sendingCoordinator);
  if (added.status !== 200) return { refused: `members ${added.status} ${JSON.stringify(added.body)}` };
  const locked = await post(`/v1/batches/${batchId}/lock`, {}, who.sendingCoordinator);
  if (locked.status !== 200) return { refused: `lock ${locked.status} ${JSON.stringify(locked.body)}` };
  return { batchId, members: ready.length };
}

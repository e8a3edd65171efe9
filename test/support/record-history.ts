/**
 * Records the Temporal histories that the replay test checks the workflow code against:
 * `npx tsx test/support/record-history.ts`. Re-record only on purpose: a history recorded by an
 * older version of the workflow that no longer replays means running cases would break.
 * Name scenarios to record only those: `npx tsx test/support/record-history.ts adult-case-with-deadlines`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildApp } from '../../api/app.js';
import { createWorkflowGateway } from '../../api/workflow-gateway.js';
import { findTemporalCli, PROJECT_ROOT } from '../../platform/config.js';
import { parseKeyRing } from '../../platform/crypto/key-ring.js';
import { EncryptionCodec } from '../../platform/crypto/payload-codec.js';
import { createLogger } from '../../platform/logger.js';
import { connectClient, connectWorker, installTemporalRuntime, startDevServer } from '../../platform/temporal.js';
import { createDb } from '../../store/db.js';
import { createPersonVault } from '../../store/persons.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import { caseWorkflowId } from '../../workflows/repatriation/messages.js';
import { ADULT_PATH, CHILD_PATH, intake, openCase, perform } from './cases.js';
import { testDatabaseUrl } from './database-url.js';
import { apiClient, TEST_JWT_SECRET, TEST_MASTER_KEYS, TEST_PAYLOAD_KEYS } from './harness.js';

installTemporalRuntime(createLogger('error'));
const cli = findTemporalCli();
const server = await startDevServer({ cliPath: cli });
const db = createDb(testDatabaseUrl());
const taskQueue = 'record-history';
// Recorded with the test payload keys: the replay test decodes with the same keys.
const payloadKeys = parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS);
// One corridor gets second-long deadlines, so a recorded case can show its timers firing.
const deadlineOverrides = { corridors: { 'CN-LA': { days: { 'identification.screened': 1 / 86_400 }, escalateAfterDays: 1 / 86_400 } } };
const worker = await createCaseWorker({
  connection: await connectWorker(server.address),
  db,
  payloadKeys,
  taskQueue,
  settings: { deadlineOverrides },
});
const running = worker.run();
const client = await connectClient(server.address, 'default', payloadKeys);
const app = await buildApp(
  {
    db,
    temporal: client,
    workflows: createWorkflowGateway(client, { taskQueue, deadlineOverrides }),
    jwtSecret: TEST_JWT_SECRET,
    vault: createPersonVault(db, parseKeyRing('TEST_MASTER_KEYS', TEST_MASTER_KEYS)),
    payloadCodec: new EncryptionCodec(payloadKeys),
  },
  { logger: false },
);
const api = apiClient(app);

/** A CN-LA case whose one-second screening deadline fires and escalates, then a hold, then the whole path. */
async function adultCaseWithTimersAndHold(): Promise<string> {
  const caseId = await openCase(api, intake({ hostCountry: 'CN', originCountry: 'LA' }));
  await new Promise((r) => setTimeout(r, 4000));
  await perform(api, caseId, ADULT_PATH.slice(0, 3));
  await perform(api, caseId, [{ type: 'place_on_hold', reason: 'court_witness', reviewDate: '2027-03-01' }, { type: 'release_hold' }]);
  await perform(api, caseId, ADULT_PATH.slice(3));
  return caseId;
}

const scenarios: Record<string, () => Promise<string>> = {
  'adult-case': async () => {
    const caseId = await openCase(api);
    await perform(api, caseId, ADULT_PATH);
    return caseId;
  },
  'child-case-with-hold-and-refusals': async () => {
    const caseId = await openCase(api, intake({ ageGroup: 'child' }));
    await api.post(`/v1/cases/${caseId}/actions`, { type: 'confirm_arrival' }); // refused: wrong stage
    await perform(api, caseId, CHILD_PATH.slice(0, 5));
    await perform(api, caseId, [{ type: 'place_on_hold', reason: 'court_witness', reviewDate: '2027-03-01' }, { type: 'release_hold' }]);
    await perform(api, caseId, CHILD_PATH.slice(5));
    return caseId;
  },
  'adult-case-with-deadlines': async () => {
    const caseId = await openCase(api, intake({ hostCountry: 'CN', originCountry: 'LA' }));
    await new Promise((r) => setTimeout(r, 4000)); // screening overdue, then escalated
    await perform(api, caseId, ADULT_PATH);
    return caseId;
  },
  // Appends as local activities (patch local-append-v1), with timers firing and a hold.
  'adult-case-local-append': adultCaseWithTimersAndHold,
  // The same case started with CURRENT_CASE_PATHS: no patch markers, the opening carries its
  // deadlines, one timer kept across actions.
  'adult-case-one-timer': adultCaseWithTimersAndHold,
};
const only = process.argv.slice(2);

for (const [name, scenario] of Object.entries(scenarios).filter(([name]) => only.length === 0 || only.includes(name))) {
  const caseId = await scenario();
  await client.workflow.getHandle(caseWorkflowId(caseId)).result();
  // The CLI's JSON export is the format the Temporal UI downloads and replay accepts.
  const json = execFileSync(cli, [
    'workflow',
    'show',
    '--workflow-id',
    caseWorkflowId(caseId),
    '--address',
    server.address,
    '--output',
    'json',
  ]);
  writeFileSync(join(PROJECT_ROOT, 'test', 'histories', `${name}.json`), json);
}

await app.close();
worker.shutdown();
await running;
await db.destroy();
await server.stop();

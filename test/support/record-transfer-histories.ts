/**
 * Records Temporal histories of a suspect transfer and of a handover batch for the replay test
 * (test/integration/replay.test.ts replays every file in test/histories/):
 * `npx tsx test/support/record-transfer-histories.ts`. Re-record only on purpose, as with
 * record-history.ts: a history that no longer replays means running transfers or batches would break.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { batchWorkflowId } from '../../workflows/batch/messages.js';
import { transferWorkflowId } from '../../workflows/suspect-transfer/messages.js';
import { testDatabaseUrl } from './database-url.js';
import { batchPlan, casesAtHandover, RECEIVING, SENDING } from './handover-cases.js';
import { apiClient, TEST_JWT_SECRET, TEST_MASTER_KEYS, TEST_PAYLOAD_KEYS } from './harness.js';
import { act, approver, arrestAndConfirm, openTransfer, receivingPolice } from './transfers.js';

installTemporalRuntime(createLogger('error'));
const cli = findTemporalCli();
const server = await startDevServer({ cliPath: cli });
const db = createDb(testDatabaseUrl());
const taskQueue = 'record-transfer-histories';
// Recorded with the test payload keys: the replay test decodes with the same keys.
const payloadKeys = parseKeyRing('TEST_PAYLOAD_KEYS', TEST_PAYLOAD_KEYS);
const worker = await createCaseWorker({ connection: await connectWorker(server.address), db, payloadKeys, taskQueue });
const running = worker.run();
const client = await connectClient(server.address, 'default', payloadKeys);
const app = await buildApp(
  {
    db,
    temporal: client,
    workflows: createWorkflowGateway(client, { taskQueue }),
    jwtSecret: TEST_JWT_SECRET,
    vault: createPersonVault(db, parseKeyRing('TEST_MASTER_KEYS', TEST_MASTER_KEYS)),
    payloadCodec: new EncryptionCodec(payloadKeys),
  },
  { logger: false },
);
const api = apiClient(app);

const batchCommand = async (batchId: string, path: string, body: unknown, as = SENDING) => {
  const response = await api.post(`/v1/batches/${batchId}/${path}`, body, { as });
  if (response.status !== 200) throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
};

/** Each scenario returns the workflow id whose finished history it records. */
const scenarios: Record<string, () => Promise<string>> = {
  'suspect-transfer-extradition': async () => {
    const caseId = await openTransfer(api);
    await api.post(`/v1/transfers/${caseId}/actions`, { type: 'confirm_custody' }, { as: receivingPolice }); // refused: wrong stage
    await arrestAndConfirm(api, caseId);
    await act(api, caseId, { type: 'choose_legal_basis', basis: 'extradition' });
    await act(api, caseId, { type: 'record_dual_criminality', result: 'confirmed' });
    await act(api, caseId, { type: 'approve_extradition', decisionRef: 'th-ag-ext-2026-7' }, approver);
    await act(api, caseId, {
      type: 'schedule_handover',
      date: '2026-02-20',
      airportRef: 'bkk-suvarnabhumi',
      evidenceListRef: 'ev-2026-113',
    });
    await act(api, caseId, { type: 'confirm_handover', side: 'sending' });
    await act(api, caseId, { type: 'confirm_handover', side: 'receiving' }, receivingPolice);
    await act(api, caseId, { type: 'record_escort', detentionFacilityRef: 'cn-yn-detention-3' }, receivingPolice);
    await act(api, caseId, { type: 'confirm_custody' }, receivingPolice);
    await act(api, caseId, { type: 'report_prosecution_outcome', outcome: 'convicted' }, receivingPolice);
    return transferWorkflowId(caseId);
  },
  'handover-batch': async () => {
    const cases = await casesAtHandover(api, 6);
    const planned = await api.post('/v1/batches', batchPlan(), { as: SENDING });
    const batchId = planned.body.batchId as string;
    for (const pair of [cases.slice(0, 2), cases.slice(2, 4), cases.slice(4)]) await batchCommand(batchId, 'cases', { add: pair });
    await batchCommand(batchId, 'lock', {});
    await batchCommand(batchId, 'cases', { remove: [cases[5]] }); // a late change, re-notified
    await batchCommand(batchId, 'exclusions', { exclusions: [{ caseId: cases[4], reason: 'sick' }] });
    for (const caseId of cases.slice(0, 4)) await batchCommand(batchId, 'confirmations', { side: 'sending', caseIds: [caseId] });
    await batchCommand(batchId, 'confirmations', { side: 'sending', caseIds: cases.slice(0, 2) }); // again: counts once
    for (const pair of [cases.slice(0, 2), cases.slice(2, 4)])
      await batchCommand(batchId, 'confirmations', { side: 'receiving', caseIds: pair }, RECEIVING);
    return batchWorkflowId(batchId);
  },
};
const only = process.argv.slice(2);

for (const [name, scenario] of Object.entries(scenarios).filter(([name]) => only.length === 0 || only.includes(name))) {
  const workflowId = await scenario();
  await client.workflow.getHandle(workflowId).result();
  // The CLI's JSON export is the format the Temporal UI downloads and replay accepts.
  const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', workflowId, '--address', server.address, '--output', 'json']);
  writeFileSync(join(PROJECT_ROOT, 'test', 'histories', `${name}.json`), json);
  process.stdout.write(`recorded ${name}\n`);
}

await app.close();
worker.shutdown();
await running;
await db.destroy();
await server.stop();

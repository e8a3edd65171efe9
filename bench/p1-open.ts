/**
 * P1: opening a manifest's worth of cases: the case-open path the API uses (api/case-commands.ts
 * `open`: update-with-start of the case workflow, answered once CaseOpened is committed) at bounded
 * concurrency, against bare workflows started the same way that answer their update and return at once.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { createCaseCommands } from '../api/case-commands.js';
import { benchActor, openCommand } from './fixtures.js';
import { rate } from './stats.js';
import { noopUpdate, type bareOpen } from './workflows/bare.js';

export interface P1Options {
  client: Client;
  taskQueue: string;
  /** Cases (and bare workflows) per block; `runs` blocks of each, interleaved. */
  cases: number;
  concurrency: number;
  runs: number;
  log: (line: string) => void;
}

export interface P1Result {
  cases: number;
  concurrency: number;
  bareRate: number[];
  caseRate: number[];
}

export async function runP1(options: P1Options): Promise<P1Result> {
  const { client, taskQueue, cases, concurrency } = options;
  const commands = createCaseCommands(client, { taskQueue, answerWithinMs: 120_000 });
  const result: P1Result = { cases, concurrency, bareRate: [], caseRate: [] };

  const bare = () =>
    rate(cases, concurrency, async (i) => {
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof bareOpen>('bareOpen', {
        workflowId: `bench-bare-${randomUUID()}`,
        taskQueue,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      await client.workflow.executeUpdateWithStart(noopUpdate, { args: [i], startWorkflowOperation });
    });

  const real = () =>
    rate(cases, concurrency, async (i) => {
      const command = openCommand(i);
      await commands.open(command, benchActor, `open-${command.caseId}`);
    });

  // Warm the worker's and the server's caches and connections before anything counts.
  await rate(Math.min(200, cases), concurrency, async (i) => void (await commands.open(openCommand(i), benchActor, randomUUID())));

  for (let run = 1; run <= options.runs; run++) {
    result.bareRate.push(await bare());
    result.caseRate.push(await real());
    options.log(`P1 run ${run}: bare ${result.bareRate.at(-1)!.toFixed(0)}/s, case open ${result.caseRate.at(-1)!.toFixed(0)}/s`);
  }
  return result;
}

/**
 * P1: opening a manifest's worth of cases: the case-open path the API uses (api/case-commands.ts
 * `open`: update-with-start of the case workflow, answered once CaseOpened is committed) at bounded
 * concurrency, against bare workflows started the same way that answer their update and return at once.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { createWorkflowGateway } from '../api/workflow-gateway.js';
import { decide, evolve, initialState, resolveDeadlinePolicy } from '../domain/repatriation/index.js';
import type { AppendCaseEventsInput } from '../activities/index.js';
import { cpuPerOperation, type CpuProbe, type CpuTimes } from './cpu.js';
import { benchActor, openCommand } from './fixtures.js';
import { rate } from './stats.js';
import { appendUpdate, noopUpdate, type bareOpen, type bareOpenAppend } from './workflows/bare.js';

export interface P1Options {
  client: Client;
  taskQueue: string;
  /** Cases (and bare workflows) per block; `runs` blocks of each, interleaved. */
  cases: number;
  concurrency: number;
  runs: number;
  /** Reads the CPU time of the server, the worker, Postgres and this client around each block. */
  cpu: CpuProbe;
  log: (line: string) => void;
}

export interface P1Result {
  cases: number;
  concurrency: number;
  bareRate: number[];
  caseRate: number[];
  /** CPU milliseconds per bare workflow / per opened case in each process, one entry per block. */
  bareCpu: CpuTimes[];
  caseCpu: CpuTimes[];
  /**
   * The floor: workflows started the same way whose update waits for one local activity appending
   * the opening's events (CaseOpened and the corridor's deadlines, decided here) exactly as a case
   * does. Absent in results recorded before it was measured.
   */
  floorRate?: number[];
  floorCpu?: CpuTimes[];
}

export async function runP1(options: P1Options): Promise<P1Result> {
  const { client, taskQueue, cases, concurrency } = options;
  const commands = createWorkflowGateway(client, { taskQueue, answerWithinMs: 120_000 });
  const result: P1Result = { cases, concurrency, bareRate: [], caseRate: [], bareCpu: [], caseCpu: [], floorRate: [], floorCpu: [] };

  /** Starts a fresh baseline workflow with its one update, the way a case's opening starts its workflow. */
  const startWith = async <Args extends unknown[]>(
    workflowType: 'bareOpen' | 'bareOpenAppend',
    update: UpdateDefinition<number, Args>,
    args: Args,
  ) => {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof bareOpen | typeof bareOpenAppend>(workflowType, {
      workflowId: `bench-${workflowType}-${randomUUID()}`,
      taskQueue,
      args: [],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await client.workflow.executeUpdateWithStart(update, { args, startWorkflowOperation });
  };
  const bare = () => rate(cases, concurrency, (i) => startWith('bareOpen', noopUpdate, [i]));
  const floor = () => rate(cases, concurrency, (i) => startWith('bareOpenAppend', appendUpdate, [openingAppend(i)]));

  const real = () =>
    rate(cases, concurrency, async (i) => {
      const command = openCommand(i);
      await commands.openCase(command, benchActor, `open-${command.caseId}`);
    });

  // Warm the worker's and the server's caches and connections before anything counts.
  await rate(Math.min(200, cases), concurrency, async (i) => void (await commands.openCase(openCommand(i), benchActor, randomUUID())));

  for (let run = 1; run <= options.runs; run++) {
    const beforeBare = options.cpu.read();
    result.bareRate.push(await bare());
    const beforeCases = options.cpu.read();
    result.caseRate.push(await real());
    const beforeFloor = options.cpu.read();
    result.floorRate!.push(await floor());
    result.bareCpu.push(cpuPerOperation(beforeBare, beforeCases, cases));
    result.caseCpu.push(cpuPerOperation(beforeCases, beforeFloor, cases));
    result.floorCpu!.push(cpuPerOperation(beforeFloor, options.cpu.read(), cases));
    const cpu = (t: CpuTimes) =>
      Object.entries(t)
        .map(([part, ms]) => `${part} ${ms.toFixed(2)}`)
        .join(', ');
    options.log(
      `P1 run ${run}: bare ${result.bareRate.at(-1)!.toFixed(0)}/s, case open ${result.caseRate.at(-1)!.toFixed(0)}/s, floor ${result.floorRate!.at(-1)!.toFixed(0)}/s`,
    );
    options.log(
      `P1 run ${run}: CPU ms per bare workflow: ${cpu(result.bareCpu.at(-1)!)}; per case: ${cpu(result.caseCpu.at(-1)!)}; per floor workflow: ${cpu(result.floorCpu!.at(-1)!)}`,
    );
  }
  return result;
}

/** The opening's events for a fresh case, decided and stamped here as the case's workflow would. */
function openingAppend(i: number): AppendCaseEventsInput {
  const command = openCommand(i);
  const opening = decide({ command, actor: benchActor }, initialState());
  const policy = resolveDeadlinePolicy(command.hostCountry, command.originCountry);
  const events = [
    ...opening,
    ...decide({ command: { type: 'apply_deadline_policy', policy }, actor: benchActor }, opening.reduce(evolve, initialState())),
  ];
  const stamped = events.map((e) => ({
    eventId: randomUUID(),
    type: e.type,
    data: e.data,
    metadata: { commandId: null, commandType: 'open_case' },
  }));
  return { caseId: command.caseId, expectedVersion: 0, events: stamped, actor: benchActor };
}

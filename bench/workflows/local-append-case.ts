/**
 * Diagnostic variant of workflows/repatriation/workflow.ts for P1/P2: the same update handling
 * (validator, one command at a time, decide, the corridor's deadlines at opening, append, evolve),
 * but the activities run as LOCAL activities inside the workflow task instead of as regular ones.
 * Step timers are left out: they cost nothing until they fire. A regular activity costs
 * two extra trips through the server (activity task, then a second workflow task); comparing the
 * two shows how much of a round trip that is. Not used by Homeward itself: switching the real
 * workflow would need a `patched()` guard so that running cases and recorded histories replay.
 */
import { ApplicationFailure, condition, currentUpdateInfo, defineUpdate, proxyLocalActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import { decide, evolve, initialState, openGates, type Action, type OpenCase, type RepatriationCommand, type RepatriationState } from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import { CommandRejected } from '../../domain/shared/rejection.js';

/** What the variant answers: the part of the real case view that costs something to build. */
export interface LocalCaseView {
  caseId: string;
  version: number;
  stage: RepatriationState['stage'];
  waitingFor: { gate: string; requirement: string }[];
  recorded: { eventId: string; type: string; streamPosition: number }[];
}
interface CommandInput<C> {
  command: C;
  actor: Actor;
}
// Same update names as the real workflow, typed here so the variant does not follow its view's changes.
export const localOpenCase = defineUpdate<LocalCaseView, [CommandInput<OpenCase>]>('openCase');
export const localPerformAction = defineUpdate<LocalCaseView, [CommandInput<Action>]>('performAction');

const { appendCaseEvents, deadlinePolicyFor } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['WrongExpectedVersion'] },
});

export async function localAppendCase(input: { caseId: string }): Promise<void> {
  let state: RepatriationState = initialState();
  let busy = false;

  const view = (recorded: LocalCaseView['recorded']): LocalCaseView => ({
    caseId: input.caseId,
    version: state.version,
    stage: state.stage,
    waitingFor: openGates(state).map((g) => ({ gate: g.id, requirement: g.requirement })),
    recorded,
  });

  const run = async ({ command, actor }: CommandInput<RepatriationCommand>): Promise<LocalCaseView> => {
    await condition(() => !busy);
    busy = true;
    try {
      const events = decideOrFail(command, state);
      if (command.type === 'open_case') {
        // As the real workflow does: the corridor's deadlines, recorded in the same append.
        const policy = await deadlinePolicyFor({ hostCountry: command.hostCountry, originCountry: command.originCountry });
        events.push(...decideOrFail({ type: 'apply_deadline_policy', policy }, events.reduce(evolve, state)));
      }
      const commandId = currentUpdateInfo()?.id ?? null;
      const stamped = events.map((e) => ({ eventId: uuid4(), type: e.type, data: e.data, metadata: { commandId, commandType: command.type } }));
      await appendCaseEvents({ caseId: input.caseId, expectedVersion: state.version, events: stamped, actor });
      const recorded = stamped.map((e, i) => ({ eventId: e.eventId, type: e.type, streamPosition: state.version + i + 1 }));
      state = events.reduce(evolve, state);
      return view(recorded);
    } finally {
      busy = false;
    }
  };
  const validator = ({ command }: CommandInput<RepatriationCommand>): void => void decideOrFail(command, state);

  setHandler(localOpenCase, run, { validator });
  setHandler(localPerformAction, run, { validator });
  await condition(() => state.status === 'closed');
}

function decideOrFail(command: RepatriationCommand, state: RepatriationState) {
  try {
    return decide(command, state);
  } catch (error) {
    if (error instanceof CommandRejected) {
      throw ApplicationFailure.create({ type: 'CommandRejected', message: error.message, nonRetryable: true, details: [{ kind: error.kind, stage: error.stage }] });
    }
    throw error;
  }
}

/**
 * One suspect transfer as a durable workflow: the shared runner (workflows/shared/runner.ts) over
 * the suspect-transfer decider. What is its own: the view it answers with.
 */
import { condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CatchUpActivities } from '../../activities/catch-up.js';
import type { TransferActivities } from '../../activities/transfers.js';
import { openGates, suspectTransfer as transferDecider } from '../../domain/suspect-transfer/index.js';
import { activityOptions } from '../shared/activity-options.js';
import { createRunner, handlersFinished, openedWithin, type Recorded } from '../shared/runner.js';
import {
  openTransferUpdate,
  performTransferActionUpdate,
  transferViewQuery,
  type TransferView,
  type TransferWorkflowInput,
} from './messages.js';

const { appendTransferEvents } = proxyActivities<TransferActivities>(activityOptions('30 seconds', ['WrongExpectedVersion']));
const { caseEventsAfter } = proxyActivities<CatchUpActivities>(activityOptions('30 seconds'));

export async function suspectTransfer(input: TransferWorkflowInput): Promise<TransferView> {
  const runner = createRunner({
    decider: transferDecider,
    state: input.carried ?? transferDecider.initialState(),
    append: (expectedVersion, events, actor) => appendTransferEvents({ caseId: input.caseId, expectedVersion, events, actor }),
    readAfter: (after) => caseEventsAfter({ caseId: input.caseId, after }),
    misaddressed: (command) => command.type === 'open_transfer' && command.caseId !== input.caseId,
    stageOf: (state) => state.stage ?? 'arrest',
  });

  const view = (recorded: Recorded = []): TransferView => {
    const state = runner.state;
    return {
      caseId: input.caseId,
      kind: 'suspect_transfer',
      version: state.version,
      status: state.status,
      stage: state.stage,
      hold: state.hold,
      outcome: state.outcome,
      legalBasis: state.facts.legalBasis,
      linkedCaseIds: state.linkedCaseIds,
      waitingFor: openGates(state).map((g) => ({ gate: g.id, requirement: g.requirement })),
      recorded,
    };
  };

  const run = runner.run(view);
  setHandler(openTransferUpdate, run, { validator: runner.validate });
  setHandler(performTransferActionUpdate, run, { validator: runner.validate });
  setHandler(transferViewQuery, () => view());

  if (!(await openedWithin(() => runner.state.status !== 'new', '1 day'))) {
    log.warn('Transfer workflow ended: never opened', { caseId: input.caseId });
    return view();
  }
  await condition(() => runner.state.status === 'closed' || workflowInfo().continueAsNewSuggested);
  await handlersFinished();
  if (runner.state.status === 'closed') return view();
  return continueAsNew<typeof suspectTransfer>({ caseId: input.caseId, carried: runner.state });
}

/**
 * One suspect transfer as a durable workflow: a thin runner of the suspect-transfer decider, built
 * like the repatriation case workflow. Commands arrive as Updates; the validator runs `decide` so a
 * refused command writes nothing; an accepted one is decided again under a lock, its events get ids
 * here (deterministically) and an activity appends them before the caller is answered.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { TransferActivities } from '../../activities/transfers.js';
import type { Actor } from '../../domain/shared/actor.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import {
  decide,
  evolve,
  initialState,
  openGates,
  type SuspectTransferCommand,
  type SuspectTransferEvent,
  type SuspectTransferState,
} from '../../domain/suspect-transfer/index.js';
import {
  openTransferUpdate,
  performTransferActionUpdate,
  transferViewQuery,
  type TransferCommandInput,
  type TransferView,
  type TransferWorkflowInput,
} from './messages.js';

const { appendTransferEvents } = proxyActivities<TransferActivities>({
  startToCloseTimeout: '30 seconds',
  // Postgres may be down for a while at a border office: keep trying, never lose an accepted command.
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['WrongExpectedVersion'],
  },
});

/** A transfer that is never opened (its opening update lost) is not kept forever. */
const OPEN_WITHIN = '1 day';

export async function suspectTransfer(input: TransferWorkflowInput): Promise<TransferView> {
  let state: SuspectTransferState = input.carried ?? initialState();
  // Commands queue up in order, each deciding on the state the previous one left. (A flag polled
  // with `condition` would let two updates of the same activation through together.)
  let turns: Promise<unknown> = Promise.resolve();

  const view = (recorded: TransferView['recorded'] = []): TransferView => ({
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
  });

  const validate = ({ command, actor }: TransferCommandInput<SuspectTransferCommand>): void => {
    decideOrFail(command, actor, state, input.caseId);
  };

  /** Commands run one at a time: each decides on the state the previous one left. */
  const run = ({ command, actor }: TransferCommandInput<SuspectTransferCommand>): Promise<TransferView> => {
    const turn = turns.then(async () => {
      const events = decideOrFail(command, actor, state, input.caseId);
      const recorded = await record(events, actor, command.type);
      state = events.reduce(evolve, state);
      return view(recorded);
    });
    turns = turn.catch(() => undefined);
    return turn;
  };

  const record = async (events: SuspectTransferEvent[], actor: Actor, commandType: string): Promise<TransferView['recorded']> => {
    const commandId = currentUpdateInfo()?.id ?? null;
    const stamped = events.map((e) => ({ eventId: uuid4(), type: e.type, data: e.data, metadata: { commandId, commandType } }));
    await appendTransferEvents({ caseId: input.caseId, expectedVersion: state.version, events: stamped, actor });
    return stamped.map((e, i) => ({ eventId: e.eventId, type: e.type, streamPosition: state.version + i + 1 }));
  };

  setHandler(openTransferUpdate, run, { validator: validate });
  setHandler(performTransferActionUpdate, run, { validator: validate });
  setHandler(transferViewQuery, () => view());

  if (state.status === 'new' && !(await condition(() => state.status !== 'new', OPEN_WITHIN))) {
    log.warn('Transfer workflow ended: never opened', { caseId: input.caseId });
    return view();
  }
  await condition(() => state.status === 'closed' || workflowInfo().continueAsNewSuggested);
  // Let accepted commands finish recording before this run ends or hands over.
  await condition(allHandlersFinished);
  if (state.status === 'closed') return view();
  return continueAsNew<typeof suspectTransfer>({ caseId: input.caseId, carried: state });
}

/** Runs the decider; a refusal becomes a business failure that callers map to a response. */
function decideOrFail(command: SuspectTransferCommand, actor: Actor, state: SuspectTransferState, caseId: string): SuspectTransferEvent[] {
  if (command.type === 'open_transfer' && command.caseId !== caseId) {
    throw ApplicationFailure.create({
      type: 'CommandRejected',
      message: 'The command names another case.',
      nonRetryable: true,
      details: [{ kind: 'rule', stage: state.stage ?? 'arrest' }],
    });
  }
  try {
    return decide({ command, actor }, state);
  } catch (error) {
    if (error instanceof CommandRejected) {
      throw ApplicationFailure.create({
        type: 'CommandRejected',
        message: error.message,
        nonRetryable: true,
        details: [{ kind: error.kind, stage: error.stage }],
      });
    }
    throw error;
  }
}

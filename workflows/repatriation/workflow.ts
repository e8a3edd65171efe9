/**
 * One victim repatriation case as a durable workflow: a thin runner of the repatriation decider.
 * Caseworker commands arrive as Updates. The validator runs `decide` on the current state, so a
 * refused command is rejected before it enters history and writes nothing; an accepted one is
 * decided again under a lock (another command may have landed in between), its events get ids
 * here, deterministically, and an activity appends them to Postgres before the caller is answered.
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
import type { Activities } from '../../activities/index.js';
import {
  decide,
  evolve,
  initialState,
  openGates,
  type RepatriationCommand,
  type RepatriationEvent,
  type RepatriationState,
} from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import {
  caseViewQuery,
  openCaseUpdate,
  performActionUpdate,
  type CaseView,
  type CaseWorkflowInput,
  type CommandInput,
} from './messages.js';

const { appendCaseEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // Postgres may be down for a while at a border office: keep trying, never lose an accepted command.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['WrongExpectedVersion'] },
});

/** A case that is never opened (its opening update lost) is not kept forever. */
const OPEN_WITHIN = '1 day';

export async function repatriationCase(input: CaseWorkflowInput): Promise<CaseView> {
  let state: RepatriationState = input.carried ?? initialState();
  let busy = false;

  const view = (recorded: CaseView['recorded'] = []): CaseView => ({
    caseId: input.caseId,
    version: state.version,
    status: state.status,
    stage: state.stage,
    hold: state.hold,
    outcome: state.outcome,
    waitingFor: openGates(state).map((g) => ({ gate: g.id, requirement: g.requirement })),
    recorded,
  });

  const validate = ({ command }: CommandInput<RepatriationCommand>): void => {
    decideOrFail(command, state, input.caseId);
  };

  /** Commands run one at a time: each decides on the state the previous one left. */
  const run = async ({ command, actor }: CommandInput<RepatriationCommand>): Promise<CaseView> => {
    await condition(() => !busy);
    busy = true;
    try {
      const events = decideOrFail(command, state, input.caseId);
      const recorded = await record(events, actor, command.type);
      state = events.reduce(evolve, state);
      return view(recorded);
    } finally {
      busy = false;
    }
  };

  const record = async (events: RepatriationEvent[], actor: Actor, commandType: string): Promise<CaseView['recorded']> => {
    const commandId = currentUpdateInfo()?.id ?? null;
    const stamped = events.map((e) => ({ eventId: uuid4(), type: e.type, data: e.data, metadata: { commandId, commandType } }));
    await appendCaseEvents({ caseId: input.caseId, expectedVersion: state.version, events: stamped, actor });
    return stamped.map((e, i) => ({ eventId: e.eventId, type: e.type, streamPosition: state.version + i + 1 }));
  };

  setHandler(openCaseUpdate, run, { validator: validate });
  setHandler(performActionUpdate, run, { validator: validate });
  setHandler(caseViewQuery, () => view());

  if (state.status === 'new' && !(await condition(() => state.status !== 'new', OPEN_WITHIN))) {
    log.warn('Case workflow ended: never opened', { caseId: input.caseId });
    return view();
  }
  await condition(() => state.status === 'closed' || workflowInfo().continueAsNewSuggested);
  // Let accepted commands finish recording before this run ends or hands over.
  await condition(allHandlersFinished);
  if (state.status === 'closed') return view();
  return continueAsNew<typeof repatriationCase>({ caseId: input.caseId, carried: state });
}

/** Runs the decider; a refusal becomes a business failure that callers can map to a response. */
function decideOrFail(command: RepatriationCommand, state: RepatriationState, caseId: string): RepatriationEvent[] {
  if (command.type === 'open_case' && command.caseId !== caseId) {
    throw ApplicationFailure.create({ type: 'CommandRejected', message: 'The command names another case.', nonRetryable: true, details: [{ kind: 'rule', stage: state.stage ?? 'identification' }] });
  }
  try {
    return decide(command, state);
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

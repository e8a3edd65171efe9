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
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import {
  deadlineOf,
  decide,
  type DeadlinePolicy,
  evolve,
  evolveClock,
  initialClock,
  initialState,
  nextAlarm,
  openGates,
  type RepatriationCommand,
  type RepatriationEvent,
  type RepatriationState,
  type SystemCommand,
} from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import {
  CURRENT_CASE_PATHS,
  caseViewQuery,
  openCaseUpdate,
  performActionUpdate,
  type CaseView,
  type CaseWorkflowInput,
  type CommandInput,
  type OpenCaseInput,
  newCaseInput,
} from './messages.js';

const activityOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  // Postgres may be down for a while at a border office: keep trying, never lose an accepted command.
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['WrongExpectedVersion'],
  },
};
const regular = proxyActivities<Activities>(activityOptions);
// A failed append retries after a durable timer, not inside the workflow task: an outage shows in
// the history (its failure encrypted like every payload) and no task is held open meanwhile.
const local = proxyLocalActivities<Activities>({ ...activityOptions, localRetryThreshold: '500 milliseconds' });

/**
 * The append (and the deadline policy it records at opening) runs as a local activity, inside the
 * workflow task that decided it: a caseworker's action is one trip through the server instead of
 * three (measured by `npm run bench`, P1 and P2). Cases recorded before it replay their regular
 * activities.
 */
const LOCAL_APPEND_PATCH = 'local-append-v1';

/** A case that is never opened (its opening update lost) is not kept forever. */
const OPEN_WITHIN_MS = 86_400_000;

/** Step deadlines and their timers; cases recorded before it replay without them. */
const DEADLINES_PATCH = 'step-deadlines-v1';

/** Who records what the case's own timers decide. */
const SYSTEM_ACTOR: Actor = { userId: 'system:case-timer', agencyId: 'homeward', role: 'system' };

export async function repatriationCase(input: CaseWorkflowInput): Promise<CaseView> {
  let state: RepatriationState = input.carried ?? initialState();
  let clock = input.clock ?? initialClock();
  // Runs started with today's paths take them without a marker; older runs ask as they did.
  const takes = (patch: string): boolean => input.paths === CURRENT_CASE_PATHS || patched(patch);
  const activities = () => (takes(LOCAL_APPEND_PATCH) ? local : regular);

  const view = (recorded: CaseView['recorded'] = []): CaseView => ({
    caseId: input.caseId,
    version: state.version,
    status: state.status,
    stage: state.stage,
    hold: state.hold,
    outcome: state.outcome,
    waitingFor: openGates(state).map((g) => ({ gate: g.id, requirement: g.requirement })),
    deadline: deadlineOf(clock, state),
    overdue: state.overdue,
    recorded,
  });

  /** An update the case takes: any command, and with an opening the corridor's deadlines. */
  type CaseUpdate = CommandInput<RepatriationCommand> & Pick<OpenCaseInput, 'deadlinePolicy'>;

  /** An opening records the deadlines of its corridor in force, in the same append. */
  const withDeadlines = (opening: RepatriationEvent[], policy: DeadlinePolicy): RepatriationEvent[] => [
    ...opening,
    ...decideOrFail({ type: 'apply_deadline_policy', policy }, opening.reduce(evolve, state), input.caseId),
  ];

  const validate = ({ command, deadlinePolicy }: CaseUpdate): void => {
    const events = decideOrFail(command, state, input.caseId);
    if (command.type === 'open_case' && deadlinePolicy) withDeadlines(events, deadlinePolicy);
  };

  /**
   * Commands run one at a time, in arrival order: each decides on the state the previous one left.
   * A promise chain rather than `condition(() => !busy)`: conditions unblocked in the same sweep
   * would all see the lock free and run together.
   */
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  const run = ({ command, actor, deadlinePolicy }: CaseUpdate): Promise<CaseView> =>
    exclusive(async () => {
      let events = decideOrFail(command, state, input.caseId);
      if (command.type === 'open_case' && takes(DEADLINES_PATCH)) {
        // Sent with the opening; an opening sent without them has the worker look them up.
        events = withDeadlines(
          events,
          deadlinePolicy ??
            (await activities().deadlinePolicyFor({ hostCountry: command.hostCountry, originCountry: command.originCountry })),
        );
      }
      return view(await record(events, actor, command.type));
    });

  /** A command of the case's own (deadlines, timers). Refused means stale: the case moved meanwhile. */
  const runSystem = (command: SystemCommand): Promise<boolean> =>
    exclusive(async () => {
      let events: RepatriationEvent[];
      try {
        events = decide(command, state);
      } catch (error) {
        if (error instanceof CommandRejected) return false;
        throw error;
      }
      await record(events, SYSTEM_ACTOR, command.type);
      return true;
    });

  const record = async (events: RepatriationEvent[], actor: Actor, commandType: string): Promise<CaseView['recorded']> => {
    const commandId = currentUpdateInfo()?.id ?? null;
    const stamped = events.map((e) => ({ eventId: uuid4(), type: e.type, data: e.data, metadata: { commandId, commandType } }));
    await activities().appendCaseEvents({ caseId: input.caseId, expectedVersion: state.version, events: stamped, actor });
    const recorded = stamped.map((e, i) => ({ eventId: e.eventId, type: e.type, streamPosition: state.version + i + 1 }));
    const now = new Date().toISOString(); // workflow time: deterministic on replay
    for (const e of events) {
      state = evolve(state, e);
      clock = evolveClock(clock, e, state, now);
    }
    return recorded;
  };

  setHandler(openCaseUpdate, run, { validator: validate });
  setHandler(performActionUpdate, run, { validator: validate });
  setHandler(caseViewQuery, () => view());

  const ended = () => state.status === 'closed' || workflowInfo().continueAsNewSuggested;
  const opened = input.paths === CURRENT_CASE_PATHS ? await keepOneTimer(ended) : await openThenWatch(ended);
  if (!opened) {
    log.warn('Case workflow ended: never opened', { caseId: input.caseId });
    return view();
  }
  // Let accepted commands finish recording before this run ends or hands over.
  await condition(allHandlersFinished);
  if (state.status === 'closed') return view();
  // The next run starts a history of its own: it takes today's paths whatever this one took.
  return continueAsNew<typeof repatriationCase>({ ...newCaseInput(input.caseId), carried: state, clock });

  /**
   * One durable timer for whatever falls due first: the opening, then the current step's deadline,
   * then its escalation. A recorded event re-arms it only when something now falls due sooner than
   * it rings; progress mostly moves the next deadline later, so an action leaves the timer alone
   * (before, every action cancelled one timer and started another: measured in P1 and P2). A timer
   * that rings early finds nothing due and is set again for the time left.
   * Returns false when the case was never opened.
   */
  async function keepOneTimer(ended: () => boolean): Promise<boolean> {
    const openBy = Date.now() + OPEN_WITHIN_MS;
    const nextDue = (): number | null => {
      if (state.status === 'new') return openBy;
      const alarm = nextAlarm(clock, state);
      return alarm && Date.parse(alarm.at);
    };
    /** Resolves once an event lands after version `seen` (or the run ends). */
    const eventAfter = (seen: number) => condition(() => ended() || state.version !== seen);
    while (!ended()) {
      const ringsAt = nextDue();
      if (ringsAt === null) {
        await eventAfter(state.version);
        continue;
      }
      const sooner = () => {
        if (ended()) return true;
        const due = nextDue();
        return due !== null && due < ringsAt;
      };
      if (await condition(sooner, Math.max(1, ringsAt - Date.now()))) continue;
      if (state.status === 'new') return false;
      const alarm = nextAlarm(clock, state);
      if (!alarm || Date.parse(alarm.at) > Date.now()) continue;
      const seen = state.version; // before the command waits its turn: a refusal means something landed meanwhile
      if (!(await runSystem(alarmCommand(alarm)))) await eventAfter(seen);
    }
    return true;
  }

  /** How runs started before `CURRENT_CASE_PATHS` wait: they replay exactly this. */
  async function openThenWatch(ended: () => boolean): Promise<boolean> {
    if (state.status === 'new' && !(await condition(() => state.status !== 'new', OPEN_WITHIN_MS))) return false;
    if (takes(DEADLINES_PATCH)) {
      await watchDeadlines(ended);
    } else {
      await condition(ended);
    }
    return true;
  }

  /**
   * Before `CURRENT_CASE_PATHS`: one durable timer at a time for the next thing due, re-armed by
   * every recorded event.
   */
  async function watchDeadlines(ended: () => boolean): Promise<void> {
    while (!ended()) {
      const alarm = nextAlarm(clock, state);
      const seen = state.version;
      const changed = () => ended() || state.version !== seen;
      if (!alarm) {
        await condition(changed);
        continue;
      }
      if (await condition(changed, Math.max(1, Date.parse(alarm.at) - Date.now()))) continue;
      if (!(await runSystem(alarmCommand(alarm)))) await condition(changed);
    }
  }
}

/** The command of the case's own that an alarm stands for. */
function alarmCommand(alarm: NonNullable<ReturnType<typeof nextAlarm>>): SystemCommand {
  return alarm.command === 'flag_overdue'
    ? { type: 'flag_overdue', step: alarm.step, dueAt: alarm.at }
    : { type: 'escalate_overdue', step: alarm.step };
}

/** Runs the decider; a refusal becomes a business failure that callers can map to a response. */
function decideOrFail(command: RepatriationCommand, state: RepatriationState, caseId: string): RepatriationEvent[] {
  if (command.type === 'open_case' && command.caseId !== caseId) {
    throw ApplicationFailure.create({
      type: 'CommandRejected',
      message: 'The command names another case.',
      nonRetryable: true,
      details: [{ kind: 'rule', stage: state.stage ?? 'identification' }],
    });
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

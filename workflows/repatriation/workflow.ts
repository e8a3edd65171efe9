/**
 * One victim repatriation case as a durable workflow: the shared runner (workflows/shared/runner.ts)
 * over the repatriation decider. What is its own: the corridor's deadlines recorded with the opening,
 * and one durable timer for whatever falls due first (the opening, a step's deadline, its escalation).
 */
import { continueAsNew, log, proxyLocalActivities, setHandler, workflowInfo, condition } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import {
  deadlineOf,
  evolveClock,
  initialClock,
  nextAlarm,
  openGates,
  repatriation,
  type DeadlinePolicy,
  type RepatriationCommand,
  type RepatriationEvent,
  type SystemCommand,
} from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { IssuedCommand } from '../../domain/shared/decider.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import { createRunner, handlersFinished, OPEN_WITHIN_MS, type Recorded } from '../shared/runner.js';
import { CASE_ACTIVITY_OPTIONS } from './activity-options.js';
import {
  CURRENT_CASE_PATHS,
  caseViewQuery,
  newCaseInput,
  openCaseUpdate,
  performActionUpdate,
  type CaseView,
  type CaseWorkflowInput,
  type OpenCaseInput,
} from './messages.js';
import { askPatch, DEADLINES_PATCH, LOCAL_APPEND_PATCH, openThenWatch, regularActivities } from './replay-only.js';

/**
 * The append (and the deadline policy it records at opening) runs as a local activity, inside the
 * workflow task that decided it: a caseworker's action is one trip through the server. A failed
 * append retries after a durable timer, not inside the workflow task: an outage shows in the
 * history (its failure encrypted like every payload) and no task is held open meanwhile.
 */
const local = proxyLocalActivities<Activities>({ ...CASE_ACTIVITY_OPTIONS, localRetryThreshold: '500 milliseconds' });

/** Who records what the case's own timers decide. */
const SYSTEM_ACTOR: Actor = { userId: 'system:case-timer', agencyId: 'homeward', role: 'system' };

export async function repatriationCase(input: CaseWorkflowInput): Promise<CaseView> {
  let clock = input.clock ?? initialClock();
  // Runs started with today's paths take them without a marker; older runs ask as they did.
  const takes = (patch: string): boolean => input.paths === CURRENT_CASE_PATHS || askPatch(patch);
  const activities = () => (takes(LOCAL_APPEND_PATCH) ? local : regularActivities);

  const runner = createRunner({
    decider: repatriation,
    state: input.carried ?? repatriation.initialState(),
    append: (expectedVersion, events, actor) => activities().appendCaseEvents({ caseId: input.caseId, expectedVersion, events, actor }),
    readAfter: (after) => activities().caseEventsAfter({ caseId: input.caseId, after }),
    onEvent: (event, state, now) => {
      clock = evolveClock(clock, event, state, now);
    },
    misaddressed: (command) => command.type === 'open_case' && command.caseId !== input.caseId,
    stageOf: (state) => state.stage ?? 'identification',
  });

  const view = (recorded: Recorded = []): CaseView => {
    const state = runner.state;
    return {
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
    };
  };

  /** An update the case takes: any command, and with an opening the corridor's deadlines. */
  type CaseUpdate = IssuedCommand<RepatriationCommand> & Pick<OpenCaseInput, 'deadlinePolicy'>;

  /** An opening records the deadlines of its corridor in force, in the same append. */
  const withDeadlines = (opening: RepatriationEvent[], policy: DeadlinePolicy, actor: Actor): RepatriationEvent[] => [
    ...opening,
    ...runner.decide({ type: 'apply_deadline_policy', policy }, actor, opening.reduce(repatriation.evolve, runner.state)),
  ];

  const validate = ({ command, actor, deadlinePolicy }: CaseUpdate): void => {
    // A resent command whose events a catch-up folded is answered with them, not refused as a repeat.
    if (runner.recordedBefore()) return;
    const events = runner.decide(command, actor);
    if (command.type === 'open_case' && deadlinePolicy) withDeadlines(events, deadlinePolicy, actor);
  };

  const run = ({ command, actor, deadlinePolicy }: CaseUpdate): Promise<CaseView> =>
    runner.exclusive(async () => {
      const before = runner.recordedBefore();
      if (before) return view(before);
      let events = runner.decide(command, actor);
      let policy: DeadlinePolicy | undefined;
      if (command.type === 'open_case' && takes(DEADLINES_PATCH)) {
        // Sent with the opening; an opening sent without them has the worker look them up.
        policy =
          deadlinePolicy ??
          (await activities().deadlinePolicyFor({ hostCountry: command.hostCountry, originCountry: command.originCountry }));
        events = withDeadlines(events, policy, actor);
      }
      // Decided again only after catching up from the store (a worker died after an append).
      const again = () => {
        const decided = runner.decide(command, actor);
        return policy ? withDeadlines(decided, policy, actor) : decided;
      };
      return view(await runner.commit(events, actor, command.type, again));
    });

  /** The events of a command of the case's own, or null when refused (the case moved meanwhile). */
  const decideSystem = (command: SystemCommand): RepatriationEvent[] | null => {
    try {
      return repatriation.decide({ command, actor: SYSTEM_ACTOR }, runner.state);
    } catch (error) {
      if (error instanceof CommandRejected) return null;
      throw error;
    }
  };

  /** A command of the case's own (deadlines, timers). Refused means stale: the case moved meanwhile. */
  const runSystem = (command: SystemCommand): Promise<boolean> =>
    runner.exclusive(async () => {
      const events = decideSystem(command);
      if (events === null) return false;
      let refused = false;
      await runner.commit(events, SYSTEM_ACTOR, command.type, () => {
        const again = decideSystem(command);
        refused = again === null;
        return again ?? [];
      });
      return !refused;
    });

  setHandler(openCaseUpdate, run, { validator: validate });
  setHandler(performActionUpdate, run, { validator: validate });
  setHandler(caseViewQuery, () => view());

  const ended = () => runner.state.status === 'closed' || workflowInfo().continueAsNewSuggested;
  const opened =
    input.paths === CURRENT_CASE_PATHS
      ? await keepOneTimer(ended)
      : await openThenWatch({ state: () => runner.state, clock: () => clock, takes, runSystem, alarmCommand }, ended);
  if (!opened) {
    log.warn('Case workflow ended: never opened', { caseId: input.caseId });
    return view();
  }
  await handlersFinished();
  if (runner.state.status === 'closed') return view();
  // The next run starts a history of its own: it takes today's paths whatever this one took.
  return continueAsNew<typeof repatriationCase>({ ...newCaseInput(input.caseId), carried: runner.state, clock });

  /**
   * One durable timer for whatever falls due first: the opening, then the current step's deadline,
   * then its escalation. A recorded event re-arms it only when something now falls due sooner than
   * it rings; progress mostly moves the next deadline later, so an action leaves the timer alone.
   * A timer that rings early finds nothing due and is set again for the time left.
   * Returns false when the case was never opened.
   */
  async function keepOneTimer(ended: () => boolean): Promise<boolean> {
    const openBy = Date.now() + OPEN_WITHIN_MS;
    const nextDue = (): number | null => {
      if (runner.state.status === 'new') return openBy;
      const alarm = nextAlarm(clock, runner.state);
      return alarm && Date.parse(alarm.at);
    };
    /** Resolves once an event lands after version `seen` (or the run ends). */
    const eventAfter = (seen: number) => condition(() => ended() || runner.state.version !== seen);
    while (!ended()) {
      const ringsAt = nextDue();
      if (ringsAt === null) {
        await eventAfter(runner.state.version);
        continue;
      }
      const sooner = () => {
        if (ended()) return true;
        const due = nextDue();
        return due !== null && due < ringsAt;
      };
      if (await condition(sooner, Math.max(1, ringsAt - Date.now()))) continue;
      if (runner.state.status === 'new') return false;
      const alarm = nextAlarm(clock, runner.state);
      if (!alarm || Date.parse(alarm.at) > Date.now()) continue;
      const seen = runner.state.version; // before the command waits its turn: a refusal means something landed meanwhile
      if (!(await runSystem(alarmCommand(alarm)))) await eventAfter(seen);
    }
    return true;
  }
}

/** The command of the case's own that an alarm stands for. */
function alarmCommand(alarm: NonNullable<ReturnType<typeof nextAlarm>>): SystemCommand {
  return alarm.command === 'flag_overdue'
    ? { type: 'flag_overdue', step: alarm.step, dueAt: alarm.at }
    : { type: 'escalate_overdue', step: alarm.step };
}

/**
 * The durable runner every process workflow shares. It holds the process's state and, for each
 * command: checks it in the update validator (a refused command never enters history and writes
 * nothing), queues it behind the commands before it (one at a time, in arrival order), decides it
 * again on the state the previous one left, gives the events their ids (`uuid4()`, deterministic
 * on replay), records them through the process's one append activity and folds them into the state.
 * What stays in a process workflow is what differs: its view, its timers, its driver.
 */
import { ApplicationFailure, allHandlersFinished, condition, currentUpdateInfo, uuid4 } from '@temporalio/workflow';
import type { Actor } from '../../domain/shared/actor.js';
import type { Decider } from '../../domain/shared/decider.js';
import { CommandRejected, type RejectionKind, type RejectionParams } from '../../domain/shared/rejection.js';

/** An event as the append activity receives it: with its id and the command that caused it. */
export interface StampedEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: { commandId: string | null; commandType: string };
}

/** The events a command recorded, as its caller is told. */
export type Recorded = { eventId: string; type: string; streamPosition: number }[];

/** What a refusal carries to the API: the failure's details[0] (see api/workflow-gateway.ts). */
export interface RejectionDetail {
  kind: RejectionKind;
  stage: string;
  code: string;
  params: RejectionParams;
}

export const REJECTED = 'CommandRejected';

export function rejectionFailure(kind: RejectionKind, stage: string, message: string, code: string, params: RejectionParams = {}) {
  const detail: RejectionDetail = { kind, stage, code, params };
  return ApplicationFailure.create({ type: REJECTED, message, nonRetryable: true, details: [detail] });
}

interface ProcessEvent {
  type: string;
  data?: unknown;
}

export interface RunnerOptions<C extends { type: string }, E extends ProcessEvent, S extends { version: number }> {
  decider: Decider<C, E, S>;
  state: S;
  /** The process's append activity: the events at `expectedVersion`, in one transaction. */
  append: (expectedVersion: number, events: StampedEvent[], actor: Actor, decided: E[]) => Promise<unknown>;
  /** Called after each recorded event is folded in (the repatriation step clock follows it). */
  onEvent?: (event: E, state: S, now: string) => void;
  /** Called once a command's events are folded in (the batch queues the steps they ask of cases). */
  onRecorded?: (before: S, after: S, events: E[], actor: Actor) => void;
  /** An opening that names another stream is refused: the workflow id and the command must agree. */
  misaddressed?: (command: C) => boolean;
  /** The stage a refusal names when the decider has none to name (before the opening). */
  stageOf: (state: S) => string;
}

export function createRunner<C extends { type: string }, E extends ProcessEvent, S extends { version: number }>(
  options: RunnerOptions<C, E, S>,
) {
  let state = options.state;
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;

  /** Runs the decider (on the current state unless told otherwise); a refusal becomes a business failure that the gateway maps to a problem. */
  const decide = (command: C, actor: Actor, on: S = state): E[] => {
    if (options.misaddressed?.(command)) {
      throw rejectionFailure('rule', options.stageOf(on), 'The command names another case.', 'misaddressed');
    }
    try {
      // Workflow time: deterministic on replay.
      return options.decider.decide({ command, actor, now: new Date().toISOString() }, on);
    } catch (error) {
      if (error instanceof CommandRejected) throw rejectionFailure(error.kind, error.stage, error.message, error.code, error.params);
      throw error;
    }
  };

  /**
   * Work that runs one at a time, in arrival order: each decides on the state the previous one left.
   * A promise chain rather than `condition(() => !busy)`: conditions unblocked in the same sweep
   * would all see the lock free and run together.
   */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    queued += 1;
    const turn = queue.then(work).finally(() => {
      queued -= 1;
    });
    queue = turn.catch(() => undefined);
    return turn;
  };

  /** Gives the events their ids, appends them at the current version, then folds them in. */
  const record = async (events: E[], actor: Actor, commandType: string): Promise<Recorded> => {
    const commandId = currentUpdateInfo()?.id ?? null;
    const stamped: StampedEvent[] = events.map((e) => ({
      eventId: uuid4(),
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: { commandId, commandType },
    }));
    await options.append(state.version, stamped, actor, events);
    const recorded = stamped.map((e, i) => ({ eventId: e.eventId, type: e.type, streamPosition: state.version + i + 1 }));
    const now = new Date().toISOString();
    const before = state;
    for (const e of events) {
      state = options.decider.evolve(state, e);
      options.onEvent?.(e, state, now);
    }
    options.onRecorded?.(before, state, events, actor);
    return recorded;
  };

  return {
    get state(): S {
      return state;
    },
    /** Commands (or the workflow's own writes) still waiting for their turn or recording. */
    get busy(): boolean {
      return queued > 0;
    },
    decide,
    exclusive,
    record,
    /** The update validator: refuses what the decider refuses, before anything enters history. */
    validate: ({ command, actor }: { command: C; actor: Actor }): void => {
      decide(command, actor);
    },
    /** Decides and records one command in its turn; `answer` builds the caller's view. */
    run:
      <V>(answer: (recorded: Recorded, command: C, events: E[]) => V) =>
      ({ command, actor }: { command: C; actor: Actor }): Promise<V> =>
        exclusive(async () => {
          const events = decide(command, actor);
          // A repeat that the decider counts as harmless (a resent bulk list) records nothing.
          const recorded = events.length > 0 ? await record(events, actor, command.type) : [];
          return answer(recorded, command, events);
        }),
  };
}

/** A stream that is never opened (its opening update lost) is not kept forever. */
export const OPEN_WITHIN_MS = 86_400_000;

/** Waits until the stream is opened; false when it was not within `within`. */
export async function openedWithin(isOpen: () => boolean, within: string | number = OPEN_WITHIN_MS): Promise<boolean> {
  return isOpen() || condition(isOpen, within);
}

/** Lets accepted commands finish recording before this run ends or hands over. */
export const handlersFinished = (): Promise<void> => condition(allHandlersFinished);

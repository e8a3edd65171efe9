/**
 * The durable runner every process workflow shares. It holds the process's state and, for each
 * command: checks it in the update validator (a refused command never enters history and writes
 * nothing), queues it behind the commands before it (one at a time, in arrival order), decides it
 * again on the state the previous one left, gives the events their ids (`uuid4()`, deterministic
 * on replay), records them through the process's one append activity and folds them into the state.
 * What stays in a process workflow is what differs: its view, its timers, its driver.
 *
 * A workflow can fall behind its stream: a worker dies after an append committed and before the
 * workflow task that saw it completed, and the command is then lost or decided again elsewhere. Its
 * next append at the old version conflicts; the runner then reads what the stream holds after its
 * version (`readAfter`, an activity) and, when every event there is one it recorded itself (stamped
 * with its workflow id), folds them in and goes on: the command is recognised as done when they
 * carry its id, otherwise decided again on the caught-up state. Anything else in the stream is not
 * folded: the conflict stands, as a bug should. The commands whose events a catch-up folded are
 * remembered, so that one resent later is answered with what it recorded (not refused as a repeat).
 * That a lost task's events are told from another's although both drew the same ids (the task that
 * replaces a lost one draws them again) is the store's part: store/event-store.ts, migration 0015.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  log,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { StreamEvent } from '../../activities/catch-up.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { Decider } from '../../domain/shared/decider.js';
import { CommandRejected, type RejectionKind, type RejectionParams } from '../../domain/shared/rejection.js';
import { takesCatchUp } from './replay-only.js';

/** An event as the append activity receives it: with its id and the command that caused it. */
export interface StampedEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  /** `workflowId`: the writer, so that a workflow catching up knows the events it recorded itself. */
  metadata: { commandId: string | null; commandType: string; workflowId: string };
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
  /** Reads the stream's events after a version (an activity); without it a conflict fails the command. */
  readAfter?: (version: number) => Promise<StreamEvent[]>;
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
  /**
   * What the commands whose events a catch-up folded recorded, by command (update) id. The caught-up
   * state holds their events, so such a command resent would be refused as a repeat or, worse,
   * decided again; it is answered with what it recorded. Derived from the catch-up's activity result,
   * so the same on replay; empty in every run that never caught up.
   */
  const caughtUp = new Map<string, Recorded>();
  /** What the current update recorded before this workflow saw it (folded by a catch-up), if anything. */
  const recordedBefore = (): Recorded | undefined => {
    const id = currentUpdateInfo()?.id;
    return id === undefined ? undefined : caughtUp.get(id);
  };

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

  /** Folds recorded events into the state, with what the process does on each. */
  const fold = (events: E[], actor: Actor): void => {
    const now = new Date().toISOString();
    const before = state;
    for (const e of events) {
      state = options.decider.evolve(state, e);
      options.onEvent?.(e, state, now);
    }
    options.onRecorded?.(before, state, events, actor);
  };

  /** Gives the events their ids, appends them at the current version, then folds them in. */
  const record = async (events: E[], actor: Actor, commandType: string): Promise<Recorded> => {
    const commandId = currentUpdateInfo()?.id ?? null;
    const { workflowId } = workflowInfo();
    const stamped: StampedEvent[] = events.map((e) => ({
      eventId: uuid4(),
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: { commandId, commandType, workflowId },
    }));
    await options.append(state.version, stamped, actor, events);
    const recorded = stamped.map((e, i) => ({ eventId: e.eventId, type: e.type, streamPosition: state.version + i + 1 }));
    fold(events, actor);
    return recorded;
  };

  /**
   * After a conflict: folds what the stream holds after the current version when this workflow
   * recorded all of it, and says which of it the current command recorded (empty: not this one).
   * Null when the stream holds nothing new or something this workflow did not record.
   */
  const catchUp = async (readAfter: (version: number) => Promise<StreamEvent[]>, actor: Actor): Promise<Recorded | null> => {
    const behind = await readAfter(state.version);
    const { workflowId } = workflowInfo();
    if (behind.length === 0 || behind.some((e) => e.metadata.workflowId !== workflowId)) return null;
    // The events of a lost task carry no actor of their own here; the fold's hooks get the command's.
    fold(
      behind.map((e) => ({ type: e.type, data: e.data }) as E),
      actor,
    );
    for (const e of behind) {
      const by = e.metadata.commandId;
      if (typeof by !== 'string') continue;
      caughtUp.set(by, [...(caughtUp.get(by) ?? []), { eventId: e.eventId, type: e.type, streamPosition: e.streamPosition }]);
    }
    const commandId = currentUpdateInfo()?.id;
    const mine = behind.filter((e) => commandId !== undefined && e.metadata.commandId === commandId).length;
    // Worth an operator's eye: it means a worker died between an append and its task's completion.
    log.warn('Workflow caught up from its stream', {
      events: behind.length,
      ofThisCommand: mine,
      fromVersion: behind[0]!.streamPosition - 1,
    });
    return behind
      .filter((e) => commandId !== undefined && e.metadata.commandId === commandId)
      .map((e) => ({ eventId: e.eventId, type: e.type, streamPosition: e.streamPosition }));
  };

  /**
   * Records a command's events; on a conflict catches up from the store (see the top of this file)
   * and either answers with what the command already recorded or decides it again (`redecide`, on
   * the caught-up state; a refusal then fails the command as it would have on arrival).
   */
  const commit = async (events: E[], actor: Actor, commandType: string, redecide: () => E[]): Promise<Recorded> => {
    // The first try records what the caller decided, even nothing, exactly as before catch-ups existed.
    for (let decided = events; ;) {
      try {
        return await record(decided, actor, commandType);
      } catch (error) {
        if (!isVersionConflict(error) || !options.readAfter || !takesCatchUp()) throw error;
        const already = await catchUp(options.readAfter, actor);
        if (already === null) throw error;
        if (already.length > 0) return already;
      }
      decided = redecide();
      if (decided.length === 0) return [];
    }
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
    recordedBefore,
    exclusive,
    record,
    commit,
    /** The update validator: refuses what the decider refuses, before anything enters history. */
    validate: ({ command, actor }: { command: C; actor: Actor }): void => {
      if (!recordedBefore()) decide(command, actor);
    },
    /** Decides and records one command in its turn; `answer` builds the caller's view. */
    run:
      <V>(answer: (recorded: Recorded, command: C, events: E[]) => V) =>
      ({ command, actor }: { command: C; actor: Actor }): Promise<V> =>
        exclusive(async () => {
          const before = recordedBefore();
          if (before) return answer(before, command, []);
          const events = decide(command, actor);
          // A repeat that the decider counts as harmless (a resent bulk list) records nothing.
          const recorded = events.length > 0 ? await commit(events, actor, command.type, () => decide(command, actor)) : [];
          return answer(recorded, command, events);
        }),
  };
}

/** The append activity refused the version: the stream is not where the workflow thinks it is. */
function isVersionConflict(error: unknown): boolean {
  // A regular activity's failure wraps it (ActivityFailure); a local activity's may come as it is.
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof ApplicationFailure) return e.type === 'WrongExpectedVersion';
    if (!(e instanceof ActivityFailure)) return false;
  }
  return false;
}

/** A stream that is never opened (its opening update lost) is not kept forever. */
export const OPEN_WITHIN_MS = 86_400_000;

/** Waits until the stream is opened; false when it was not within `within`. */
export async function openedWithin(isOpen: () => boolean, within: string | number = OPEN_WITHIN_MS): Promise<boolean> {
  return isOpen() || condition(isOpen, within);
}

/** Lets accepted commands finish recording before this run ends or hands over. */
export const handlersFinished = (): Promise<void> => condition(allHandlersFinished);

import type { Actor } from './actor.js';

/**
 * What every decider receives: what was asked (validated against its schema), who asked (the
 * authenticated actor, never from the request body), and, where a rule counts days, the time the
 * workflow read from its deterministic clock (ISO 8601).
 */
export interface IssuedCommand<Command> {
  command: Command;
  actor: Actor;
  now?: string;
}

/**
 * A process as pure functions (the "decider" pattern): `decide` turns an issued command and the
 * current state into new events or throws `CommandRejected`; `evolve` folds one event into the
 * state. The shared workflow runner (workflows/shared/), projections and tests run these values.
 */
export interface Decider<Command, Event, State> {
  initialState: () => State;
  decide: (input: IssuedCommand<Command>, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
}

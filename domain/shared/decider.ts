/**
 * A process as pure functions (the "decider" pattern): `decide` turns a command and the current
 * state into new events or throws `CommandRejected`; `evolve` folds one event into the state.
 * Workflows, projections and tests all run these same functions.
 */
export interface Decider<Command, Event, State> {
  initialState: () => State;
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
}

export function fold<Event, State>(evolve: (state: State, event: Event) => State, state: State, events: readonly Event[]): State {
  return events.reduce(evolve, state);
}

/** A victim case records its side of a link to another case, in any open stage, without moving. */
import { describe, expect, it } from 'vitest';
import { countsAsProgress } from '../../domain/repatriation/events.js';
import { evolve, initialState, type RepatriationState } from '../../domain/repatriation/index.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import { openCase } from './support/repatriation.js';
import { decideCommand } from '../support/decide.js';

const OTHER = '5d1c2b3a-4f5e-4d6c-8b7a-9e8f7d6c5b4a';
const opened = (): RepatriationState => decideCommand(openCase(), initialState()).reduce(evolve, initialState());

describe('repatriation decider: links', () => {
  it('records CaseLinked without moving the case or counting as progress', () => {
    const state = opened();
    const events = decideCommand({ type: 'link_case', caseId: OTHER }, state);
    expect(events).toEqual([{ type: 'CaseLinked', data: { caseId: OTHER } }]);
    const after = events.reduce(evolve, state);
    expect(after).toEqual({ ...state, version: state.version + 1 });
    expect(countsAsProgress(events[0]!)).toBe(false);
  });

  it('links while on hold, but not a closed case, nor the case to itself', () => {
    const held = decideCommand({ type: 'place_on_hold', reason: 'court_witness', reviewDate: '2027-01-01' }, opened()).reduce(
      evolve,
      opened(),
    );
    expect(decideCommand({ type: 'link_case', caseId: OTHER }, held)).toHaveLength(1);
    expect(() => decideCommand({ type: 'link_case', caseId: held.caseId! }, held)).toThrow(/itself/);
    const closed = decideCommand({ type: 'end_case', reason: 'declined_return' }, opened()).reduce(evolve, opened());
    expect(() => decideCommand({ type: 'link_case', caseId: OTHER }, closed)).toThrow(CommandRejected);
  });
});

import type { Actor } from '../shared/actor.js';
import type { Country } from '../shared/countries.js';
import type { ExclusionReason } from './vocabulary.js';

/**
 * A person on the batch, by case id. `in_batch` until both sides confirm (`handed_over`) or the
 * person is excluded on the day; a removed person leaves the map (the events keep the history).
 */
export interface Member {
  status: 'in_batch' | 'handed_over' | 'excluded';
  sending: boolean;
  receiving: boolean;
  exclusion: ExclusionReason | null;
  /** Who signed for each side: an index into `BatchState.confirmers` (null when not recorded). */
  sendingBy?: number | null;
  receivingBy?: number | null;
}

export interface BatchState {
  status: 'new' | 'draft' | 'locked' | 'closed' | 'cancelled';
  version: number;
  batchId: string | null;
  crossingPoint: string | null;
  plannedDate: string | null;
  sendingAgencyId: string | null;
  receivingAgencyId: string | null;
  fromCountry: Country | null;
  toCountry: Country | null;
  /** 0 until the lock issues the first notice; each later change issues the next version. */
  manifestVersion: number;
  members: Record<string, Member>;
  /** Set by the first confirmation: from then on the batch's date, place and list are fixed. */
  handoverStarted: boolean;
  /** The few officials who signed confirmations, each once (members refer to them by index). */
  confirmers: Actor[];
}

export const initialState = (): BatchState => ({
  status: 'new',
  version: 0,
  batchId: null,
  crossingPoint: null,
  plannedDate: null,
  sendingAgencyId: null,
  receivingAgencyId: null,
  fromCountry: null,
  toCountry: null,
  manifestVersion: 0,
  members: {},
  handoverStarted: false,
  confirmers: [],
});

export interface BatchProgress {
  members: number;
  sendingConfirmed: number;
  receivingConfirmed: number;
  handedOver: number;
  excluded: number;
  /** Neither handed over nor excluded yet. */
  awaiting: number;
}

export function progressOf(state: BatchState): BatchProgress {
  const progress: BatchProgress = { members: 0, sendingConfirmed: 0, receivingConfirmed: 0, handedOver: 0, excluded: 0, awaiting: 0 };
  for (const member of Object.values(state.members)) {
    progress.members += 1;
    if (member.sending) progress.sendingConfirmed += 1;
    if (member.receiving) progress.receivingConfirmed += 1;
    if (member.status === 'handed_over') progress.handedOver += 1;
    else if (member.status === 'excluded') progress.excluded += 1;
    else progress.awaiting += 1;
  }
  return progress;
}

/** Every person is accounted for: handed over by both sides or excluded with a reason. */
export const everyoneAccountedFor = (state: BatchState): boolean => {
  const members = Object.values(state.members);
  return members.length > 0 && members.every((m) => m.status !== 'in_batch');
};

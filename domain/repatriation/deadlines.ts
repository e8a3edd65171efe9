/**
 * Deadlines as data: how long each step of a repatriation may wait, and who holds it while it
 * waits. Defaults follow the practice in shared/domain.md (identification within 15 days, weeks
 * for verification steps, follow-up visits 1, 3, 6 and 12 months after return); a corridor may
 * override any of them in configuration, and the set in force is recorded on the case.
 */
import type { Country } from '../shared/countries.js';
import { EXIT_GATES, firstOpenGate, type Gate } from './stages.js';
import type { RepatriationState } from './state.js';

export type Side = 'host' | 'origin';
export type AgencyKind = 'social_welfare' | 'police' | 'immigration' | 'embassy' | 'ngo' | 'multidisciplinary_team';

interface StepRule {
  days: number;
  /** Who must act for the case to move: a side of the border and a kind of agency. */
  holder: { side: Side; agencyKind: AgencyKind };
}

export const STEP_RULES = {
  'identification.screened': { days: 15, holder: { side: 'host', agencyKind: 'multidisciplinary_team' } },
  'identification.identified': { days: 15, holder: { side: 'host', agencyKind: 'multidisciplinary_team' } },
  'identification.consent': { days: 15, holder: { side: 'host', agencyKind: 'social_welfare' } },
  'identification.best_interests': { days: 30, holder: { side: 'host', agencyKind: 'social_welfare' } },
  'identification.guardian': { days: 15, holder: { side: 'host', agencyKind: 'social_welfare' } },
  'verification.verification_requested': { days: 7, holder: { side: 'host', agencyKind: 'social_welfare' } },
  'verification.nationality': { days: 60, holder: { side: 'origin', agencyKind: 'immigration' } },
  'verification.family': { days: 42, holder: { side: 'origin', agencyKind: 'social_welfare' } },
  'verification.travel_document': { days: 28, holder: { side: 'origin', agencyKind: 'embassy' } },
  'handover.scheduled': { days: 30, holder: { side: 'host', agencyKind: 'social_welfare' } },
  'handover.sending_confirmed': { days: 7, holder: { side: 'host', agencyKind: 'social_welfare' } },
  'handover.receiving_confirmed': { days: 7, holder: { side: 'origin', agencyKind: 'social_welfare' } },
  'handover.custody': { days: 7, holder: { side: 'origin', agencyKind: 'social_welfare' } },
  'escort.arrived': { days: 14, holder: { side: 'origin', agencyKind: 'ngo' } },
  'reintegration.plan': { days: 30, holder: { side: 'origin', agencyKind: 'ngo' } },
  // Visits 1, 3, 6 and 12 months after return: each deadline counts from the previous visit.
  'reintegration.follow_up_1': { days: 30, holder: { side: 'origin', agencyKind: 'ngo' } },
  'reintegration.follow_up_2': { days: 61, holder: { side: 'origin', agencyKind: 'ngo' } },
  'reintegration.follow_up_3': { days: 92, holder: { side: 'origin', agencyKind: 'ngo' } },
  'reintegration.follow_up_4': { days: 183, holder: { side: 'origin', agencyKind: 'ngo' } },
  'reintegration.close': { days: 30, holder: { side: 'origin', agencyKind: 'ngo' } },
  // While on hold the step clock is paused; the hold's own review date is the deadline.
  'hold.review': { days: 0, holder: { side: 'host', agencyKind: 'social_welfare' } },
} as const satisfies Record<string, StepRule>;

export type StepId = keyof typeof STEP_RULES;
export const STEP_IDS = Object.keys(STEP_RULES) as StepId[];
const FOLLOW_UP_STEPS = [
  'reintegration.follow_up_1',
  'reintegration.follow_up_2',
  'reintegration.follow_up_3',
  'reintegration.follow_up_4',
] as const;

/** The deadlines in force on one case: recorded on the case when it opens. */
export interface DeadlinePolicy {
  corridor: string;
  days: Record<StepId, number>;
  /** Days after a missed deadline at which the coordinators of both countries are alerted. */
  escalateAfterDays: number;
}

/** Configuration: defaults for every corridor, and per-corridor overrides (key `TH-MM`: host-origin). */
export interface DeadlineOverrides {
  default?: { days?: Partial<Record<StepId, number>>; escalateAfterDays?: number };
  corridors?: Record<string, { days?: Partial<Record<StepId, number>>; escalateAfterDays?: number }>;
}

export const DEFAULT_ESCALATE_AFTER_DAYS = 14;
export const corridorOf = (host: Country, origin: Country): string => `${host}-${origin}`;

export function resolveDeadlinePolicy(host: Country, origin: Country, overrides: DeadlineOverrides = {}): DeadlinePolicy {
  const corridor = corridorOf(host, origin);
  const specific = overrides.corridors?.[corridor];
  const days = Object.fromEntries(STEP_IDS.map((id) => [id, STEP_RULES[id].days])) as Record<StepId, number>;
  return {
    corridor,
    days: { ...days, ...overrides.default?.days, ...specific?.days },
    escalateAfterDays: specific?.escalateAfterDays ?? overrides.default?.escalateAfterDays ?? DEFAULT_ESCALATE_AFTER_DAYS,
  };
}

/** The step an open case is waiting for: the first open gate of its stage, or the hold's review. */
export function currentStep(state: RepatriationState): StepId | null {
  if (state.status !== 'open' || state.stage === null) return null;
  if (state.hold) return 'hold.review';
  return stageStep(state);
}

/** The step an open case's stage waits for, hold or no hold (the step the step clock times). */
export function stageStep(state: RepatriationState): StepId | null {
  if (state.status !== 'open' || state.stage === null) return null;
  if (state.stage === 'reintegration') {
    if (!state.facts.reintegrationPlan) return 'reintegration.plan';
    return FOLLOW_UP_STEPS[state.facts.followUpVisits.length] ?? 'reintegration.close';
  }
  const gate = firstOpenGate(state);
  return gate ? (GATE_STEPS.get(gate) ?? null) : null;
}

/** The step of each stage's gate (`<stage>.<gate>`), or null for a gate without a deadline; made once, not per call. */
const GATE_STEPS = new Map<Gate, StepId | null>(
  Object.entries(EXIT_GATES).flatMap(([stage, gates]) =>
    gates.map((gate): [Gate, StepId | null] => {
      const id = `${stage}.${gate.id}`;
      return [gate, id in STEP_RULES ? (id as StepId) : null];
    }),
  ),
);

export interface StepHolder {
  side: Side;
  agencyKind: AgencyKind;
  country: Country;
}

export function holderOf(step: StepId, state: RepatriationState): StepHolder {
  const { side, agencyKind } = STEP_RULES[step].holder;
  return { side, agencyKind, country: (side === 'host' ? state.hostCountry : state.originCountry)! };
}

/**
 * The repatriation process as the console draws it. Stages, gates and which stage each action
 * belongs to come from the domain's own data (domain/repatriation/stages.ts): one definition for
 * the rules and the screens.
 */
import { ACTION_STAGE, EXIT_GATES, STAGES, type Stage } from '../../../domain/repatriation/stages.js';
import { COUNTRIES } from '../../../domain/shared/countries.js';
import type { CaseDetail } from '../types.js';

export { COUNTRIES, STAGES, type Stage };

/** A case's number as people read it out: the first block of its id, in capitals. */
export const caseNumber = (caseId: string) => caseId.slice(0, 8).toUpperCase();

export function gatesOf(stage: Stage, ageGroup: string): string[] {
  return EXIT_GATES[stage].filter((g) => !g.childOnly || ageGroup === 'child').map((g) => g.id);
}

export type GateState = 'done' | 'missing' | 'pending';

/** Each stage's gates, done or missing, from where the case stands and what it still waits for. */
export function timeline(
  detail: CaseDetail,
): { stage: Stage; state: 'done' | 'current' | 'pending'; gates: { gate: string; state: GateState }[] }[] {
  const current = STAGES.indexOf(detail.stage as Stage);
  const completed =
    detail.status === 'closed' &&
    detail.outcome !== null &&
    ['reintegrated', 'lost_contact', 'referred_to_long_term_services'].includes(detail.outcome);
  const waiting = new Set(detail.waitingFor.map((w) => w.gate));
  return STAGES.map((stage, index) => {
    const before = index < current || completed;
    const state = before ? 'done' : index === current && detail.status !== 'closed' ? 'current' : 'pending';
    return {
      stage,
      state,
      gates: gatesOf(stage, detail.ageGroup).map((gate) => ({
        gate,
        state: before ? 'done' : state === 'current' ? (waiting.has(gate) ? 'missing' : 'done') : 'pending',
      })),
    };
  });
}

const ANY_STAGE = ['place_on_hold', 'release_hold', 'end_case'];
const WATCHING_ROLES = new Set(['auditor', 'admin']);

/**
 * The actions to offer: the API's `allowedActions` when it sends them; until then, the actions
 * of the current stage (the API still refuses any the rules do not allow, and the screen says why).
 */
export function actionsToOffer(detail: CaseDetail, role: string): string[] {
  if (detail.allowedActions) return detail.allowedActions;
  if (detail.status === 'closed' || WATCHING_ROLES.has(role)) return [];
  if (detail.status === 'on_hold') return ['release_hold'];
  const inStage = Object.entries(ACTION_STAGE)
    .filter(([, stage]) => stage === detail.stage)
    .map(([action]) => action)
    .filter((a) => detail.ageGroup === 'child' || !CHILD_ONLY_ACTIONS.has(a));
  return [...inStage, ...ANY_STAGE.filter((a) => a !== 'release_hold')];
}

const CHILD_ONLY_ACTIONS = new Set(['record_best_interests_determination', 'appoint_guardian', 'record_custody_transfer']);

/** The action a task's step is done by: the inbox opens the case at that action. */
export const STEP_ACTION: Record<string, string> = {
  'identification.screened': 'record_screening',
  'identification.identified': 'record_identification',
  'identification.consent': 'record_consent',
  'identification.best_interests': 'record_best_interests_determination',
  'identification.guardian': 'appoint_guardian',
  'verification.verification_requested': 'send_verification_request',
  'verification.nationality': 'record_nationality_verification',
  'verification.family': 'record_family_assessment',
  'verification.travel_document': 'record_travel_document',
  'handover.scheduled': 'schedule_handover',
  'handover.sending_confirmed': 'confirm_handover',
  'handover.receiving_confirmed': 'confirm_handover',
  'handover.custody': 'record_custody_transfer',
  'escort.arrived': 'record_reception',
  'reintegration.plan': 'record_reintegration_plan',
  'reintegration.follow_up_1': 'record_follow_up_visit',
  'reintegration.follow_up_2': 'record_follow_up_visit',
  'reintegration.follow_up_3': 'record_follow_up_visit',
  'reintegration.follow_up_4': 'record_follow_up_visit',
  'reintegration.close': 'close_case',
  'hold.review': 'release_hold',
};

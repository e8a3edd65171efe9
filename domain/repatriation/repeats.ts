/**
 * Whether doing an action again means something, as data. A second follow-up visit on another day
 * is a new fact; the same screening outcome, the same consent or the same handover date twice is
 * not, and is refused (`already-recorded`), so twenty identical requests record one event. Where
 * an action may be corrected (screening, consent, a new handover date before anyone confirms),
 * only the same values again count as a repeat.
 */
import type { ActionOf, ActionType } from './commands.js';
import type { AnyStageAction } from './stages.js';
import type { CaseFacts } from './state.js';

type StageActionType = Exclude<ActionType, AnyStageAction>;

/** True when the action would record nothing the case does not already hold. */
type IsRepeat<K extends StageActionType> = (action: ActionOf<K>, facts: CaseFacts) => boolean;

export const REPEATS: { [K in StageActionType]: IsRepeat<K> } = {
  record_screening: (a, f) => f.screening === a.outcome,
  record_identification: (_a, f) => f.identified,
  record_consent: (a, f) => f.consent === a.consent,
  record_best_interests_determination: (a, f) => f.returnInBestInterests === a.returnInBestInterests,
  appoint_guardian: (a, f) => f.guardianRef === a.guardianRef,
  send_verification_request: (a, f) => f.verificationRequested && f.originFocalPoint === (a.toAgencyId ?? null),
  record_nationality_verification: (a, f) => a.result === 'verified' && f.nationality === 'verified',
  record_family_assessment: (a, f) => f.familyAssessment === a.result,
  record_travel_document: (a, f) => f.travelDocument === a.documentKind,
  schedule_handover: (a, f) => f.handover?.date === a.date && f.handover.crossingPoint === a.crossingPoint,
  confirm_handover: (a, f) => f.handoverConfirmedBy[a.side],
  record_custody_transfer: (_a, f) => f.custodyTransferredTo !== null,
  record_reception: (_a, f) => f.received,
  record_escort_home: (_a, f) => f.escortedHome,
  confirm_arrival: (_a, f) => f.arrived,
  record_reintegration_plan: (_a, f) => f.reintegrationPlan,
  // Each visit is a new fact; the same visit (same day) twice is not.
  record_follow_up_visit: (a, f) => f.followUpVisits.includes(a.visitDate),
  // Closing ends the case: a second close is refused as closed.
  close_case: () => false,
};

export function isRepeat(action: ActionOf<StageActionType>, facts: CaseFacts): boolean {
  return (REPEATS[action.type] as (action: ActionOf<StageActionType>, facts: CaseFacts) => boolean)(action, facts);
}

/** Whether any repeat of this action type is already recorded, whatever its values: for `allowedActions`. */
export const DONE_ONCE: ReadonlySet<StageActionType> = new Set([
  'record_identification',
  'confirm_arrival',
  'record_custody_transfer',
  'record_reception',
  'record_escort_home',
  'record_reintegration_plan',
]);

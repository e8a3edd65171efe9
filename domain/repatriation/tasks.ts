/**
 * The task a case's current step opens for the agency that must act: what to do, by when, and for
 * whom. Host-side steps belong to the owning agency; origin-side verification steps to the focal
 * point the request went to; other origin-side steps to every agency of the right kind there
 * until one claims them.
 */
import type { Deadline, StepId } from './index.js';
import type { RepatriationState } from './state.js';

export interface CaseTask {
  step: StepId;
  title: string;
  /** A concrete agency, or null: any agency of `agencyKind` in `country`. */
  agencyId: string | null;
  agencyKind: string;
  country: string;
  dueAt: string;
}

const TITLES: Record<StepId, (s: RepatriationState) => string> = {
  'identification.screened': () => 'Screen the person (identification interview)',
  'identification.identified': () => 'Record the formal identification decision',
  'identification.consent': () => "Ask for the victim's consent to notify the origin country",
  'identification.best_interests': () => "Carry out the child's best-interests determination",
  'identification.guardian': () => 'Appoint a guardian for the child',
  'verification.verification_requested': () => 'Send the nationality verification and family tracing request',
  'verification.nationality': () => 'Verify nationality',
  'verification.family': () => 'Trace and assess the family',
  'verification.travel_document': () => 'Issue the travel document',
  'handover.scheduled': () => 'Set the handover date and crossing point',
  'handover.sending_confirmed': (s) =>
    `Confirm the handover at ${s.facts.handover?.crossingPoint} on ${s.facts.handover?.date} (sending side)`,
  'handover.receiving_confirmed': (s) => `Receive handover at ${s.facts.handover?.crossingPoint} on ${s.facts.handover?.date}`,
  'handover.custody': () => "Record the transfer of the child's custody",
  'escort.arrived': () => 'Receive, escort home and confirm arrival',
  'reintegration.plan': () => 'Agree the reintegration plan',
  'reintegration.follow_up_1': () => 'Follow-up visit 1 (one month after return)',
  'reintegration.follow_up_2': () => 'Follow-up visit 2 (three months after return)',
  'reintegration.follow_up_3': () => 'Follow-up visit 3 (six months after return)',
  'reintegration.follow_up_4': () => 'Follow-up visit 4 (twelve months after return)',
  'reintegration.close': () => 'Close the case with its outcome',
  'hold.review': (s) => `Review the hold (${s.hold?.reason}) by ${s.hold?.reviewDate}`,
};

const VERIFICATION_STEPS: ReadonlySet<StepId> = new Set([
  'verification.nationality',
  'verification.family',
  'verification.travel_document',
]);

export function taskFor(state: RepatriationState, deadline: Deadline | null): CaseTask | null {
  if (!deadline) return null;
  const { step, holder } = deadline;
  const agencyId = holder.side === 'host' ? state.owningAgencyId : VERIFICATION_STEPS.has(step) ? state.facts.originFocalPoint : null;
  return { step, title: TITLES[step](state), agencyId, agencyKind: holder.agencyKind, country: holder.country, dueAt: deadline.dueAt };
}

/**
 * Who performs each step of a victim's return, as data. The host country's agencies identify the
 * person, ask the origin country to verify, schedule the handover and sign its sending side. The
 * origin country verifies: the focal point the request went to, or an origin agency of the step's
 * kind, verifies nationality, assesses the family and issues the travel document. The origin side
 * signs the receiving side, receives the person, escorts them home and follows up. A handover is
 * signed by each side in its own name, so neither country can sign for the other.
 *
 * The API checks these against the caller's agency (its country and kind) before a command is sent.
 */
import type { RejectionParams } from '../shared/rejection.js';
import type { ActionType } from './commands.js';
import { STEP_RULES, type Side, type StepId } from './deadlines.js';

interface Performer {
  /** Whose country's agencies perform it; `either` for actions any party may take. */
  side: Side | 'either' | 'named_in_action';
  /** An origin verification step: the focal point the request went to, or an agency of this step's kind. */
  verificationStep?: StepId;
}

export const PERFORMERS: Record<ActionType, Performer> = {
  record_screening: { side: 'host' },
  record_identification: { side: 'host' },
  record_consent: { side: 'host' },
  record_best_interests_determination: { side: 'host' },
  appoint_guardian: { side: 'host' },
  send_verification_request: { side: 'host' },
  record_nationality_verification: { side: 'origin', verificationStep: 'verification.nationality' },
  record_family_assessment: { side: 'origin', verificationStep: 'verification.family' },
  record_travel_document: { side: 'origin', verificationStep: 'verification.travel_document' },
  schedule_handover: { side: 'host' },
  confirm_handover: { side: 'named_in_action' },
  // The receiving side records that it took custody of the child (the step's holder, deadlines.ts).
  record_custody_transfer: { side: 'origin' },
  record_reception: { side: 'origin' },
  record_escort_home: { side: 'origin' },
  confirm_arrival: { side: 'origin' },
  record_reintegration_plan: { side: 'origin' },
  record_follow_up_visit: { side: 'origin' },
  close_case: { side: 'origin' },
  end_case: { side: 'either' },
  place_on_hold: { side: 'either' },
  release_hold: { side: 'either' },
};

export interface CaseSides {
  hostCountry: string | null;
  originCountry: string | null;
  facts: { originFocalPoint: string | null };
}

export interface PerformerRefusal {
  message: string;
  params: RejectionParams;
}

/** The side that signs a handover: the sending side is the host's, the receiving side the origin's. */
const sideOfHandover = (side: 'sending' | 'receiving'): Side => (side === 'sending' ? 'host' : 'origin');

/** Why this agency may not perform the action on this case, or null when it may. */
export function refusalForPerformer(
  action: { type: ActionType; side?: 'sending' | 'receiving' },
  kase: CaseSides,
  agency: { agencyId: string; country: string; kind: string },
): PerformerRefusal | null {
  const performer = PERFORMERS[action.type];
  const side: Side | 'either' = performer.side === 'named_in_action' ? sideOfHandover(action.side ?? 'sending') : performer.side;
  if (side === 'either') return null;
  const country = side === 'host' ? kase.hostCountry : kase.originCountry;
  if (agency.country !== country) {
    return {
      message: `${action.type} is performed by the ${side} country (${country}); your agency is in ${agency.country}.`,
      params: { action: action.type, performedBy: side, country },
    };
  }
  if (performer.verificationStep) {
    const kind = STEP_RULES[performer.verificationStep].holder.agencyKind;
    const focalPoint = kase.facts.originFocalPoint;
    if (agency.agencyId !== focalPoint && agency.kind !== kind) {
      return {
        message: `${action.type} is performed by the focal point the verification request went to${focalPoint ? ` (${focalPoint})` : ''} or a ${kind} agency of ${country}; yours is a ${agency.kind} agency.`,
        params: { action: action.type, performedBy: side, country, focalPoint, agencyKinds: [kind] },
      };
    }
  }
  return null;
}

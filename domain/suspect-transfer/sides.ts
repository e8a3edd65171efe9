/**
 * Who performs each step of a suspect transfer, as data: the holding country records what it
 * holds and decides how it lets the person go; the receiving country confirms who the person is
 * and what it wants them for, takes custody and reports the prosecution back. A handover is signed
 * by each side in its own name, so neither country can sign for the other.
 *
 * The API checks these against the caller's agency (its country and kind); the decider checks the
 * role where authority is a rule of the process (approving an extradition).
 */
import type { AgencyKind } from '../agencies/registry.js';
import type { Country } from '../shared/countries.js';
import type { PerformerRefusal } from '../repatriation/sides.js';
import type { Action, ActionType } from './commands.js';

export type Side = 'holding' | 'receiving';

interface Performer {
  /** Whose country's agencies perform it; `either` for actions any party may take. */
  side: Side | 'either' | 'named_in_action';
  /** When present, only agencies of these kinds (besides the country) may perform it. */
  kinds?: readonly AgencyKind[];
}

export const PERFORMERS: Record<ActionType, Performer> = {
  record_arrest: { side: 'holding' },
  confirm_identity: { side: 'receiving' },
  confirm_nationality: { side: 'receiving' },
  confirm_warrant: { side: 'receiving' },
  choose_legal_basis: { side: 'holding' },
  // The requested (holding) state assesses dual criminality and its central authority approves.
  record_dual_criminality: { side: 'holding' },
  approve_extradition: { side: 'holding', kinds: ['central_authority'] },
  approve_transfer: { side: 'holding' },
  schedule_handover: { side: 'holding' },
  confirm_handover: { side: 'named_in_action' },
  record_escort: { side: 'receiving' },
  confirm_custody: { side: 'receiving' },
  report_prosecution_outcome: { side: 'receiving' },
  link_case: { side: 'either' },
  end_transfer: { side: 'either' },
  place_on_hold: { side: 'either' },
  release_hold: { side: 'either' },
};

/**
 * The agencies of the other side that take part in every transfer, besides the owning (holding)
 * agency, as "any agency of this kind in that country": they see the transfer and act on their
 * steps. Party ids use the same form as victim cases' tasks (`kind:<country>:<kind>`).
 */
const PARTY_KINDS: Record<Side, readonly AgencyKind[]> = {
  holding: ['central_authority'],
  receiving: ['police', 'central_authority'],
};

export function transferParties(countries: { holdingCountry: Country; receivingCountry: Country }): string[] {
  return [
    ...PARTY_KINDS.holding.map((kind) => `kind:${countries.holdingCountry}:${kind}`),
    ...PARTY_KINDS.receiving.map((kind) => `kind:${countries.receivingCountry}:${kind}`),
  ];
}

/** Why this agency may not perform the action on this transfer, or null when it may. */
export function refusalForPerformer(
  action: Pick<Action, 'type'> & { side?: 'sending' | 'receiving' },
  countries: { holdingCountry: string; receivingCountry: string },
  agency: { country: string; kind: string },
): PerformerRefusal | null {
  const performer = PERFORMERS[action.type];
  const side: Side | 'either' =
    performer.side === 'named_in_action' ? (action.side === 'receiving' ? 'receiving' : 'holding') : performer.side;
  if (side !== 'either') {
    const country = side === 'holding' ? countries.holdingCountry : countries.receivingCountry;
    if (agency.country !== country) {
      return {
        message: `${action.type} is performed by the ${side} country (${country}); your agency is in ${agency.country}.`,
        params: { action: action.type, performedBy: side, country },
      };
    }
  }
  if (performer.kinds && !performer.kinds.some((kind) => kind === agency.kind)) {
    return {
      message: `${action.type} is performed by a ${performer.kinds.join(' or ')} agency; yours is ${agency.kind}.`,
      params: { action: action.type, performedBy: side, agencyKinds: [...performer.kinds] },
    };
  }
  return null;
}

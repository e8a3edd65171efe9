/**
 * What a transfer waits for, as steps a country performs: each open gate of the current stage, the
 * action that fulfils it, and whose country that is (sides.ts). A reader sees which country must
 * move next, whoever they are; what they themselves may do is `allowedActions`.
 */
import type { Country } from '../shared/countries.js';
import type { ActionType } from './commands.js';
import { PERFORMERS, type Side } from './sides.js';
import { openGates } from './stages.js';
import type { SuspectTransferState } from './state.js';

export interface NextStep {
  gate: string;
  action: ActionType;
  side: Side;
  country: Country;
}

/** The action that makes each gate hold; a handover confirmation is signed by the side it names. */
function stepFor(gate: string, state: SuspectTransferState): { action: ActionType; side?: Side } {
  switch (gate) {
    case 'arrested':
      return { action: 'record_arrest' };
    case 'identity_confirmed':
      return { action: 'confirm_identity' };
    case 'nationality_confirmed':
      return { action: 'confirm_nationality' };
    case 'warrant_confirmed':
      return { action: 'confirm_warrant' };
    case 'basis_chosen':
      return { action: 'choose_legal_basis' };
    case 'dual_criminality':
      return { action: 'record_dual_criminality' };
    case 'basis_approved':
      return { action: state.facts.legalBasis === 'extradition' ? 'approve_extradition' : 'approve_transfer' };
    case 'scheduled':
      return { action: 'schedule_handover' };
    case 'sending_confirmed':
      return { action: 'confirm_handover', side: 'holding' };
    case 'receiving_confirmed':
      return { action: 'confirm_handover', side: 'receiving' };
    case 'escorted':
      return { action: 'record_escort' };
    case 'custody_confirmed':
      return { action: 'confirm_custody' };
    default:
      return { action: 'report_prosecution_outcome' };
  }
}

export function nextSteps(state: SuspectTransferState): NextStep[] {
  // Approval follows the choice of a basis: until then the choice is the one next step.
  const gates = openGates(state).filter((gate) => gate.id !== 'basis_approved' || state.facts.legalBasis !== null);
  return gates.map((gate) => {
    const { action, side: named } = stepFor(gate.id, state);
    const performer = PERFORMERS[action].side;
    const side: Side = named ?? (performer === 'receiving' ? 'receiving' : 'holding');
    return { gate: gate.id, action, side, country: (side === 'holding' ? state.holdingCountry : state.receivingCountry)! };
  });
}

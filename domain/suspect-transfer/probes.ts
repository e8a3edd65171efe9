/** One command per shape that matters, for `allowedActions` (domain/shared/allowed.ts). */
import { PROBE_DATE, PROBE_ID, PROBE_REF } from '../shared/allowed.js';
import type { Action } from './commands.js';
import { LEGAL_BASES } from './vocabulary.js';

export const PROBES: readonly Action[] = [
  { type: 'record_arrest', arrestDate: PROBE_DATE, charges: ['other'] },
  { type: 'confirm_identity', result: 'confirmed' },
  { type: 'confirm_nationality', result: 'confirmed' },
  { type: 'confirm_warrant', result: 'confirmed', warrantKind: 'arrest_warrant', warrantRef: PROBE_REF },
  ...LEGAL_BASES.map((basis): Action => ({ type: 'choose_legal_basis', basis })),
  { type: 'record_dual_criminality', result: 'confirmed' },
  { type: 'approve_extradition' },
  { type: 'approve_transfer' },
  { type: 'schedule_handover', date: PROBE_DATE, crossingPoint: PROBE_REF, evidenceListRef: PROBE_REF },
  { type: 'confirm_handover', side: 'sending' },
  { type: 'confirm_handover', side: 'receiving' },
  { type: 'record_escort', detentionFacilityRef: PROBE_REF },
  { type: 'confirm_custody' },
  { type: 'report_prosecution_outcome', outcome: 'other' },
  { type: 'link_case', caseId: PROBE_ID },
  { type: 'end_transfer', reason: 'other' },
  { type: 'place_on_hold', reason: 'other', reviewDate: PROBE_DATE },
  { type: 'release_hold' },
];

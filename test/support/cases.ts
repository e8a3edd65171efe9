/** Case fixtures: intake requests and the action sequences that walk a case through its stages. */
import type { ApiClient, RequestOptions } from './harness.js';

export function intake(overrides: { ageGroup?: 'adult' | 'child'; hostCountry?: string; originCountry?: string } = {}) {
  return {
    hostCountry: overrides.hostCountry ?? 'TH',
    originCountry: overrides.originCountry ?? 'MM',
    person: {
      sex: 'female',
      ageGroup: overrides.ageGroup ?? 'adult',
      details: { fullName: 'Test Person', dateOfBirth: '2001-04-09', notes: 'fixture only' },
    },
  };
}

export async function openCase(api: ApiClient, body = intake(), options?: RequestOptions): Promise<string> {
  const response = await api.post('/v1/cases', body, options);
  if (response.status !== 201) throw new Error(`open refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.caseId as string;
}

export const IDENTIFICATION = [
  { type: 'record_screening', outcome: 'presumed_victim' },
  { type: 'record_identification' },
  { type: 'record_consent', consent: 'given' },
];
export const CHILD_IDENTIFICATION = [
  ...IDENTIFICATION,
  { type: 'record_best_interests_determination', returnInBestInterests: true },
  { type: 'appoint_guardian', guardianRef: 'guardian-ref-17' },
];
export const VERIFICATION = [
  { type: 'send_verification_request', toAgencyId: 'mm-dsw' },
  { type: 'record_nationality_verification', result: 'verified' },
  { type: 'record_family_assessment', result: 'safe' },
  { type: 'record_travel_document', documentKind: 'certificate_of_identity' },
];
export const HANDOVER = [
  { type: 'schedule_handover', date: '2026-12-15', crossingPoint: 'mae-sot-myawaddy' },
  { type: 'confirm_handover', side: 'sending' },
  { type: 'confirm_handover', side: 'receiving' },
];
export const CHILD_HANDOVER = [
  { type: 'schedule_handover', date: '2026-12-15', crossingPoint: 'mae-sot-myawaddy' },
  { type: 'record_custody_transfer', toAgencyId: 'mm-dsw-myawaddy' },
  { type: 'confirm_handover', side: 'sending' },
  { type: 'confirm_handover', side: 'receiving' },
];
export const ESCORT = [
  { type: 'record_reception', facilityRef: 'mm-dsw-reception-1' },
  { type: 'record_escort_home' },
  { type: 'confirm_arrival' },
];
export const REINTEGRATION = [
  { type: 'record_reintegration_plan' },
  { type: 'record_follow_up_visit', visitDate: '2027-01-15' },
  { type: 'close_case', outcome: 'reintegrated' },
];

export const ADULT_PATH = [...IDENTIFICATION, ...VERIFICATION, ...HANDOVER, ...ESCORT, ...REINTEGRATION];
export const CHILD_PATH = [...CHILD_IDENTIFICATION, ...VERIFICATION, ...CHILD_HANDOVER, ...ESCORT, ...REINTEGRATION];

export async function perform(api: ApiClient, caseId: string, actions: Record<string, unknown>[], options?: RequestOptions) {
  let last: any;
  for (const action of actions) last = await api.act(caseId, action, options);
  return last;
}

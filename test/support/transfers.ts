/** Suspect-transfer fixtures: who acts, the opening request, and the actions that walk a transfer through. */
import type { ApiClient, Caller, RequestOptions } from './harness.js';

/**
 * Thailand's anti-trafficking police hold the person; the Attorney General's office (Thailand's
 * central authority) approves extraditions; China's public-security police receive the person.
 */
export const police: Caller = { userId: 'u-th-atpd-4', agencyId: 'th-atpd', role: 'caseworker' };
export const supervisor: Caller = { userId: 'u-th-atpd-1', agencyId: 'th-atpd', role: 'coordinator' };
export const approver: Caller = { userId: 'u-th-oag-2', agencyId: 'th-oag-central-authority', role: 'approver' };
export const receivingPolice: Caller = { userId: 'u-cn-mps-7', agencyId: 'cn-mps-atd', role: 'caseworker' };

export const transferRequest = (overrides: Record<string, unknown> = {}) => ({
  holdingCountry: 'TH',
  receivingCountry: 'CN',
  nationality: 'CN',
  person: { details: { fullName: 'Suspect Fixture', dateOfBirth: '1988-02-03' } },
  ...overrides,
});

export async function openTransfer(api: ApiClient, body = transferRequest(), options: RequestOptions = { as: police }): Promise<string> {
  const response = await api.post('/v1/transfers', body, options);
  if (response.status !== 201) throw new Error(`open transfer refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.caseId as string;
}

export async function act(api: ApiClient, caseId: string, action: Record<string, unknown>, as: Caller = police) {
  const response = await api.post(`/v1/transfers/${caseId}/actions`, action, { as });
  if (response.status !== 200) throw new Error(`${String(action.type)} refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const ARREST = { type: 'record_arrest', arrestDate: '2026-01-10', charges: ['trafficking_in_persons', 'online_scam_fraud'] };
/** Done by the receiving country. */
export const CONFIRMATION = [
  { type: 'confirm_identity', result: 'confirmed' },
  { type: 'confirm_nationality', result: 'confirmed' },
  { type: 'confirm_warrant', result: 'confirmed', warrantKind: 'arrest_warrant', warrantRef: 'cn-mps-w-2026-0042' },
];

/** The holding police record the arrest; the receiving police confirm who the person is. */
export async function arrestAndConfirm(api: ApiClient, caseId: string, holding: Caller = police, receiving: Caller = receivingPolice) {
  await act(api, caseId, ARREST, holding);
  for (const action of CONFIRMATION) await act(api, caseId, action, receiving);
}

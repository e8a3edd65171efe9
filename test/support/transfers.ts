/** Suspect-transfer fixtures: who acts, the opening request, and the actions that walk a transfer through. */
import type { ApiClient, Caller, RequestOptions } from './harness.js';

/** Thailand's anti-trafficking police hold the person; the Attorney General's approver signs extraditions. */
export const police: Caller = { userId: 'u-th-atpd-4', agencyId: 'th-atpd', role: 'caseworker' };
export const supervisor: Caller = { userId: 'u-th-atpd-1', agencyId: 'th-atpd', role: 'coordinator' };
export const approver: Caller = { userId: 'u-th-atpd-ag', agencyId: 'th-atpd', role: 'approver' };

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

export const ARREST_AND_CONFIRMATION = [
  { type: 'record_arrest', arrestDate: '2026-01-10', charges: ['trafficking_in_persons', 'online_scam_fraud'] },
  { type: 'confirm_identity', result: 'confirmed' },
  { type: 'confirm_nationality', result: 'confirmed' },
  { type: 'confirm_warrant', result: 'confirmed', warrantKind: 'arrest_warrant', warrantRef: 'cn-mps-w-2026-0042' },
];

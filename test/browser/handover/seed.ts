/**
 * Seeding through the API as the people who do each step: TH->MM victim cases brought to the
 * handover stage (Thai social welfare identifies, Myanmar verifies), and handover batches.
 */
import { expect } from '@playwright/test';
import { callApi } from '../support/console.js';

export async function caseAtHandover(): Promise<string> {
  const opened = await callApi<{ caseId: string }>('thai', 'POST', '/v1/cases', {
    hostCountry: 'TH',
    originCountry: 'MM',
    person: { sex: 'female', ageGroup: 'adult', details: { fullName: 'Naw Htoo Paw' } },
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.caseId;
  const steps: ['thai' | 'burmese', Record<string, unknown>][] = [
    ['thai', { type: 'record_screening', outcome: 'presumed_victim' }],
    ['thai', { type: 'record_identification' }],
    ['thai', { type: 'record_consent', consent: 'given' }],
    ['thai', { type: 'send_verification_request', toAgencyId: 'mm-dsw' }],
    ['burmese', { type: 'record_nationality_verification', result: 'verified' }],
    ['burmese', { type: 'record_family_assessment', result: 'safe' }],
    ['burmese', { type: 'record_travel_document', documentKind: 'certificate_of_identity' }],
  ];
  for (const [who, action] of steps) {
    const answer = await callApi(who, 'POST', `/v1/cases/${caseId}/actions`, action);
    expect(answer.status, `${String(action.type)}: ${JSON.stringify(answer.body)}`).toBe(200);
  }
  return caseId;
}

/** A batch TH -> MM at Mae Sot, planned by Thai social welfare for Myanmar's, with these cases, locked. */
export async function lockedBatch(caseIds: string[], plannedDate: string): Promise<string> {
  const planned = await callApi<{ batchId: string }>('thai', 'POST', '/v1/batches', {
    crossingPoint: 'mae-sot-myawaddy',
    plannedDate,
    sendingAgencyId: 'th-dsdhs-bangkok',
    receivingAgencyId: 'mm-dsw',
    fromCountry: 'TH',
    toCountry: 'MM',
  });
  expect(planned.status).toBe(201);
  const batchId = planned.body.batchId;
  expect((await callApi('thai', 'POST', `/v1/batches/${batchId}/cases`, { add: caseIds })).status).toBe(200);
  expect((await callApi('thai', 'POST', `/v1/batches/${batchId}/lock`, {})).status).toBe(200);
  return batchId;
}

/** Suspect transfers over HTTP on the real Temporal dev server and Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import {
  act,
  approver,
  ARREST,
  arrestAndConfirm,
  CONFIRMATION,
  openTransfer,
  police,
  receivingPolice,
  supervisor,
  transferRequest,
} from '../support/transfers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const eventTypes = async (caseId: string): Promise<string[]> =>
  (await h.api.get(`/v1/cases/${caseId}/events`, { as: police })).body.items.map((e: { type: string }) => e.type);

describe('a suspect transfer', () => {
  it('runs an extradition from arrest to the prosecution outcome, approved by the central authority', async () => {
    const caseId = await openTransfer(h.api);
    await arrestAndConfirm(h.api, caseId);
    await act(h.api, caseId, { type: 'choose_legal_basis', basis: 'extradition' });

    // Without dual criminality, and by anyone but an approver, the extradition is refused.
    const early = await h.api.post(`/v1/transfers/${caseId}/actions`, { type: 'approve_extradition' }, { as: approver });
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/dual criminality/i);
    await act(h.api, caseId, { type: 'record_dual_criminality', result: 'confirmed' });
    const centralAuthorityCoordinator = { userId: 'u-th-oag-1', agencyId: 'th-oag-central-authority', role: 'coordinator' } as const;
    const byCoordinator = await h.api.post(
      `/v1/transfers/${caseId}/actions`,
      { type: 'approve_extradition' },
      { as: centralAuthorityCoordinator },
    );
    expect(byCoordinator.status).toBe(422);
    expect(byCoordinator.body).toMatchObject({ stage: 'legal_basis' });
    expect(byCoordinator.body.detail).toMatch(/approver/);
    const approved = await act(h.api, caseId, { type: 'approve_extradition', decisionRef: 'th-ag-ext-2026-7' }, approver);
    expect(approved).toMatchObject({ stage: 'handover', legalBasis: 'extradition' });

    await act(h.api, caseId, {
      type: 'schedule_handover',
      date: '2026-02-20',
      airportRef: 'bkk-suvarnabhumi',
      evidenceListRef: 'ev-2026-113',
    });
    const oneSide = await act(h.api, caseId, { type: 'confirm_handover', side: 'sending' });
    expect(oneSide.waitingFor.map((g: { gate: string }) => g.gate)).toEqual(['receiving_confirmed']);
    // Each side signs in its own name: the holding police cannot sign for the receiving side.
    const forTheOtherSide = await h.api.post(
      `/v1/transfers/${caseId}/actions`,
      { type: 'confirm_handover', side: 'receiving' },
      { as: police },
    );
    expect(forTheOtherSide.status).toBe(403);
    expect(forTheOtherSide.body.detail).toMatch(/receiving country \(CN\)/);
    await act(h.api, caseId, { type: 'confirm_handover', side: 'receiving' }, receivingPolice);
    await act(h.api, caseId, { type: 'record_escort', detentionFacilityRef: 'cn-yn-detention-3' }, receivingPolice);
    const custody = await act(h.api, caseId, { type: 'confirm_custody' }, receivingPolice);
    expect(custody.stage).toBe('prosecution');
    const closed = await act(h.api, caseId, { type: 'report_prosecution_outcome', outcome: 'convicted' }, receivingPolice);
    expect(closed).toMatchObject({ status: 'closed', outcome: { code: 'convicted', completed: true } });

    const types = await eventTypes(caseId);
    expect(types).toEqual(
      expect.arrayContaining([
        'TransferOpened',
        'DualCriminalityRecorded',
        'LegalBasisApproved',
        'HandoverScheduled',
        'CustodyConfirmed',
        'ProsecutionOutcomeReported',
        'CaseClosed',
      ]),
    );
    const approval = (await h.api.get(`/v1/cases/${caseId}/events`, { as: police })).body.items.find(
      (e: { type: string }) => e.type === 'LegalBasisApproved',
    );
    expect(approval).toMatchObject({
      data: { basis: 'extradition', approverRole: 'approver', decisionRef: 'th-ag-ext-2026-7' },
      actorId: approver.userId,
    });

    const detail = await h.api.get(`/v1/transfers/${caseId}`, { as: police });
    expect(detail.body).toMatchObject({
      status: 'closed',
      stage: 'prosecution',
      holdingCountry: 'TH',
      receivingCountry: 'CN',
      person: { erased: false, details: { fullName: 'Suspect Fixture' } },
    });
    expect(detail.body.facts).toMatchObject({ dualCriminality: 'confirmed', prosecutionOutcome: 'convicted' });
  });

  it('appears in the case list and case detail beside victim cases, with kind suspect_transfer', async () => {
    const laoPolice = { userId: 'u-la-atd-3', agencyId: 'la-police-atd', role: 'caseworker' } as const;
    const caseId = await openTransfer(h.api, transferRequest({ holdingCountry: 'LA', receivingCountry: 'CN' }), { as: laoPolice });
    const listed = await h.api.get('/v1/cases?country=LA&limit=200', { as: laoPolice });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((c: { caseId: string }) => c.caseId === caseId)).toMatchObject({
      kind: 'suspect_transfer',
      stage: 'arrest',
      hostCountry: 'LA',
      originCountry: 'CN',
    });
    const detail = await h.api.get(`/v1/cases/${caseId}`, { as: laoPolice });
    expect(detail.body).toMatchObject({
      kind: 'suspect_transfer',
      stage: 'arrest',
      waitingFor: [{ gate: 'arrested', requirement: expect.any(String) }],
    });
    // A victim-case action sent to a transfer is refused, pointing at the transfer's own actions.
    const misrouted = await h.api.post(`/v1/cases/${caseId}/actions`, { type: 'end_case', reason: 'other' }, { as: laoPolice });
    expect(misrouted.status).toBe(409);
    expect(misrouted.body.detail).toMatch(/\/v1\/transfers\//);
  });

  it('refuses a wrong-stage action with 409 naming the stage, and ends early with a reason', async () => {
    const caseId = await openTransfer(h.api);
    const wrong = await h.api.post(`/v1/transfers/${caseId}/actions`, { type: 'confirm_custody' }, { as: receivingPolice });
    expect(wrong.status).toBe(409);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body).toMatchObject({ stage: 'arrest' });
    expect(await eventTypes(caseId)).toEqual(['TransferOpened']);

    const ended = await act(h.api, caseId, { type: 'end_transfer', reason: 'charges_dropped' });
    expect(ended).toMatchObject({ status: 'closed', outcome: { code: 'charges_dropped', completed: false } });
    const after = await h.api.post(
      `/v1/transfers/${caseId}/actions`,
      { type: 'record_arrest', arrestDate: '2026-01-10', charges: ['other'] },
      { as: police },
    );
    expect(after.status).toBe(409);
  });

  it('a police-to-police MOU transfer needs a supervisor to approve it, not the caseworker', async () => {
    const caseId = await openTransfer(h.api);
    await arrestAndConfirm(h.api, caseId);
    await act(h.api, caseId, { type: 'choose_legal_basis', basis: 'police_to_police_mou' });
    const self = await h.api.post(`/v1/transfers/${caseId}/actions`, { type: 'approve_transfer' }, { as: police });
    expect(self.status).toBe(422);
    expect((await act(h.api, caseId, { type: 'approve_transfer' }, supervisor)).stage).toBe('handover');
  });

  it('each country does its own steps: the receiving police see the person and confirm identity, the holding side cannot', async () => {
    const forAnotherCountry = await h.api.post('/v1/transfers', transferRequest({ holdingCountry: 'LA' }), { as: police });
    expect(forAnotherCountry.status).toBe(400);
    expect(forAnotherCountry.body.errors).toEqual([
      expect.objectContaining({ field: 'body.holdingCountry', reason: expect.stringMatching(/TH/) }),
    ]);
    const caseId = await openTransfer(h.api);
    await act(h.api, caseId, ARREST, police);
    const byHolding = await h.api.post(`/v1/transfers/${caseId}/actions`, CONFIRMATION[0], { as: police });
    expect(byHolding.status).toBe(403);
    expect(byHolding.body.detail).toMatch(/receiving country \(CN\)/);

    // The receiving police find it among their cases and see whom they are asked to confirm.
    const listed = await h.api.get('/v1/cases?limit=200', { as: receivingPolice });
    expect(listed.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    const seen = await h.api.get(`/v1/transfers/${caseId}`, { as: receivingPolice });
    expect(seen.status).toBe(200);
    expect(seen.body.person).toMatchObject({ details: { fullName: 'Suspect Fixture' } });
    for (const action of CONFIRMATION) await act(h.api, caseId, action, receivingPolice);
    // A third country's police see nothing.
    expect(
      (await h.api.get(`/v1/transfers/${caseId}`, { as: { userId: 'u-mm-9', agencyId: 'mm-atipd', role: 'caseworker' } })).status,
    ).toBe(404);

    await act(h.api, caseId, { type: 'choose_legal_basis', basis: 'extradition' });
    await act(h.api, caseId, { type: 'record_dual_criminality', result: 'confirmed' });
    // Extradition is approved by the holding country's central authority, not by a police approver nor the requesting side.
    const policeApprover = await h.api.post(
      `/v1/transfers/${caseId}/actions`,
      { type: 'approve_extradition' },
      { as: { userId: 'u-th-atpd-9', agencyId: 'th-atpd', role: 'approver' } },
    );
    expect(policeApprover.status).toBe(403);
    expect(policeApprover.body.detail).toMatch(/central_authority/);
    const requestingSide = await h.api.post(
      `/v1/transfers/${caseId}/actions`,
      { type: 'approve_extradition' },
      { as: { userId: 'u-cn-moj-1', agencyId: 'cn-mps-central-authority', role: 'approver' } },
    );
    expect(requestingSide.status).toBe(403);
    expect((await act(h.api, caseId, { type: 'approve_extradition' }, approver)).stage).toBe('handover');
    expect(
      (await h.api.get(`/v1/cases/${caseId}/events`, { as: police })).body.items.filter(
        (e: { type: string }) => e.type === 'LegalBasisApproved',
      ),
    ).toHaveLength(1);
  });

  it('bad input is a 400 naming the field; unknown transfers are 404; an NGO worker cannot open one', async () => {
    const bad = await h.api.post('/v1/transfers', transferRequest({ nationality: 'china', extra: 1 }), { as: police });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.nationality', 'body.extra']));
    const same = await h.api.post('/v1/transfers', transferRequest({ receivingCountry: 'TH' }), { as: police });
    expect(same.status).toBe(400);
    expect(same.body.errors).toEqual([
      expect.objectContaining({ field: 'body.receivingCountry', reason: expect.stringMatching(/differ/) }),
    ]);
    const caseId = await openTransfer(h.api);
    const noType = await h.api.post(
      `/v1/transfers/${caseId}/actions`,
      { type: 'record_screening', outcome: 'presumed_victim' },
      { as: police },
    );
    expect(noType.status).toBe(400);
    expect((await h.api.get('/v1/transfers/8d0a1f64-5a8a-4f4b-9d61-2d1f3b0b2c11', { as: police })).status).toBe(404);
    const ngo = await h.api.post('/v1/transfers', transferRequest(), {
      as: { userId: 'u-ngo-1', agencyId: 'th-ngo-shelter', role: 'ngo_worker' },
    });
    expect(ngo.status).toBe(403);
  });
});

/** Links between cases and track changes between victim and suspect, on the real services. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFICATION, openCase, perform } from '../support/cases.js';
import { caseworker, startHarness, type Harness } from '../support/harness.js';
import { act, openTransfer, police, supervisor, transferRequest } from '../support/transfers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const events = async (caseId: string, as = police) =>
  (await h.api.get(`/v1/cases/${caseId}/events`, { as })).body.items as { type: string; data: Record<string, unknown> }[];
const linkedTo = async (caseId: string, as = police) =>
  (await events(caseId, as)).filter((e) => e.type === 'CaseLinked').map((e) => e.data.caseId);

describe('links between cases', () => {
  it('a link is an event on both streams and shows on each case; linking again records nothing', async () => {
    const transfer = await openTransfer(h.api);
    const other = await openTransfer(h.api);
    const linked = await h.api.post(`/v1/cases/${transfer}/links`, { caseId: other }, { as: police });
    expect(linked.status).toBe(200);
    expect(linked.body.links).toEqual([
      expect.objectContaining({ caseId: other, kind: 'suspect_transfer', stage: 'arrest', status: 'open' }),
    ]);
    expect(await linkedTo(transfer)).toEqual([other]);
    expect(await linkedTo(other)).toEqual([transfer]);
    expect((await h.api.get(`/v1/cases/${other}/links`, { as: police })).body.links.map((l: { caseId: string }) => l.caseId)).toEqual([
      transfer,
    ]);

    const again = await h.api.post(`/v1/cases/${other}/links`, { caseId: transfer }, { as: police });
    expect(again.status).toBe(200);
    expect(await linkedTo(transfer)).toEqual([other]);
    expect(await linkedTo(other)).toEqual([transfer]);
  });

  it('links a victim case and a transfer, both ways, at opening or through the transfer action', async () => {
    // A Thai police coordinator sees the Thai victim cases (a caseworker sees only their agency's own).
    const victim = await openCase(h.api);
    const transfer = await openTransfer(h.api, transferRequest({ linkedCaseIds: [victim] }), { as: supervisor });
    expect(await linkedTo(victim, caseworker)).toEqual([transfer]);
    expect(await linkedTo(transfer)).toEqual([victim]);

    const second = await openCase(h.api);
    const view = await act(h.api, transfer, { type: 'link_case', caseId: second }, supervisor);
    expect(view.linkedCaseIds).toEqual([victim, second]);
    expect(await linkedTo(second, caseworker)).toEqual([transfer]);
    expect((await h.api.get(`/v1/cases/${second}/links`, { as: supervisor })).body.links).toEqual([
      expect.objectContaining({ caseId: transfer, kind: 'suspect_transfer' }),
    ]);
    // The shelter's caseworker sees the link in the history but not the police case behind it.
    expect((await h.api.get(`/v1/cases/${second}/links`)).body.links).toEqual([]);
  });

  it('a case another agency cannot see is, to that agency, no case to link', async () => {
    const victim = await openCase(h.api);
    const transfer = await openTransfer(h.api);
    const hidden = await h.api.post(`/v1/cases/${transfer}/links`, { caseId: victim }, { as: police });
    expect(hidden.status).toBe(422);
    expect(hidden.body.errors).toEqual([expect.objectContaining({ field: 'body.caseId', reason: 'no such case' })]);
  });

  it('refuses to link a case to itself, to an unknown case, or to a closed one, naming the field', async () => {
    const transfer = await openTransfer(h.api);
    const self = await h.api.post(`/v1/cases/${transfer}/links`, { caseId: transfer }, { as: police });
    expect(self.status).toBe(422);
    expect(self.body.errors).toEqual([
      expect.objectContaining({ field: 'body.caseId', reason: 'a case cannot be linked to itself', code: 'self-link' }),
    ]);
    const unknown = await h.api.post(`/v1/cases/${transfer}/links`, { caseId: '8d0a1f64-5a8a-4f4b-9d61-2d1f3b0b2c11' }, { as: police });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.caseId', reason: 'no such case' })]);
    const closed = await openTransfer(h.api);
    await act(h.api, closed, { type: 'end_transfer', reason: 'released' });
    const toClosed = await h.api.post(`/v1/cases/${transfer}/links`, { caseId: closed }, { as: police });
    expect(toClosed.status).toBe(422);
    expect(toClosed.body.errors[0].reason).toMatch(/closed \(released\)/);
    expect(await linkedTo(transfer)).toEqual([]);
  });
});

describe('track changes', () => {
  it('a suspect re-screened as a victim: the transfer closes, a linked victim case opens, both histories stay', async () => {
    const transfer = await openTransfer(h.api, transferRequest({ holdingCountry: 'TH', receivingCountry: 'MM', nationality: 'MM' }));
    await act(h.api, transfer, { type: 'record_arrest', arrestDate: '2026-01-10', charges: ['online_scam_fraud'] });
    const changed = await h.api.post(
      `/v1/transfers/${transfer}/rescreen-as-victim`,
      { person: { sex: 'male', ageGroup: 'adult' } },
      { as: police },
    );
    expect(changed.status).toBe(201);
    const victim = changed.body.to.caseId;
    expect(changed.body).toEqual({
      from: { caseId: transfer, kind: 'suspect_transfer', status: 'closed', outcome: 'rescreened_as_victim' },
      to: { caseId: victim, kind: 'victim_repatriation', status: 'open', stage: 'identification' },
    });

    const transferHistory = (await events(transfer)).map((e) => e.type);
    expect(transferHistory).toEqual([
      'TransferOpened',
      'ArrestRecorded',
      'StageAdvanced',
      'CaseLinked',
      'RescreenedAsVictim',
      'CaseClosed',
    ]);
    expect((await events(victim)).map((e) => e.type)).toEqual(expect.arrayContaining(['CaseOpened', 'CaseLinked']));
    expect(await linkedTo(victim)).toEqual([transfer]);
    expect(await linkedTo(transfer)).toEqual([victim]);

    // Same person, on the victim track now: the victim case is hosted where the person is held.
    const victimCase = await h.api.get(`/v1/cases/${victim}`, { as: police });
    const transferCase = await h.api.get(`/v1/transfers/${transfer}`, { as: police });
    expect(victimCase.body).toMatchObject({ kind: 'victim_repatriation', hostCountry: 'TH', originCountry: 'MM', sex: 'male' });
    expect(victimCase.body.person.personId).toBe(transferCase.body.person.personId);

    // Repeating the request finishes nothing new and opens no second case.
    const again = await h.api.post(
      `/v1/transfers/${transfer}/rescreen-as-victim`,
      { person: { sex: 'male', ageGroup: 'adult' } },
      { as: police },
    );
    expect(again.status).toBe(201);
    expect(again.body.to.caseId).toBe(victim);
    expect(await linkedTo(victim)).toEqual([transfer]);
  });

  it('a victim re-screened as a suspect: the victim case closes, a linked transfer opens', async () => {
    const victim = await openCase(h.api);
    await perform(h.api, victim, IDENTIFICATION);
    const changed = await h.api.post(`/v1/cases/${victim}/rescreen-as-suspect`, { receivingCountry: 'MM' });
    expect(changed.status).toBe(201);
    const transfer = changed.body.to.caseId;
    expect(changed.body.from).toEqual({
      caseId: victim,
      kind: 'victim_repatriation',
      status: 'closed',
      outcome: 'transferred_to_suspect_track',
    });
    expect(changed.body.to).toMatchObject({ kind: 'suspect_transfer', status: 'open', stage: 'arrest' });
    expect(await linkedTo(victim, caseworker)).toEqual([transfer]);
    expect(await linkedTo(transfer, caseworker)).toEqual([victim]);
    const history = (await events(victim, caseworker)).map((e) => e.type);
    expect(history).toEqual(expect.arrayContaining(['CaseOpened', 'ScreeningRecorded', 'VictimIdentified', 'ConsentRecorded']));
    expect(history.slice(-2)).toEqual(['CaseLinked', 'CaseClosed']);
    const transferDetail = await h.api.get(`/v1/transfers/${transfer}`, { as: caseworker });
    expect(transferDetail.body).toMatchObject({ holdingCountry: 'TH', receivingCountry: 'MM', nationality: 'MM', linkedCaseIds: [victim] });
  });
});

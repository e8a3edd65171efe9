/**
 * What the console's casework screens read, on the real services: the case list filtered by kind
 * and by overdue (keyset pages as without filters) with each case's deadline; people's names in a
 * case's history and in the inbox; my agency's colleagues by name; the requests a case page may offer.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, openCase } from '../support/cases.js';
import { createAccount } from '../support/accounts.js';
import { startHarness, type ApiResponse, type Caller, type Harness } from '../support/harness.js';
import { openTransfer, transferRequest } from '../support/transfers.js';

const DAY_S = 86_400;
let h: Harness;
beforeAll(async () => {
  // Cases on the LA-VN corridor fall due a second after opening; LA-KH keeps the default deadlines.
  h = await startHarness({ deadlineOverrides: { corridors: { 'LA-VN': { days: { 'identification.screened': 1 / DAY_S } } } } });
});
afterAll(async () => h?.stop());

/** Lao police: they open victim cases (host LA) and suspect transfers (holding LA) alike. */
const laoPolice: Caller = { userId: 'u-la-police-1', agencyId: 'la-police-atd', role: 'caseworker' };

async function allPages(query: string, as: Caller, limit: number): Promise<{ caseId: string; [k: string]: unknown }[]> {
  const items: { caseId: string }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const response: ApiResponse = await h.api.get(`/v1/cases?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { as });
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

describe('the case list for the console', () => {
  it('filters by kind and by overdue, a keyset page at a time, and answers each case its deadline', async () => {
    const overdue = [] as string[];
    for (let i = 0; i < 3; i++) overdue.push(await openCase(h.api, intake({ hostCountry: 'LA', originCountry: 'VN' }), { as: laoPolice }));
    const onTime = await openCase(h.api, intake({ hostCountry: 'LA', originCountry: 'KH' }), { as: laoPolice });
    const transfer = await openTransfer(h.api, transferRequest({ holdingCountry: 'LA', receivingCountry: 'CN', nationality: 'CN' }), {
      as: laoPolice,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the LA-VN deadlines pass

    const overduePages = await allPages('overdue=true', laoPolice, 2);
    const overdueIds = overduePages.map((c) => c.caseId);
    expect(overdueIds).toEqual(expect.arrayContaining(overdue));
    expect(overdueIds).not.toContain(onTime);
    expect(new Set(overdueIds).size).toBe(overdueIds.length); // pages neither repeat nor skip
    for (const item of overduePages.filter((c) => overdue.includes(c.caseId))) {
      expect(item).toMatchObject({ overdue: true, step: 'identification.screened', status: 'open' });
      expect(Date.parse(String(item.stepDueAt))).toBeLessThan(Date.now());
    }

    const notOverdue = await allPages('overdue=false', laoPolice, 2);
    expect(notOverdue.map((c) => c.caseId)).toEqual(expect.arrayContaining([onTime]));
    expect(notOverdue.map((c) => c.caseId)).not.toEqual(expect.arrayContaining([overdue[0]]));
    const onTimeItem = notOverdue.find((c) => c.caseId === onTime)!;
    expect(onTimeItem).toMatchObject({ overdue: false, step: 'identification.screened' });
    expect(Date.parse(String(onTimeItem.stepDueAt))).toBeGreaterThan(Date.now() + 10 * DAY_S * 1000);

    const transfers = await allPages('kind=suspect_transfer', laoPolice, 2);
    expect(transfers.map((c) => c.caseId)).toContain(transfer);
    expect(transfers.every((c) => c.kind === 'suspect_transfer')).toBe(true);
    const victims = await allPages('kind=victim_repatriation&overdue=true', laoPolice, 50);
    expect(victims.map((c) => c.caseId)).toEqual(expect.arrayContaining(overdue));
    expect(victims.every((c) => c.kind === 'victim_repatriation' && c.overdue === true)).toBe(true);

    // Newest first, as without filters.
    const mine = overduePages.filter((c) => overdue.includes(c.caseId)).map((c) => c.caseId);
    expect(mine).toEqual([...overdue].reverse());
  });

  it('refuses a filter value it does not know, naming the field', async () => {
    const response = await h.api.get('/v1/cases?kind=shelter_referral', { as: laoPolice });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('kind');
    const overdue = await h.api.get('/v1/cases?overdue=sometimes', { as: laoPolice });
    expect(overdue.status).toBe(400);
  });
});

describe("people's names", () => {
  it("a case's history names who acted and their agency; the inbox names the assignee and who assigned it; colleagues are my agency's", async () => {
    const suffix = randomUUID().slice(0, 8);
    const somchai = await createAccount(h.db, {
      username: `somchai-${suffix}`,
      displayName: 'Somchai Kittisak',
      password: 'correct horse battery staple',
      agencyId: 'th-shelter-tak',
      role: 'caseworker',
    });
    const nok = await createAccount(h.db, {
      username: `nok-${suffix}`,
      displayName: 'Nok Wongsa',
      password: 'correct horse battery staple',
      agencyId: 'th-shelter-tak',
      role: 'caseworker',
    });
    const other = await createAccount(h.db, {
      username: `aye-${suffix}`,
      displayName: 'Aye Aye Myint',
      password: 'correct horse battery staple',
      agencyId: 'mm-dsw',
      role: 'caseworker',
    });
    const asSomchai: Caller = { userId: somchai.userId, agencyId: 'th-shelter-tak', role: 'caseworker' };
    const caseId = await openCase(h.api, intake(), { as: asSomchai });
    const history = await h.api.get(`/v1/cases/${caseId}/events`, { as: asSomchai });
    expect(history.status).toBe(200);
    const opened = history.body.items.find((e: { type: string }) => e.type === 'CaseOpened');
    expect(opened).toMatchObject({
      actorId: somchai.userId,
      actorKind: 'person',
      actorName: 'Somchai Kittisak',
      agencyId: 'th-shelter-tak',
      agencyName: expect.any(String),
    });
    expect(opened.agencyName).not.toBe('th-shelter-tak');

    const colleagues = await h.api.get('/v1/colleagues', { as: asSomchai });
    expect(colleagues.status).toBe(200);
    const names = colleagues.body.items.map((c: { displayName: string }) => c.displayName);
    expect(names).toEqual(expect.arrayContaining(['Somchai Kittisak', 'Nok Wongsa']));
    expect(names).not.toContain('Aye Aye Myint');
    // Names only: no usernames, roles or anything of the sign-in.
    for (const item of colleagues.body.items) expect(Object.keys(item).sort()).toEqual(['displayName', 'userId']);

    const task = (await h.api.get(`/v1/inbox?caseId=${caseId}`, { as: asSomchai })).body.items[0];
    expect(task).toMatchObject({ assignee: null, assigneeName: null, assignedBy: null });
    expect((await h.api.post(`/v1/tasks/${task.taskId}/assign`, { userId: nok.userId }, { as: asSomchai })).status).toBe(200);
    const assigned = (await h.api.get(`/v1/inbox?caseId=${caseId}`, { as: asSomchai })).body.items[0];
    expect(assigned).toMatchObject({
      assignee: nok.userId,
      assigneeName: 'Nok Wongsa',
      assignedBy: somchai.userId,
      assignedByName: 'Somchai Kittisak',
    });
    // Another agency's account, or an id that is no account, is refused at the field, and the task stays with Nok.
    for (const userId of [other.userId, 'u-nobody']) {
      const refused = await h.api.post(`/v1/tasks/${task.taskId}/assign`, { userId }, { as: asSomchai });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation', errors: [{ field: 'body.userId', code: 'not-a-colleague' }] });
    }
    expect((await h.api.get(`/v1/inbox?caseId=${caseId}`, { as: asSomchai })).body.items[0]).toMatchObject({ assignee: nok.userId });
  });

  it('an actor that is no account is said as what it is', async () => {
    const caseId = await openCase(h.api, intake({ hostCountry: 'LA', originCountry: 'KH' }), { as: laoPolice });
    const opened = (await h.api.get(`/v1/cases/${caseId}/events`, { as: laoPolice })).body.items[0];
    expect(opened).toMatchObject({ actorId: laoPolice.userId, actorKind: 'unknown', actorName: null });
  });
});

describe('the requests a case page may offer', () => {
  it('link and track change for the host side acting on an open case; nothing for a watcher or a closed case', async () => {
    const caseId = await openCase(h.api, intake({ hostCountry: 'LA', originCountry: 'KH' }), { as: laoPolice });
    expect((await h.api.get(`/v1/cases/${caseId}`, { as: laoPolice })).body.allowedRequests).toEqual(['link', 'rescreen_as_suspect']);
    const auditor: Caller = { userId: 'u-la-audit', agencyId: 'la-mlsw', role: 'auditor' };
    expect((await h.api.get(`/v1/cases/${caseId}`, { as: auditor })).body.allowedRequests).toEqual([]);
    const transfer = await openTransfer(h.api, transferRequest({ holdingCountry: 'LA', receivingCountry: 'CN', nationality: 'CN' }), {
      as: laoPolice,
    });
    expect((await h.api.get(`/v1/cases/${transfer}`, { as: laoPolice })).body.allowedRequests).toEqual(['link', 'rescreen_as_victim']);
    await h.api.act(caseId, { type: 'end_case', reason: 'declined_return' }, { as: laoPolice });
    expect((await h.api.get(`/v1/cases/${caseId}`, { as: laoPolice })).body.allowedRequests).toEqual([]);
  });
});

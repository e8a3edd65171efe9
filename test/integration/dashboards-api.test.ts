/**
 * The API behind the coordinators' and auditors' screens, on the real services: stalled cases with
 * the stage and agency filters and keyset pages, the flow over months, the audit log's filters,
 * pages and CSV export, and the capabilities `GET /v1/me` names. Deadlines on the VN-CN corridor
 * are a second long here, so the cases this file opens are overdue almost at once. The test
 * database is shared with other files running at the same time: each check looks at this file's
 * own cases or compares before and after.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_RULES, type StepId } from '../../domain/repatriation/index.js';
import { intake, openCase } from '../support/cases.js';
import { startHarness, type Caller, type Harness } from '../support/harness.js';

const SECOND = 1 / 86_400;
const allSteps = Object.fromEntries(Object.keys(STEP_RULES).map((id) => [id, SECOND])) as Record<StepId, number>;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deadlineOverrides: { corridors: { 'VN-CN': { days: allSteps, escalateAfterDays: 30 } } } });
});
afterAll(async () => h?.stop());

const vnCaseworker: Caller = { userId: 'u-vn-molisa-dash', agencyId: 'vn-molisa', role: 'caseworker' };
const vnCoordinator: Caller = { userId: 'u-vn-coord-dash', agencyId: 'vn-mps', role: 'coordinator' };
const vnAuditor: Caller = { userId: 'u-vn-audit-dash', agencyId: 'vn-mps', role: 'auditor' };
const thCoordinator: Caller = { userId: 'u-th-coord-dash', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' };
const CORRIDOR = { hostCountry: 'VN', originCountry: 'CN' };

async function openOverdueCases(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await openCase(h.api, intake(CORRIDOR), { as: vnCaseworker }));
  // A second's deadline: wait until the last one is past it.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return ids;
}

const stalled = (query: string, as = vnCoordinator) => h.api.get(`/v1/monitoring/stalled?${query}`, { as });

describe('stalled cases for the dashboard', () => {
  let ours: string[] = [];
  beforeAll(async () => {
    ours = await openOverdueCases(3);
  });

  it('lists the overdue cases most overdue first, with the step, the holding agency, and the stall points', async () => {
    const { status, body } = await stalled('corridor=VN-CN&limit=1000');
    expect(status).toBe(200);
    const mine = body.items.filter((i: any) => ours.includes(i.caseId));
    // Opened one after the other: the first opened is the most overdue.
    expect(mine.map((i: any) => i.caseId)).toEqual(ours);
    for (const item of mine) {
      expect(item).toMatchObject({
        corridor: 'VN-CN',
        stage: 'identification',
        step: 'identification.screened',
        heldBy: { side: 'host', country: 'VN', agencyId: 'vn-molisa' },
        owningAgencyId: 'vn-molisa',
      });
      expect(item.daysOverdue).toBeGreaterThanOrEqual(0);
    }
    const dues = body.items.map((i: any) => i.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const screened = body.stallPoints.find((p: any) => p.step === 'identification.screened');
    expect(screened.overdue).toBeGreaterThanOrEqual(3);
    expect(body.nextCursor).toBeNull();
  });

  it('pages through with the cursor: every case once, in the same order', async () => {
    const all = (await stalled('corridor=VN-CN&limit=1000')).body.items.map((i: any) => i.caseId);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < all.length + 1; page++) {
      const query: string = `corridor=VN-CN&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const { status, body } = await stalled(query);
      expect(status).toBe(200);
      // The stall points come with the first page only (they count every overdue case, not a page).
      expect(Array.isArray(body.stallPoints)).toBe(cursor === null);
      seen.push(...body.items.map((i: any) => i.caseId));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    // Cases opened meanwhile by others may join at the end; ours keep their order and appear once.
    const mineSeen = seen.filter((id) => ours.includes(id));
    expect(mineSeen).toEqual(ours);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by stage and by the agency holding the step', async () => {
    const ids = async (query: string) => (await stalled(`corridor=VN-CN&limit=1000&${query}`)).body.items.map((i: any) => i.caseId);
    expect(await ids('stage=identification')).toEqual(expect.arrayContaining(ours));
    expect((await ids('stage=verification')).filter((id: string) => ours.includes(id))).toEqual([]);
    expect(await ids('agencyId=vn-molisa')).toEqual(expect.arrayContaining(ours));
    expect((await ids('agencyId=cn-mps-atd')).filter((id: string) => ours.includes(id))).toEqual([]);
    const points = (await stalled('corridor=VN-CN&stage=verification')).body.stallPoints;
    expect(points.find((p: any) => p.step === 'identification.screened')).toBeUndefined();
  });

  it('refuses what it cannot answer, naming the field; another country stays closed', async () => {
    const unknown = await stalled('agencyId=no-such-agency');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'querystring.agencyId', code: 'unknown-agency' });
    const badCursor = await stalled('cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('querystring.cursor');
    const badStage = await stalled('stage=nowhere');
    expect(badStage.status).toBe(400);
    expect((await stalled('corridor=VN-CN', thCoordinator)).status).toBe(403);
    // A Thai coordinator's own list never holds these Vietnamese cases.
    const thai = (await stalled('limit=1000', thCoordinator)).body.items.map((i: any) => i.caseId);
    expect(thai.filter((id: string) => ours.includes(id))).toEqual([]);
    expect((await stalled('', vnCaseworker)).status).toBe(403);
  });
});

describe('flow over months', () => {
  it('counts the cases opened this month, one row per month, the current month last', async () => {
    const trend = async () => (await h.api.get('/v1/statistics/flow/trend?months=3&corridor=VN-CN', { as: vnCoordinator })).body.items;
    const before = await trend();
    await openCase(h.api, intake(CORRIDOR), { as: vnCaseworker });
    const after = await trend();
    expect(after).toHaveLength(3);
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect(after.at(-1).month).toBe(thisMonth);
    expect(after.at(-1).opened - before.at(-1).opened).toBe(1);
    expect(after.map((m: any) => m.month)).toEqual([...after.map((m: any) => m.month)].sort());
    const refused = await h.api.get('/v1/statistics/flow/trend?months=0', { as: vnCoordinator });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toContain('months');
    expect((await h.api.get('/v1/statistics/flow/trend?corridor=VN-CN', { as: thCoordinator })).status).toBe(403);
  });
});

describe('flow per stage, combined over corridors', () => {
  it('gives one row per stage over the corridors of the filter; for one corridor, the same figures as that corridor', async () => {
    const flow = async (query: string) => (await h.api.get(`/v1/statistics/flow?${query}`, { as: vnCoordinator })).body.items;
    const country = await flow('combined=true');
    expect(new Set(country.map((i: any) => i.corridor))).toEqual(new Set(['all']));
    expect(new Set(country.map((i: any) => i.stage)).size).toBe(country.length);
    // Only this file opens VN-CN cases, and nothing of it runs meanwhile: the figures are the same.
    const [each, combined] = [await flow('corridor=VN-CN'), await flow('corridor=VN-CN&combined=true')];
    expect(combined).toEqual(each.map((i: any) => ({ ...i, corridor: 'all' })));
    expect(combined.find((i: any) => i.stage === 'identification').inStage).toBeGreaterThanOrEqual(3);
  });
});

describe('the audit log for auditors', () => {
  let caseId: string;
  let personId: string;
  beforeAll(async () => {
    caseId = await openCase(h.api, intake(CORRIDOR), { as: vnCaseworker });
    // Reading the person's details is audited with the person's id.
    const read = await h.api.get(`/v1/cases/${caseId}`, { as: vnCaseworker });
    personId = read.body.person.personId;
  });
  const audit = (query: string) => h.api.get(`/v1/audit?${query}`, { as: vnAuditor });

  it('filters by case, person, who acted, their agency, action and time', async () => {
    const byCase = (await audit(`caseId=${caseId}`)).body.items;
    expect(byCase.length).toBeGreaterThan(0);
    for (const item of byCase) expect(item.caseId).toBe(caseId);
    const byPerson = (await audit(`personId=${personId}`)).body.items;
    expect(byPerson.length).toBeGreaterThan(0);
    for (const item of byPerson) expect(item.personId).toBe(personId);
    const byUser = (await audit(`userId=${vnCaseworker.userId}&caseId=${caseId}`)).body.items;
    expect(byUser.length).toBeGreaterThan(0);
    for (const item of byUser) expect(item.userId).toBe(vnCaseworker.userId);
    const byAgency = (await audit(`agencyId=vn-molisa&limit=50`)).body.items;
    expect(byAgency.length).toBeGreaterThan(0);
    for (const item of byAgency) expect(item.agencyId).toBe('vn-molisa');
    const action = byCase[0].action;
    for (const item of (await audit(`caseId=${caseId}&action=${encodeURIComponent(action)}`)).body.items) expect(item.action).toBe(action);

    const at = byCase[0].at;
    const later = new Date(Date.parse(at) + 1).toISOString();
    const window = (await audit(`caseId=${caseId}&from=${encodeURIComponent(at)}&to=${encodeURIComponent(later)}`)).body.items;
    expect(window.map((i: any) => i.auditId)).toContain(byCase[0].auditId);
    for (const item of window) expect(item.at).toBe(at);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await audit(`caseId=${caseId}&from=${encodeURIComponent(future)}`)).body.items).toEqual([]);
    const reversed = await audit(`from=${encodeURIComponent(later)}&to=${encodeURIComponent(at)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].field).toBe('querystring.to');
  });

  it('pages with nextBefore, and exports every entry of the filter as CSV', async () => {
    const all = (await audit(`caseId=${caseId}&limit=1000`)).body;
    expect(all.nextBefore).toBeNull();
    const paged: string[] = [];
    let before: string | null = null;
    do {
      const page: { items: { auditId: string }[]; nextBefore: string | null } = (
        await audit(`caseId=${caseId}&limit=1${before ? `&before=${before}` : ''}`)
      ).body;
      paged.push(...page.items.map((i) => i.auditId));
      before = page.nextBefore;
    } while (before);
    expect(paged).toEqual(all.items.map((i: any) => i.auditId));

    const { mintToken } = await import('../../api/auth.js');
    const { TEST_JWT_SECRET } = await import('../support/harness.js');
    const csv = await h.app.inject({
      method: 'GET',
      url: `/v1/audit?caseId=${caseId}&format=csv`,
      headers: { authorization: `Bearer ${await mintToken(TEST_JWT_SECRET, vnAuditor)}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('auditId,at,userId,userName,agencyId,agencyName,role,action,outcome,caseId,personId,detail');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(all.items.map((i: any) => i.auditId));
  });

  it("names who acted: the account's display name and the agency's name", async () => {
    const { rows } = await sql<{ user_id: string }>`
      insert into users (username, display_name, agency_id, role)
      values (${`audit-named-${Date.now()}`}, 'Trần Thị Mai', 'vn-molisa', 'caseworker') returning user_id`.execute(h.db);
    const account: Caller = { userId: rows[0]!.user_id, agencyId: 'vn-molisa', role: 'caseworker' };
    expect((await h.api.get(`/v1/cases/${caseId}`, { as: account })).status).toBe(200);
    const agencyName = (await h.db.selectFrom('agencies').select('name').where('agency_id', '=', 'vn-molisa').executeTakeFirstOrThrow())
      .name;
    const byAccount = (await audit(`userId=${account.userId}`)).body.items;
    expect(byAccount.length).toBeGreaterThan(0);
    for (const item of byAccount) expect(item).toMatchObject({ userName: 'Trần Thị Mai', agencyName });
    // A development token has no account: its id, no name.
    const byToken = (await audit(`userId=${vnCaseworker.userId}&caseId=${caseId}`)).body.items;
    for (const item of byToken) expect(item).toMatchObject({ userId: vnCaseworker.userId, userName: null, agencyName });
  });

  it('is for auditors only, of their own country', async () => {
    expect((await h.api.get(`/v1/audit?caseId=${caseId}`, { as: vnCoordinator })).status).toBe(403);
    const thai = await h.api.get(`/v1/audit?caseId=${caseId}`, { as: { ...vnAuditor, agencyId: 'th-dsdhs-bangkok' } });
    expect(thai.status).toBe(200);
    expect(thai.body.items.filter((i: any) => i.caseId === caseId)).toEqual([]);
  });
});

describe('what GET /v1/me says a role may use', () => {
  it('names the capabilities the routes check', async () => {
    const of = async (as: Caller) => (await h.api.get('/v1/me', { as })).body.capabilities;
    expect(await of(vnCaseworker)).toEqual(['cases.act']);
    expect(await of(vnCoordinator)).toEqual(['cases.act', 'monitoring']);
    expect(await of(vnAuditor)).toEqual(['monitoring', 'audit']);
    expect(await of({ userId: 'u-admin-dash', agencyId: 'vn-mps', role: 'admin' })).toEqual(['monitoring', 'accounts']);
  });
});

/** Every read model can be rebuilt from the events alone, and the rebuild equals the live one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../store/projections/index.js';
import { ADULT_PATH, CHILD_PATH, IDENTIFICATION, intake, openCase, perform, VERIFICATION } from '../support/cases.js';
import { startHarness, type Harness } from '../support/harness.js';

/** The verification request goes to Viet Nam's focal point, which then verifies (each side its own steps). */
const toVietNam = (path: Record<string, unknown>[]) =>
  path.map((a) => (a.type === 'send_verification_request' ? { ...a, toAgencyId: 'vn-molisa' } : a));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

// Other test files write cases concurrently; compare the cases this test owns.
const tasksOf = async (caseIds: string[]) => ({
  tasks: await h.db.selectFrom('tasks').selectAll().where('case_id', 'in', caseIds).orderBy('task_id').execute(),
  parties: await h.db.selectFrom('case_parties').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('party').execute(),
});
const visitsOf = async (caseIds: string[]) =>
  h.db.selectFrom('stage_visits').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('entered_position').execute();
const snapshot = async (caseIds: string[]) =>
  h.db.selectFrom('cases').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').execute();

describe('cases projection', () => {
  it('rebuilt from the events equals the live projection', async () => {
    const adult = await openCase(h.api);
    await perform(h.api, adult, ADULT_PATH);
    const child = await openCase(h.api, intake({ ageGroup: 'child', hostCountry: 'CN', originCountry: 'VN' }));
    await perform(h.api, child, toVietNam(CHILD_PATH).slice(0, 7));
    const held = await openCase(h.api);
    await perform(h.api, held, [...IDENTIFICATION, { type: 'place_on_hold', reason: 'medical', reviewDate: '2027-02-01' }]);
    const fresh = await openCase(h.api);
    // Myanmar refuses the nationality and names Lao PDR: the case and its visits move to TH-LA.
    const rerouted = await openCase(h.api);
    await perform(h.api, rerouted, [
      ...IDENTIFICATION,
      VERIFICATION[0]!,
      { type: 'record_nationality_verification', result: 'refused', refusalReason: 'not_a_national', rerouteTo: 'LA' },
    ]);
    const mine = [adult, child, held, fresh, rerouted];

    const live = await snapshot(mine);
    const liveTasks = await tasksOf(mine);
    const liveVisits = await visitsOf(mine);
    expect(liveTasks.tasks.length).toBeGreaterThan(mine.length);
    expect(live).toHaveLength(5);
    const report = await rebuildProjections(h.db, { streamsPerPage: 2, flushSize: 2 });
    const rebuilt = await snapshot(mine);
    expect(rebuilt).toEqual(live);
    expect(await tasksOf(mine)).toEqual(liveTasks);
    expect(await visitsOf(mine)).toEqual(liveVisits);
    // The adult's whole path: every stage once, each left when the next was entered, the arrival in escort.
    const adultVisits = liveVisits.filter((v) => v.case_id === adult);
    expect(adultVisits.map((v) => v.stage)).toEqual(['identification', 'verification', 'handover', 'escort', 'reintegration']);
    for (const [i, visit] of adultVisits.slice(0, -1).entries()) expect(visit.left_at).toEqual(adultVisits[i + 1]!.entered_at);
    expect(adultVisits.find((v) => v.arrived_at !== null)?.stage).toBe('escort');
    expect(liveVisits.filter((v) => v.case_id === rerouted).map((v) => `${v.host_country}-${v.origin_country}`)).toEqual([
      'TH-LA',
      'TH-LA',
    ]);
    expect(liveVisits.filter((v) => v.case_id === fresh)).toMatchObject([{ stage: 'identification', left_at: null, ended_early: false }]);
    expect(report.cases).toBeGreaterThanOrEqual(4);
    expect(rebuilt.find((r) => r.case_id === held)).toMatchObject({
      status: 'on_hold',
      hold_reason: 'medical',
      hold_review_date: '2027-02-01',
    });
  });
});

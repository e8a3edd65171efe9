/**
 * A suspect transfer through the console: Thailand's anti-trafficking police (in English) find it
 * in the transfer list with Thailand named as the country that acts next, choose extradition and
 * record dual criminality; the approval is not offered to them, nor to China's police (in Chinese),
 * who are offered none of Thailand's steps; the Attorney General's approver (second factor) approves;
 * the police schedule the handover with its evidence list and sign for the sending side; China
 * signs for the receiving side with the keyboard alone. The linked victim case is a link for the
 * Thai police and a "not shown" line for China.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, m, perform, screenshot, tabTo } from './support/console.js';
import { callAs, inDays, makePeople, signInAs, type Person } from './handover/people.js';

let people: Record<'police' | 'approver' | 'china', Person>;
let transferId: string;
let victimCaseId: string;

async function personIn(browser: Browser, person: Person, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  await signInAs(page, person, path);
  return page;
}

test.beforeAll(async () => {
  people = await makePeople({
    police: { name: 'wichai', displayName: 'Wichai Boonmee', agencyId: 'th-atpd', role: 'caseworker', language: 'en' },
    approver: {
      name: 'kanya',
      displayName: 'Kanya Rattana',
      agencyId: 'th-oag-central-authority',
      role: 'approver',
      language: 'en',
      secondFactor: true,
    },
    china: { name: 'liwei', displayName: 'Li Wei', agencyId: 'cn-mps-atd', role: 'caseworker', language: 'zh' },
  });
  const victim = await callAs(people.police, 'POST', '/v1/cases', {
    hostCountry: 'TH',
    originCountry: 'MM',
    person: { sex: 'female', ageGroup: 'adult', details: { fullName: 'Victim Of The Compound' } },
  });
  expect(victim.status).toBe(201);
  victimCaseId = victim.body.caseId;
  const opened = await callAs(people.police, 'POST', '/v1/transfers', {
    holdingCountry: 'TH',
    receivingCountry: 'CN',
    nationality: 'CN',
    person: { details: { fullName: 'Zhang San', dateOfBirth: '1985-04-02' } },
    linkedCaseIds: [victimCaseId],
  });
  expect(opened.status).toBe(201);
  transferId = opened.body.caseId;
  const act = async (who: Person, action: Record<string, unknown>) =>
    expect((await callAs(who, 'POST', `/v1/transfers/${transferId}/actions`, action)).status).toBe(200);
  await act(people.police, { type: 'record_arrest', arrestDate: inDays(-5), charges: ['trafficking_in_persons', 'online_scam_fraud'] });
  await act(people.china, { type: 'confirm_identity', result: 'confirmed' });
  await act(people.china, { type: 'confirm_nationality', result: 'confirmed' });
  await act(people.china, { type: 'confirm_warrant', result: 'confirmed', warrantKind: 'arrest_warrant', warrantRef: 'cn-w-2026-88' });
});

const form = (page: Page, type: string) => page.locator(`details[data-action="${type}"]`);

test('a transfer advanced by the side that performs each step; the wrong side is not offered it', async ({ browser }) => {
  // Thai police: the list names Thailand as the country that acts next.
  const police = await personIn(browser, people.police, '/cases');
  await police.getByRole('link', { name: m('en', 'nav.transfers') }).click();
  const card = police.locator(`[data-transfer="${transferId}"]`);
  await expect(card.locator('[data-gate="basis_chosen"]')).toContainText(
    m('en', 'transfer.performedBy', { country: m('en', 'country.TH') }),
  );
  await expect(card.locator('[data-gate="basis_chosen"]')).toContainText(m('en', 'transfer.yourCountry'));
  await expectAccessible(police, 'transfer list (en)');
  await card.getByRole('link').first().click();
  await expect(police).toHaveURL(new RegExp(`/transfers/${transferId}$`));
  await expect(police.locator(`[data-linked="${victimCaseId}"] a`)).toHaveAttribute('href', `/cases/${victimCaseId}`);
  await perform(police, 'en', 'choose_legal_basis', { basis: 'extradition' });
  await perform(police, 'en', 'record_dual_criminality', { result: 'confirmed' });
  await expect(police.getByTestId('basis')).toHaveText(m('en', 'choice.extradition'));
  // The approval is the central authority's approver's: not offered to the police.
  await expect(police.locator('[data-gate="basis_approved"]')).toContainText(m('en', 'country.TH'));
  await expect(form(police, 'approve_extradition')).toHaveCount(0);
  await expectAccessible(police, 'transfer page, holding side (en)');

  // China's police, in Chinese: Thailand acts now; none of Thailand's steps is offered.
  const china = await personIn(browser, people.china, `/transfers/${transferId}`);
  await expect(china.locator('[data-gate="basis_approved"]')).toContainText(m('zh', 'country.TH'));
  for (const type of ['choose_legal_basis', 'record_dual_criminality', 'approve_extradition', 'schedule_handover', 'confirm_handover'])
    await expect(form(china, type)).toHaveCount(0);
  await expect(china.getByTestId('hidden-links')).toBeVisible();
  await expect(china.locator(`[data-linked="${victimCaseId}"]`)).toHaveCount(0);
  await expectAccessible(china, 'transfer page, receiving side (zh)');

  // The approver of the Attorney General's office signs in with a second factor and approves.
  const approver = await personIn(browser, people.approver, `/transfers/${transferId}`);
  await perform(approver, 'en', 'approve_extradition', { decisionRef: 'oag-ext-2026-41' });
  await expect(approver.getByTestId('approval')).toContainText(m('en', 'role.approver'));
  await expect(approver.getByTestId('approval')).toContainText('oag-ext-2026-41');

  // The police set the handover with the evidence list, and sign for the sending side only.
  await police.reload();
  await perform(police, 'en', 'schedule_handover', {
    date: inDays(7),
    crossingPoint: 'suvarnabhumi-airport-gate-3',
    evidenceListRef: 'ev-th-2026-17',
  });
  await expect(police.getByTestId('evidence')).toHaveText('ev-th-2026-17');
  const sign = await (async () => {
    const action = form(police, 'confirm_handover');
    await expect(action).toBeVisible();
    return action;
  })();
  await expect(sign.locator('[data-field="side"]')).toHaveCount(0); // the side is the reader's own
  await perform(police, 'en', 'confirm_handover');
  await expect(form(police, 'confirm_handover')).toHaveCount(0);
  await expect(police.locator('[data-gate="receiving_confirmed"]')).toContainText(m('en', 'country.CN'));
  await screenshot(police, 'en', 'transfer-handover-holding');

  // China signs for the receiving side with the keyboard alone; the transfer moves to the escort.
  await china.reload();
  await expect(china.getByTestId('evidence')).toHaveText('ev-th-2026-17');
  const receive = form(china, 'confirm_handover');
  await tabTo(china, receive.locator('summary'));
  await china.keyboard.press('Enter');
  await tabTo(china, receive.locator('button[type=submit]'));
  await china.keyboard.press('Enter');
  await expect(china.locator('.banner-success')).toContainText(m('zh', 'action.confirm_handover'));
  await expect(china.locator('.facts')).toContainText(m('zh', 'transferStage.escort'));
  await expect(form(china, 'record_escort')).toBeVisible();
  await expectAccessible(china, 'transfer in escort (zh)');
  await screenshot(china, 'zh', 'transfer-escort-receiving');
});

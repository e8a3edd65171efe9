/**
 * Every screen in every language: rendered with the app's own fonts (no fallback boxes), dates in
 * the reader's locale, no serious accessibility violation, and a screenshot under
 * data/browser/screenshots/<language>/ for people to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, callApi, expectAccessible, LANGUAGES, m, screenshot, signIn, type Language } from './support/console.js';

/** The web font each language's text must be drawn with. */
const FONT: Record<Language, string> = {
  en: 'Noto Sans',
  km: 'Noto Sans Khmer',
  lo: 'Noto Sans Lao',
  my: 'Noto Sans Myanmar',
  th: 'Noto Sans Thai',
  vi: 'Noto Sans',
  zh: 'Noto Sans SC',
};

/** The heading is drawn with the language's own font, loaded from this server. */
async function expectRealFont(page: Page, language: Language, text: string): Promise<void> {
  // The words change first; the page's language (and with it the font) follows in an effect: wait for it.
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily)).toContain(FONT[language]);
  await page.evaluate(() => document.fonts.ready);
  const font = await page.evaluate(
    async ({ family, text }) => {
      await document.fonts.load(`16px "${family}"`, text);
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === family && f.status === 'loaded');
      const ranges = faces.flatMap((f) =>
        f.unicodeRange.split(',').map((r) => {
          const [from, to] = r.trim().replace(/^U\+/i, '').split('-');
          return [parseInt(from!, 16), parseInt(to ?? from!, 16)] as const;
        }),
      );
      // Every letter of the text is in a loaded face of the app's font: none falls to a fallback box.
      const uncovered = [...text]
        .map((c) => c.codePointAt(0)!)
        .filter((code) => code > 0x40 && !ranges.some(([from, to]) => code >= from && code <= to))
        .map((code) => code.toString(16));
      const used = getComputedStyle(document.querySelector('h1')!).fontFamily;
      return { loaded: faces.length > 0, uncovered, used };
    },
    { family: FONT[language], text },
  );
  expect(font.loaded, `${FONT[language]} loaded for ${language}`).toBe(true);
  expect(font.uncovered, `letters of "${text}" not in ${FONT[language]}`).toEqual([]);
  expect(font.used).toContain(FONT[language]);
}

let caseId: string;
test.beforeAll(async () => {
  const created = await callApi<{ caseId: string }>('thai', 'POST', '/v1/cases', {
    hostCountry: 'TH',
    originCountry: 'MM',
    person: { sex: 'female', ageGroup: 'child', details: { fullName: 'Mi Mi Khaing', placeOfOrigin: 'Myawaddy' } },
  });
  caseId = created.body.caseId;
  for (const action of [{ type: 'record_screening', outcome: 'presumed_victim' }, { type: 'record_identification' }]) {
    expect((await callApi('thai', 'POST', `/v1/cases/${caseId}/actions`, action)).status).toBe(200);
  }
});

// Each test changes the Thai caseworker's language in the header, which her account keeps: each
// starts, and the next spec file starts, with her own language again.
const speakThaiAgain = async () => {
  expect((await callApi('thai', 'PATCH', '/v1/me', { language: 'th' })).status).toBe(200);
};
test.beforeEach(speakThaiAgain);
test.afterAll(speakThaiAgain);

for (const language of LANGUAGES) {
  test(`every screen in ${language}`, async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/cases`);
    // The sign-in screen, in the language chosen there.
    await page.locator('.sign-in select').selectOption(language);
    await expect(page.getByRole('heading', { name: m(language, 'signIn.title') })).toBeVisible();
    await expectRealFont(page, language, m(language, 'signIn.title'));
    await expectAccessible(page, `sign-in (${language})`);
    await screenshot(page, language, 'sign-in');

    await signIn(page, 'thai');
    // The account speaks Thai; the reader switches to their language in the header.
    await page.locator('.app-header select').selectOption(language);
    await expect(page.getByRole('heading', { name: m(language, 'cases.title') })).toBeVisible();
    await expectRealFont(page, language, m(language, 'cases.title'));
    await expectAccessible(page, `case list (${language})`);
    await screenshot(page, language, 'case-list');
    // Dates are in the reader's locale (km, lo and my through the polyfills).
    expect(await page.evaluate((l) => Intl.DateTimeFormat.supportedLocalesOf([l === 'zh' ? 'zh-Hans' : l]).length, language)).toBe(1);

    await page
      .getByRole('link', { name: m(language, 'nav.newCase'), exact: true })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: m(language, 'newCase.title') })).toBeVisible();
    await expectAccessible(page, `new case (${language})`);
    await screenshot(page, language, 'new-case');

    await page.goto(`${baseUrl()}/cases/${caseId}`);
    await expect(page.getByRole('heading', { name: m(language, 'case.timeline') })).toBeVisible();
    await expect(page.getByTestId('missing')).toContainText(m(language, 'gate.consent'));
    await page.locator('details[data-action="record_consent"] summary').click();
    await expectRealFont(page, language, m(language, 'gate.consent'));
    await expectAccessible(page, `case page (${language})`);
    await screenshot(page, language, 'case');

    await page.getByRole('link', { name: m(language, 'nav.inbox'), exact: true }).click();
    await expect(page.getByRole('heading', { name: m(language, 'inbox.title') })).toBeVisible();
    await expect(page.locator('li[data-step]').first()).toBeVisible();
    await expectAccessible(page, `inbox (${language})`);
    await screenshot(page, language, 'inbox');
    await context.close();
  });
}

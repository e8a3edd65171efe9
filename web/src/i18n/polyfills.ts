/**
 * Intl data for Khmer, Lao and Burmese, which Chromium's ICU does not carry. In a chunk of its own:
 * readers of the other languages never download it.
 */
const localeData = {
  km: () =>
    Promise.all([
      import('@formatjs/intl-pluralrules/locale-data/km.js'),
      import('@formatjs/intl-numberformat/locale-data/km.js'),
      import('@formatjs/intl-datetimeformat/locale-data/km.js'),
      import('@formatjs/intl-relativetimeformat/locale-data/km.js'),
    ]),
  lo: () =>
    Promise.all([
      import('@formatjs/intl-pluralrules/locale-data/lo.js'),
      import('@formatjs/intl-numberformat/locale-data/lo.js'),
      import('@formatjs/intl-datetimeformat/locale-data/lo.js'),
      import('@formatjs/intl-relativetimeformat/locale-data/lo.js'),
    ]),
  my: () =>
    Promise.all([
      import('@formatjs/intl-pluralrules/locale-data/my.js'),
      import('@formatjs/intl-numberformat/locale-data/my.js'),
      import('@formatjs/intl-datetimeformat/locale-data/my.js'),
      import('@formatjs/intl-relativetimeformat/locale-data/my.js'),
    ]),
};

let installed: Promise<void> | undefined;

/** The polyfills replace the native Intl constructors; they keep the native data of other locales. */
function install(): Promise<void> {
  installed ??= (async () => {
    await import('@formatjs/intl-pluralrules/polyfill-force.js');
    await import('@formatjs/intl-numberformat/polyfill-force.js');
    await import('@formatjs/intl-datetimeformat/polyfill-force.js');
    await import('@formatjs/intl-datetimeformat/add-golden-tz.js');
    await import('@formatjs/intl-relativetimeformat/polyfill-force.js');
  })();
  return installed;
}

export async function loadPolyfill(locale: keyof typeof localeData): Promise<void> {
  await install();
  await localeData[locale]();
}

/** Whether Intl is replaced: a native-data language then needs a fresh page (the polyfill has no data for it). */
export const isPolyfilled = () => installed !== undefined;

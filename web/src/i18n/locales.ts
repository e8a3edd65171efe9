/**
 * The console's languages. `intl` is the locale given to Intl/react-intl; `polyfill` marks the ones
 * Chromium ships no date, number or plural data for (loaded on demand, only for those).
 */
export const LANGUAGES = [
  { code: 'en', intl: 'en', name: 'English', polyfill: false },
  { code: 'km', intl: 'km', name: 'ខ្មែរ', polyfill: true },
  { code: 'lo', intl: 'lo', name: 'ລາວ', polyfill: true },
  { code: 'my', intl: 'my', name: 'မြန်မာ', polyfill: true },
  { code: 'th', intl: 'th', name: 'ไทย', polyfill: false },
  { code: 'vi', intl: 'vi', name: 'Tiếng Việt', polyfill: false },
  { code: 'zh', intl: 'zh-Hans', name: '简体中文', polyfill: false },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export type Messages = Record<string, string>;

export const isLanguage = (value: unknown): value is LanguageCode => LANGUAGES.some((l) => l.code === value);
export const languageOf = (code: LanguageCode) => LANGUAGES.find((l) => l.code === code)!;

/** The first of the browser's languages the console has, else English. */
export function preferredLanguage(): LanguageCode {
  for (const tag of navigator.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

// One folder per area of the console (messages/<area>/<language>.json), so that a screen's words
// live beside each other and each area can grow without touching the others' files.
const catalogs = import.meta.glob<Messages>('./messages/*/*.json', { import: 'default' });

/** Loads a language's messages: every area's file for that language, merged. */
export async function loadLanguage(code: LanguageCode): Promise<Messages> {
  const files = Object.entries(catalogs).filter(([path]) => path.endsWith(`/${code}.json`));
  const parts = await Promise.all(files.map(([, load]) => load()));
  return Object.assign({}, ...parts) as Messages;
}

/**
 * For km, lo and my, the Intl data Chromium lacks; resolves true once newly installed (dates and
 * relative times must then be formatted afresh). Not awaited before the first screen: the words
 * come first, the dates in the reader's calendar a moment later, and the first screen stays small.
 */
export async function loadIntlData(code: LanguageCode): Promise<boolean> {
  const language = languageOf(code);
  if (!language.polyfill) return false;
  const locale = language.intl as 'km' | 'lo' | 'my';
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 && Intl.RelativeTimeFormat.supportedLocalesOf([locale]).length > 0)
    return false;
  const { loadPolyfill } = await import('./polyfills.js');
  await loadPolyfill(locale);
  return true;
}

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

const catalogs = import.meta.glob<Messages>('./messages/*.json', { import: 'default' });

/** Loads a language's messages, and for km, lo and my the Intl data Chromium lacks. */
export async function loadLanguage(code: LanguageCode): Promise<Messages> {
  const language = languageOf(code);
  const [messages] = await Promise.all([catalogs[`./messages/${code}.json`]!(), language.polyfill ? polyfill(language.intl) : undefined]);
  return messages;
}

async function polyfill(locale: 'km' | 'lo' | 'my'): Promise<void> {
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 && Intl.RelativeTimeFormat.supportedLocalesOf([locale]).length > 0)
    return;
  const { loadPolyfill } = await import('./polyfills.js');
  await loadPolyfill(locale);
}

/**
 * Names in any of the region's scripts, brought to comparable Latin tokens: what every match key is
 * computed from. `any-ascii` (maintained, table-driven, no native code) transliterates every script;
 * two gaps are filled here because officers' spellings follow pronunciation, not letters:
 * - Burmese: any-ascii spells letters ("mrn" for Myint); names are built from a small set of
 *   syllables, so the common ones are read by a syllable table first (the usual Latin spelling).
 * - Thai and Lao write some vowels before the consonant they follow in speech (ใจ = "jai"); they are
 *   moved after it, so "aichdi" becomes "chaidi" like the officer's "Jaidee".
 */
import anyAscii from 'any-ascii';

/** Common Burmese name syllables and their usual romanisation (longest spellings are tried first). */
export const BURMESE_SYLLABLES: Readonly<Record<string, string>> = {
  အောင်: 'aung',
  ကျော်: 'kyaw',
  မြင့်: 'myint',
  ထွေး: 'htwe',
  သန်း: 'than',
  နွယ်: 'nwe',
  ဝင်း: 'win',
  မိုး: 'moe',
  စု: 'su',
  လှိုင်: 'hlaing',
  ခင်: 'khin',
  မောင်: 'maung',
  မြ: 'mya',
  ဇော်: 'zaw',
  ထွန်း: 'tun',
  သိန်း: 'thein',
  စိုး: 'soe',
  နိုင်: 'naing',
  ဦး: 'oo',
  အေး: 'aye',
  သူ: 'thu',
  နှင်း: 'hnin',
  ဖြူ: 'phyu',
  ယဉ်: 'yin',
  စန်း: 'san',
  ငြိမ်း: 'nyein',
  ထက်: 'htet',
  လွင်: 'lwin',
  ကြည်: 'kyi',
  မြတ်: 'myat',
  ဝေ: 'wai',
  ဇင်: 'zin',
  မင်း: 'min',
  ကို: 'ko',
  သီ: 'thi',
  တာ: 'da',
  မာ: 'mar',
  သက်: 'thet',
  နေ: 'nay',
  လှ: 'hla',
  ဖြိုး: 'phyo',
  ပြည့်: 'pyae',
};
const BURMESE_KEYS = Object.keys(BURMESE_SYLLABLES).sort((a, b) => b.length - a.length);
const BURMESE = /[\u1000-\u109f]/;

function burmeseSyllables(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const syllable = BURMESE.test(text[i]!) ? BURMESE_KEYS.find((k) => text.startsWith(k, i)) : undefined;
    if (syllable) {
      out += ` ${BURMESE_SYLLABLES[syllable]} `;
      i += syllable.length;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/** Thai (U+0E40-0E44) and Lao (U+0EC0-0EC4) vowels written before their consonant. */
const LEADING_VOWEL_THEN_CONSONANT = /([\u0e40-\u0e44\u0ec0-\u0ec4])([\u0e01-\u0e2e\u0e81-\u0eae])/g;
/** A Thai consonant under a thanthakhat (U+0E4C), or a Khmer one under a toandakhiat (U+17CD), is silent. */
const SILENT_LETTER = /[\u0e01-\u0e2e][\u0e38\u0e34]?\u0e4c|[\u1780-\u17a2]\u17cd/g;

/** Forms of address that open a name in the region's records; they say nothing about the person. */
// Burmese "Maung", "Ko", "Ma" and Khmer "Srey" are also parts of given names, so they are not here.
export const TITLES: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'nai',
  'nang',
  'nangsaw',
  'nangsao',
  'daw',
  'u',
  'mg',
  'lok',
  'neak',
]);

const HAN_RUN = /[\u3400-\u9fff]+/g;
/**
 * A Chinese name in characters as pinyin is written: the family name (first character), then the
 * given name as one word ("李秀英" -> "Li Xiuying", not any-ascii's "LiXiuYing").
 */
const hanName = (run: string): string => {
  const [family, ...given] = [...run].map((char) => anyAscii(char));
  return ` ${family} ${given.join('')} `;
};

/** The name in Latin letters: other scripts transliterated, diacritics folded, lowercase. */
export function toLatin(name: string): string {
  const reordered = burmeseSyllables(name.normalize('NFC')).replace(SILENT_LETTER, '').replace(LEADING_VOWEL_THEN_CONSONANT, '$2$1');
  return anyAscii(reordered.replace(HAN_RUN, hanName)).toLowerCase();
}

/** The name's tokens in order: Latin letters only, titles dropped. */
export function nameTokens(name: string): string[] {
  return toLatin(name)
    .split(/[^a-z]+/)
    .filter((t) => t.length > 0 && !TITLES.has(t));
}

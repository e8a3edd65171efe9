/**
 * A phonetic key for names romanised in South-East Asia: the consonant skeleton of a Latin token,
 * with the letters that romanisations of Thai, Lao, Khmer, Burmese, Vietnamese and Chinese use for
 * the same sound merged (ph/p, th/t, kh/k, ch/j/q/tr, x/s/z, v/w, r/l), vowels and glides dropped,
 * and a nasal before another consonant dropped (Thai/Lao finals: "Boonmee"/"buymi", "Somchai"/"smchay").
 * Soundex and Metaphone are tuned for English and keep distinctions these spellings do not make.
 */
const DIGRAPHS: [RegExp, string][] = [
  [/ng/g, 'n'],
  [/ny/g, 'n'],
  [/gn/g, 'n'],
  [/(ch|tch|tr|zh|j|q|dj)/g, 'C'],
  [/(sh|x|z)/g, 's'],
  [/(ph|bh|f)/g, 'p'],
  [/(th|dh)/g, 't'],
  [/(kh|gh|ck|g|c)/g, 'k'],
  [/v/g, 'w'],
  [/r/g, 'l'],
  [/d/g, 't'],
  [/b/g, 'p'],
];

const VOWEL = /[aeiouy]/;

export function phoneticKey(token: string, length = 6): string {
  return phoneticForms(token, length).coarse;
}

/**
 * `coarse`: the skeleton alone. `fine`: with the class of the first vowel (a; e/i; o/u) after its
 * first letter, which keeps pinyin "Jun" and "Qiang" apart while "Boonmee"/"Bunmi" still agree.
 */
export function phoneticForms(token: string, length = 6): { coarse: string; fine: string } {
  let s = token.toLowerCase().replace(/[^a-z]/g, '');
  if (!s) return { coarse: '', fine: '' };
  // An aspirated or voiceless initial ("Htwe", "Hla", "Hnin") sounds like the letter after it.
  s = s.replace(/^h(?=[^aeiouy])/, '');
  for (const [pattern, replacement] of DIGRAPHS) s = s.replace(pattern, replacement);
  const lead = VOWEL.test(s[0]!) ? 'A' : s[0]!;
  // Past the first letter, h only marks aspiration and w, y are glides: the skeleton keeps consonants.
  let skeleton = collapse(lead + s.slice(1).replace(/[aeiouywh]/g, ''));
  // A nasal before another consonant is a final that romanisations keep or lose ("Boonmee"/"buymi").
  skeleton = collapse(skeleton.slice(0, 1) + skeleton.slice(1).replace(/[nm](?=[^aeiouy])/g, ''));
  const coarse = skeleton.slice(0, length);
  const vowel = /[aeiou]/.exec(s)?.[0];
  const vowelClass = vowel === undefined ? '' : vowel === 'a' ? 'a' : vowel === 'e' || vowel === 'i' ? 'i' : 'u';
  return { coarse, fine: coarse.slice(0, 1) + vowelClass + coarse.slice(1) };
}

const collapse = (s: string) => s.replace(/(.)\1+/g, '$1');

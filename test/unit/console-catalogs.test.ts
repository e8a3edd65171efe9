/**
 * The console's catalogs, one folder per area (`web/src/i18n/messages/<area>/<language>.json`):
 * every language has exactly English's keys in each area, no key lives in two areas, every message
 * is valid ICU, and each translation uses the same arguments as the English one (a missing {stage}
 * would drop the stage from the sentence; an extra one would show its raw name).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../web/src/i18n/messages');
const LANGUAGES = ['en', 'km', 'lo', 'my', 'th', 'vi', 'zh'];
type Catalog = Record<string, string>;
const areas = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const load = (area: string, file: string) => JSON.parse(readFileSync(join(ROOT, area, file), 'utf8')) as Catalog;
/** Words that are the same in a language as in English, checked by hand. */
const SAME_AS_ENGLISH: Record<string, string[]> = { vi: ['country.MM'] };
/** Keys whose English is not a word to translate (a name, a separator). */
const NOT_WORDS = ['app.name', 'history.by'];

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time)
      into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

const keysMissing = (english: Catalog, catalog: Catalog) => Object.keys(english).filter((k) => !(k in catalog));

describe('console catalogs', () => {
  it('has a core area, and every area has exactly the seven languages', () => {
    expect(areas).toContain('core');
    for (const area of areas) expect(readdirSync(join(ROOT, area)).sort(), area).toEqual(LANGUAGES.map((code) => `${code}.json`));
  });

  it('keeps each key in one area only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const area of areas)
      for (const key of Object.keys(load(area, 'en.json'))) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${area})`);
        seen.set(key, area);
      }
    expect(twice).toEqual([]);
  });

  for (const area of areas) {
    const english = load(area, 'en.json');
    for (const code of LANGUAGES.filter((c) => c !== 'en')) {
      describe(`${area}/${code}.json`, () => {
        const catalog = load(area, `${code}.json`);
        it('has every key English has, and no other', () => {
          expect(keysMissing(english, catalog), 'missing').toEqual([]);
          expect(keysMissing(catalog, english), 'not in English').toEqual([]);
        });
        it('has valid ICU messages with the same arguments as English', () => {
          const mismatched = Object.keys(english)
            .filter((key) => key in catalog)
            .filter((key) => {
              const expected = [...argumentsOf(parse(english[key]!))].sort().join(',');
              return [...argumentsOf(parse(catalog[key]!))].sort().join(',') !== expected;
            });
          expect(mismatched).toEqual([]);
        });
        it('translates what English says in words (no message left in English)', () => {
          const untranslated = Object.keys(english).filter(
            (key) =>
              !NOT_WORDS.includes(key) &&
              !SAME_AS_ENGLISH[code]?.includes(key) &&
              /[a-z]{3}/i.test(english[key]!) &&
              catalog[key] === english[key],
          );
          expect(untranslated).toEqual([]);
        });
      });
    }
  }

  it('catches a catalog that lacks a key or has an extra one', () => {
    const english = load('core', 'en.json');
    const broken = { ...english, 'only.here': 'x' } as Catalog;
    delete broken['nav.cases'];
    expect(keysMissing(english, broken)).toEqual(['nav.cases']);
    expect(keysMissing(broken, english)).toEqual(['only.here']);
  });
});

/**
 * The console's catalogs: every language has exactly English's keys, every message is valid ICU,
 * and each translation uses the same arguments as the English one (a missing {stage} would drop
 * the stage from the sentence; an extra one would show its raw name).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../web/src/i18n/messages');
const load = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, string>;
const english = load('en.json');
/** Words that are the same in a language as in English, checked by hand. */
const SAME_AS_ENGLISH: Record<string, string[]> = { 'vi.json': ['country.MM'] };
const others = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'en.json');

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

describe('console catalogs', () => {
  it('has the six other languages', () => {
    expect(others.sort()).toEqual(['km.json', 'lo.json', 'my.json', 'th.json', 'vi.json', 'zh.json']);
  });

  for (const file of others) {
    describe(file, () => {
      const catalog = load(file);
      it('has every key English has, and no other', () => {
        expect(
          Object.keys(english).filter((k) => !(k in catalog)),
          'missing',
        ).toEqual([]);
        expect(
          Object.keys(catalog).filter((k) => !(k in english)),
          'not in English',
        ).toEqual([]);
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
            key !== 'app.name' &&
            key !== 'history.by' &&
            !SAME_AS_ENGLISH[file]?.includes(key) &&
            /[a-z]{3}/i.test(english[key]!) &&
            catalog[key] === english[key],
        );
        expect(untranslated).toEqual([]);
      });
    });
  }

  it('catches a catalog that lacks a key or has an extra one', () => {
    const broken = { ...english, 'only.here': 'x' } as Record<string, string>;
    delete broken['nav.cases'];
    expect(Object.keys(english).filter((k) => !(k in broken))).toEqual(['nav.cases']);
    expect(Object.keys(broken).filter((k) => !(k in english))).toEqual(['only.here']);
  });
});

import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../store/projections/rebuild-timestamps.js';

const parseWithPg = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;

/** How Postgres writes a timestamptz in a UTC session: microseconds without trailing zeros, `+00`. */
function postgresText(ms: number, micros: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
}

describe('parseTimestamp', () => {
  it('reads what Postgres writes exactly as pg does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31) }), fc.integer({ min: 0, max: 999 }), (ms, micros) => {
        const text = postgresText(ms, micros);
        expect(parseTimestamp(text).getTime()).toBe(parseWithPg(text).getTime());
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves other spellings to pg', () => {
    for (const text of [
      '2024-12-26 16:18:01.34786+07',
      '2024-12-26 16:18:01+05:30',
      '0050-01-01 00:00:00+00',
      '2024-12-26 16:18:01.5+00 BC',
      'infinity',
      '2024-12-26 16:18:01.+00',
    ]) {
      expect(Object.is(parseTimestamp(text).valueOf(), (parseWithPg(text) as Date).valueOf())).toBe(true);
    }
  });
});

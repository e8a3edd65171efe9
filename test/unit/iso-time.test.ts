import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../domain/shared/iso-time.js';

const YEAR_10000_MS = Date.UTC(10000, 0, 1);

describe('isoTime', () => {
  it('formats exactly as toISOString, in and out of the common range', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: YEAR_10000_MS - 1 }),
          fc.integer({ min: -8.64e15, max: 8.64e15 }),
          fc.double({ min: -1e13, max: 1e14, noNaN: true }),
        ),
        (ms) => {
          expect(isoTime(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 20_000 },
    );
    for (const ms of [0, YEAR_10000_MS - 1, YEAR_10000_MS, -1, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 1, 28)]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});

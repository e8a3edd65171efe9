/** The bench's statistics: BENCHMARKS.md's medians, percentiles and ratios come from these. */
import { describe, expect, it } from 'vitest';
import { formatRatio, formatSeries, median, percentile, pool, ratios } from '../../bench/stats.js';

describe('bench statistics', () => {
  it('takes percentiles by nearest rank, so each is a value that occurred', () => {
    const samples = Array.from({ length: 300 }, (_, i) => 300 - i); // 300..1, unsorted on purpose
    expect(percentile(samples, 50)).toBe(150);
    expect(percentile(samples, 99)).toBe(297);
    expect(percentile(samples, 100)).toBe(300);
    expect(percentile([7], 99)).toBe(7);
    expect(median([5, 1, 3])).toBe(3);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('pairs ratios run by run, so one noisy run does not pair with another run', () => {
    expect(ratios([10, 40], [20, 20])).toEqual([0.5, 2]);
    expect(formatRatio([0.5, 2, 1])).toBe('1.00x (0.50-2.00)');
    expect(formatSeries([1200, 1500, 1300], '/s')).toBe('1,300 /s (1,200-1,500)');
  });

  it('runs every task once with no more in flight than asked', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await pool(25, 4, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(i);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(most).toBe(4);
  });
});

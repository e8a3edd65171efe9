/**
 * Small statistics and timing helpers. Every figure in BENCHMARKS.md is a median over several runs
 * with its spread (min-max), and every goal is a ratio to a baseline measured in the same run,
 * because on a noisy 2-core machine ratios hold and absolute times do not.
 */

/** One figure over several runs. */
export interface Series {
  values: number[];
}

export const median = (values: number[]): number => percentile(values, 50);

/** Nearest-rank percentile: p99 of 300 samples is the 297th smallest, a value that really occurred. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const min = (values: number[]): number => Math.min(...values);
export const max = (values: number[]): number => Math.max(...values);

/** Per-run ratios of paired measurements (subject_i / baseline_i), so each run's noise cancels. */
export function ratios(subject: number[], baseline: number[]): number[] {
  return subject.map((value, i) => value / baseline[i]!);
}

/** "12.3 (11.9-13.0)": median and spread, with a precision that suits the magnitude. */
export function formatSeries(values: number[], unit = ''): string {
  const suffix = unit ? ` ${unit}` : '';
  if (values.length === 1) return `${fmt(values[0]!)}${suffix}`;
  return `${fmt(median(values))}${suffix} (${fmt(min(values))}-${fmt(max(values))})`;
}

export function formatRatio(values: number[]): string {
  if (values.length === 1) return `${values[0]!.toFixed(2)}x`;
  return `${median(values).toFixed(2)}x (${min(values).toFixed(2)}-${max(values).toFixed(2)})`;
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export const now = (): number => performance.now();

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; resolves when all are done. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** Times each call of `task` and returns the latencies in milliseconds, in completion order. */
export async function latencies(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  await pool(count, concurrency, async (i) => {
    const start = now();
    await task(i);
    samples.push(now() - start);
  });
  return samples;
}

/** Wall-clock rate of `count` tasks at `concurrency`, in tasks per second. */
export async function rate(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  const start = now();
  await pool(count, concurrency, task);
  return count / ((now() - start) / 1000);
}

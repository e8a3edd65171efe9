/** The fixtures' randomness: seeded, so the same seed writes the same file on every machine. */

/** mulberry32: small, fast, and the same sequence everywhere for one seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, by `weights` when given (missing weights count 1). */
export const pick = <T>(random: () => number, items: readonly T[], weights?: number[]): T => {
  if (!weights) return items[Math.floor(random() * items.length)]!;
  const total = items.reduce((sum, _i, k) => sum + (weights[k] ?? 1), 0);
  let r = random() * total;
  for (const [k, item] of items.entries()) {
    r -= weights[k] ?? 1;
    if (r <= 0) return item;
  }
  return items.at(-1)!;
};

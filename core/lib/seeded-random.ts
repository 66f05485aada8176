/**
 * A small seeded PRNG (mulberry32), shared by everything that draws at random: the intent engine's
 * training (shuffles, initial weights) and the analytics (k-means++, silhouette sampling, boosted
 * trees). The same data and seed give the same model, so tests and benchmark figures reproduce.
 */
export type RandomSource = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed; the same seed always gives the same sequence. */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indices of 0..n-1 (all of them, shuffled, when count ≥ n). Partial Fisher–Yates. */
export function sampleIndices(n: number, count: number, random: RandomSource): number[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(count, n);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    const tmp = indices[i]!;
    indices[i] = indices[j]!;
    indices[j] = tmp;
  }
  return indices.slice(0, take);
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace(values: Int32Array, random: RandomSource): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i] ?? 0;
    values[i] = values[j] ?? 0;
    values[j] = t;
  }
}

/**
 * k-means (Lloyd's algorithm) with k-means++ seeding from a seeded PRNG, so that the same customers
 * always land in the same segments: the owner's digest must not reshuffle segments between runs.
 */
import { createSeededRandom, type RandomSource } from "../../lib/seeded-random.ts";

export interface ClusterKMeansOptions {
  points: readonly (readonly number[])[];
  k: number;
  seed?: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. Default 4. */
  restarts?: number;
  maxIterations?: number;
}

export interface KMeansResult {
  centroids: number[][];
  /** Cluster index per point. */
  assignments: number[];
  /** Sum of squared distances to the assigned centroid. */
  inertia: number;
  iterations: number;
}

export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) {
    const d = a[j]! - b[j]!;
    sum += d * d;
  }
  return sum;
}

function seedCentroids(points: readonly (readonly number[])[], k: number, random: RandomSource): number[][] {
  const centroids: number[][] = [[...points[Math.floor(random() * points.length)]!]];
  const nearest = points.map((p) => squaredDistance(p, centroids[0]!));
  while (centroids.length < k) {
    let total = 0;
    for (const d of nearest) total += d;
    let pick = 0;
    if (total > 0) {
      let target = random() * total;
      for (pick = 0; pick < points.length - 1; pick++) {
        target -= nearest[pick]!;
        if (target <= 0) break;
      }
    } else {
      pick = Math.floor(random() * points.length);
    }
    const centroid = [...points[pick]!];
    centroids.push(centroid);
    for (let i = 0; i < points.length; i++) nearest[i] = Math.min(nearest[i]!, squaredDistance(points[i]!, centroid));
  }
  return centroids;
}

function runLloyd(points: readonly (readonly number[])[], initial: number[][], maxIterations: number): KMeansResult {
  const k = initial.length;
  const dims = points[0]!.length;
  let centroids = initial;
  const assignments = new Array<number>(points.length).fill(-1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let i = 0; i < points.length; i++) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const d = squaredDistance(points[i]!, centroids[c]!);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (assignments[i] !== best) {
        assignments[i] = best;
        changed = true;
      }
    }
    if (!changed && iterations > 0) break;
    const sums = Array.from({ length: k }, () => new Array<number>(dims).fill(0));
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < points.length; i++) {
      const c = assignments[i]!;
      counts[c]!++;
      for (let j = 0; j < dims; j++) sums[c]![j] = sums[c]![j]! + points[i]![j]!;
    }
    // An emptied cluster keeps its old centroid (rare with k-means++ seeding).
    centroids = sums.map((sum, c) => (counts[c]! > 0 ? sum.map((s) => s / counts[c]!) : centroids[c]!));
  }
  let inertia = 0;
  for (let i = 0; i < points.length; i++) inertia += squaredDistance(points[i]!, centroids[assignments[i]!]!);
  return { centroids, assignments, inertia, iterations };
}

/** Clusters points into `k` groups (k is capped at the number of points). */
export function clusterKMeans(options: ClusterKMeansOptions): KMeansResult {
  const { points } = options;
  if (points.length === 0) return { centroids: [], assignments: [], inertia: 0, iterations: 0 };
  const k = Math.max(1, Math.min(options.k, points.length));
  const random = createSeededRandom(options.seed ?? 42);
  let best: KMeansResult | null = null;
  for (let r = 0; r < Math.max(1, options.restarts ?? 4); r++) {
    const result = runLloyd(points, seedCentroids(points, k, random), options.maxIterations ?? 100);
    if (!best || result.inertia < best.inertia - 1e-12) best = result;
  }
  return best!;
}

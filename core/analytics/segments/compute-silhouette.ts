/**
 * Mean silhouette coefficient of a clustering: for each point, (b − a) / max(a, b) with a the mean
 * distance to the rest of its own cluster and b the mean distance to the nearest other cluster. It is
 * how segmentation picks k. Quadratic in the number of points, so large sets are scored on a seeded
 * sample, computed within the sample (as scikit-learn's `silhouette_score(sample_size=…)` does).
 */
import { createSeededRandom, sampleIndices } from "../../lib/seeded-random.ts";

export interface ComputeSilhouetteOptions {
  points: readonly (readonly number[])[];
  assignments: readonly number[];
  /** Score at most this many points; default 2,000. */
  sampleSize?: number;
  seed?: number;
}

/** Mean silhouette in [−1, 1]; 0 when there are fewer than two clusters. */
export function computeSilhouette(options: ComputeSilhouetteOptions): number {
  const { points, assignments } = options;
  const indices = sampleIndices(points.length, options.sampleSize ?? 2000, createSeededRandom(options.seed ?? 7));
  const labels = [...new Set(indices.map((i) => assignments[i]!))];
  if (labels.length < 2) return 0;
  const labelIndex = new Map(labels.map((label, c) => [label, c]));
  const cluster = indices.map((i) => labelIndex.get(assignments[i]!)!);
  const size = new Array<number>(labels.length).fill(0);
  for (const c of cluster) size[c]!++;
  const sums = new Float64Array(labels.length);
  let total = 0;
  for (let s = 0; s < indices.length; s++) {
    sums.fill(0);
    const a = points[indices[s]!]!;
    for (let t = 0; t < indices.length; t++) {
      if (s === t) continue;
      const b = points[indices[t]!]!;
      let d = 0;
      for (let k = 0; k < a.length; k++) d += (a[k]! - b[k]!) ** 2;
      const c = cluster[t]!;
      sums[c] = sums[c]! + Math.sqrt(d);
    }
    const own = cluster[s]!;
    // A point alone in its cluster scores 0, by convention.
    if (size[own]! <= 1) continue;
    const within = sums[own]! / (size[own]! - 1);
    let nearest = Number.POSITIVE_INFINITY;
    for (let c = 0; c < labels.length; c++) if (c !== own && size[c]! > 0) nearest = Math.min(nearest, sums[c]! / size[c]!);
    const denominator = Math.max(within, nearest);
    total += denominator > 0 ? (nearest - within) / denominator : 0;
  }
  return total / indices.length;
}

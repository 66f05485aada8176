/**
 * Maps hash buckets seen in training to dense columns and weights them TF-IDF style (sublinear tf,
 * smoothed idf, L2 norm). Keeping only the buckets that training saw makes the weight matrix as small
 * as the data, not as large as the hash space.
 */
import { extractHashedFeatures, type HashedFeatureCounts, type HashedFeatureOptions } from "./hashed-features.ts";

/** A sparse, L2-normalised feature vector over the columns of a {@link FeatureSpace}. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
  /** Share of the text's (tf-weighted) features that training had seen: low for unfamiliar text. */
  coverage: number;
}

/** The columns of one feature view: which hash buckets training saw, and their idf weights. */
export interface FeatureSpace {
  readonly options: HashedFeatureOptions;
  /** Bucket id of each column, in column order (ascending bucket ids). */
  readonly bucketOfColumn: Int32Array;
  readonly idf: Float32Array;
  /** bucket → column, or -1 for buckets training never saw. */
  columnOf(bucket: number): number;
}

/** Builds the column map over training texts; buckets in fewer than `minDocumentFrequency` texts are dropped. */
export function buildFeatureSpace(
  documents: readonly HashedFeatureCounts[],
  options: HashedFeatureOptions,
  minDocumentFrequency: number,
): FeatureSpace {
  const documentFrequency = new Map<number, number>();
  for (const doc of documents) for (const bucket of doc.buckets) documentFrequency.set(bucket, (documentFrequency.get(bucket) ?? 0) + 1);
  const kept: number[] = [];
  for (const [bucket, df] of documentFrequency) if (df >= minDocumentFrequency) kept.push(bucket);
  const bucketOfColumn = Int32Array.from(kept).sort();
  const idf = new Float32Array(bucketOfColumn.length);
  const n = documents.length;
  for (let column = 0; column < bucketOfColumn.length; column++) {
    const df = documentFrequency.get(bucketOfColumn[column] ?? 0) ?? 0;
    idf[column] = Math.log((1 + n) / (1 + df)) + 1;
  }
  return restoreFeatureSpace(options, bucketOfColumn, idf);
}

/**
 * Rebuilds the bucket → column lookup from a snapshot's columns: an open-addressing table at most
 * half full, a few hundred kilobytes to a few megabytes, so lookups mostly hit the CPU cache (a
 * direct table over all 2^22 buckets was 16 MB and slower). Bucket ids are already well-mixed hashes.
 */
export function restoreFeatureSpace(options: HashedFeatureOptions, bucketOfColumn: Int32Array, idf: Float32Array): FeatureSpace {
  let capacity = 1024;
  while (capacity < bucketOfColumn.length * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Int32Array(capacity).fill(-1);
  const columns = new Int32Array(capacity);
  for (let column = 0; column < bucketOfColumn.length; column++) {
    const bucket = bucketOfColumn[column]!;
    let slot = bucket & mask;
    while (keys[slot] !== -1 && keys[slot] !== bucket) slot = (slot + 1) & mask;
    keys[slot] = bucket;
    columns[slot] = column;
  }
  return {
    options,
    bucketOfColumn,
    idf,
    columnOf(bucket: number): number {
      let slot = bucket & mask;
      for (;;) {
        const key = keys[slot]!;
        if (key === bucket) return columns[slot]!;
        if (key === -1) return -1;
        slot = (slot + 1) & mask;
      }
    },
  };
}

/** TF-IDF vector of already-hashed features. */
export function weighFeatures(counts: HashedFeatureCounts, space: FeatureSpace): SparseVector {
  const indices = new Int32Array(counts.buckets.length);
  const values = new Float32Array(counts.buckets.length);
  let size = 0;
  let norm = 0;
  let seen = 0;
  let total = 0;
  for (let i = 0; i < counts.buckets.length; i++) {
    const tf = 1 + Math.log(counts.counts[i] ?? 1);
    total += tf;
    const column = space.columnOf(counts.buckets[i]!);
    if (column < 0) continue;
    seen += tf;
    const value = tf * (space.idf[column] ?? 1);
    indices[size] = column;
    values[size] = value;
    norm += value * value;
    size++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < size; i++) values[i] = (values[i] ?? 0) * scale;
  return { indices: indices.slice(0, size), values: values.slice(0, size), coverage: total > 0 ? seen / total : 0 };
}

/** Text → TF-IDF vector in one step. */
export function vectorize(text: string, space: FeatureSpace): SparseVector {
  return weighFeatures(extractHashedFeatures(text, space.options), space);
}

/** Helpers over {@link SparseSimilarity} shared by the item-to-item and content recommenders. */
import type { ProductKey, RecommendableProduct, SparseSimilarity } from "./types.ts";

/** Builds a {@link SparseSimilarity} one product row at a time, each row in its own exact-size typed arrays. */
export interface SimilarityBuilder {
  /** Appends the next row from a dense score array: entries `touched` with a positive score, best `limit`. */
  appendRow(touched: number[], scores: Float64Array, limit: number): void;
  finish(ids: ProductKey[]): SparseSimilarity;
}

export function createSimilarityBuilder(): SimilarityBuilder {
  const columns: Int32Array[] = [];
  const values: Float32Array[] = [];
  return {
    appendRow(touched, scores, limit) {
      let kept = touched.filter((j) => scores[j]! > 0);
      if (kept.length > limit) {
        kept.sort((a, b) => scores[b]! - scores[a]! || a - b);
        kept = kept.slice(0, limit);
      }
      kept.sort((a, b) => a - b);
      const rowColumns = new Int32Array(kept.length);
      const rowValues = new Float32Array(kept.length);
      for (let k = 0; k < kept.length; k++) {
        rowColumns[k] = kept[k]!;
        rowValues[k] = scores[kept[k]!]!;
      }
      columns.push(rowColumns);
      values.push(rowValues);
    },
    finish(ids) {
      while (columns.length < ids.length) {
        columns.push(new Int32Array(0));
        values.push(new Float32Array(0));
      }
      return { ids, indexOf: new Map(ids.map((id, i) => [id, i])), columns, values };
    },
  };
}

/** Similarity of row `i` to column `j` (0 when not stored), by binary search in the sorted row. */
export function lookupSimilarity(similarity: SparseSimilarity, i: number, j: number): number {
  const columns = similarity.columns[i]!;
  let low = 0;
  let high = columns.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const column = columns[mid]!;
    if (column === j) return similarity.values[i]![mid]!;
    if (column < j) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

/** Adds `weight × row i` into a dense score array indexed like the similarity's ids. */
export function accumulateRow(similarity: SparseSimilarity, i: number, weight: number, into: Float64Array): void {
  const columns = similarity.columns[i]!;
  const values = similarity.values[i]!;
  for (let k = 0; k < columns.length; k++) {
    const j = columns[k]!;
    into[j] = into[j]! + weight * values[k]!;
  }
}

/** In stock and active: the only products any recommender may return. */
export function isAvailable(product: RecommendableProduct): boolean {
  return product.active !== false && product.stock > 0;
}

/** Inserts into a list kept sorted by descending score and at most `limit` long (ties keep catalogue order). */
export function insertTop<T extends { score: number }>(top: T[], entry: T, limit: number): void {
  if (limit <= 0) return;
  if (top.length === limit && entry.score <= top[limit - 1]!.score) return;
  let position = top.length;
  while (position > 0 && top[position - 1]!.score < entry.score) position--;
  top.splice(position, 0, entry);
  if (top.length > limit) top.pop();
}

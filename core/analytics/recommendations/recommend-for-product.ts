/**
 * "Customers who bought this also bought" for a product page or a cart: the product's item-to-item
 * neighbours, blended with its content look-alikes so that a product nobody has bought yet still gets
 * suggestions, and what is popular now when there is nothing better.
 *
 * score(j) = cf(p, j)/max + contentWeight · content(p, j)/max + 0.01 · recent(j)/max
 */
import { insertTop, isAvailable } from "./sparse-similarity.ts";
import type { ItemSimilarityModel } from "./build-item-similarity.ts";
import type { ProductKey, RecommendableProduct, Recommendation, SparseSimilarity } from "./types.ts";

export interface RecommendForProductOptions {
  model: ItemSimilarityModel;
  content?: SparseSimilarity;
  productId: ProductKey;
  /** The catalogue: only these products, when available, can be recommended. */
  products: readonly RecommendableProduct[];
  limit?: number;
  /** Weight of content similarity against bought-together; default 0.5. */
  contentWeight?: number;
}

function rowAsMap(similarity: SparseSimilarity | undefined, productId: ProductKey): Map<ProductKey, number> {
  const row = new Map<ProductKey, number>();
  if (!similarity) return row;
  const i = similarity.indexOf.get(productId);
  if (i === undefined) return row;
  const columns = similarity.columns[i]!;
  const values = similarity.values[i]!;
  let max = 0;
  for (const value of values) max = Math.max(max, value);
  if (max <= 0) return row;
  for (let k = 0; k < columns.length; k++) row.set(similarity.ids[columns[k]!]!, values[k]! / max);
  return row;
}

/** Ranks the catalogue for one product; never the product itself, never an unavailable product. */
export function recommendForProduct(options: RecommendForProductOptions): Recommendation[] {
  const limit = options.limit ?? 10;
  const contentWeight = options.contentWeight ?? 0.5;
  const { model } = options;
  const cf = rowAsMap(model.similarity, options.productId);
  const content = rowAsMap(options.content, options.productId);
  let recentMax = 0;
  for (const v of model.recentPopularity) recentMax = Math.max(recentMax, v);
  const top: { productId: ProductKey; score: number; cf: number; content: number }[] = [];
  for (const product of options.products) {
    if (product.id === options.productId || !isAvailable(product)) continue;
    const cfScore = cf.get(product.id) ?? 0;
    const contentScore = contentWeight * (content.get(product.id) ?? 0);
    const i = model.similarity.indexOf.get(product.id);
    const recent = i !== undefined && recentMax > 0 ? model.recentPopularity[i]! / recentMax : 0;
    insertTop(top, { productId: product.id, score: cfScore + contentScore + 0.01 * recent, cf: cfScore, content: contentScore }, limit);
  }
  return top.map((entry): Recommendation => ({
    productId: entry.productId,
    score: entry.score,
    reason:
      entry.cf > 0 && entry.cf >= entry.content
        ? { kind: "bought-together", withProductId: options.productId }
        : entry.content > 0
          ? { kind: "similar", toProductId: options.productId }
          : { kind: "popular" },
  }));
}

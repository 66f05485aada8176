/**
 * Shapes shared by the recommendation engines. Ids are whatever the caller uses: the database's integer
 * product ids, or stock codes in the benchmark.
 */

export type ProductKey = number | string;
export type CustomerKey = number | string;

/** One order (or basket) of a customer: the products in it and when it was placed. */
export interface BasketRecord {
  customerId: CustomerKey;
  productIds: readonly ProductKey[];
  at: Date;
}

/** A product page or card the customer looked at (from `product_viewed` events). */
export interface ProductViewRecord {
  customerId: CustomerKey;
  productId: ProductKey;
  at: Date;
}

/** What the recommenders must know about a product to decide whether it may be offered. */
export interface RecommendableProduct {
  id: ProductKey;
  stock: number;
  /** Inactive products are never recommended; default true. */
  active?: boolean;
  /** Bought again and again (tea, candles): may be recommended to someone who already bought it. */
  consumable?: boolean;
}

/**
 * A sparse product × product similarity: the neighbours of product `ids[i]` are `columns[i]` (indices
 * into `ids`, ascending) with their similarity in `values[i]`. Typed arrays keep a 5,000-product
 * catalogue with full neighbourhoods (15 million pairs) to about 120 MB.
 */
export interface SparseSimilarity {
  ids: ProductKey[];
  indexOf: Map<ProductKey, number>;
  columns: Int32Array[];
  values: Float32Array[];
}

/** Why a product was recommended, to show the customer or the owner. */
export type RecommendationReason =
  | { kind: "bought-together"; withProductId: ProductKey }
  | { kind: "similar"; toProductId: ProductKey }
  | { kind: "popular" };

export interface Recommendation {
  productId: ProductKey;
  /** Higher is better; comparable within one list only. */
  score: number;
  reason: RecommendationReason;
}

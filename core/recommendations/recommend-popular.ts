import type { Db } from "../db.ts";

/** What the chat asks a recommender for: `limit` products for a customer, within a price range when the customer set one. */
export interface RecommendationRequest {
  customerId: number;
  limit: number;
  excludeProductIds?: number[];
  /** Inclusive bounds in minor units ("a gift under £30"). */
  minPriceMinor?: number;
  maxPriceMinor?: number;
  /** Only this category ("a present for my mum, she loves tea"). */
  category?: string;
  /** The database to read through: a customer turn's transaction (the recommender's own when absent). */
  db?: Db;
}

/** The Prisma filter for a request's price bounds and category (none when it sets none). */
export function priceBoundsWhere(request: Pick<RecommendationRequest, "minPriceMinor" | "maxPriceMinor" | "category">) {
  const category = request.category !== undefined ? { category: request.category } : {};
  if (request.minPriceMinor === undefined && request.maxPriceMinor === undefined) return category;
  return { ...category, priceMinor: { ...(request.minPriceMinor !== undefined ? { gte: request.minPriceMinor } : {}), ...(request.maxPriceMinor !== undefined ? { lte: request.maxPriceMinor } : {}) } };
}

/**
 * Best sellers the customer has not bought yet (consumables excepted), in stock only. Popularity
 * is the number of distinct customers who ordered the product; new shops with no orders yet fall
 * back to the newest products.
 */
export async function recommendPopular(db: Db, options: Partial<RecommendationRequest>) {
  const limit = options.limit ?? 3;
  const bought = options.customerId
    ? await db.orderLine.findMany({ where: { order: { customerId: options.customerId, status: { not: "cancelled" } } }, select: { productId: true }, distinct: ["productId"] })
    : [];
  const candidates = await db.product.findMany({
    where: { active: true, stock: { gt: 0 }, id: { notIn: options.excludeProductIds ?? [] }, ...priceBoundsWhere(options) },
    include: { orderLines: { where: { order: { status: { not: "cancelled" } } }, select: { order: { select: { customerId: true } } } } },
  });
  const boughtIds = new Set(bought.map((b) => b.productId));
  return candidates
    .filter((p) => p.consumable || !boughtIds.has(p.id))
    .map((p) => ({ product: p, buyers: new Set(p.orderLines.map((l) => l.order.customerId)).size }))
    .sort((a, b) => b.buyers - a.buyers || b.product.createdAt.getTime() - a.product.createdAt.getTime() || a.product.id - b.product.id)
    .slice(0, limit)
    .map(({ product: { orderLines: _lines, ...product } }) => product);
}

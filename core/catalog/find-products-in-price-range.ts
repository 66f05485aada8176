/**
 * "Candles under £20", "the cheapest tea", "anything cheaper?": products a customer can buy now
 * (active, in stock) within a price range, cheapest first (or dearest first), optionally within a
 * category or a set of products a search found. When nothing fits, the product nearest the range
 * in the same scope is returned too, so the answer can say "nothing under £5; the cheapest is …"
 * instead of a bare no.
 */
import type { Product } from "../../prisma/generated/client.ts";
import type { Db, Prisma } from "../db.ts";

export interface PriceRangeQuery {
  /** Inclusive bounds in minor units; either may be absent. */
  minMinor?: number;
  maxMinor?: number;
  /** Highest price first ("the most expensive"); default lowest first. */
  descending?: boolean;
  /** Only this category (its English name, as stored). */
  category?: string;
  /** Only these products (a search's results). */
  productIds?: readonly number[];
  /** Never these (the product the customer wants something cheaper than). */
  excludeProductIds?: readonly number[];
  limit: number;
}

export interface PriceRangeResult {
  products: Product[];
  /** When `products` is empty: the in-scope product closest to the range, if the scope has any. */
  nearest?: Product;
}

export async function findProductsInPriceRange(db: Db, query: PriceRangeQuery): Promise<PriceRangeResult> {
  const scope: Prisma.ProductWhereInput = {
    active: true,
    stock: { gt: 0 },
    ...(query.category !== undefined ? { category: query.category } : {}),
    ...(query.productIds !== undefined || query.excludeProductIds !== undefined
      ? { id: { ...(query.productIds !== undefined ? { in: [...query.productIds] } : {}), ...(query.excludeProductIds !== undefined ? { notIn: [...query.excludeProductIds] } : {}) } }
      : {}),
  };
  const direction = query.descending ? "desc" : "asc";
  const products = await db.product.findMany({
    where: { ...scope, priceMinor: { ...(query.minMinor !== undefined ? { gte: query.minMinor } : {}), ...(query.maxMinor !== undefined ? { lte: query.maxMinor } : {}) } },
    orderBy: [{ priceMinor: direction }, { name: "asc" }],
    take: query.limit,
  });
  if (products.length > 0) return { products };
  // Nothing in range: the dearest below its minimum or the cheapest above its maximum, whichever is
  // nearer the range ("candles around £30" with candles at £9–£16.50: the £16.50 one, not the £9).
  const below = query.minMinor !== undefined
    ? await db.product.findFirst({ where: { ...scope, priceMinor: { lt: query.minMinor } }, orderBy: [{ priceMinor: "desc" }, { name: "asc" }] })
    : null;
  const above = query.maxMinor !== undefined
    ? await db.product.findFirst({ where: { ...scope, priceMinor: { gt: query.maxMinor } }, orderBy: [{ priceMinor: "asc" }, { name: "asc" }] })
    : null;
  const nearest = below && above
    ? (query.minMinor! - below.priceMinor <= above.priceMinor - query.maxMinor! ? below : above)
    : below ?? above ?? (query.minMinor === undefined && query.maxMinor === undefined ? await db.product.findFirst({ where: scope, orderBy: [{ priceMinor: "asc" }, { name: "asc" }] }) : null);
  return nearest ? { products, nearest } : { products };
}

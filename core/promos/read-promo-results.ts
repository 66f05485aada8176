/**
 * What a promo code has done so far, for `promo CODE`: the orders that redeemed it and are not
 * cancelled (its uses), what those orders came to (revenue, what customers paid, delivery included)
 * and what the code took off them (the discount given). Cancelled orders gave their use back and are
 * counted apart. One grouped query.
 */
import type { Db } from "../db.ts";

export interface PromoResults {
  /** Orders with the code, not cancelled. */
  orders: number;
  /** Their totals, minor units (after the discount, delivery included). */
  revenueMinor: number;
  /** What the code took off them, minor units. */
  discountMinor: number;
  /** Orders with the code that were cancelled (their uses given back). */
  cancelled: number;
}

export async function readPromoResults(db: Db, promoId: number): Promise<PromoResults> {
  const groups = await db.order.groupBy({ by: ["status"], where: { promoId }, _count: { _all: true }, _sum: { totalMinor: true, discountMinor: true } });
  const results: PromoResults = { orders: 0, revenueMinor: 0, discountMinor: 0, cancelled: 0 };
  for (const group of groups) {
    if (group.status === "cancelled") {
      results.cancelled += group._count._all;
      continue;
    }
    results.orders += group._count._all;
    results.revenueMinor += group._sum.totalMinor ?? 0;
    results.discountMinor += group._sum.discountMinor ?? 0;
  }
  return results;
}

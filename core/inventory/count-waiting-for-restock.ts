import type { Db } from "../db.ts";

/**
 * How many customers wait for each product to come back ("tell me when it's back", not yet told),
 * for the owner's stock list and the digest's low-stock lines. `productIds` limits the count to those
 * products; products nobody waits for are absent from the map.
 */
export async function countWaitingForRestock(db: Db, productIds?: readonly number[]): Promise<Map<number, number>> {
  if (productIds?.length === 0) return new Map();
  const groups = await db.stockAlert.groupBy({ by: ["productId"], where: { notifiedAt: null, ...(productIds ? { productId: { in: [...productIds] } } : {}) }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.productId, g._count._all]));
}

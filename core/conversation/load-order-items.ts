import type { Product } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import type { TCartLine } from "./dialogue-state.ts";

/**
 * The items of an order being put together, with their products, in the order they were added;
 * items whose product is no longer active are left out (the caller compares the lengths when that
 * matters). One query, whatever the number of items.
 */
export async function loadOrderItems(db: Db, items: readonly TCartLine[]): Promise<{ product: Product; quantity: number }[]> {
  return orderItemsIn(await db.product.findMany({ where: { id: { in: items.map((l) => l.productId) }, active: true } }), items);
}

/**
 * The same from products already read (a turn's one reading of the catalog, which holds every
 * active product): items whose product is not among them are left out.
 */
export function orderItemsIn(products: readonly Product[], items: readonly TCartLine[]): { product: Product; quantity: number }[] {
  return items.flatMap((l) => {
    const product = products.find((p) => p.id === l.productId);
    return product ? [{ product, quantity: l.quantity }] : [];
  });
}

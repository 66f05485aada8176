/**
 * The owner's real-time stock alert, once per product and episode. An episode starts when the stock
 * falls to the product's reorder point (worked out from its forecast: `planReorderPoint`), or to its
 * low-stock threshold when it has too little history for one, and ends when the stock is above that
 * again (a database trigger clears the mark then, whatever raised the stock). The mark is taken with a
 * conditional update (`reorderAlertedAt IS NULL`), so two sales, two replicas or a sale and the nightly
 * refresh at the same moment raise it once.
 *
 * Called inside the transaction that changed the stock, with the product row it already read: no
 * query at all while the stock is above the point, one conditional update when it is not.
 */
import type { Db, Tx } from "../db.ts";
import type { OwnerNotification } from "../ports.ts";
import { leadDaysOf, type InventoryPolicy } from "./inventory-policy.ts";

/** The product's columns the alert reads. */
export interface AlertableProduct {
  id: number;
  sku: string;
  name: string;
  nameZh: string | null;
  stock: number;
  lowStockThreshold: number;
  leadDays: number | null;
  minOrder: number | null;
  planPace: number | null;
  planReorderPoint: number | null;
  planOrderUpTo: number | null;
  reorderAlertedAt: Date | null;
}

/** The point at which a product needs the owner: its reorder point, or its threshold without one. */
export function alertPointOf(product: Pick<AlertableProduct, "planReorderPoint" | "lowStockThreshold">): number {
  return product.planReorderPoint ?? product.lowStockThreshold;
}

/** The alert's words as a notification, from the product's cached plan (or its threshold). */
export function reorderNotification(product: AlertableProduct, policy: Pick<InventoryPolicy, "defaultLeadDays">, daysOfCover?: number | null): OwnerNotification {
  const names = { productId: product.id, sku: product.sku, name: product.name, nameZh: product.nameZh, stock: product.stock };
  if (product.planReorderPoint === null) return { type: "low_stock", ...names, threshold: product.lowStockThreshold };
  const pace = product.planPace ?? 0;
  return {
    type: "reorder",
    ...names,
    daysOfCover: daysOfCover !== undefined ? daysOfCover : pace > 0 ? product.stock / pace : null,
    leadDays: leadDaysOf(product, policy),
    orderQuantity: Math.max((product.planOrderUpTo ?? product.planReorderPoint) - product.stock, product.minOrder ?? 0),
    reorderPoint: product.planReorderPoint,
  };
}

/**
 * Takes the episode's mark when `product` (as just read, after the change) is at or below its point
 * and not yet marked; returns the notification to send after the commit, or null.
 */
export async function claimReorderAlert(db: Db | Tx, product: AlertableProduct, at: Date, policy: Pick<InventoryPolicy, "defaultLeadDays">): Promise<OwnerNotification | null> {
  const point = alertPointOf(product);
  if (product.stock > point || product.reorderAlertedAt !== null) return null;
  const claimed = await db.product.updateMany({ where: { id: product.id, reorderAlertedAt: null, stock: { lte: point } }, data: { reorderAlertedAt: at } });
  return claimed.count === 1 ? reorderNotification(product, policy) : null;
}

import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Notifier } from "../ports.ts";
import { claimReorderAlert } from "./claim-reorder-alert.ts";
import { DEFAULT_INVENTORY_POLICY, type InventoryPolicy } from "./inventory-policy.ts";
import { findProductBySku } from "../products/update-product.ts";

const MAX_STOCK = 1_000_000;

/**
 * Sets a product's stock to a count ("stock TEA-1 20") or adds to it ("restock TEA-1 5"). Restock
 * is an atomic increment, so it never loses a sale made at the same moment. Notifies the owner when
 * the result is at or below the product's reorder point (or low-stock threshold), once per episode;
 * a count above it ends the episode (the database's trigger clears the mark).
 */
export async function adjustStock(
  deps: { db: Db; notifier: Notifier; inventory?: Pick<InventoryPolicy, "defaultLeadDays"> },
  options: { sku: string; mode: "set" | "add"; quantity: number; at: Date },
) {
  const { quantity, mode } = options;
  if (!Number.isInteger(quantity) || quantity < (mode === "set" ? 0 : 1) || quantity > MAX_STOCK) {
    throw new AppError("INVALID_INPUT", {
      message: mode === "set" ? `Stock must be a whole number from 0 to ${MAX_STOCK}.` : `Restock by a whole number from 1 to ${MAX_STOCK}.`,
      refusal: { kind: "stockOutOfRange", mode, max: MAX_STOCK },
    });
  }
  const product = await findProductBySku(deps.db, options.sku);
  const written = await deps.db.product.updateMany({
    where: { id: product.id, ...(mode === "add" ? { stock: { lte: MAX_STOCK - quantity } } : {}) },
    data: { stock: mode === "set" ? quantity : { increment: quantity } },
  });
  if (written.count === 0) {
    throw new AppError("INVALID_INPUT", { message: `That would make more than ${MAX_STOCK} in stock.`, refusal: { kind: "stockTooHigh", max: MAX_STOCK } });
  }
  const updated = await deps.db.product.findUniqueOrThrow({ where: { id: product.id } });
  const alert = await claimReorderAlert(deps.db, updated, options.at, deps.inventory ?? DEFAULT_INVENTORY_POLICY);
  if (alert) await deps.notifier.notify(alert);
  return { before: product.stock, product: updated };
}

import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { ZProductUpdate, type TProductUpdate } from "./product-input.ts";

/**
 * Updates the given fields of a product found by SKU (case-insensitive); returns it as it is now and
 * as it was, so the owner sees what changed.
 */
export async function updateProduct(db: Db, sku: string, input: TProductUpdate) {
  const data = ZProductUpdate.parse(input);
  const before = await findProductBySku(db, sku);
  if (Object.keys(data).length === 0) throw new AppError("INVALID_INPUT", { message: "Nothing to update: give at least one field, e.g. price=12.50", refusal: { kind: "nothingToUpdate" } });
  return { product: await db.product.update({ where: { id: before.id }, data }), before };
}

export async function findProductBySku(db: Db, sku: string) {
  const product = await db.product.findFirst({ where: { sku: { equals: sku.trim(), mode: "insensitive" } } });
  if (!product) throw new AppError("NOT_FOUND", { message: `No product with SKU ${sku}.`, refusal: { kind: "productNotFound", sku } });
  return product;
}

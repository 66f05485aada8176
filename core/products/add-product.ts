import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { ZProductFields, type TProductFields } from "./product-input.ts";

/** Adds a product; a duplicate SKU is refused with a message that names it. */
export async function addProduct(db: Db, input: TProductFields) {
  const data = ZProductFields.parse(input);
  const existing = await db.product.findUnique({ where: { sku: data.sku } });
  if (existing) throw new AppError("CONFLICT", { message: `A product with SKU ${data.sku} already exists (${existing.name}).`, refusal: { kind: "skuTaken", sku: data.sku, name: existing.name } });
  return db.product.create({ data });
}

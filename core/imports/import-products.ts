/**
 * Loads a catalog from rows of text fields (a CSV's records): validated with the same zod schema as
 * the owner's `product add`, upserted by SKU so a re-run updates rather than duplicates, with each
 * rejected row reported by line and reason.
 */
import type { Db } from "../db.ts";
import { parseMoney } from "../money.ts";
import { ZProductFields } from "../products/product-input.ts";

const truthy = (v: string) => ["yes", "y", "true", "1"].includes(v.trim().toLowerCase());

export async function importProducts(db: Db, records: { line: number; values: Record<string, string> }[], options: { currency: string }) {
  const report = { added: 0, updated: 0, rejected: [] as { line: number; reason: string }[] };
  for (const { line, values } of records) {
    const currency = (values.currency || options.currency).trim().toUpperCase();
    const priceMinor = parseMoney(values.price ?? "", currency);
    if (priceMinor === null) {
      report.rejected.push({ line, reason: `price "${values.price ?? ""}" is not an amount like 12.50` });
      continue;
    }
    const optional = (k: string) => (values[k]?.trim() ? values[k]!.trim() : undefined);
    const parsed = ZProductFields.safeParse({
      sku: values.sku,
      name: values.name,
      nameZh: optional("name_zh"),
      description: values.description ?? "",
      descriptionZh: optional("description_zh"),
      category: values.category,
      categoryZh: optional("category_zh"),
      tags: (values.tags ?? "").split(",").map((t) => t.trim()).filter(Boolean),
      priceMinor,
      currency,
      ...(optional("stock") !== undefined ? { stock: Number(values.stock) } : {}),
      ...(optional("low_stock_threshold") !== undefined ? { lowStockThreshold: Number(values.low_stock_threshold) } : {}),
      ...(optional("consumable") !== undefined ? { consumable: truthy(values.consumable!) } : {}),
      ...(optional("active") !== undefined ? { active: truthy(values.active!) } : {}),
      imageUrl: optional("image_url"),
    });
    if (!parsed.success) {
      report.rejected.push({ line, reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      continue;
    }
    const { sku, ...fields } = parsed.data;
    const existing = await db.product.findUnique({ where: { sku } });
    await db.product.upsert({ where: { sku }, create: parsed.data, update: fields });
    if (existing) report.updated++;
    else report.added++;
  }
  return report;
}

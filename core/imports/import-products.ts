/**
 * Loads a catalog from rows of text fields (a CSV's records): validated with the same zod schema as
 * the owner's `product add`, upserted by SKU so a re-run updates rather than duplicates, with each
 * rejected row reported by line and reason. `lead_days` and `min_order` carry the supplier's lead time
 * and minimum order (what the stock plan works with); an empty cell leaves them as they are.
 */
import type { Db } from "../db.ts";
import { parseMoney } from "../money.ts";
import { ZLeadDays, ZMinOrder, ZProductFields } from "../products/product-input.ts";

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
    // The supplier's terms: a whole number, or "default" / "none" to clear it; empty leaves it as it is.
    const supply = readSupplyTerms(optional("lead_days"), optional("min_order"));
    if ("problem" in supply) {
      report.rejected.push({ line, reason: supply.problem });
      continue;
    }
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
      ...supply.terms,
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

/** `lead_days` (1–365, or "default") and `min_order` (1–1,000,000, or "none" / 0) as product fields, or what is wrong with them. */
function readSupplyTerms(leadDays: string | undefined, minOrder: string | undefined): { terms: { leadDays?: number | null; minOrder?: number | null } } | { problem: string } {
  const terms: { leadDays?: number | null; minOrder?: number | null } = {};
  const problems: string[] = [];
  if (leadDays !== undefined) {
    if (["default", "none"].includes(leadDays.toLowerCase())) terms.leadDays = null;
    else if (/^\d+$/.test(leadDays) && ZLeadDays.safeParse(Number(leadDays)).success) terms.leadDays = Number(leadDays);
    else problems.push(`lead_days "${leadDays}" is not a whole number of days from 1 to 365 (or "default")`);
  }
  if (minOrder !== undefined) {
    if (["none", "0"].includes(minOrder.toLowerCase())) terms.minOrder = null;
    else if (/^\d+$/.test(minOrder) && ZMinOrder.safeParse(Number(minOrder)).success) terms.minOrder = Number(minOrder);
    else problems.push(`min_order "${minOrder}" is not a whole number of units from 1 to 1000000 (or "none")`);
  }
  return problems.length ? { problem: problems.join("; ") } : { terms };
}

/**
 * A typed definition read and checked against the catalog: it must parse, and every product and
 * category it names must exist (spelled as the catalog spells them afterwards, so `bought=tea-001`
 * is stored as `bought=TEA-001`). A `bought=` naming a category rather than a SKU is refused with the
 * category named, so the owner learns `bought-category=` instead of getting an empty audience.
 */
import type { Db } from "../db.ts";
import type { TAudienceRefusal } from "../errors.ts";
import type { TAudienceDefinition } from "./audience-definition.ts";
import { parseAudienceDefinition } from "./parse-audience-definition.ts";

export type TCheckedAudience = { ok: true; definition: TAudienceDefinition } | { ok: false; refusal: TAudienceRefusal };

/** Every bought / bought-category term of the tree. */
function itemsOf(definition: TAudienceDefinition): Extract<TAudienceDefinition, { kind: "bought" | "boughtCategory" }>[] {
  switch (definition.kind) {
    case "bought":
    case "boughtCategory":
      return [definition];
    case "and":
    case "or":
      return definition.of.flatMap(itemsOf);
    case "not":
      return itemsOf(definition.of);
    default:
      return [];
  }
}

/** The tree with each product and category as the catalog spells them. */
function respell(definition: TAudienceDefinition, skus: Map<string, string>, categories: Map<string, string>): TAudienceDefinition {
  switch (definition.kind) {
    case "bought":
      return { ...definition, sku: skus.get(definition.sku.toLowerCase()) ?? definition.sku };
    case "boughtCategory":
      return { ...definition, category: categories.get(definition.category.toLowerCase()) ?? definition.category };
    case "and":
    case "or":
      return { kind: definition.kind, of: definition.of.map((d) => respell(d, skus, categories)) };
    case "not":
      return { kind: "not", of: respell(definition.of, skus, categories) };
    default:
      return definition;
  }
}

export async function checkAudienceDefinition(db: Db, text: string, options: { currency: string }): Promise<TCheckedAudience> {
  const parsed = parseAudienceDefinition(text, options);
  if (!parsed.ok) return { ok: false, refusal: { kind: "audienceInvalid", text, error: parsed.error } };
  const items = itemsOf(parsed.definition);
  if (items.length === 0) return parsed;
  // The catalog of a one-person shop is small: one read of its SKUs and categories answers every term.
  const products = await db.product.findMany({ select: { sku: true, category: true, categoryZh: true } });
  const skus = new Map(products.map((p) => [p.sku.toLowerCase(), p.sku]));
  const categories = new Map<string, string>();
  for (const p of products) {
    categories.set(p.category.toLowerCase(), p.category);
    if (p.categoryZh) categories.set(p.categoryZh.toLowerCase(), p.categoryZh);
  }
  for (const item of items) {
    if (item.kind === "bought" && !skus.has(item.sku.toLowerCase())) {
      return { ok: false, refusal: { kind: "audienceUnknownProduct", sku: item.sku, category: categories.get(item.sku.toLowerCase()) ?? null } };
    }
    if (item.kind === "boughtCategory" && !categories.has(item.category.toLowerCase())) {
      return { ok: false, refusal: { kind: "audienceUnknownCategory", category: item.category } };
    }
  }
  return { ok: true, definition: respell(parsed.definition, skus, categories) };
}

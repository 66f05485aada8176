/**
 * Read-only catalog queries the customer flows use. Only active products are ever shown to
 * customers.
 */
import type { Db } from "../db.ts";
import type { TLocale } from "../messages.ts";

export const CATALOG_PAGE_SIZE = 5;

/** Categories of active products with their counts, alphabetical. */
export async function listCategories(db: Db): Promise<CatalogCategory[]> {
  const groups = await db.product.groupBy({ by: ["category", "categoryZh"], where: { active: true }, _count: { _all: true }, orderBy: [{ category: "asc" }, { categoryZh: "asc" }] });
  const byName = new Map<string, CatalogCategory>();
  for (const group of groups) {
    const entry = byName.get(group.category) ?? { category: group.category, categoryZh: null, count: 0 };
    entry.count += group._count._all;
    // Products of one category may disagree on (or lack) the Chinese name: the first one set wins.
    entry.categoryZh ??= group.categoryZh;
    byName.set(group.category, entry);
  }
  return [...byName.values()];
}

export interface CatalogCategory {
  /** The category as stored on products (and carried in buttons). */
  category: string;
  /** Its Chinese name, when any product of the category has one. */
  categoryZh: string | null;
  count: number;
}

/** The category's name in the customer's language (the stored name when there is no translation). */
export function categoryLabel(category: Pick<CatalogCategory, "category" | "categoryZh">, locale: TLocale): string {
  return locale === "zh" && category.categoryZh ? category.categoryZh : category.category;
}

/** One page (0-based) of a category; `pages` is at least 1. */
export async function browseCategory(db: Db, category: string, page: number) {
  const where = { active: true, category };
  const total = await db.product.count({ where });
  const pages = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const products = await db.product.findMany({ where, orderBy: [{ name: "asc" }], skip: current * CATALOG_PAGE_SIZE, take: CATALOG_PAGE_SIZE });
  return { category, page: current, pages, total, products };
}

/** The fields product matching needs, for all active products (small for a one-person shop). */
export async function listMatchableProducts(db: Db) {
  return db.product.findMany({ where: { active: true }, select: { id: true, sku: true, name: true, nameZh: true, category: true, tags: true } });
}

export async function getActiveProduct(db: Db, productId: number) {
  return db.product.findFirst({ where: { id: productId, active: true } });
}

/**
 * Read-only catalog queries the customer flows use. Only active products are ever shown to
 * customers.
 */
import type { Product } from "../../prisma/generated/client.ts";
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

/**
 * The same categories and counts as {@link listCategories}, from products already read (a customer
 * turn's one reading of the catalog: no second query for its categories). Only active products
 * count; the first Chinese name in category order wins, as the grouped query's order gives it.
 */
export function countCategories(products: readonly Pick<Product, "active" | "category" | "categoryZh">[]): CatalogCategory[] {
  const sorted = products.filter((p) => p.active).sort((a, b) => compareNullsLast(a.category, b.category) || compareNullsLast(a.categoryZh, b.categoryZh));
  const byName = new Map<string, CatalogCategory>();
  for (const { category, categoryZh } of sorted) {
    const entry = byName.get(category) ?? { category, categoryZh: null, count: 0 };
    entry.count += 1;
    entry.categoryZh ??= categoryZh;
    byName.set(category, entry);
  }
  return [...byName.values()];
}

/** Ascending, with no value last (as the database orders them). */
function compareNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
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
  // One query for the count and the page: a shop's category is a few pages at most, and the
  // database's own name order is kept (its collation, not JavaScript's).
  const all = await db.product.findMany({ where: { active: true, category }, orderBy: [{ name: "asc" }] });
  const total = all.length;
  const pages = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const products = all.slice(current * CATALOG_PAGE_SIZE, (current + 1) * CATALOG_PAGE_SIZE);
  return { category, page: current, pages, total, products };
}

/** The fields product matching needs, for all active products (small for a one-person shop). */
export async function listMatchableProducts(db: Db) {
  return db.product.findMany({ where: { active: true }, select: { id: true, sku: true, name: true, nameZh: true, category: true, tags: true } });
}

export async function getActiveProduct(db: Db, productId: number) {
  return db.product.findFirst({ where: { id: productId, active: true } });
}

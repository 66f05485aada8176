/**
 * Read-only catalog queries the customer flows use. Only active products are ever shown to
 * customers.
 */
import type { Db } from "../db.ts";

export const CATALOG_PAGE_SIZE = 5;

/** Categories of active products with their counts, alphabetical. */
export async function listCategories(db: Db) {
  const groups = await db.product.groupBy({ by: ["category"], where: { active: true }, _count: { _all: true }, orderBy: { category: "asc" } });
  return groups.map((g) => ({ category: g.category, count: g._count._all }));
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

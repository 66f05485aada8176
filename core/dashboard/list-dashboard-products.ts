/** The dashboard's products: the whole catalog by category and name, with stock, threshold and price. */
import { formatMoney } from "../money.ts";
import type { DashboardDeps, Money } from "./build-dashboard-overview.ts";

export interface DashboardProductRow {
  sku: string;
  name: string;
  category: string;
  price: Money;
  /** The price as the owner types it back (`9.00`), for the edit box. */
  priceInput: string;
  stock: number;
  threshold: number;
  active: boolean;
}

export async function listDashboardProducts(deps: DashboardDeps): Promise<DashboardProductRow[]> {
  const products = await deps.db.product.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] });
  return products.map((p) => ({
    sku: p.sku,
    name: (deps.locale === "zh" ? p.nameZh : null) ?? p.name,
    category: (deps.locale === "zh" ? p.categoryZh : null) ?? p.category,
    price: { minor: p.priceMinor, text: formatMoney(p.priceMinor, p.currency) },
    priceInput: majorUnits(p.priceMinor, p.currency),
    stock: p.stock,
    threshold: p.lowStockThreshold,
    active: p.active,
  }));
}

/** Minor units as the plain number an owner types ("8.50", "1200" for yen). */
export function majorUnits(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * Works out every active product's stock plan again (nightly and at start, from fresh forecasts; for
 * one product when the owner changes its lead time, minimum order or stock, from today's kept
 * forecast) and keeps its reorder point, order-up-to level and pace on the product row, where a sale
 * compares its stock with them at no extra cost (claim-reorder-alert.ts). Products too new for a
 * forecast of their own get no plan (their threshold applies).
 *
 * Then it raises the alerts the new points call for: a product whose stock is now at or below its
 * point with no alert in this episode is marked by one conditional statement for all of them, so two
 * refreshes (two replicas, a refresh and a sale) tell the owner once. One product: its own notice;
 * more at once: one notice listing them.
 */
import type { Db } from "../db.ts";
import type { Notifier, OwnerNotification } from "../ports.ts";
import { reorderNotification } from "./claim-reorder-alert.ts";
import type { InventoryPolicy } from "./inventory-policy.ts";
import { planStock } from "./plan-stock.ts";

/** More alerts than this at once become one summary notice. */
export const ALERTS_ONE_BY_ONE = 3;
/** Products a summary notice names. */
const SUMMARY_NAMES = 10;

export interface RefreshStockPlansOptions {
  at: Date;
  timeZone?: string;
  policy: InventoryPolicy;
  /** Only these products (the owner changed them); every active product when absent. */
  productIds?: readonly number[];
  /**
   * False: only the plans, no alerts (an import run outside the shop's process has nobody to tell; the
   * next sale or nightly refresh tells the owner). Default true.
   */
  raiseAlerts?: boolean;
}

export async function refreshStockPlans(deps: { db: Db; notifier?: Notifier }, options: RefreshStockPlansOptions): Promise<{ planned: number; forecasted: number; alerted: number }> {
  const { db, notifier } = deps;
  const plans = await planStock(db, {
    asOf: options.at,
    policy: options.policy,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.productIds ? { productIds: options.productIds } : { freshForecasts: true }),
  });
  if (plans.length === 0) return { planned: 0, forecasted: 0, alerted: 0 };
  const ids = plans.map((p) => p.product.id);
  const cached = plans.map((p) => (p.forecasted ? p.plan : null));

  // One statement for every product: thousands of single updates would hold the embedded database for seconds.
  await db.$executeRaw`
    UPDATE "Product" AS p SET
      "planPace" = v.pace, "planReorderPoint" = v.point, "planOrderUpTo" = v.upto
    FROM unnest(${ids}::int[], ${cached.map((c) => c?.dailyPace ?? null)}::float8[], ${cached.map((c) => c?.reorderPoint ?? null)}::int[], ${cached.map((c) => c?.orderUpTo ?? null)}::int[])
      AS v(id, pace, point, upto)
    WHERE p.id = v.id`;
  if (options.raiseAlerts === false || !notifier) return { planned: plans.length, forecasted: cached.filter((c) => c !== null).length, alerted: 0 };
  const claimed = await db.$queryRaw<{ id: number }[]>`
    UPDATE "Product" SET "reorderAlertedAt" = CAST(${options.at.toISOString()} AS timestamp(3))
    WHERE id = ANY(${ids}::int[]) AND active AND "reorderAlertedAt" IS NULL AND stock <= COALESCE("planReorderPoint", "lowStockThreshold")
    RETURNING id`;
  if (claimed.length > 0) {
    const rows = await db.product.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, orderBy: { stock: "asc" } });
    const covers = new Map(plans.map((p) => [p.product.id, p.plan.daysOfCover]));
    const coverOf = (id: number) => covers.get(id) ?? null;
    const notices: OwnerNotification[] = rows.map((row) => reorderNotification(row, options.policy, row.planReorderPoint !== null ? coverOf(row.id) : undefined));
    if (notices.length <= ALERTS_ONE_BY_ONE) {
      for (const notice of notices) await notifier.notify(notice);
    } else {
      await notifier.notify({
        type: "reorder_summary",
        total: rows.length,
        products: rows.slice(0, SUMMARY_NAMES).map((row, i) => {
          const notice = notices[i]!;
          return { sku: row.sku, name: row.name, nameZh: row.nameZh, stock: row.stock, orderQuantity: notice.type === "reorder" ? notice.orderQuantity : null };
        }),
      });
    }
  }
  return { planned: plans.length, forecasted: cached.filter((c) => c !== null).length, alerted: claimed.length };
}

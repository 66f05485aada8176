/**
 * The stock plan of the shop's active products (or of some of them): each one's demand forecast,
 * weekly and for the next days, with intervals; its days of cover, reorder point and what to order,
 * for its lead time and the shop's service level. What `stock plan`, the digest and the nightly refresh
 * of the reorder points show and act on.
 *
 * A product's pool is its category when the category sold in at least half of the last 8 weeks,
 * otherwise the whole shop: a category of one slow product has no pattern to lend. A product whose
 * forecast rests on 4 or more weeks of its own sales is `forecasted`: its reorder point replaces its
 * low-stock threshold. Newer ones (and ones that have not sold in their window) still get a
 * forecast from their pool, shown as such, but keep the threshold for alerts.
 */
import type { Db } from "../db.ts";
import { addLocalDays, localDate } from "../digest/time-zone.ts";
import { forecastWeeklyDemand, WINDOW_WEEKS, INTERMITTENT_WEEKS, type TDemandBasis, type WeeklyDemandForecast } from "./forecast/forecast-weekly-demand.ts";
import { leadDaysOf, type InventoryPolicy } from "./inventory-policy.ts";
import { loadDemandHistory, POOL_HISTORY_WEEKS, type DemandHistory } from "./load-demand-history.ts";
import { dailyDemand, planHorizonDays, planReplenishment, weekdayShares, type ReplenishmentPlan } from "./plan-replenishment.ts";

/** Weeks of forecast shown (`stock plan <sku>`). */
export const SHOWN_WEEKS = 4;
/** The 80 % interval's z. */
const Z_80 = 1.2815515655446004;
const WEEK_MS = 7 * 86_400_000;
const FORECASTED: ReadonlySet<TDemandBasis> = new Set(["own", "intermittent", "recent"]);

export interface PlannedProduct {
  id: number;
  sku: string;
  name: string;
  nameZh: string | null;
  category: string;
  stock: number;
  lowStockThreshold: number;
  /** Its own lead time, or the shop's default. */
  leadDays: number;
  minOrder: number | null;
  active: boolean;
}

export interface DayForecast {
  /** Local `YYYY-MM-DD`. */
  date: string;
  mean: number;
  low: number;
  high: number;
}

export interface ProductStockPlan {
  product: PlannedProduct;
  forecast: WeeklyDemandForecast;
  /** The next 7 days, today first. */
  days: DayForecast[];
  plan: ReplenishmentPlan;
  /** What the forecast's pool is: the product's category or the whole shop. */
  pool: "category" | "shop";
  /** Enough history of its own (4+ weeks with a sale in the window) for the reorder point to replace the threshold. */
  forecasted: boolean;
  /** Not forecasted, and at or below its low-stock threshold. */
  belowThreshold: boolean;
}

export interface PlanStockOptions {
  asOf: Date;
  timeZone?: string;
  policy: InventoryPolicy;
  /** Only these products (active or not); all active products when absent. */
  productIds?: readonly number[];
}

function sumWeeks(rows: Iterable<readonly number[]>, length: number): number[] {
  const total = new Array<number>(length).fill(0);
  for (const row of rows) for (let w = 0; w < length; w++) total[w]! += row[w] ?? 0;
  return total;
}

/** A weeks-ago series as the forecaster reads it: oldest first, from the first week with a sale, and at least `minWeeks` long. */
function oldestFirst(weeksAgo: readonly number[], minWeeks: number): number[] {
  let oldest = -1;
  for (let w = weeksAgo.length - 1; w >= 0; w--) {
    if (weeksAgo[w]! > 0) {
      oldest = w;
      break;
    }
  }
  const length = Math.max(minWeeks, oldest + 1);
  return Array.from({ length }, (_, k) => weeksAgo[length - 1 - k] ?? 0);
}

/** The plan of each product from history already loaded (the nightly refresh and the commands share it). */
export function planFromHistory(history: DemandHistory, products: readonly (PlannedProduct & { createdAt: Date })[], allProducts: readonly { id: number; category: string }[], options: PlanStockOptions): ProductStockPlan[] {
  const byCategory = new Map<string, number[]>();
  for (const p of allProducts) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p.id]);
  const shopWeeks = sumWeeks(history.categoryWeeks.values(), POOL_HISTORY_WEEKS);
  const shopWeekdays = sumWeeks(history.productWeekdays.values(), 7);
  const shopSellers = [...history.recentSellers.values()].reduce((a, b) => a + b, 0);
  const today = history.today;
  return products.map((product) => {
    const policy = { leadDays: leadDaysOf(product, options.policy), reviewDays: 0, coverDays: options.policy.coverDays, serviceLevel: options.policy.serviceLevel, minOrder: product.minOrder };
    // The pool: the other products of its category when they sold in at least half of the last 8
    // weeks, otherwise the rest of the shop. Its own weeks are taken out (26 of them are known).
    const ownWeeksAgo = history.productWeeks.get(product.id) ?? [];
    const without = (weeksAgo: readonly number[]) => weeksAgo.map((units, w) => units - (ownWeeksAgo[w] ?? 0));
    const categoryWeeks = history.categoryWeeks.get(product.category) ?? [];
    const othersInCategory = without(categoryWeeks);
    const categoryActive = othersInCategory.slice(0, WINDOW_WEEKS).filter((u) => u > 0).length >= WINDOW_WEEKS / 2;
    const pool = categoryActive ? "category" : "shop";
    const soldLately = ownWeeksAgo.slice(0, WINDOW_WEEKS).some((u) => u > 0) ? 1 : 0;
    const lastSale = ownWeeksAgo.reduce((last, units, w) => (units > 0 ? w : last), -1);
    const sinceCreated = Math.max(0, Math.floor((today.getTime() - product.createdAt.getTime()) / WEEK_MS));
    const n = Math.min(INTERMITTENT_WEEKS, Math.max(sinceCreated, lastSale + 1));
    const own = Array.from({ length: n }, (_, k) => ownWeeksAgo[n - 1 - k] ?? 0);
    const horizonDays = planHorizonDays(policy);
    const forecast = forecastWeeklyDemand({
      own,
      pool: oldestFirst(categoryActive ? othersInCategory : without(shopWeeks), n),
      yearlyPool: oldestFirst(categoryActive ? categoryWeeks : shopWeeks, n),
      poolProducts: Math.max(0, (categoryActive ? history.recentSellers.get(product.category) ?? 0 : shopSellers) - soldLately),
      horizonWeeks: Math.ceil(horizonDays / 7),
    });
    // Weekday shares by days ahead (day 0 is today's weekday), the product's own pooled with its pool's.
    const ownWeekdays = history.productWeekdays.get(product.id) ?? new Array<number>(7).fill(0);
    const poolWeekdays = (categoryActive ? sumWeeks((byCategory.get(product.category) ?? []).map((id) => history.productWeekdays.get(id) ?? []), 7) : shopWeekdays).map((u, d) => u - ownWeekdays[d]!);
    const ahead = (monday: readonly number[]) => Array.from({ length: 7 }, (_, i) => monday[(history.todayWeekday - 1 + i) % 7]!);
    const shares = weekdayShares(ahead(ownWeekdays), ahead(poolWeekdays));
    const daily = dailyDemand(forecast, shares, horizonDays);
    const plan = planReplenishment(product.stock, daily, policy);
    const forecasted = FORECASTED.has(forecast.basis);
    const days = daily.slice(0, 7).map((d, i) => {
      const sd = Math.sqrt(d.variance);
      return { date: localDate(addLocalDays(today, i, options.timeZone), options.timeZone), mean: d.mean, low: Math.max(0, d.mean - Z_80 * sd), high: d.mean + Z_80 * sd };
    });
    const { createdAt: _createdAt, ...planned } = product;
    return { product: planned, forecast, days, plan, pool, forecasted, belowThreshold: !forecasted && product.stock <= product.lowStockThreshold };
  });
}

export async function planStock(db: Db, options: PlanStockOptions): Promise<ProductStockPlan[]> {
  const history = await loadDemandHistory(db, { asOf: options.asOf, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
  const all = await db.product.findMany({
    select: { id: true, sku: true, name: true, nameZh: true, category: true, stock: true, lowStockThreshold: true, leadDays: true, minOrder: true, active: true, createdAt: true },
    orderBy: { sku: "asc" },
  });
  const wanted = options.productIds ? new Set(options.productIds) : null;
  const products = all.filter((p) => (wanted ? wanted.has(p.id) : p.active)).map((p) => ({ ...p, leadDays: leadDaysOf(p, options.policy) }));
  return planFromHistory(history, products, all, options);
}

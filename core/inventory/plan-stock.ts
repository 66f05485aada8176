/**
 * The stock plan of the shop's active products (or of some of them): each one's demand forecast,
 * weekly and for the next days, with intervals; its days of cover, reorder point and what to order,
 * for its lead time and the shop's service level. What `stock plan`, the digest and the reorder
 * alert show and act on.
 *
 * A forecast only changes when a day ends (it reads complete days), so it is worked out once a day for
 * every active product (at 00:05 by the stock plan job, or by whichever reader first finds the day's
 * missing) and kept on the product (`planForecast`); the plans, which depend on the stock and the lead
 * time as they are now, are worked out from it each time. Reading two years of a real shop's sales
 * takes seconds on the embedded database; reading the kept forecasts, a tenth of one.
 *
 * A product's pool is the other products of its category when they sold in at least half of the last
 * 8 weeks, otherwise the rest of the shop: a category of one slow product has no pattern to lend. A
 * product whose forecast rests on 4 or more weeks of its own sales is `forecasted`: its reorder point
 * replaces its low-stock threshold. Newer ones (and ones that have not sold in their window) still get
 * a forecast from their pool, shown as such, but keep the threshold for alerts.
 */
import { z } from "zod";
import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { addLocalDays, localDate, startOfLocalDay } from "../digest/time-zone.ts";
import { forecastWeeklyDemand, INTERMITTENT_WEEKS, weeksOf, WINDOW_WEEKS, type TDemandBasis, type WeeklyDemandForecast } from "./forecast/forecast-weekly-demand.ts";
import { leadDaysOf, type InventoryPolicy } from "./inventory-policy.ts";
import { localIsoWeekday, loadDemandHistory, POOL_HISTORY_WEEKS, type DemandHistory } from "./load-demand-history.ts";
import { dailyDemand, planHorizonDays, planReplenishment, weekdayShares, type ReplenishmentPlan } from "./plan-replenishment.ts";

/** Weeks of forecast kept; a plan reaching further repeats the last. */
export const FORECAST_WEEKS = 8;
/** The 80 % interval's z. */
const Z_80 = 1.2815515655446004;
const WEEK_MS = 7 * 86_400_000;
const FORECASTED: ReadonlySet<TDemandBasis> = new Set(["own", "intermittent", "recent"]);
const BASES = ["own", "intermittent", "recent", "pooled", "new", "unsold", "none"] as const satisfies readonly TDemandBasis[];

/**
 * What is kept of a product's forecast until the next day's (Product.planForecast), checked when read
 * back: the week's point, rate and spread and the weeks' yearly factors (the weeks are rebuilt from
 * them, `weeksOf`), what they rest on, and its weekday pattern. A few hundred bytes a product.
 */
export const ZKeptForecast = z.object({
  point: z.number(),
  rate: z.number(),
  spread: z.number(),
  basis: z.enum(BASES),
  historyWeeks: z.number(),
  weeksWithSales: z.number(),
  seasonal: z.array(z.number()).min(1),
  poolLevel: z.number(),
  pool: z.enum(["category", "shop"]),
  /** A week's demand per ISO weekday, Monday first (summing to 1). */
  weekdayShares: z.array(z.number()).length(7),
});
export type KeptForecast = z.infer<typeof ZKeptForecast>;

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
  /** Work every forecast out again even when today's are kept (the nightly refresh). */
  freshForecasts?: boolean;
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

/** Each product's forecast from the history (the shop's whole: pools need every product's sales). */
export function forecastProducts(history: DemandHistory, products: readonly { id: number; category: string; createdAt: Date }[], allProducts: readonly { id: number; category: string }[]): Map<number, KeptForecast> {
  // Each category's units per weekday, once (a category of thousands of products is common after an import).
  const categoryWeekdays = new Map<string, number[]>();
  for (const p of allProducts) {
    const units = history.productWeekdays.get(p.id);
    if (!units) continue;
    const total = categoryWeekdays.get(p.category) ?? new Array<number>(7).fill(0);
    for (let d = 0; d < 7; d++) total[d]! += units[d]!;
    categoryWeekdays.set(p.category, total);
  }
  const shopWeeks = sumWeeks(history.categoryWeeks.values(), POOL_HISTORY_WEEKS);
  const shopWeekdays = sumWeeks(history.productWeekdays.values(), 7);
  const shopSellers = [...history.recentSellers.values()].reduce((a, b) => a + b, 0);
  const zero = new Array<number>(7).fill(0);
  const forecasts = new Map<number, KeptForecast>();
  for (const product of products) {
    // The pool: the other products of its category when they sold in at least half of the last 8
    // weeks, otherwise the rest of the shop. Its own weeks are taken out (26 of them are known).
    const ownWeeksAgo = history.productWeeks.get(product.id) ?? [];
    const without = (weeksAgo: readonly number[]) => weeksAgo.map((units, w) => units - (ownWeeksAgo[w] ?? 0));
    const categoryWeeks = history.categoryWeeks.get(product.category) ?? [];
    const othersInCategory = without(categoryWeeks);
    const categoryActive = othersInCategory.slice(0, WINDOW_WEEKS).filter((u) => u > 0).length >= WINDOW_WEEKS / 2;
    const soldLately = ownWeeksAgo.slice(0, WINDOW_WEEKS).some((u) => u > 0) ? 1 : 0;
    const lastSale = ownWeeksAgo.reduce((last, units, w) => (units > 0 ? w : last), -1);
    const sinceCreated = Math.max(0, Math.floor((history.today.getTime() - product.createdAt.getTime()) / WEEK_MS));
    const n = Math.min(INTERMITTENT_WEEKS, Math.max(sinceCreated, lastSale + 1));
    const forecast = forecastWeeklyDemand({
      own: Array.from({ length: n }, (_, k) => ownWeeksAgo[n - 1 - k] ?? 0),
      pool: oldestFirst(categoryActive ? othersInCategory : without(shopWeeks), n),
      yearlyPool: oldestFirst(categoryActive ? categoryWeeks : shopWeeks, n),
      poolProducts: Math.max(0, (categoryActive ? history.recentSellers.get(product.category) ?? 0 : shopSellers) - soldLately),
      horizonWeeks: FORECAST_WEEKS,
    });
    // Its own weekday pattern pooled with its pool's (the pool's without it).
    const ownWeekdays = history.productWeekdays.get(product.id) ?? zero;
    const poolWeekdays = (categoryActive ? (categoryWeekdays.get(product.category) ?? zero) : shopWeekdays).map((u, d) => u - ownWeekdays[d]!);
    const { weeks: _weeks, ...kept } = forecast;
    forecasts.set(product.id, { ...kept, pool: categoryActive ? "category" : "shop", weekdayShares: weekdayShares(ownWeekdays, poolWeekdays) });
  }
  return forecasts;
}

/**
 * Works every product's forecast out from the sales history and keeps it (one statement); returns
 * them by product id.
 */
export async function computeStockForecasts(db: Db, options: { asOf: Date; timeZone?: string }): Promise<Map<number, KeptForecast>> {
  const history = await loadDemandHistory(db, options);
  const all = await db.product.findMany({ select: { id: true, category: true, createdAt: true } });
  const forecasts = forecastProducts(history, all, all);
  if (forecasts.size > 0) {
    const ids = [...forecasts.keys()];
    await db.$executeRaw`
      UPDATE "Product" AS p SET "planForecast" = v.forecast, "plannedAt" = CAST(${options.asOf.toISOString()} AS timestamp(3))
      FROM unnest(${ids}::int[], ${ids.map((id) => JSON.stringify(forecasts.get(id), (_key, value: unknown) => (typeof value === "number" ? Number(value.toPrecision(10)) : value)))}::jsonb[]) AS v(id, forecast)
      WHERE p.id = v.id`;
  }
  return forecasts;
}

const ZPlannedRow = z.object({
  id: z.number(),
  sku: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  category: z.string(),
  stock: z.number(),
  lowStockThreshold: z.number(),
  leadDays: z.number().nullable(),
  minOrder: z.number().nullable(),
  active: z.boolean(),
  planForecast: z.unknown(),
  /** ms since the epoch. */
  plannedAt: z.number().nullable(),
});

/**
 * The products to plan with their kept forecasts, as one JSON text: thousands of rows with a JSON
 * column each decode faster so than as rows (0.12 s against 0.17 s for Online Retail's
 * 4,891 on the embedded database; the digest has two seconds in all).
 */
async function readPlannedProducts(db: Db, productIds: readonly number[] | undefined): Promise<(Omit<z.infer<typeof ZPlannedRow>, "plannedAt"> & { plannedAt: Date | null })[]> {
  const which = productIds ? Prisma.sql`id = ANY(${[...productIds]}::int[])` : Prisma.sql`active`;
  const [row] = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT json_agg(json_build_object('id', id, 'sku', sku, 'name', name, 'nameZh', "nameZh", 'category', category, 'stock', stock,
      'lowStockThreshold', "lowStockThreshold", 'leadDays', "leadDays", 'minOrder', "minOrder", 'active', active,
      'planForecast', "planForecast", 'plannedAt', (extract(epoch FROM "plannedAt") * 1000)::int8) ORDER BY sku)::text AS rows
    FROM "Product" WHERE ${which}`;
  return z.array(ZPlannedRow).parse(JSON.parse(row?.rows ?? "[]")).map((r) => ({ ...r, plannedAt: r.plannedAt === null ? null : new Date(r.plannedAt) }));
}

/** The stock plans; the forecasts are today's kept ones, worked out first when today's are missing. */
export async function planStock(db: Db, options: PlanStockOptions): Promise<ProductStockPlan[]> {
  const { asOf, timeZone } = options;
  const zone = timeZone ? { timeZone } : {};
  const today = startOfLocalDay(asOf, timeZone);
  const rows = await readPlannedProducts(db, options.productIds);
  const kept = new Map<number, KeptForecast>();
  for (const row of rows) {
    const read = row.plannedAt && row.plannedAt >= today ? ZKeptForecast.safeParse(row.planForecast) : null;
    if (read?.success) kept.set(row.id, read.data);
  }
  const forecasts = options.freshForecasts || kept.size < rows.length ? await computeStockForecasts(db, { asOf, ...zone }) : kept;
  // Day 0 is today: the weekday shares, Monday first, turned to start there.
  const weekday = localIsoWeekday(asOf, timeZone);
  const dates = Array.from({ length: 7 }, (_, i) => localDate(addLocalDays(today, i, timeZone), timeZone));
  const plans: ProductStockPlan[] = [];
  for (const row of rows) {
    const forecast = forecasts.get(row.id) ?? kept.get(row.id);
    const { planForecast: _planForecast, plannedAt: _plannedAt, ...fields } = row;
    const product = { ...fields, leadDays: leadDaysOf(row, options.policy) };
    if (!forecast) continue;
    const policy = { leadDays: product.leadDays, reviewDays: 0, coverDays: options.policy.coverDays, serviceLevel: options.policy.serviceLevel, minOrder: product.minOrder };
    const shares = Array.from({ length: 7 }, (_, i) => forecast.weekdayShares[(weekday - 1 + i) % 7]!);
    const weeks = weeksOf(forecast, forecast.seasonal);
    const daily = dailyDemand({ weeks }, shares, planHorizonDays(policy));
    const plan = planReplenishment(product.stock, daily, policy);
    const forecasted = FORECASTED.has(forecast.basis);
    const days = daily.slice(0, 7).map((d, i) => {
      const sd = Math.sqrt(d.variance);
      return { date: dates[i]!, mean: d.mean, low: Math.max(0, d.mean - Z_80 * sd), high: d.mean + Z_80 * sd };
    });
    const { pool, weekdayShares: _shares, ...weekly } = forecast;
    plans.push({ product, forecast: { ...weekly, weeks }, days, plan, pool, forecasted, belowThreshold: !forecasted && product.stock <= product.lowStockThreshold });
  }
  return plans;
}

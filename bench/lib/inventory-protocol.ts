/**
 * bench:inventory's protocol over weekly demand per stock code (issue 23): forecasts at weekly
 * origins scored by MASE, and the replenishment policy simulated week by week. Pure over arrays, so a
 * test can run it on a hand-made matrix.
 *
 * - Codes: the `codes` stock codes with the largest total units before the first origin.
 * - A code's history at an origin: its weeks from its first week with a sale up to the origin.
 * - Error at (code, origin): mean |forecast − actual| over the horizon's weeks that lie wholly inside
 *   the data, divided by the mean |y_t − y_{t−1}| over the history (MASE); a code whose history has
 *   fewer than two weeks or no change is skipped there and counted.
 * - Policy: each code starts the first origin with its reorder point in stock and nothing on order;
 *   every week the stock is looked at once (review 7 days), an order up to S is placed when stock plus
 *   what is on order is at or below the reorder point, and arrives `leadWeeks` later; a week's demand
 *   is served from the stock there is, the rest lost. Fill rate = units served ÷ units demanded;
 *   average stock = the mean over codes and weeks of (stock after receipts + stock at the week's end) ÷ 2.
 */
import { forecastWeeklyDemand, type WeeklyDemandForecast } from "../../core/inventory/forecast/forecast-weekly-demand.ts";
import { forecastCroston, forecastTsb } from "../../core/inventory/forecast/intermittent-demand.ts";
import { dailyDemand, planReplenishment, type ReplenishmentPolicy } from "../../core/inventory/plan-replenishment.ts";

export type TMethod = "ours" | "naive" | "movingAverage" | "seasonalNaive" | "croston" | "tsb";
export const METHODS: readonly TMethod[] = ["ours", "naive", "movingAverage", "seasonalNaive", "croston", "tsb"];

export interface DemandMatrix {
  /** Code → units per week (all codes share week indices). */
  byCode: ReadonlyMap<string, ArrayLike<number>>;
  /** The last week wholly inside the data. */
  lastFullWeek: number;
}

export interface ProtocolOptions {
  /** Week index of the first origin. */
  firstOrigin: number;
  origins: number;
  horizon: number;
  codes: number;
}

/** The pool every code is read against: the whole shop's units per week. */
export function shopSeries(matrix: DemandMatrix): Float64Array {
  let weeks = 0;
  for (const series of matrix.byCode.values()) weeks = Math.max(weeks, series.length);
  const shop = new Float64Array(weeks);
  for (const series of matrix.byCode.values()) for (let w = 0; w < series.length; w++) shop[w]! += series[w]!;
  return shop;
}

/** The `count` codes with the most units before week `before` (ties: the order the codes came in). */
export function topCodes(matrix: DemandMatrix, before: number, count: number): string[] {
  const totals = [...matrix.byCode].map(([code, series], index) => {
    let total = 0;
    for (let w = 0; w < before && w < series.length; w++) total += series[w]!;
    return { code, total, index };
  });
  totals.sort((a, b) => b.total - a.total || a.index - b.index);
  return totals.slice(0, count).map((t) => t.code);
}

function firstSaleWeek(series: ArrayLike<number>, before: number): number {
  for (let w = 0; w < before; w++) if (series[w]! > 0) return w;
  return before;
}

/** Codes of the shop with a sale in the 8 weeks before `origin` (a new code's prior share is one of them). */
function activeCodes(matrix: DemandMatrix, origin: number): number {
  let n = 0;
  for (const series of matrix.byCode.values()) {
    for (let w = Math.max(0, origin - 8); w < origin; w++) {
      if (series[w]! > 0) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** What one origin needs of the shop: its series and how many codes sold lately (computed once per origin). */
interface OriginContext {
  origin: number;
  pool: number[];
  poolProducts: number;
}

function forecastOf(method: TMethod, series: ArrayLike<number>, start: number, context: OriginContext, horizon: number): number[] {
  const { origin } = context;
  const history = Array.from({ length: origin - start }, (_, k) => series[start + k]!);
  const flat = (value: number) => Array.from({ length: horizon }, () => value);
  switch (method) {
    case "ours":
      return forecastWeeklyDemand({ own: history, pool: context.pool, poolProducts: context.poolProducts, horizonWeeks: horizon }).weeks.map((w) => w.median);
    case "naive":
      return flat(history.at(-1) ?? 0);
    case "movingAverage": {
      const last = history.slice(-8);
      return flat(last.reduce((a, b) => a + b, 0) / Math.max(1, last.length));
    }
    case "seasonalNaive":
      return Array.from({ length: horizon }, (_, h) => series[origin + h - 52] ?? 0);
    case "croston":
      return flat(forecastCroston(history, 0.1));
    case "tsb":
      return flat(forecastTsb(history, 0.1, 0.1));
  }
}

export interface ForecastScores {
  /** Mean MASE per method over the scored (code, origin) pairs. */
  mase: Record<TMethod, number>;
  /** (code, origin) pairs scored, and skipped (under two weeks of history, or no change in it). */
  scored: number;
  skippedPairs: number;
  /** Codes skipped at one origin or more. */
  skippedCodes: number;
  /** Our error per code (mean over its scored origins), for what dominates it. */
  oursByCode: Map<string, number>;
  movingAverageByCode: Map<string, number>;
  /** Mean MASE per origin, ours and the 8-week mean. */
  oursByOrigin: number[];
  movingAverageByOrigin: number[];
}

function originContext(matrix: DemandMatrix, shop: Float64Array, origin: number): OriginContext {
  return { origin, pool: Array.from(shop.subarray(0, origin)), poolProducts: activeCodes(matrix, origin) };
}

export function scoreForecasts(matrix: DemandMatrix, codes: readonly string[], options: Omit<ProtocolOptions, "codes">): ForecastScores {
  const shop = shopSeries(matrix);
  const sums = Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<TMethod, number>;
  let scored = 0;
  let skippedPairs = 0;
  const skipped = new Set<string>();
  const perCode = new Map<string, { ours: number; ma: number; n: number }>();
  const oursByOrigin: number[] = [];
  const movingAverageByOrigin: number[] = [];
  for (let k = 0; k < options.origins; k++) {
    const origin = options.firstOrigin + k;
    const context = originContext(matrix, shop, origin);
    const weeks = Array.from({ length: options.horizon }, (_, h) => origin + h).filter((w) => w <= matrix.lastFullWeek);
    let originOurs = 0;
    let originMa = 0;
    let originScored = 0;
    for (const code of codes) {
      const series = matrix.byCode.get(code)!;
      const start = firstSaleWeek(series, origin);
      let scale = 0;
      for (let w = start + 1; w < origin; w++) scale += Math.abs(series[w]! - series[w - 1]!);
      scale = origin - start >= 2 ? scale / (origin - start - 1) : 0;
      if (!(scale > 0) || weeks.length === 0) {
        skippedPairs++;
        skipped.add(code);
        continue;
      }
      scored++;
      originScored++;
      const errors = {} as Record<TMethod, number>;
      for (const method of METHODS) {
        const forecast = forecastOf(method, series, start, context, weeks.length);
        let absolute = 0;
        for (let h = 0; h < weeks.length; h++) absolute += Math.abs(forecast[h]! - series[weeks[h]!]!);
        errors[method] = absolute / weeks.length / scale;
        sums[method] += errors[method];
      }
      const entry = perCode.get(code) ?? { ours: 0, ma: 0, n: 0 };
      entry.ours += errors.ours;
      entry.ma += errors.movingAverage;
      entry.n++;
      perCode.set(code, entry);
      originOurs += errors.ours;
      originMa += errors.movingAverage;
    }
    oursByOrigin.push(originScored ? originOurs / originScored : Number.NaN);
    movingAverageByOrigin.push(originScored ? originMa / originScored : Number.NaN);
  }
  const mase = Object.fromEntries(METHODS.map((m) => [m, scored ? sums[m] / scored : Number.NaN])) as Record<TMethod, number>;
  return {
    mase,
    scored,
    skippedPairs,
    skippedCodes: skipped.size,
    oursByCode: new Map([...perCode].map(([code, e]) => [code, e.ours / e.n])),
    movingAverageByCode: new Map([...perCode].map(([code, e]) => [code, e.ma / e.n])),
    oursByOrigin,
    movingAverageByOrigin,
  };
}

export interface PolicyResult {
  fillRate: number;
  /** Mean units held per code and week. */
  averageStockUnits: number;
  demandUnits: number;
  servedUnits: number;
  /** Orders placed over all codes. */
  orders: number;
}

/** The forecast the 8-week-mean policy plans from: the mean of the last 8 weeks, their standard deviation (Poisson-floored). */
function movingAverageForecast(history: readonly number[], horizon: number): Pick<WeeklyDemandForecast, "weeks"> {
  const last = history.slice(-8);
  const mean = last.reduce((a, b) => a + b, 0) / Math.max(1, last.length);
  const sd = last.length > 1 ? Math.sqrt(last.reduce((s, v) => s + (v - mean) ** 2, 0) / (last.length - 1)) : 0;
  const week = { median: mean, mean, sd: Math.max(sd, Math.sqrt(mean)), low: 0, high: 0 };
  return { weeks: Array.from({ length: horizon }, () => week) };
}

/** Weekly data has no weekday: a week's demand is spread evenly over its days. */
const EVEN_WEEK = Array.from({ length: 7 }, () => 1 / 7);

export function simulatePolicy(
  matrix: DemandMatrix,
  codes: readonly string[],
  options: Omit<ProtocolOptions, "codes" | "horizon">,
  planner: "ours" | "movingAverage",
  policy: ReplenishmentPolicy,
): PolicyResult {
  const shop = shopSeries(matrix);
  const leadWeeks = Math.max(1, Math.round(policy.leadDays / 7));
  const horizonWeeks = Math.ceil((policy.leadDays + policy.reviewDays + policy.coverDays) / 7) + 1;
  const horizonDays = policy.leadDays + policy.reviewDays + policy.coverDays;
  const contexts = Array.from({ length: options.origins }, (_, k) => originContext(matrix, shop, options.firstOrigin + k));
  let demand = 0;
  let served = 0;
  let held = 0;
  let codeWeeks = 0;
  let orders = 0;
  for (const code of codes) {
    const series = matrix.byCode.get(code)!;
    const start = firstSaleWeek(series, options.firstOrigin);
    if (start >= options.firstOrigin) continue;
    const planAt = (context: OriginContext, stock: number) => {
      const history = Array.from({ length: context.origin - start }, (_, k) => series[start + k]!);
      const forecast = planner === "ours"
        ? forecastWeeklyDemand({ own: history, pool: context.pool, poolProducts: context.poolProducts, horizonWeeks })
        : movingAverageForecast(history, horizonWeeks);
      return planReplenishment(stock, dailyDemand(forecast, EVEN_WEEK, horizonDays), policy);
    };
    let onHand = planAt(contexts[0]!, 0).reorderPoint;
    const arriving = new Map<number, number>();
    for (const context of contexts) {
      const week = context.origin;
      onHand += arriving.get(week) ?? 0;
      arriving.delete(week);
      const afterReceipt = onHand;
      const onOrder = [...arriving.values()].reduce((a, b) => a + b, 0);
      const plan = planAt(context, onHand + onOrder);
      if (onHand + onOrder <= plan.reorderPoint && plan.orderQuantity > 0) {
        arriving.set(week + leadWeeks, (arriving.get(week + leadWeeks) ?? 0) + plan.orderQuantity);
        orders++;
      }
      const wanted = series[week]!;
      const sold = Math.min(onHand, wanted);
      onHand -= sold;
      demand += wanted;
      served += sold;
      held += (afterReceipt + onHand) / 2;
      codeWeeks++;
    }
  }
  return { fillRate: demand > 0 ? served / demand : Number.NaN, averageStockUnits: codeWeeks ? held / codeWeeks : Number.NaN, demandUnits: demand, servedUnits: served, orders };
}

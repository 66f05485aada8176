/**
 * From a product's weekly demand forecast to what the owner acts on: the day-by-day demand (the week
 * spread over its weekdays by the product's own pattern, pooled with its category's), the days its
 * stock lasts, the reorder point for the service level, and how many to order. Pure.
 *
 * The policy (a min/max, or (s, S), policy in continuous review):
 * - **Reorder point** s = expected demand over the protection time + z · its standard deviation,
 *   rounded up; z is the service level's normal quantile (95 % → 1.645): the stock that lasts the
 *   lead time with that probability. The protection time is the lead time, plus the review period when
 *   stock is only looked at every so often (the benchmark's weekly review; the shop checks at every sale).
 * - **Order up to** S = s + the expected demand over the order's cover (ORDER_COVER_DAYS, 28 by
 *   default) after the protection time: each order buys about that many days of sales.
 * - **Quantity** = S − stock, at least the supplier's minimum order.
 * The week's variance is split over its days as its demand is (Poisson-like), and weeks are independent.
 */
import { normalQuantile } from "../lib/student-t.ts";
import type { WeeklyDemandForecast } from "./forecast/forecast-weekly-demand.ts";

/** Longest cover worked out; beyond it the stock lasts "more than a year". */
export const MAX_COVER_DAYS = 365;
/** What a whole number of units may be over by and still count as it. */
const ROUNDING = 1e-6;
/** Pseudo-units of the pool's weekday pattern in a product's own (a product with 7 sales leans on it half). */
const WEEKDAY_PSEUDO_UNITS = 7;

export interface ReplenishmentPolicy {
  /** Days from ordering to the goods being on the shelf. */
  leadDays: number;
  /** Days between looks at the stock (0: at every sale). */
  reviewDays: number;
  /** Days of expected sales an order should buy beyond the protection time. */
  coverDays: number;
  /** Probability of not running out before an order arrives, e.g. 0.95. */
  serviceLevel: number;
  /** The supplier's minimum order, if any. */
  minOrder?: number | null;
}

/** One day ahead: expected units and their variance. */
export interface DailyDemand {
  mean: number;
  variance: number;
}

/**
 * Shares of a week's demand per weekday (index 0 = the first day ahead's weekday, and so on), from the
 * product's own units per weekday pooled with its pool's pattern (as 7 pseudo-units of it): a product
 * with a handful of sales follows its category, one with hundreds its own days. Equal shares when
 * neither has sold.
 */
export function weekdayShares(own: readonly number[], pool: readonly number[]): number[] {
  const poolTotal = pool.reduce((a, b) => a + b, 0);
  const poolShares = pool.map((u) => (poolTotal > 0 ? u / poolTotal : 1 / 7));
  const ownTotal = own.reduce((a, b) => a + b, 0);
  return poolShares.map((p, d) => ((own[d] ?? 0) + WEEKDAY_PSEUDO_UNITS * p) / (ownTotal + WEEKDAY_PSEUDO_UNITS));
}

/**
 * The demand of each of the next `days` days: week h's mean and variance spread over its days by
 * `shares` (the weekday of day 0 first). Days past the forecast's last week repeat that week.
 */
export function dailyDemand(forecast: Pick<WeeklyDemandForecast, "weeks">, shares: readonly number[], days: number): DailyDemand[] {
  const out: DailyDemand[] = [];
  const last = forecast.weeks.length - 1;
  for (let i = 0; i < days; i++) {
    const week = forecast.weeks[Math.min(Math.floor(i / 7), last)];
    const share = shares[i % 7] ?? 1 / 7;
    out.push(week ? { mean: week.mean * share, variance: week.sd ** 2 * share } : { mean: 0, variance: 0 });
  }
  return out;
}

export type TReplenishmentStatus = "orderNow" | "orderSoon" | "ok" | "noDemand";

export interface ReplenishmentPlan {
  status: TReplenishmentStatus;
  /** Days the stock lasts at the expected pace (fractional), null without demand, MAX_COVER_DAYS at most. */
  daysOfCover: number | null;
  reorderPoint: number;
  orderUpTo: number;
  /** What to order now (orderNow), or when the reorder point is reached (orderSoon); 0 otherwise. */
  orderQuantity: number;
  /** Days until the stock reaches the reorder point (0 when it is there); null when not within the lead time. */
  daysUntilReorder: number | null;
  /** Expected units a day over the lead time: the "current pace". */
  dailyPace: number;
  /** Expected units and the safety stock of the protection time. */
  protectionDemand: number;
  safetyStock: number;
}

function sumMean(days: readonly DailyDemand[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += days[i]?.mean ?? 0;
  return total;
}

/**
 * The days `stock` lasts against `days` (fractional: the last day's share used), the days past the
 * array repeating its last seven; null when nothing is expected to sell, {@link MAX_COVER_DAYS} at most.
 */
export function daysOfCover(stock: number, days: readonly DailyDemand[]): number | null {
  if (!days.some((d) => d.mean > 0)) return null;
  let left = stock;
  const cycle = days.slice(-7);
  const cycleTotal = cycle.reduce((s, d) => s + d.mean, 0);
  for (let i = 0; i < MAX_COVER_DAYS; i++) {
    if (i === days.length && cycleTotal > 0) {
      // Whole weeks at the last week's pace at once, then day by day.
      const weeks = Math.max(0, Math.floor(left / cycleTotal) - 1);
      if (i + 7 * weeks >= MAX_COVER_DAYS) return MAX_COVER_DAYS;
      left -= weeks * cycleTotal;
      return coverFrom(i + 7 * weeks, left, cycle);
    }
    if (i >= days.length) return MAX_COVER_DAYS;
    const need = days[i]!.mean;
    if (need >= left && need > 0) return i + left / need;
    left -= need;
  }
  return MAX_COVER_DAYS;
}

function coverFrom(start: number, stock: number, cycle: readonly DailyDemand[]): number {
  let left = stock;
  for (let i = start; i < MAX_COVER_DAYS; i++) {
    const need = cycle[(i - start) % cycle.length]!.mean;
    if (need >= left && need > 0) return i + left / need;
    left -= need;
  }
  return MAX_COVER_DAYS;
}

/** How many days of demand a plan needs: the protection time and the order's cover, and a week beyond (repeated for the cover check). */
export function planHorizonDays(policy: Pick<ReplenishmentPolicy, "leadDays" | "reviewDays" | "coverDays">): number {
  return policy.leadDays + policy.reviewDays + policy.coverDays + 7;
}

/** The service level's z, remembered (a shop has one service level; the quantile is a bisection). */
const zOfServiceLevel = new Map<number, number>();
function zOf(serviceLevel: number): number {
  let z = zOfServiceLevel.get(serviceLevel);
  if (z === undefined) zOfServiceLevel.set(serviceLevel, (z = normalQuantile(Math.min(0.9999, Math.max(0.5, serviceLevel)))));
  return z;
}

export function planReplenishment(stock: number, days: readonly DailyDemand[], policy: ReplenishmentPolicy): ReplenishmentPlan {
  const protection = policy.leadDays + policy.reviewDays;
  const z = zOf(policy.serviceLevel);
  const protectionDemand = sumMean(days, 0, protection);
  let variance = 0;
  for (let i = 0; i < protection; i++) variance += days[i]?.variance ?? 0;
  const safetyStock = z * Math.sqrt(variance);
  // A millionth of a unit of tolerance, so 56.00000002 (sums of kept, rounded shares) is not rounded up to 57.
  const reorderPoint = Math.max(0, Math.ceil(protectionDemand + safetyStock - ROUNDING));
  const orderUpTo = reorderPoint + Math.ceil(sumMean(days, protection, protection + policy.coverDays) - ROUNDING);
  const dailyPace = policy.leadDays > 0 ? sumMean(days, 0, policy.leadDays) / policy.leadDays : days[0]?.mean ?? 0;
  const cover = daysOfCover(stock, days);
  const minOrder = policy.minOrder ?? 0;
  const base = { daysOfCover: cover, reorderPoint, orderUpTo, dailyPace, protectionDemand, safetyStock };
  if (cover === null) return { ...base, status: "noDemand", orderQuantity: 0, daysUntilReorder: null };
  if (stock <= reorderPoint) return { ...base, status: "orderNow", orderQuantity: Math.max(orderUpTo - stock, minOrder), daysUntilReorder: 0 };
  // Will it reach the reorder point within the lead time? Then it is worth ordering soon.
  let left = stock;
  for (let i = 0; i < policy.leadDays; i++) {
    left -= days[i]?.mean ?? 0;
    if (left <= reorderPoint) return { ...base, status: "orderSoon", orderQuantity: Math.max(orderUpTo - reorderPoint, minOrder), daysUntilReorder: i + 1 };
  }
  return { ...base, status: "ok", orderQuantity: 0, daysUntilReorder: null };
}

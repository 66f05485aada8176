/**
 * Customer lifetime value: what each customer has spent and is likely to spend, so the owner knows whom
 * to look after first. A deliberately simple, explainable heuristic (not a full BG/NBD fit, which a small
 * shop has too few customers for; only the spread of order rates is fitted, with a default below 20
 * customers):
 *
 * predicted = AOV × ordersPerYear × expectedLifetimeYears × activeProbability
 *
 * - AOV (average order value) = revenue / orders.
 * - ordersPerYear = (shape + orders − 1) / (rate + tenureYears): the customer's repeat orders over the
 *   years since their first order, shrunk toward the shop's usual rate by a gamma prior (shape, rate)
 *   fitted to all customers ({@link estimateRatePrior}); the posterior mean of the gamma–Poisson model.
 *   A one-order customer gets the shop's usual rate, a customer of many orders mostly their own. (It
 *   replaced orders / max(tenure, 90 days), which gave a customer who had just placed one order four
 *   a year: on Online Retail, lifetime value at 2010-12-10 against the next year's spend, the one-order
 *   customers' prediction fell from 2.81 to 1.87 times what they spent and the rank correlation of all
 *   customers rose from 0.601 to 0.611: `npx tsx bench/analytics-engines.ts`.)
 * - expectedLifetimeYears = min(maxLifetimeYears, 1 / (1 − retention)): the mean of a geometric lifetime
 *   with annual retention `retention`. Retention is the caller's, or estimated from the data as the
 *   share of customers who ordered in the year before last and ordered again in the last year
 *   (0.5 when that year is unknown), clamped to [0.05, 0.95].
 * - activeProbability = 1 while the time since the last order is within the customer's usual gap
 *   between orders, then usualGap / daysSinceLastOrder (falls to ½ at twice the usual gap). One-order
 *   customers take the shop's median usual gap (90 days when nobody has two orders).
 *
 * lifetimeValue = historical revenue + predicted. All amounts are integer minor units.
 */
import { median } from "../lib/statistics.ts";
import type { CustomerKey } from "../recommendations/types.ts";

export interface LifetimeValueOrderRecord {
  customerId: CustomerKey;
  at: Date;
  totalMinor: number;
}

export interface ComputeCustomerLifetimeValueOptions {
  orders: readonly LifetimeValueOrderRecord[];
  asOf: Date;
  /** Annual retention rate in (0, 1); estimated from the orders when omitted. */
  retention?: number;
  /** Default 5 years. */
  maxLifetimeYears?: number;
  /** Gamma prior of the yearly repeat-order rate; estimated from the orders when omitted. */
  ratePrior?: RatePrior;
  /** Length of `top`; default 10. */
  topCount?: number;
}

export interface CustomerLifetimeValue {
  customerId: CustomerKey;
  orders: number;
  historicalValueMinor: number;
  averageOrderValueMinor: number;
  ordersPerYear: number;
  activeProbability: number;
  expectedLifetimeYears: number;
  predictedValueMinor: number;
  lifetimeValueMinor: number;
}

export interface CustomerLifetimeValueReport {
  retention: number;
  /** The order-rate prior used (given or fitted). */
  ratePrior: RatePrior;
  expectedLifetimeYears: number;
  customers: CustomerLifetimeValue[];
  /** Highest predicted value first. */
  top: CustomerLifetimeValue[];
}

const MS_PER_DAY = 86_400_000;

/** Share of customers active in [asOf − 2y, asOf − 1y) who ordered again in [asOf − 1y, asOf); null if none. */
function estimateRetention(lastOrders: Map<CustomerKey, number[]>, asOfMs: number): number | null {
  const yearMs = 365 * MS_PER_DAY;
  let cohort = 0;
  let retained = 0;
  for (const times of lastOrders.values()) {
    const before = times.some((t) => t >= asOfMs - 2 * yearMs && t < asOfMs - yearMs);
    if (!before) continue;
    cohort++;
    if (times.some((t) => t >= asOfMs - yearMs)) retained++;
  }
  return cohort > 0 ? retained / cohort : null;
}

/**
 * Gamma(shape, rate) prior of customers' yearly repeat-order rate: mean shape / rate orders a year,
 * worth `rate` years of watching one customer.
 */
export interface RatePrior {
  shape: number;
  rate: number;
}

/** Used while fewer than this many customers have been known for 30 days or more. */
const MIN_CUSTOMERS_FOR_PRIOR = 20;
/** The prior of a shop too new to estimate one: two repeat orders a year, worth one year of watching. */
export const DEFAULT_RATE_PRIOR: Readonly<RatePrior> = { shape: 2, rate: 1 };

/**
 * Method-of-moments fit of the gamma prior (the gamma–Poisson, or NBD, model of repeat buying): with
 * x repeat orders over T years per customer, the pooled mean rate is m = Σx / ΣT, and the spread of the
 * rates beyond Poisson noise is v = (Σ(x − mT)² − ΣmT) / ΣT²; then rate = m / v and shape = m × rate.
 * The prior's weight is clamped to 0.1–5 years so neither a uniform nor a wildly mixed shop makes it
 * meaningless.
 */
function estimateRatePrior(ordersByCustomer: Map<CustomerKey, { times: number[] }>, asOfMs: number): RatePrior {
  let customers = 0;
  let repeats = 0;
  let years = 0;
  const observed: { x: number; t: number }[] = [];
  for (const { times } of ordersByCustomer.values()) {
    const t = (asOfMs - times.reduce((a, b) => Math.min(a, b))) / MS_PER_DAY / 365;
    if (t < 30 / 365) continue;
    customers++;
    repeats += times.length - 1;
    years += t;
    observed.push({ x: times.length - 1, t });
  }
  if (customers < MIN_CUSTOMERS_FOR_PRIOR || repeats === 0) return { ...DEFAULT_RATE_PRIOR };
  const mean = repeats / years;
  let excess = 0;
  let squaredYears = 0;
  for (const { x, t } of observed) {
    excess += (x - mean * t) ** 2 - mean * t;
    squaredYears += t * t;
  }
  const variance = excess / squaredYears;
  const rate = Math.min(5, Math.max(0.1, variance > 0 ? mean / variance : 5));
  return { shape: mean * rate, rate };
}

/** Lifetime value of every customer with an order before `asOf` (see the module comment for the formula). */
export function computeCustomerLifetimeValue(options: ComputeCustomerLifetimeValueOptions): CustomerLifetimeValueReport {
  const asOfMs = options.asOf.getTime();
  const ordersByCustomer = new Map<CustomerKey, { times: number[]; revenue: number }>();
  for (const order of options.orders) {
    const at = order.at.getTime();
    if (!(at < asOfMs)) continue;
    const entry = ordersByCustomer.get(order.customerId) ?? { times: [], revenue: 0 };
    entry.times.push(at);
    entry.revenue += order.totalMinor;
    ordersByCustomer.set(order.customerId, entry);
  }
  const timesByCustomer = new Map([...ordersByCustomer].map(([id, entry]) => [id, entry.times]));
  const estimated = estimateRetention(timesByCustomer, asOfMs);
  const retention = Math.min(0.95, Math.max(0.05, options.retention ?? estimated ?? 0.5));
  const expectedLifetimeYears = Math.min(options.maxLifetimeYears ?? 5, 1 / (1 - retention));

  const usualGapOf = (times: number[]): number | null => {
    if (times.length < 2) return null;
    const first = times.reduce((a, b) => Math.min(a, b));
    const last = times.reduce((a, b) => Math.max(a, b));
    return (last - first) / MS_PER_DAY / (times.length - 1);
  };
  const knownGaps = [...ordersByCustomer.values()].map((e) => usualGapOf(e.times)).filter((g): g is number => g !== null && g > 0);
  const shopGap = knownGaps.length > 0 ? median(knownGaps) : 90;

  const prior = options.ratePrior ?? estimateRatePrior(ordersByCustomer, asOfMs);
  const customers: CustomerLifetimeValue[] = [];
  for (const [customerId, entry] of ordersByCustomer) {
    const orders = entry.times.length;
    const first = entry.times.reduce((a, b) => Math.min(a, b));
    const last = entry.times.reduce((a, b) => Math.max(a, b));
    const tenureYears = (asOfMs - first) / MS_PER_DAY / 365;
    const ordersPerYear = (prior.shape + orders - 1) / (prior.rate + tenureYears);
    const averageOrderValue = entry.revenue / orders;
    const usualGap = usualGapOf(entry.times) || shopGap;
    const daysSinceLast = (asOfMs - last) / MS_PER_DAY;
    const activeProbability = daysSinceLast <= usualGap ? 1 : usualGap / daysSinceLast;
    const predicted = Math.round(averageOrderValue * ordersPerYear * expectedLifetimeYears * activeProbability);
    customers.push({
      customerId,
      orders,
      historicalValueMinor: entry.revenue,
      averageOrderValueMinor: Math.round(averageOrderValue),
      ordersPerYear,
      activeProbability,
      expectedLifetimeYears,
      predictedValueMinor: predicted,
      lifetimeValueMinor: entry.revenue + predicted,
    });
  }
  const top = [...customers]
    .sort((a, b) => b.predictedValueMinor - a.predictedValueMinor || b.historicalValueMinor - a.historicalValueMinor)
    .slice(0, options.topCount ?? 10);
  return { retention, ratePrior: prior, expectedLifetimeYears, customers, top };
}

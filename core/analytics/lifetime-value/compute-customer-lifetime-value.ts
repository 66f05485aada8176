/**
 * Customer lifetime value: what each customer has spent and is likely to spend, so the owner knows whom
 * to look after first. A deliberately simple, explainable heuristic (no BG/NBD fitting: a small shop has
 * too few customers to fit one reliably):
 *
 * predicted = AOV × ordersPerYear × expectedLifetimeYears × activeProbability
 *
 * - AOV (average order value) = revenue / orders.
 * - ordersPerYear = orders / max(tenureDays, minTenureDays) × 365, tenure counted from the first order
 *   to `asOf`; the floor (90 days) keeps a customer who bought twice last week from looking like 100
 *   orders a year.
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
  /** Default 90 days. */
  minTenureDays?: number;
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

/** Lifetime value of every customer with an order before `asOf` (see the module comment for the formula). */
export function computeCustomerLifetimeValue(options: ComputeCustomerLifetimeValueOptions): CustomerLifetimeValueReport {
  const asOfMs = options.asOf.getTime();
  const minTenureDays = options.minTenureDays ?? 90;
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

  const customers: CustomerLifetimeValue[] = [];
  for (const [customerId, entry] of ordersByCustomer) {
    const orders = entry.times.length;
    const first = entry.times.reduce((a, b) => Math.min(a, b));
    const last = entry.times.reduce((a, b) => Math.max(a, b));
    const tenureDays = Math.max(minTenureDays, (asOfMs - first) / MS_PER_DAY);
    const ordersPerYear = (orders / tenureDays) * 365;
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
  return { retention, expectedLifetimeYears, customers, top };
}

/**
 * Behaviour features of customers at a moment in time, for the lead scorer. Only what happened strictly
 * before `asOf` is used, so the same function builds training examples at past cutoffs and scores
 * today's leads.
 *
 * Order features follow the purchase-propensity literature (recency, frequency, monetary value, tenure,
 * activity in recent windows, regularity); conversation features (messages, questions, product views,
 * cart adds in the last 14 days) are what a chat shop knows about leads who have not bought yet. Two
 * shop-wide signals are added: whether the customer's products are selling now ("trending") and whether
 * the customer ordered around this time last year (seasonal buyers).
 */
import type { CustomerKey, ProductKey } from "../recommendations/types.ts";

export interface LeadOrderRecord {
  customerId: CustomerKey;
  at: Date;
  /** Order total in integer minor units. */
  totalMinor: number;
  /** Products in the order (for breadth and "trending" features); may be empty. */
  productIds?: readonly ProductKey[];
}

export type LeadEventType = "message" | "question" | "product_view" | "cart_add";

export interface LeadEventRecord {
  customerId: CustomerKey;
  type: LeadEventType;
  at: Date;
  productId?: ProductKey | null;
}

/**
 * Feature names, in model order. `LOG_FEATURES` are fed as log(1 + x), the others as they are.
 *
 * The `decayed…` features are exponentially time-weighted counts: Σ e^(−age/τ) over the customer's
 * distinct order days (or Σ order total × e^(−age/τ)), age in days before `asOf`, τ in the name. Unlike
 * the "last N days" windows they do not jump when an order crosses a window edge, and several time
 * constants together let the model weigh recent and older activity smoothly. On the benchmark's seven
 * validation pairs (never its test cutoff) they raised the logistic model's AUC on every pair (by 0.0003
 * to 0.0012); other candidates (a BG/NBD purchase probability, overdue ratio, same season last year over
 * wider windows, product momentum) gained less or nothing and were left out.
 */
export const LEAD_FEATURE_NAMES = [
  "daysSinceLastOrder",
  "orderCount",
  "revenueMinor",
  "tenureDays",
  "distinctProducts",
  "ordersLast30Days",
  "ordersLast60Days",
  "ordersLast90Days",
  "ordersLast180Days",
  "ordersLast365Days",
  "decayedOrderDays7",
  "decayedOrderDays30",
  "decayedOrderDays90",
  "decayedOrderDays180",
  "decayedOrderDays365",
  "revenueLast30DaysMinor",
  "revenueLast90DaysMinor",
  "decayedRevenue30DaysMinor",
  "decayedRevenue180DaysMinor",
  "distinctOrderDays",
  "orderDaysLast90Days",
  "distinctMonthsActive",
  "monthsActiveLast365Days",
  "meanDaysBetweenOrders",
  "recencyOverMeanGap",
  "averageOrderValueMinor",
  "averageProductsPerOrder",
  "weekdaysOrdered",
  "activityTrend",
  "ordersSameSeasonLastYear",
  "activeSameSeasonLastYear",
  "recencyTimesFrequency",
  "singleOrder",
  "recencySquareRoot",
  "orderedWithin7Days",
  "orderedWithin14Days",
  "orderedWithin30Days",
  "orderedWithin60Days",
  "orderedWithin90Days",
  "orderedWithin180Days",
  "orderedWithin365Days",
  "dueness",
  "trendingProducts",
  "messagesLast14Days",
  "questionsLast14Days",
  "productViewsLast14Days",
  "cartAddsLast14Days",
  "openCart",
  "daysSinceLastEvent",
] as const;

export type LeadFeatureName = (typeof LEAD_FEATURE_NAMES)[number];
export type LeadFeatures = Record<LeadFeatureName, number>;

/**
 * Features given to the model as they are: flags, bounded scores and signed trends. Every other
 * feature is a count, amount or duration with a long right tail and is given as log(1 + x).
 */
const LINEAR_FEATURES: ReadonlySet<LeadFeatureName> = new Set<LeadFeatureName>([
  "activityTrend",
  "activeSameSeasonLastYear",
  "recencyTimesFrequency",
  "singleOrder",
  "recencySquareRoot",
  "orderedWithin7Days",
  "orderedWithin14Days",
  "orderedWithin30Days",
  "orderedWithin60Days",
  "orderedWithin90Days",
  "orderedWithin180Days",
  "orderedWithin365Days",
  "dueness",
  "openCart",
]);

/** Features given to the model as log(1 + x): counts, amounts and durations with long right tails. */
export const LOG_FEATURES: ReadonlySet<LeadFeatureName> = new Set<LeadFeatureName>(LEAD_FEATURE_NAMES.filter((name) => !LINEAR_FEATURES.has(name)));

export interface ExtractLeadFeaturesOptions {
  /** All orders of the shop (the "trending" feature needs everyone's, not just the scored customers'). */
  orders: readonly LeadOrderRecord[];
  events?: readonly LeadEventRecord[];
  asOf: Date;
  /** Customers to describe; default: everyone with an order or event before `asOf`. */
  customerIds?: readonly CustomerKey[];
}

const MS_PER_DAY = 86_400_000;
const TRENDING_WINDOW_DAYS = 30;
/** Time constants (days) of the decayed order-day counts and of the decayed revenue. */
const ORDER_DAY_DECAY_DAYS = [7, 30, 90, 180, 365] as const;
const REVENUE_DECAY_DAYS = [30, 180] as const;

interface CustomerHistory {
  orders: LeadOrderRecord[];
  events: LeadEventRecord[];
  firstSeenMs: number;
}

/** Features of each customer at `asOf` (see {@link LEAD_FEATURE_NAMES}). */
export function extractLeadFeatures(options: ExtractLeadFeaturesOptions): Map<CustomerKey, LeadFeatures> {
  const asOfMs = options.asOf.getTime();
  const histories = new Map<CustomerKey, CustomerHistory>();
  const historyOf = (customerId: CustomerKey): CustomerHistory => {
    let history = histories.get(customerId);
    if (!history) histories.set(customerId, (history = { orders: [], events: [], firstSeenMs: Number.POSITIVE_INFINITY }));
    return history;
  };
  // Distinct recent buyers per product: how much a product is selling right now.
  const recentBuyers = new Map<ProductKey, Set<CustomerKey>>();
  for (const order of options.orders) {
    const at = order.at.getTime();
    if (!(at < asOfMs)) continue;
    const history = historyOf(order.customerId);
    history.orders.push(order);
    history.firstSeenMs = Math.min(history.firstSeenMs, at);
    if (at >= asOfMs - TRENDING_WINDOW_DAYS * MS_PER_DAY) {
      for (const productId of order.productIds ?? []) {
        let buyers = recentBuyers.get(productId);
        if (!buyers) recentBuyers.set(productId, (buyers = new Set()));
        buyers.add(order.customerId);
      }
    }
  }
  for (const event of options.events ?? []) {
    const at = event.at.getTime();
    if (!(at < asOfMs)) continue;
    const history = historyOf(event.customerId);
    history.events.push(event);
    history.firstSeenMs = Math.min(history.firstSeenMs, at);
  }
  const ids = options.customerIds ?? [...histories.keys()];
  const result = new Map<CustomerKey, LeadFeatures>();
  for (const customerId of ids) {
    const history = histories.get(customerId) ?? { orders: [], events: [], firstSeenMs: asOfMs };
    result.set(customerId, describeCustomer(history, asOfMs, recentBuyers));
  }
  return result;
}

function describeCustomer(history: CustomerHistory, asOfMs: number, recentBuyers: Map<ProductKey, Set<CustomerKey>>): LeadFeatures {
  const daysAgo = (ms: number): number => (asOfMs - ms) / MS_PER_DAY;
  const orders = history.orders.slice().sort((a, b) => a.at.getTime() - b.at.getTime());
  const tenureDays = Number.isFinite(history.firstSeenMs) ? daysAgo(history.firstSeenMs) : 0;
  const lastOrderMs = orders.length > 0 ? orders[orders.length - 1]!.at.getTime() : null;
  // Without orders, "recency" is how long the customer has been around without buying.
  const recency = lastOrderMs === null ? tenureDays : daysAgo(lastOrderMs);

  const dayOf = (o: LeadOrderRecord): number => Math.floor(o.at.getTime() / MS_PER_DAY);
  const monthOf = (o: LeadOrderRecord): number => o.at.getUTCFullYear() * 12 + o.at.getUTCMonth();
  // Every "last N days" window in one pass (the digest describes thousands of customers at four cutoffs).
  const ordersWithin = { 30: 0, 60: 0, 90: 0, 180: 0, 365: 0 };
  let revenueLast30 = 0;
  let revenueLast90 = 0;
  const orderDaysLast90 = new Set<number>();
  const monthsLast365 = new Set<number>();
  let revenue = 0;
  for (const o of orders) {
    revenue += o.totalMinor;
    const age = daysAgo(o.at.getTime());
    if (age > 365) continue;
    ordersWithin[365]++;
    monthsLast365.add(monthOf(o));
    if (age > 180) continue;
    ordersWithin[180]++;
    if (age > 90) continue;
    ordersWithin[90]++;
    revenueLast90 += o.totalMinor;
    orderDaysLast90.add(dayOf(o));
    if (age > 60) continue;
    ordersWithin[60]++;
    if (age > 30) continue;
    ordersWithin[30]++;
    revenueLast30 += o.totalMinor;
  }

  const products = new Set<ProductKey>();
  let productLines = 0;
  for (const order of orders) {
    for (const productId of order.productIds ?? []) products.add(productId);
    productLines += order.productIds?.length ?? 0;
  }
  const orderDays = [...new Set(orders.map(dayOf))].sort((a, b) => a - b);
  const decayedOrderDays = ORDER_DAY_DECAY_DAYS.map((tau) =>
    orderDays.reduce((sum, day) => sum + Math.exp(-daysAgo(day * MS_PER_DAY) / tau), 0),
  );
  const decayedRevenue = REVENUE_DECAY_DAYS.map((tau) =>
    orders.reduce((sum, o) => sum + o.totalMinor * Math.exp(-daysAgo(o.at.getTime()) / tau), 0),
  );
  let gapSum = 0;
  for (let i = 1; i < orderDays.length; i++) gapSum += orderDays[i]! - orderDays[i - 1]!;
  // One purchase day: the gap is unknown; assume a little longer than the customer has been known.
  const meanGap = orderDays.length >= 2 ? gapSum / (orderDays.length - 1) : tenureDays + 30;
  let trending = 0;
  for (const productId of products) trending += recentBuyers.get(productId)?.size ?? 0;

  const recentEvents = history.events.filter((e) => daysAgo(e.at.getTime()) <= 14);
  const countEvents = (type: LeadEventType): number => recentEvents.filter((e) => e.type === type).length;
  const viewedProducts = new Set(recentEvents.filter((e) => e.type === "product_view").map((e) => e.productId ?? "?"));
  const lastEventMs = history.events.reduce((max, e) => Math.max(max, e.at.getTime()), Number.NEGATIVE_INFINITY);
  const lastCartAddMs = history.events
    .filter((e) => e.type === "cart_add")
    .reduce((max, e) => Math.max(max, e.at.getTime()), Number.NEGATIVE_INFINITY);
  const seasonCount = orders.filter((o) => {
    const age = daysAgo(o.at.getTime());
    return age <= 365 && age > 335;
  }).length;
  const seasonActive = orders.some((o) => {
    const age = daysAgo(o.at.getTime());
    return age <= 380 && age > 320;
  });

  return {
    daysSinceLastOrder: recency,
    orderCount: orders.length,
    revenueMinor: revenue,
    tenureDays,
    distinctProducts: products.size,
    ordersLast30Days: ordersWithin[30],
    ordersLast60Days: ordersWithin[60],
    ordersLast90Days: ordersWithin[90],
    ordersLast180Days: ordersWithin[180],
    ordersLast365Days: ordersWithin[365],
    decayedOrderDays7: decayedOrderDays[0]!,
    decayedOrderDays30: decayedOrderDays[1]!,
    decayedOrderDays90: decayedOrderDays[2]!,
    decayedOrderDays180: decayedOrderDays[3]!,
    decayedOrderDays365: decayedOrderDays[4]!,
    revenueLast30DaysMinor: revenueLast30,
    revenueLast90DaysMinor: revenueLast90,
    decayedRevenue30DaysMinor: decayedRevenue[0]!,
    decayedRevenue180DaysMinor: decayedRevenue[1]!,
    distinctOrderDays: orderDays.length,
    orderDaysLast90Days: orderDaysLast90.size,
    distinctMonthsActive: new Set(orders.map(monthOf)).size,
    monthsActiveLast365Days: monthsLast365.size,
    meanDaysBetweenOrders: meanGap,
    recencyOverMeanGap: meanGap > 0 ? recency / meanGap : 0,
    averageOrderValueMinor: orders.length > 0 ? revenue / orders.length : 0,
    averageProductsPerOrder: orders.length > 0 ? productLines / orders.length : 0,
    weekdaysOrdered: new Set(orders.map((o) => o.at.getUTCDay())).size,
    activityTrend: ordersWithin[90] - (ordersWithin[180] - ordersWithin[90]),
    ordersSameSeasonLastYear: seasonCount,
    activeSameSeasonLastYear: seasonActive ? 1 : 0,
    recencyTimesFrequency: Math.log1p(recency) * Math.log1p(orders.length),
    singleOrder: orders.length === 1 ? 1 : 0,
    recencySquareRoot: Math.sqrt(Math.max(0, recency)),
    orderedWithin7Days: lastOrderMs !== null && recency <= 7 ? 1 : 0,
    orderedWithin14Days: lastOrderMs !== null && recency <= 14 ? 1 : 0,
    orderedWithin30Days: lastOrderMs !== null && recency <= 30 ? 1 : 0,
    orderedWithin60Days: lastOrderMs !== null && recency <= 60 ? 1 : 0,
    orderedWithin90Days: lastOrderMs !== null && recency <= 90 ? 1 : 0,
    orderedWithin180Days: lastOrderMs !== null && recency <= 180 ? 1 : 0,
    orderedWithin365Days: lastOrderMs !== null && recency <= 365 ? 1 : 0,
    // |log| distance between "now" (mid-horizon) and when the next order would be due at the usual pace.
    dueness: meanGap > 0 ? Math.abs(Math.log((recency + 15) / meanGap)) : 0,
    trendingProducts: products.size > 0 ? trending / products.size : 0,
    messagesLast14Days: countEvents("message"),
    questionsLast14Days: countEvents("question"),
    productViewsLast14Days: viewedProducts.size,
    cartAddsLast14Days: countEvents("cart_add"),
    openCart: lastCartAddMs > (lastOrderMs ?? Number.NEGATIVE_INFINITY) ? 1 : 0,
    daysSinceLastEvent: Number.isFinite(lastEventMs) ? daysAgo(lastEventMs) : tenureDays,
  };
}

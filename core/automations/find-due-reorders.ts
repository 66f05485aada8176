/**
 * Which customers are due to buy a consumable again, from their own rhythm: a customer who bought a
 * product on several days is due their usual gap (the median of the gaps between those days) after
 * the last one; a customer who bought it once is due the product's usual gap among its repeat
 * buyers, when at least {@link MIN_REPEAT_BUYERS} of them show one. Gaps under
 * {@link MIN_CADENCE_DAYS} are not a rhythm (two orders in one week are one need) and are left out.
 * Pure: the purchases come in, the due reminders go out.
 */
import { addLocalDays, startOfLocalDay } from "../digest/time-zone.ts";

export const MIN_CADENCE_DAYS = 3;
/** A product's usual gap is trusted for one-time buyers once this many customers have bought it again. */
export const MIN_REPEAT_BUYERS = 3;

export interface PurchaseRecord {
  customerId: number;
  productId: number;
  orderId: number;
  at: Date;
}

export interface DueReorder {
  customerId: number;
  productId: number;
  /** The last order with the product: the reminder answers that purchase. */
  lastOrderId: number;
  /** The start of the local day the customer is due. */
  dueAt: Date;
  cadenceDays: number;
  /** Whose rhythm: the customer's own, or the product's usual one. */
  from: "customer" | "product";
}

const DAY_MS = 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Reminders due in `(since, now]`: at most one per customer (the product due first), so a customer
 * who buys several teas is not sent several reminders at once.
 */
export function findDueReorders(purchases: readonly PurchaseRecord[], window: { since: Date; now: Date; timeZone?: string }): DueReorder[] {
  const { timeZone } = window;
  // Per customer and product: the local days bought (as day starts) and the last order.
  const histories = new Map<string, { customerId: number; productId: number; days: Set<number>; lastOrderId: number; lastAt: number }>();
  for (const p of purchases) {
    if (p.at.getTime() > window.now.getTime()) continue;
    const key = `${p.customerId}:${p.productId}`;
    const entry = histories.get(key) ?? { customerId: p.customerId, productId: p.productId, days: new Set<number>(), lastOrderId: p.orderId, lastAt: Number.NEGATIVE_INFINITY };
    entry.days.add(startOfLocalDay(p.at, timeZone).getTime());
    if (p.at.getTime() >= entry.lastAt) {
      entry.lastAt = p.at.getTime();
      entry.lastOrderId = p.orderId;
    }
    histories.set(key, entry);
  }
  const own = new Map<string, number>();
  const byProduct = new Map<number, number[]>();
  for (const [key, h] of histories) {
    const days = [...h.days].sort((a, b) => a - b);
    const gaps = days.slice(1).map((d, i) => Math.round((d - days[i]!) / DAY_MS)).filter((g) => g >= MIN_CADENCE_DAYS);
    if (gaps.length === 0) continue;
    const cadence = Math.round(median(gaps));
    own.set(key, cadence);
    byProduct.set(h.productId, [...(byProduct.get(h.productId) ?? []), cadence]);
  }
  const usual = new Map([...byProduct].filter(([, cadences]) => cadences.length >= MIN_REPEAT_BUYERS).map(([productId, cadences]) => [productId, Math.round(median(cadences))]));

  const best = new Map<number, DueReorder>();
  for (const [key, h] of histories) {
    const mine = own.get(key);
    const cadenceDays = mine ?? (h.days.size === 1 ? usual.get(h.productId) : undefined);
    if (cadenceDays === undefined) continue;
    const dueAt = addLocalDays(new Date(h.lastAt), cadenceDays, timeZone);
    if (dueAt.getTime() <= window.since.getTime() || dueAt.getTime() > window.now.getTime()) continue;
    const candidate: DueReorder = { customerId: h.customerId, productId: h.productId, lastOrderId: h.lastOrderId, dueAt, cadenceDays, from: mine === undefined ? "product" : "customer" };
    const current = best.get(h.customerId);
    if (!current || dueAt.getTime() < current.dueAt.getTime() || (dueAt.getTime() === current.dueAt.getTime() && h.productId < current.productId)) best.set(h.customerId, candidate);
  }
  return [...best.values()].sort((a, b) => a.customerId - b.customerId);
}

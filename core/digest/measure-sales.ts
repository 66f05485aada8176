/**
 * What a period sold, against the period before: the figures of the owner's `sales` command and of
 * the dashboard's overview, from one function so the two never disagree.
 */
import type { Db } from "../db.ts";
import { SOLD_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { TSalesPeriod } from "../owner/owner-console-deps.ts";
import { productSales } from "./build-digest.ts";
import { addLocalDays, DAY_MS, localDate, startOfLocalDay } from "./time-zone.ts";

export interface SalesTotals {
  revenueMinor: number;
  orders: number;
}

export interface SalesFigures {
  period: TSalesPeriod;
  /** The period's first and last local calendar days (`YYYY-MM-DD`). */
  first: string;
  last: string;
  current: SalesTotals;
  previous: SalesTotals;
  /** Revenue ÷ orders, null without orders. */
  averageMinor: number | null;
  /** The five products sold most (units, then revenue); empty when asked without them. */
  bestSellers: { productId: number; name: string; nameZh: string | null; units: number; revenueMinor: number }[];
}

/**
 * Today so far against yesterday up to the same time; a closed day against the day before; the last
 * N days (today included) against the N days before them. Orders count from placed on, cancelled
 * ones never ({@link SOLD_ORDER_STATUSES}).
 */
export async function measureSales(db: Db, options: { at: Date; period: TSalesPeriod; timeZone?: string | undefined; bestSellers?: boolean }): Promise<SalesFigures> {
  const { at, period, timeZone } = options;
  // Up to and including this moment: an order placed just now counts.
  const now = new Date(at.getTime() + 1);
  const today = startOfLocalDay(at, timeZone);
  const [start, end, previousStart, previousEnd] =
    period === "today" ? [today, now, addLocalDays(today, -1, timeZone), new Date(now.getTime() - DAY_MS)]
    : period === "yesterday" ? [addLocalDays(today, -1, timeZone), today, addLocalDays(today, -2, timeZone), addLocalDays(today, -1, timeZone)]
    : [addLocalDays(today, -(period - 1), timeZone), now, addLocalDays(today, -(2 * period - 1), timeZone), new Date(now.getTime() - period * DAY_MS)];
  const totals = async (from: Date, to: Date): Promise<SalesTotals> => {
    const rows = await db.order.aggregate({ where: { status: { in: SOLD_ORDER_STATUSES }, placedAt: { gte: from, lt: to } }, _sum: { totalMinor: true }, _count: { _all: true } });
    return { revenueMinor: rows._sum.totalMinor ?? 0, orders: rows._count._all };
  };
  // The best sellers join every order line of the period: skipped by a caller that does not show them.
  const [current, previous, sellers] = await Promise.all([totals(start, end), totals(previousStart, previousEnd), options.bestSellers === false ? Promise.resolve([]) : productSales(db, start, end)]);
  const top = sellers.sort((a, b) => b.units - a.units || b.revenueMinor - a.revenueMinor).slice(0, 5);
  const names = await db.product.findMany({ where: { id: { in: top.map((s) => s.productId) } }, select: { id: true, name: true, nameZh: true } });
  return {
    period,
    first: localDate(start, timeZone),
    last: localDate(new Date(end.getTime() - 1), timeZone),
    current,
    previous,
    averageMinor: current.orders > 0 ? current.revenueMinor / current.orders : null,
    bestSellers: top.map((s) => {
      const p = names.find((n) => n.id === s.productId);
      return { ...s, name: p?.name ?? `#${s.productId}`, nameZh: p?.nameZh ?? null };
    }),
  };
}

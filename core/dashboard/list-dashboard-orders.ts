/** The dashboard's orders: newest first, filtered by status ("open" = waiting for the owner), with their customer and lines. */
import { z } from "zod";
import { formatMoney } from "../money.ts";
import { OPEN_ORDER_STATUSES, PAID_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { DashboardDeps, Money } from "./build-dashboard-overview.ts";

export const ZOrderFilter = z.enum(["open", "all", "placed", "paid", "shipped", "delivered", "cancelled"]).default("open");
export type TOrderFilter = z.infer<typeof ZOrderFilter>;

export interface DashboardOrderRow {
  id: number;
  status: string;
  total: Money;
  customerId: number | null;
  customer: string | null;
  placedAt: string;
  items: string;
  shippingAddress: string | null;
  trackingRef: string | null;
  /** A paid order that was cancelled and whose money has not been given back yet. */
  refundOwed: boolean;
}

const LIST_LIMIT = 200;

export async function listDashboardOrders(deps: DashboardDeps, filter: TOrderFilter): Promise<DashboardOrderRow[]> {
  const where = filter === "all" ? { status: { not: "cart" as const } } : filter === "open" ? { status: { in: OPEN_ORDER_STATUSES } } : { status: filter };
  const orders = await deps.db.order.findMany({
    where,
    orderBy: { id: "desc" },
    take: LIST_LIMIT,
    include: { customer: { select: { name: true } }, lines: { include: { product: { select: { name: true, nameZh: true } } } }, statusHistory: { select: { fromStatus: true, toStatus: true } } },
  });
  return orders.map((o) => ({
    id: o.id,
    status: o.status,
    total: { minor: o.totalMinor, text: formatMoney(o.totalMinor, o.currency) },
    customerId: o.customerId,
    customer: o.customer?.name ?? null,
    placedAt: (o.placedAt ?? o.createdAt).toISOString(),
    items: o.lines.map((l) => `${l.quantity}× ${(deps.locale === "zh" ? l.product.nameZh : null) ?? l.product.name}`).join(", "),
    shippingAddress: o.shippingAddress,
    trackingRef: o.trackingRef,
    refundOwed: o.status === "cancelled" && o.refundedAt === null && o.statusHistory.some((h) => h.fromStatus !== null && PAID_ORDER_STATUSES.includes(h.fromStatus) && h.toStatus === "cancelled"),
  }));
}

/**
 * What the follow-ups achieved, for the owner's digest: reminders sent in a period and how many of
 * them worked — a reminded cart whose customer placed an order within two days of the reminder, a
 * reminded unpaid order that has been paid (or gone further) since.
 */
import type { Db } from "../db.ts";
import { PAID_ORDER_STATUSES } from "../orders/order-rules.ts";

export interface FollowUpSummary {
  carts: number;
  cartsOrdered: number;
  unpaidOrders: number;
  unpaidOrdersPaid: number;
}

const TWO_DAYS_MS = 2 * 86_400_000;

export async function summarizeFollowUps(db: Db, period: { start: Date; end: Date }): Promise<FollowUpSummary> {
  const sent = await db.followUp.findMany({ where: { sentAt: { gte: period.start, lt: period.end } }, select: { kind: true, subject: true, conversationId: true, sentAt: true } });
  const carts = sent.filter((f) => f.kind === "abandoned_cart");
  const unpaid = sent.filter((f) => f.kind === "unpaid_order");

  const conversations = await db.conversation.findMany({ where: { id: { in: carts.map((c) => c.conversationId) } }, select: { id: true, customerId: true } });
  const customerOf = new Map(conversations.map((c) => [c.id, c.customerId]));
  // One query for every reminded customer's orders in the window, matched to the reminders here
  // (the digest has a two-second budget; a query per reminder would grow with the shop).
  const orders = carts.length === 0 ? [] : await db.order.findMany({
    where: { customerId: { in: [...new Set(customerOf.values())] }, placedAt: { gte: period.start, lt: new Date(period.end.getTime() + TWO_DAYS_MS) } },
    select: { customerId: true, placedAt: true },
  });
  let cartsOrdered = 0;
  for (const cart of carts) {
    const customerId = customerOf.get(cart.conversationId);
    const sent = cart.sentAt.getTime();
    if (orders.some((o) => o.customerId === customerId && o.placedAt !== null && o.placedAt.getTime() >= sent && o.placedAt.getTime() < sent + TWO_DAYS_MS)) cartsOrdered++;
  }

  const orderIds = unpaid.map((f) => Number(f.subject.slice("order:".length))).filter((id) => Number.isInteger(id) && id > 0);
  const unpaidOrdersPaid = orderIds.length === 0 ? 0 : await db.order.count({ where: { id: { in: orderIds }, status: { in: PAID_ORDER_STATUSES } } });
  return { carts: carts.length, cartsOrdered, unpaidOrders: unpaid.length, unpaidOrdersPaid };
}

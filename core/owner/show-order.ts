/**
 * One order as the owner sees it (lines, the promo code and its discount, address, history, tracking, a refund due) with buttons for
 * the moves it allows: the answer to `order <id>`, and the tail of every change to an order.
 */
import { AppError } from "../errors.ts";
import { formatMoney } from "../money.ts";
import { PAID_ORDER_STATUSES } from "../orders/order-rules.ts";
import { addressOnOneLine } from "../orders/set-shipping-address.ts";
import type { OwnerButton, OwnerCommandContext, OwnerReply } from "./commands/define-command.ts";
import { formatOwnerDate } from "./read-command-words.ts";
import { findOrderSources } from "../attribution/find-order-sources.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "./owner-console-deps.ts";

const MOVES: Record<string, readonly ("paid" | "shipped" | "delivered" | "cancel")[]> = { placed: ["paid", "shipped", "cancel"], paid: ["shipped", "delivered", "cancel"], shipped: ["delivered"] };

export async function showOrder({ deps, t }: OwnerCommandContext, orderId: number): Promise<OwnerReply[]> {
  const o = await deps.db.order.findUnique({ where: { id: orderId }, include: { customer: true, lines: { include: { product: true } }, statusHistory: { orderBy: { at: "asc" } }, promo: { select: { code: true } } } });
  if (!o) throw new AppError("NOT_FOUND", { message: `No order #${orderId}.`, userMessage: t.order.notFound(orderId) });
  const buttons: OwnerButton[] = (MOVES[o.status] ?? []).map((to) => ({
    label: to === "cancel" ? t.order.cancelButton : t.order.markButton(to),
    command: { command: "order", orderId: o.id, to: to === "cancel" ? "cancelled" : to },
  }));
  // A paid order that was cancelled owes the customer their money until the refund is recorded.
  const refundDue = o.status === "cancelled" && !o.refundedAt && o.statusHistory.some((h) => PAID_ORDER_STATUSES.includes(h.toStatus));
  if (refundDue) buttons.push({ label: t.order.refundButton, command: { command: "refund", orderId: o.id } });
  const attributionDays = (deps.campaigns ?? DEFAULT_CAMPAIGN_SETTINGS).attributionDays;
  const source = (await findOrderSources(deps.db, [o], attributionDays)).get(o.id);
  const sourceLine = o.placedAt ? [source ? t.attribution.source(t.attribution.touch({ ...source, at: formatOwnerDate(source.at) })) : t.attribution.direct(attributionDays)] : [];
  const refundLine = o.refundedAt
    ? [t.order.refunded(formatOwnerDate(o.refundedAt), o.refundRef)]
    : refundDue ? [t.order.refundDue(formatMoney(o.totalMinor, o.currency), o.paymentRef)] : [];
  return [{
    text: [
      `${t.order.title(o.id)}: ${o.status} — ${formatMoney(o.totalMinor, o.currency)} — ${o.channel}`,
      `${t.customer}: ${o.customer ? `${o.customer.name ?? t.noName} (${t.customerRef(o.customer.id)}) ${[o.customer.email, o.customer.phone].filter(Boolean).join(", ")}` : t.guest}`,
      ...o.lines.map((l) => `  ${l.quantity} × ${l.product.name} (${l.product.sku}) @ ${formatMoney(l.unitPriceMinor, o.currency)}`),
      ...(o.promo ? [`  ${t.promo.onOrder(o.promo.code, formatMoney(o.discountMinor, o.currency))}`] : []),
      ...(o.deliveryMinor > 0 ? [`  ${t.order.delivery} ${formatMoney(o.deliveryMinor, o.currency)}`] : []),
      `${t.order.shipTo}: ${o.shippingAddress ? addressOnOneLine(o.shippingAddress) : t.order.noAddress}`,
      `${t.history}: ${o.statusHistory.map((h) => `${h.toStatus} ${formatOwnerDate(h.at)} ${t.order.by} ${h.actor}`).join(" → ")}`,
      ...(o.trackingRef ? [`${t.order.tracking}: ${o.trackingRef}`] : []),
      ...sourceLine,
      ...refundLine,
    ].join("\n"),
    ...(buttons.length ? { buttons: [buttons] } : {}),
  }];
}

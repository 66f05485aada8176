/**
 * `order <id> [paid|shipped|delivered|cancel]`: shows an order, or moves it on and tells the customer.
 * `order 12 shipped RM123…` ships with a tracking number; `order 12 shipped anyway` ships an order
 * with no delivery address on file.
 */
import { z } from "zod";
import { formatOrderDate } from "../../i18n.ts";
import { formatMoney } from "../../money.ts";
import { orderSubject } from "../../audit/record-audit-entry.ts";
import { changeOrderStatus } from "../../orders/change-order-status.ts";
import { PAID_ORDER_STATUSES } from "../../orders/order-rules.ts";
import { giveTracking } from "../give-tracking.ts";
import { ZId, ZTrackingRef } from "../read-command-words.ts";
import { showOrder } from "../show-order.ts";
import { tellCustomer } from "../tell-customer.ts";
import type { OwnerCommand, OwnerCommandContext, OwnerReply } from "./define-command.ts";

const ZTo = z.enum(["paid", "shipped", "delivered", "cancelled"]);
const ZArgs = z.object({
  orderId: ZId,
  to: ZTo.optional(),
  /** "order 12 shipped anyway": shipping an order that has no delivery address on file. */
  force: z.boolean().optional(),
  /** "order 12 shipped RM123456789GB": the parcel's tracking number or link. */
  trackingRef: ZTrackingRef.optional(),
});
type TArgs = z.infer<typeof ZArgs>;
const USAGE = "order <id> [paid|shipped|delivered|cancel]";

const TARGETS: Record<string, TArgs["to"]> = {
  paid: "paid", pay: "paid", shipped: "shipped", ship: "shipped", delivered: "delivered", deliver: "delivered", cancel: "cancelled", cancelled: "cancelled", canceled: "cancelled",
};

const ORDER_STATUS_WORDS: [RegExp, NonNullable<TArgs["to"]>][] = [
  [/\b(cancel(?:led|ed)?|refund(?:ed)?)\b|取消|退款|退货/, "cancelled"],
  [/\bdeliver(?:ed)?\b|送达|签收|收到货/, "delivered"],
  [/\b(ship(?:ped)?|sent|posted|dispatched)\b|发货|寄出|发出/, "shipped"],
  [/\bpaid\b|\bpay(?:ment)?\b|付款|已付|付了|收款/, "paid"],
];

/** The status a sentence moves an order to ("mark order 12 as shipped", "订单12已发货"), if it names one. */
export function orderStatusIn(normalized: string): NonNullable<TArgs["to"]> | undefined {
  return ORDER_STATUS_WORDS.find(([pattern]) => pattern.test(normalized))?.[1];
}

/** Whether a sentence names this status at all ("shipped" in "order 12 sent, tracking …"), whatever else it names. */
export function mentionsOrderStatus(normalized: string, to: NonNullable<TArgs["to"]>): boolean {
  return ORDER_STATUS_WORDS.some(([pattern, status]) => status === to && pattern.test(normalized));
}

/** `order <id> refunded …` and `order <id> tracking …` are their own commands. */
export const isOtherOrderCommand = (word: string | undefined) => word !== undefined && /^(refund(ed)?|tracking)$/i.test(word);

export const orderCommand: OwnerCommand<"order", TArgs> = {
  verb: "order",
  words: ["order"],
  usage: `${USAGE} | order <id> shipped [anyway] [tracking number or link]`,
  help: {
    en: "show or move an order (shipped anyway: with no address on file; with a tracking number the customer gets it)",
    zh: "查看或更新订单（shipped anyway：没有地址也发货；附快递单号会告诉顾客）",
  },
  examples: ["order 12", "order 12 paid", "order 12 shipped", "order 12 shipped anyway", "order 12 shipped RM123456789GB", "order 12 cancel", "order #12 delivered"],
  ZArgs,
  mutates: true,
  intents: ["update_order"],
  fromWords({ numbers, normalized }) {
    const id = numbers[0];
    if (!id) return { ok: false, ask: (t) => t.whichOrder };
    if (numbers.length > 1) return { ok: false, ask: (t) => t.oneOrder };
    const to = orderStatusIn(normalized);
    return { ok: true, args: { orderId: id, ...(to ? { to } : {}) } };
  },
  read(words) {
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    if (!id.success) return { ok: false, usage: USAGE };
    if (isOtherOrderCommand(words[2])) return null;
    if (words[2] === undefined) return { ok: true, args: { orderId: id.data } };
    const to = TARGETS[words[2].toLowerCase()];
    if (!to) return { ok: false, usage: USAGE };
    let rest = words.slice(3);
    const force = to === "shipped" && rest[0] !== undefined && ["anyway", "force"].includes(rest[0].toLowerCase());
    if (force) rest = rest.slice(1);
    if (rest.length === 0) return { ok: true, args: { orderId: id.data, to, ...(force ? { force } : {}) } };
    // Only shipping carries more: the tracking number ("order 12 shipped [tracking] RM123456789GB").
    if (to !== "shipped") return { ok: false, usage: USAGE };
    if (rest[0]!.toLowerCase() === "tracking") rest = rest.slice(1);
    const trackingRef = ZTrackingRef.safeParse(rest.join(" "));
    if (!trackingRef.success) return { ok: false, usage: "order <id> shipped [anyway] [tracking number or link]" };
    return { ok: true, args: { orderId: id.data, to, ...(force ? { force } : {}), trackingRef: trackingRef.data } };
  },
  write: ({ orderId, to, force, trackingRef }) => [`order ${orderId}`, ...(to ? [to === "cancelled" ? "cancel" : to] : []), ...(force ? ["anyway"] : []), ...(trackingRef ? [trackingRef] : [])].join(" "),
  run: (context, { orderId, to, force, trackingRef }) => (to ? moveOrder(context, orderId, to, force === true, trackingRef) : showOrder(context, orderId)),
};

/**
 * Moves an order on and tells the customer. Shipping an order with no delivery address on file is
 * asked about first (the customer was asked for one but may not have answered): the owner may have
 * it from elsewhere ("order 12 shipped anyway"), or ask the customer in the inbox.
 */
async function moveOrder(context: OwnerCommandContext, orderId: number, to: NonNullable<TArgs["to"]>, force: boolean, trackingRef: string | undefined): Promise<OwnerReply[]> {
  const { deps, t } = context;
  const at = deps.clock.now();
  if (to === "shipped" && !force) {
    const unaddressed = await deps.db.order.findFirst({ where: { id: orderId, shippingAddress: null, status: { in: ["placed", "paid"] } }, select: { id: true } });
    if (unaddressed) {
      return [{
        text: t.order.noAddressYet(orderId),
        buttons: [[
          { label: t.order.shipAnywayButton, command: { command: "order", orderId, to: "shipped", force: true, ...(trackingRef ? { trackingRef } : {}) } },
          { label: t.order.showButton, command: { command: "order", orderId } },
        ]],
      }];
    }
  }
  const { order, from, changed } = await changeOrderStatus({ db: deps.db, notifier: deps.notifier }, { orderId, to, actor: "owner", at, ...(trackingRef ? { trackingRef } : {}) });
  // "Order 12 shipped RM123…" again for a shipped order: the tracking is what is new.
  if (!changed && trackingRef && to === "shipped") return giveTracking(context, orderId, trackingRef);
  if (!changed) return [{ text: t.order.already(orderId, to) }];
  await context.audit({ subject: orderSubject(orderId), before: { status: from }, after: { status: to, ...(to === "shipped" && order.trackingRef ? { trackingRef: order.trackingRef } : {}) } });
  // Tell the customer where they left us, in their language (with the tracking of a parcel sent).
  const tracking = to === "shipped" ? order.trackingRef : null;
  await tellCustomer(deps, { customerId: order.customerId, at, text: (m, locale) => `${m.orderStatusLine(order.id, m.status(to), formatMoney(order.totalMinor, order.currency), formatOrderDate(locale, at))}${tracking ? `\n${m.trackingLine(tracking)}` : ""}` });
  // Cancelling an order the customer paid for: the money goes back outside the shop, so say so.
  const paid = to === "cancelled" && PAID_ORDER_STATUSES.includes(from) ? { amount: formatMoney(order.totalMinor, order.currency), paymentRef: order.paymentRef } : null;
  return [{ text: t.order.moved({ orderId, from, to, paid, askTracking: to === "shipped" && !order.trackingRef }) }, ...(await showOrder(context, orderId))];
}

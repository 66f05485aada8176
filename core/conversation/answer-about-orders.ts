/**
 * The customer's placed orders: listing them and their status, cancelling (the whole order, while the
 * customer may), what can and cannot change after placing, and paying (online where the channel can,
 * else the shop's instructions; "I've paid" tells the owner).
 */
import type { Order, Product } from "../../prisma/generated/client.ts";
import { isAppError } from "../errors.ts";
import { formatOrderDate } from "../i18n.ts";
import type { Reply } from "../messages.ts";
import { formatMoney } from "../money.ts";
import type { Entities } from "../nlu/extract-entities.ts";
import { normalizeText } from "../nlu/normalize-text.ts";
import { changeOrderStatus } from "../orders/change-order-status.ts";
import { CUSTOMER_CANCELLABLE, PAID_ORDER_STATUSES, SENT_ORDER_STATUSES } from "../orders/order-rules.ts";
import { encodeCustomerPayload as pay } from "./payloads.ts";
import { mainMenu, orderLineText } from "./product-replies.ts";
import { type Turn } from "./assistant-turn.ts";
import { findMentionedProducts } from "./browse-catalog.ts";
import { askFlow, closeFlow } from "./state/dialogue.ts";

/**
 * "I've paid": the owner is told to look for the transfer of the customer's latest unpaid order (it
 * is not marked paid: only the owner, or the payment provider, can say so); with none unpaid, that
 * the latest order is already paid; with no order at all, that none waits for payment (with the owner offered).
 */
export async function claimPayment(turn: Turn): Promise<Reply[]> {
  const { db, notifier } = turn.ctx;
  const order = await db.order.findFirst({ where: { customerId: turn.customer.id, status: "placed" }, orderBy: { id: "desc" } });
  if (!order) {
    // Nothing unpaid: an order already marked paid says so; with none, the owner is offered to check
    // (a payment the shop cannot match is worth a person's look, not a complaint's apology).
    const paid = await db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: PAID_ORDER_STATUSES } }, orderBy: { id: "desc" } });
    if (paid) return [{ text: turn.m.alreadyPaid(paid.id), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }]] }];
    return [{ text: turn.m.paidWithoutOrder(), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }, { label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]] }];
  }
  await notifier.notify({ type: "payment_claimed", orderId: order.id, customerId: turn.customer.id, customerName: turn.customer.name, totalMinor: order.totalMinor, currency: order.currency });
  // Still waiting for where to send it: asked again, or the owner has a paid order and no address.
  const askAddress = order.shippingAddress === null && turn.state.addressFor === order.id ? `\n${turn.m.askAddress()}` : "";
  return [{ text: `${turn.m.paymentClaimed(order.id, formatMoney(order.totalMinor, order.currency))}${askAddress}`, buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }]] }];
}

/** Whether this customer's channel takes payment right in the chat (Telegram with Payments on). */
export function paysOnline(turn: Turn): boolean {
  return turn.ctx.onlinePaymentChannels?.includes(turn.conversation.channel) ?? false;
}

/**
 * "How do I pay?": where the channel takes payment online, the customer's latest unpaid order comes
 * with its Pay button (or, with none, how paying online works); elsewhere the shop's instructions.
 */
export async function paymentAnswer(turn: Turn): Promise<Reply[]> {
  const { db, shop } = turn.ctx;
  const instructions = shop.paymentInstructions[turn.locale];
  if (!paysOnline(turn)) return [{ text: instructions }];
  const unpaid = await db.order.findFirst({ where: { customerId: turn.customer.id, status: "placed" }, orderBy: { id: "desc" } });
  if (!unpaid) return [{ text: turn.m.paymentOnlineInfo(instructions) }];
  return [{ text: turn.m.payUnpaidOnline(unpaid.id, formatMoney(unpaid.totalMinor, unpaid.currency)), checkout: { orderId: unpaid.id } }];
}

/** The customer's last five orders with their status, and a Cancel button for those they may still cancel. */
export async function showOrders(turn: Turn, intro?: string): Promise<Reply[]> {
  const { db } = turn.ctx;
  const orders = await db.order.findMany({ where: { customerId: turn.customer.id }, orderBy: { id: "desc" }, take: 5 });
  if (orders.length === 0) return [{ text: intro ? turn.m.orderNotFoundNoOrders() : turn.m.noOrders(), buttons: mainMenu(turn.locale) }];
  const codes = await promoCodesOf(turn, orders);
  const lines = orders.map((o) => orderLine(turn, o, codes));
  const cancellable = orders.filter((o) => CUSTOMER_CANCELLABLE.includes(o.status));
  // The latest order not cancelled, one tap to order it again (a repeat customer of tea, say).
  const repeatable = orders.find((o) => o.status !== "cancelled");
  const buttons = [
    ...cancellable.slice(0, 3).map((o) => [{ label: `${turn.m.cancelButton()} #${o.id}`, payload: pay({ action: "askCancel", orderId: o.id }) }]),
    ...(repeatable ? [[{ label: turn.m.orderAgainButton(repeatable.id), payload: pay({ action: "orderAgain", orderId: repeatable.id }) }]] : []),
  ];
  return [{ text: [intro ?? turn.m.yourOrders(), ...lines].join("\n"), ...(buttons.length > 0 ? { buttons } : {}) }];
}

/**
 * "Cancel the notebook", "remove one mug from my order" about a placed order that holds more than
 * that: the bot cannot change part of a placed order (stock, totals and the owner's picking list
 * would drift), so it says so and offers the whole cancellation or the owner. Null when the
 * message names nothing narrower than the whole order.
 */
export async function partOfPlacedOrder(turn: Turn, order: { id: number }, mentioned: readonly Product[], text: string, entities: Entities): Promise<Reply[] | null> {
  const { db } = turn.ctx;
  const lines = await db.orderLine.findMany({ where: { orderId: order.id }, include: { product: true }, orderBy: { id: "asc" } });
  const named = mentioned.filter((p) => lines.some((l) => l.productId === p.id));
  if (named.length === 0) return null;
  const namedLines = lines.filter((l) => named.some((p) => p.id === l.productId));
  // "Remove one mug": entity extraction reads "one" as a number only after words like "want".
  const quantity = entities.quantity ?? (/\b(?:one|a single)\b|[一1][个件只盒本支条包瓶罐双套杯张把份袋]/u.test(normalizeText(text)) ? 1 : undefined);
  const fewer = quantity !== undefined && namedLines.length === 1 && quantity < namedLines[0]!.quantity;
  if (namedLines.length === lines.length && !fewer) return null;
  return [{
    text: turn.m.partOfPlacedOrder(order.id, lines.map((l) => orderLineText({ product: l.product, quantity: l.quantity }, turn.locale)).join("\n")),
    buttons: [[{ label: turn.m.cancelWholeOrder(), payload: pay({ action: "askCancel", orderId: order.id }) }, { label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]],
  }];
}

/**
 * "Can I change it to 3?" after the order was placed: the bot does not edit placed orders (stock,
 * totals and the owner's picking list would drift), so it shows the order and offers to cancel it
 * or to ask the owner. It used to answer with the shipping policy. Null when no order can change.
 */
export async function changePlacedOrder(turn: Turn): Promise<Reply[] | null> {
  const { db } = turn.ctx;
  const order = await db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: CUSTOMER_CANCELLABLE } }, orderBy: { id: "desc" }, include: { lines: { include: { product: true }, orderBy: { id: "asc" } } } });
  if (!order) return null;
  return [{
    text: turn.m.placedOrderCannotChange(order.id, order.lines.map((l) => orderLineText({ product: l.product, quantity: l.quantity }, turn.locale)).join("\n")),
    buttons: [[{ label: turn.m.cancelWholeOrder(), payload: pay({ action: "askCancel", orderId: order.id }) }, { label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]],
  }];
}

/**
 * "Cancel my order": which order (the one named, the one holding a named product, or a choice of
 * the cancellable ones) and a yes/no before anything is cancelled; a line of a placed order cannot
 * be taken off here, and an order already paid is the owner's call.
 */
export async function askCancel(turn: Turn, orderId: number | undefined, text = "", entities?: Entities): Promise<Reply[]> {
  const { db } = turn.ctx;
  const candidates = await db.order.findMany({ where: { customerId: turn.customer.id, ...(orderId ? { id: orderId } : {}) }, orderBy: { id: "desc" }, take: 5 });
  if (orderId !== undefined && candidates.length === 0) return showOrders(turn, turn.m.orderNotFound());
  const cancellable = candidates.filter((o) => CUSTOMER_CANCELLABLE.includes(o.status));
  if (orderId !== undefined && cancellable.length === 0) {
    const order = candidates[0]!;
    return [{ text: turn.m.cannotCancel(order.id, turn.m.status(order.status)), buttons: [[{ label: turn.m.humanButton(), payload: pay({ action: "human" }) }]] }];
  }
  if (cancellable.length === 0) return [{ text: turn.m.noCancellable(), buttons: mainMenu(turn.locale) }];
  // The products the message names ("cancel the notebook"), read once for both uses below.
  const mentioned = text && entities ? await findMentionedProducts(turn, text, entities) : [];
  // With two orders open, the one order holding a named product, when only one does.
  const holding = cancellable.length > 1 && mentioned.length > 0
    ? await db.order.findMany({ where: { id: { in: cancellable.map((o) => o.id) }, lines: { some: { productId: { in: mentioned.map((p) => p.id) } } } }, select: { id: true } })
    : [];
  const choices = holding.length === 1 ? cancellable.filter((o) => o.id === holding[0]!.id) : cancellable;
  if (choices.length > 1) {
    return [{ text: turn.m.cancelWhich(), buttons: choices.map((o) => [{ label: `#${o.id} — ${formatMoney(o.totalMinor, o.currency)}`, payload: pay({ action: "askCancel", orderId: o.id }) }]) }];
  }
  const order = choices[0]!;
  const partly = mentioned.length > 0 && entities ? await partOfPlacedOrder(turn, order, mentioned, text, entities) : null;
  if (partly) return partly;
  turn.state = askFlow(turn.state, { kind: "cancel", orderId: order.id });
  return [{ text: turn.m.confirmCancel(order.id), buttons: [[{ label: turn.m.cancelYes(), payload: pay({ action: "cancel", orderId: order.id }) }, { label: turn.m.keepIt(), payload: pay({ action: "orders" }) }]] }];
}

/** The yes to "cancel order #N?": cancelled through the orders use-case, only while the customer may (stock back, owner told). */
export async function cancelOrder(turn: Turn, orderId: number): Promise<Reply[]> {
  const { db, notifier } = turn.ctx;
  if (turn.state.flow?.kind === "cancel") turn.state = closeFlow(turn.state);
  try {
    await changeOrderStatus({ db, notifier }, { orderId, to: "cancelled", actor: "customer", at: turn.at, customerId: turn.customer.id, allowedFrom: CUSTOMER_CANCELLABLE });
    return [{ text: turn.m.orderCancelled(orderId), buttons: mainMenu(turn.locale) }];
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return showOrders(turn, turn.m.orderNotFound());
    if (isAppError(error) && (error.code === "INVALID_STATE" || error.code === "CONFLICT")) {
      const order = await db.order.findFirst({ where: { id: orderId, customerId: turn.customer.id } });
      return [{ text: turn.m.cannotCancel(orderId, turn.m.status(order?.status ?? "cancelled")), buttons: [[{ label: turn.m.humanButton(), payload: pay({ action: "human" }) }]] }];
    }
    throw error;
  }
}

/** The promo codes the orders used, by the code's id: one query, and none when no order used one. */
async function promoCodesOf(turn: Turn, orders: readonly Pick<Order, "promoId">[]): Promise<ReadonlyMap<number, string>> {
  const ids = [...new Set(orders.flatMap((o) => (o.promoId !== null ? [o.promoId] : [])))];
  if (ids.length === 0) return new Map();
  const promos = await turn.ctx.db.promo.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } });
  return new Map(promos.map((p) => [p.id, p.code]));
}

type OrderShown = Pick<Order, "id" | "status" | "totalMinor" | "currency" | "placedAt" | "createdAt" | "refundedAt" | "trackingRef" | "promoId" | "discountMinor">;

/** One order as the customer sees it: status (refunded, the parcel's tracking once sent), total (with the promo code it used), date. */
function orderLine(turn: Turn, order: OrderShown, codes: ReadonlyMap<number, string>): string {
  const sent = SENT_ORDER_STATUSES.includes(order.status);
  const note = (order.refundedAt ? turn.m.refundedNote() : "") + (order.trackingRef && sent ? turn.m.trackingNote(order.trackingRef) : "");
  const code = order.promoId !== null ? codes.get(order.promoId) : undefined;
  const total = `${formatMoney(order.totalMinor, order.currency)}${code ? turn.m.promo.orderNote(code, formatMoney(order.discountMinor, order.currency)) : ""}`;
  return turn.m.orderStatusLine(order.id, `${turn.m.status(order.status)}${note}`, total, formatOrderDate(turn.locale, order.placedAt ?? order.createdAt));
}

/** "Where is my order?": the order named, or the latest ones; never another customer's. */
export async function orderStatus(turn: Turn, orderId: number | undefined): Promise<Reply[]> {
  const { db } = turn.ctx;
  if (orderId !== undefined) {
    const order = await db.order.findFirst({ where: { id: orderId, customerId: turn.customer.id } });
    if (!order) return showOrders(turn, turn.m.orderNotFound());
    return [{ text: orderLine(turn, order, await promoCodesOf(turn, [order])) }];
  }
  return showOrders(turn);
}

/**
 * Paying an order online where the channel supports it (Telegram Payments). The order was placed
 * (and its stock taken) at checkout; these use-cases describe the invoice, re-check the order when
 * the payment provider asks whether to go ahead, and mark it paid once the money is in.
 *
 * The invoice payload is `order:<id>`. It comes back from the client, so nothing is trusted: the
 * order must belong to the paying customer, still be awaiting payment, hold its stock (not
 * cancelled, products still on sale) and cost exactly what the invoice says.
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { isAppError } from "../errors.ts";
import type { TChannel, TLocale } from "../messages.ts";
import type { Notifier } from "../ports.ts";
import { changeOrderStatus } from "../orders/change-order-status.ts";
import { customerLocale } from "../i18n.ts";
import { paymentMessagesFor } from "../i18n/payments.ts";
import type { Clock } from "../ports.ts";

const ZInvoicePayload = z.string().regex(/^order:\d{1,10}$/).transform((v) => Number(v.slice("order:".length))).pipe(z.number().int().positive().max(2_147_483_647));

export function invoicePayloadFor(orderId: number): string {
  return `order:${orderId}`;
}

export function parseInvoicePayload(payload: string): number | null {
  const parsed = ZInvoicePayload.safeParse(payload);
  return parsed.success ? parsed.data : null;
}

export interface CustomerRef {
  channel: TChannel;
  externalUserId: string;
}

async function findPayableOrder(db: Db, customer: CustomerRef, orderId: number) {
  const identity = await db.channelIdentity.findUnique({
    where: { channel_externalId: { channel: customer.channel, externalId: customer.externalUserId } },
    include: { customer: true },
  });
  if (!identity) return { order: null, locale: "en" as TLocale };
  const locale = customerLocale(identity.customer);
  const order = await db.order.findFirst({ where: { id: orderId, customerId: identity.customerId }, include: { lines: { include: { product: true } }, promo: { select: { code: true } } } });
  return { order, locale };
}

/**
 * The invoice for an order the customer just placed; null when it is not theirs, not awaiting
 * payment, or has nothing to pay. Its prices are the order's breakdown: each line, the promo code's
 * discount as a negative amount (Telegram's price breakdown takes discounts), and delivery; they add
 * up to the order's total.
 */
export async function describeInvoice(db: Db, options: { customer: CustomerRef; orderId: number }) {
  const { order, locale } = await findPayableOrder(db, options.customer, options.orderId);
  if (!order || order.status !== "placed" || order.totalMinor <= 0) return null;
  const description = order.lines.map((l) => `${l.quantity} × ${locale === "zh" && l.product.nameZh ? l.product.nameZh : l.product.name}`).join(", ");
  return {
    title: paymentMessagesFor(locale).invoiceTitle(order.id),
    // Telegram: title 1–32 characters, description 1–255.
    description: description.length > 255 ? `${description.slice(0, 254)}…` : description || paymentMessagesFor(locale).invoiceTitle(order.id),
    payload: invoicePayloadFor(order.id),
    currency: order.currency,
    prices: [
      ...order.lines.map((l) => ({ label: (locale === "zh" && l.product.nameZh ? l.product.nameZh : l.product.name).slice(0, 64), amount: l.unitPriceMinor * l.quantity })),
      ...(order.discountMinor > 0 ? [{ label: paymentMessagesFor(locale).promoLine(order.promo?.code ?? "").slice(0, 64), amount: -order.discountMinor }] : []),
      ...(order.deliveryMinor > 0 ? [{ label: paymentMessagesFor(locale).deliveryLine(), amount: order.deliveryMinor }] : []),
    ],
  };
}

export type TPaymentCheck = { ok: true; orderId: number } | { ok: false; reason: string; userMessage: string };

/**
 * The payment provider asks whether to take the money. Yes only when the order is still the
 * customer's, still awaiting payment, every product is still on sale, and the amount and currency
 * are exactly the order's.
 */
export async function checkOrderPayable(db: Db, options: { customer: CustomerRef; payload: string; currency: string; totalMinor: number }): Promise<TPaymentCheck> {
  const orderId = parseInvoicePayload(options.payload);
  const refuse = (reason: string, locale: TLocale): TPaymentCheck => ({ ok: false, reason, userMessage: paymentMessagesFor(locale).notPayable() });
  if (orderId === null) return refuse("malformed invoice payload", "en");
  const { order, locale } = await findPayableOrder(db, options.customer, orderId);
  if (!order) return refuse(`order ${orderId} not found for this customer`, locale);
  if (order.status !== "placed") return refuse(`order ${orderId} is ${order.status}`, locale);
  if (order.lines.some((l) => !l.product.active)) return refuse(`order ${orderId} has a product no longer on sale`, locale);
  const total = order.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0) - order.discountMinor + order.deliveryMinor;
  if (total !== order.totalMinor || options.totalMinor !== order.totalMinor || options.currency.toUpperCase() !== order.currency.toUpperCase()) {
    return refuse(`order ${orderId} costs ${order.totalMinor} ${order.currency}, the invoice says ${options.totalMinor} ${options.currency}`, locale);
  }
  return { ok: true, orderId };
}

export type TPaymentRecord =
  | { kind: "paid"; orderId: number; message: string }
  | { kind: "already_paid"; orderId: number; message: string }
  /** Not booked: `reason` is for the owner's log, `message` tells the customer the owner will check. */
  | { kind: "mismatch"; orderId: number | null; reason: string; message: string };

/**
 * The money is in: mark the order paid (actor "payment", the provider's charge id as reference),
 * which moves the lead and tells the owner. A second report of the same payment changes nothing.
 * An amount that does not match the order is not booked; the caller logs it for the owner.
 */
export async function recordOnlinePayment(
  deps: { db: Db; notifier: Notifier },
  options: { customer: CustomerRef; payload: string; currency: string; totalMinor: number; chargeId: string; at: Date },
): Promise<TPaymentRecord> {
  const orderId = parseInvoicePayload(options.payload);
  const mismatch = (reason: string, locale: TLocale): TPaymentRecord => ({ kind: "mismatch", orderId, reason, message: paymentMessagesFor(locale).receivedPending() });
  if (orderId === null) return mismatch("malformed invoice payload", "en");
  const { order, locale } = await findPayableOrder(deps.db, options.customer, orderId);
  if (!order) return mismatch("order not found for this customer", locale);
  if (options.totalMinor !== order.totalMinor || options.currency.toUpperCase() !== order.currency.toUpperCase()) {
    return mismatch(`paid ${options.totalMinor} ${options.currency}, order is ${order.totalMinor} ${order.currency}`, locale);
  }
  try {
    const { changed } = await changeOrderStatus(deps, { orderId, to: "paid", actor: "payment", at: options.at, customerId: order.customerId ?? undefined, allowedFrom: ["placed"], paymentRef: options.chargeId.slice(0, 200) });
    return { kind: changed ? "paid" : "already_paid", orderId, message: paymentMessagesFor(locale).paid(orderId) };
  } catch (error) {
    if (isAppError(error)) return mismatch(error.message, locale);
    throw error;
  }
}

/**
 * Online payment as a channel sees it: the three steps above bound to the shop's database, notifier
 * and clock, so a channel adapter (Telegram) is given this and never the database.
 */
export interface OnlinePayments {
  /** The invoice for an order the customer just placed; null when it is not theirs or not awaiting payment. */
  describeInvoice(options: { customer: CustomerRef; orderId: number }): ReturnType<typeof describeInvoice>;
  /** Whether to take the money (the provider's pre-checkout question). */
  checkOrderPayable(options: { customer: CustomerRef; payload: string; currency: string; totalMinor: number }): Promise<TPaymentCheck>;
  /** The money is in: books it against the order (once), as of now. */
  recordOnlinePayment(options: { customer: CustomerRef; payload: string; currency: string; totalMinor: number; chargeId: string }): Promise<TPaymentRecord>;
}

/** Binds online payment to the shop's database, notifier and clock; the composition root gives the result to the channel. */
export function createOnlinePayments(deps: { db: Db; notifier: Notifier; clock: Clock }): OnlinePayments {
  return {
    describeInvoice: (options) => describeInvoice(deps.db, options),
    checkOrderPayable: (options) => checkOrderPayable(deps.db, options),
    recordOnlinePayment: (options) => recordOnlinePayment(deps, { ...options, at: deps.clock.now() }),
  };
}

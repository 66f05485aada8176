/**
 * Follow-ups: the shop reminds a customer, once, of what they left half done —
 * an order left at "Please confirm" (after `cartAfterHours`, 4 by default), and an order placed but
 * not paid (after `unpaidAfterHours`, 24). The reminder carries the buttons to finish it (the same
 * Confirm, still bound to that cart; Pay on Telegram with payments on) or to drop it.
 *
 * Polite by construction: only in the daytime of the shop's time zone (09:00–20:00), never to a
 * conversation the owner has taken over, nothing older than a week, and each cart or order at most
 * once — the FollowUp row is claimed before sending, so two processes never both send it. A
 * reminder no channel took (blocked bot, API down) is recorded as undelivered and not retried.
 */
import type { Db } from "../db.ts";
import type { Reply, TChannel, TLocale } from "../messages.ts";
import type { CustomerMessenger, Logger } from "../ports.ts";
import { formatMoney } from "../money.ts";
import { messagesFor, customerLocale } from "../i18n.ts";
import { isUniqueViolation } from "../db-errors.ts";
import { orderItemsOf, readDialogueState } from "../conversation/dialogue-state.ts";
import { encodeCustomerPayload } from "../conversation/payloads.ts";
import { loadOrderItems } from "../conversation/load-order-items.ts";
import { pendingOrderReply } from "../conversation/product-replies.ts";
import type { DeliveryPolicy } from "../orders/delivery-charge.ts";
import { checkPromo } from "../promos/check-promo.ts";
import { promoLinesOf } from "../promos/promo-rules.ts";
import { sendToCustomer, findLatestConversation } from "../conversation/send-to-customer.ts";

export interface FollowUpDeps {
  db: Db;
  messenger: CustomerMessenger;
  logger: Logger;
  paymentInstructions: Record<TLocale, string>;
  /** The shop's delivery charge, shown in the reminder of an order left at its confirmation. */
  delivery?: DeliveryPolicy;
  /** Channels that take payment online (Telegram with a provider): the reminder brings the Pay button. */
  onlinePaymentChannels?: readonly string[];
}

export interface SendDueFollowUpsOptions {
  now: Date;
  cartAfterHours?: number;
  unpaidAfterHours?: number;
  /** IANA time zone of the shop's daytime; default the process's. */
  timeZone?: string;
}

export interface FollowUpReport {
  carts: number;
  unpaidOrders: number;
  undelivered: number;
  /** True when it is night in the shop's time zone and nothing was looked at. */
  quietHours: boolean;
}

const HOUR_MS = 3_600_000;
const MAX_AGE_MS = 7 * 24 * HOUR_MS;
const DAYTIME = { from: 9, to: 20 };

/** The hour (0–23) of `at` in `timeZone`. */
function localHour(at: Date, timeZone?: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", ...(timeZone ? { timeZone } : {}) }).format(at));
}

/** The language the conversation was last held in, else the customer's. */
function localeOf(state: { locale?: TLocale }, customer: { locale: string }): TLocale {
  return state.locale ?? customerLocale(customer);
}

export async function sendDueFollowUps(deps: FollowUpDeps, options: SendDueFollowUpsOptions): Promise<FollowUpReport> {
  const { db } = deps;
  const now = options.now;
  const report: FollowUpReport = { carts: 0, unpaidOrders: 0, undelivered: 0, quietHours: false };
  const hour = localHour(now, options.timeZone);
  if (hour < DAYTIME.from || hour >= DAYTIME.to) return { ...report, quietHours: true };
  const oldest = new Date(now.getTime() - MAX_AGE_MS);

  /** Claims the subject, then sends; false when it was already claimed (sent before, or by another process). */
  async function followUp(kind: "abandoned_cart" | "unpaid_order", subject: string, conversationId: number, replies: Reply[]): Promise<boolean> {
    let id: number;
    try {
      id = (await db.followUp.create({ data: { kind, subject, conversationId, sentAt: now }, select: { id: true } })).id;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    const delivered = await sendToCustomer({ db, messenger: deps.messenger, logger: deps.logger }, { conversationId, replies, direction: "outbound", at: now });
    if (delivered) await db.followUp.update({ where: { id }, data: { delivered: true } });
    else report.undelivered++;
    deps.logger.info("follow-up sent", { kind, subject, conversationId, delivered });
    return true;
  }

  // Orders left at "Please confirm": the conversation still holds the confirmation.
  const cartCutoff = new Date(now.getTime() - (options.cartAfterHours ?? 4) * HOUR_MS);
  const waiting = await db.conversation.findMany({
    where: { mode: "bot", lastInboundAt: { lte: cartCutoff, gte: oldest }, state: { path: ["flow", "awaiting"], equals: "confirm" } },
    select: { id: true, state: true, customer: { select: { id: true, locale: true } } },
  });
  for (const conversation of waiting) {
    const state = readDialogueState(conversation.state);
    const flow = state.flow;
    if (flow?.kind !== "order" || flow.awaiting !== "confirm") continue;
    const items = orderItemsOf(state);
    if (items.length === 0) continue;
    // Only an order that can still be placed as it stands: every product active and in stock.
    const pending = await loadOrderItems(db, items);
    if (pending.length < items.length || pending.some(({ product, quantity }) => product.stock < quantity)) continue;
    const locale = localeOf(state, conversation.customer);
    // The promo code that goes with the order, when it still applies: the reminder's total is what Confirm charges.
    const currency = pending[0]!.product.currency;
    const promo = state.promoCode
      ? await checkPromo(db, { code: state.promoCode, customerId: conversation.customer.id, at: now, currency, ...(options.timeZone ? { timeZone: options.timeZone } : {}), lines: promoLinesOf(pending) })
      : null;
    const discount = promo?.ok && promo.applied ? { line: messagesFor(locale).promo.discountLine(promo.promo.code, formatMoney(promo.applied.discountMinor, currency)), discountMinor: promo.applied.discountMinor } : undefined;
    const reminder = pendingOrderReply(pending, flow.nonce, locale, messagesFor(locale).cartReminder, { delivery: deps.delivery, ...(discount ? { promo: discount } : {}) });
    const sent = await followUp("abandoned_cart", `cart:${conversation.id}:${flow.nonce}`, conversation.id, [reminder]);
    if (sent) report.carts++;
  }

  // Orders placed and not paid.
  const unpaidCutoff = new Date(now.getTime() - (options.unpaidAfterHours ?? 24) * HOUR_MS);
  const unpaid = await db.order.findMany({
    where: { status: "placed", customerId: { not: null }, placedAt: { lte: unpaidCutoff, gte: oldest } },
    select: { id: true, customerId: true, totalMinor: true, currency: true },
  });
  for (const order of unpaid) {
    const conversation = await findLatestConversation(db, order.customerId!);
    if (!conversation || conversation.mode !== "bot") continue;
    const state = readDialogueState(conversation.state);
    const locale = localeOf(state, conversation.customer);
    const m = messagesFor(locale);
    const online = deps.onlinePaymentChannels?.includes(conversation.channel as TChannel) ?? false;
    const total = formatMoney(order.totalMinor, order.currency);
    const sent = await followUp("unpaid_order", `order:${order.id}`, conversation.id, [{
      text: online ? m.unpaidReminderOnline(order.id, total) : m.unpaidReminder(order.id, total, deps.paymentInstructions[locale]),
      buttons: [[{ label: `${m.cancelButton()} #${order.id}`, payload: encodeCustomerPayload({ action: "askCancel", orderId: order.id }) }]],
      ...(online ? { checkout: { orderId: order.id } } : {}),
    }]);
    if (sent) report.unpaidOrders++;
  }
  return report;
}

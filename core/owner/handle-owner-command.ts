/**
 * The owner's back office over live data: leads, orders, stock, products, funnel, the handoff
 * inbox. Channel-neutral: replies are text with buttons whose payload is itself a command, so a
 * click in the console or Slack runs the same code path as typing it.
 */
import { tellCustomerBotIsBack } from "../handoff/resume-handoff.ts";
import { readableLogText } from "../handoff/summarize-handoff.ts";
import { z } from "zod";
import type { Db, Prisma } from "../db.ts";
import { addLocalDays, startOfLocalDay } from "../digest/time-zone.ts";
import { AppError, isAppError } from "../errors.ts";
import type { Reply } from "../messages.ts";
import { formatMoney, parseMoney } from "../money.ts";
import type { BackupStore, Clock, CustomerMessenger, Logger, Notifier } from "../ports.ts";
import { FUNNEL_STAGES } from "../crm/funnel-stages.ts";
import { resumeBot } from "../crm/request-handoff.ts";
import { adjustStock } from "../inventory/adjust-stock.ts";
import { changeOrderStatus } from "../orders/change-order-status.ts";
import { EVER_PAID, recordRefund } from "../orders/record-refund.ts";
import { setOrderTracking } from "../orders/set-order-tracking.ts";
import { sendStockAlerts } from "../inventory/send-stock-alerts.ts";
import { countWaitingForRestock } from "../inventory/count-waiting-for-restock.ts";
import { OPEN_ORDER_STATUSES, PAID_ORDER_STATUSES, SENT_ORDER_STATUSES, type TOrderStatus } from "../orders/order-rules.ts";
import { addProduct } from "../products/add-product.ts";
import { updateProduct } from "../products/update-product.ts";
import { formatOrderDate, messagesFor, customerLocale } from "../i18n.ts";
import { findLatestConversation, sendToCustomer } from "../conversation/send-to-customer.ts";
import { addFaqEntry, listFaqEntries, removeFaqEntry } from "../faq/manage-faq.ts";
import { addressOnOneLine } from "../orders/set-shipping-address.ts";
import type { IntentClassifier } from "../nlu/types.ts";
import { interpretOwnerText } from "./interpret-owner-text.ts";
import { OWNER_USAGE, OWNER_VERBS, parseOwnerCommand, type TOwnerCommand, type TSalesPeriod } from "./parse-owner-command.ts";

/** Analytics answers, provided once the analytics engines are wired; absent → "not available yet". */
export interface OwnerAnalytics {
  forecast(days?: number): Promise<Reply[]>;
  /** Revenue, orders and best sellers of a period so far, against the period before. */
  sales(period: TSalesPeriod): Promise<Reply[]>;
  funnel(): Promise<Reply[]>;
  digest(): Promise<Reply[]>;
  segments(): Promise<Reply[]>;
  customer(customerId: number): Promise<Reply[]>;
  /** The customers worth most, by lifetime value (spent so far + expected). */
  topCustomers(limit: number): Promise<Reply[]>;
  /** Whom to follow up: the customers most likely to order soon, by the digest's lead scorer, with reasons. */
  hotLeads(limit: number): Promise<Reply[]>;
}

export interface OwnerConsoleDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  messenger: CustomerMessenger;
  logger: Logger;
  analytics?: OwnerAnalytics;
  /** Backups of the embedded database; absent when a database server keeps the data. */
  backups?: BackupStore;
  currency: string;
  /** The owner's time zone (IANA, e.g. Europe/London) for "orders today"; the process's when absent. */
  timeZone?: string;
  /**
   * The owner intent model for plain words ("what's running low?"), loaded on first use: most
   * owners type commands or press buttons, and training it costs seconds at a first start.
   * Absent: plain words get the unknown-command answer.
   */
  ownerClassifier?: () => Promise<IntentClassifier>;
  /** The shop's settings for `settings` (the composition root reads them from the environment). */
  settings?: readonly OwnerSetting[];
}

/** One line of `settings`: what it is, the environment variables that set it, and its value now. */
export interface OwnerSetting {
  name: string;
  variables: readonly string[];
  value: string;
}

export interface OwnerConsole {
  /** Runs one command line; never throws. */
  handle(input: string): Promise<Reply[]>;
  /**
   * What the owner typed: a command as {@link handle} runs it, anything else read as plain words
   * ("mark order 12 as shipped", "订单12已发货") by the owner intent model; never throws.
   */
  handleText(input: string): Promise<Reply[]>;
  /** Runs an already parsed command (Slack's owner intents build these). */
  run(command: TOwnerCommand): Promise<Reply[]>;
}

const LIST_LIMIT = 25;
const date = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");

const yes = z.enum(["yes", "no", "true", "false", "1", "0", "y", "n"]).transform((v) => ["yes", "true", "1", "y"].includes(v));

function productFieldsFromText(fields: Record<string, string>, currency: string) {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    switch (key) {
      case "sku": out.sku = value; break;
      case "name": out.name = value; break;
      case "name_zh": case "namezh": out.nameZh = value; break;
      case "description": case "desc": out.description = value; break;
      case "description_zh": case "descriptionzh": out.descriptionZh = value; break;
      case "category": out.category = value; break;
      case "category_zh": case "categoryzh": out.categoryZh = value; break;
      case "tags": out.tags = value.split(",").map((t) => t.trim()).filter(Boolean); break;
      case "currency": out.currency = value.toUpperCase(); break;
      case "image": case "image_url": out.imageUrl = value; break;
      case "price": {
        const minor = parseMoney(value, String(out.currency ?? fields.currency ?? currency).toUpperCase());
        if (minor === null) problems.push(`price "${value}" is not an amount like 12.50`);
        else out.priceMinor = minor;
        break;
      }
      case "stock": case "threshold": case "low": {
        const n = z.coerce.number().int().min(0).max(1_000_000).safeParse(value);
        if (!n.success) problems.push(`${key} "${value}" is not a whole number from 0 to 1000000`);
        else out[key === "stock" ? "stock" : "lowStockThreshold"] = n.data;
        break;
      }
      case "consumable": case "active": {
        const b = yes.safeParse(value.toLowerCase());
        if (!b.success) problems.push(`${key} should be yes or no`);
        else out[key] = b.data;
        break;
      }
      default: problems.push(`unknown field "${key}"`);
    }
  }
  if (problems.length) throw new AppError("INVALID_INPUT", { message: `Please fix: ${problems.join("; ")}.` });
  return out;
}

function zodMessage(error: z.ZodError): string {
  return `Please fix: ${error.issues.map((i) => `${i.path.join(".") || "value"} — ${i.message}`).join("; ")}.`;
}

/** An owner's line as commands read it: at most 10,000 characters, no NUL. */
function clean(input: string): string {
  return input.slice(0, 10_000).replace(/\u0000/g, "");
}

export function createOwnerConsole(deps: OwnerConsoleDeps): OwnerConsole {
  const { db, clock, notifier, logger } = deps;

  async function listLeads(all: boolean): Promise<Reply[]> {
    const leads = await db.lead.findMany({
      where: all ? {} : { stage: { notIn: ["visitor"] } },
      orderBy: { createdAt: "desc" },
      take: LIST_LIMIT,
      include: { customer: true },
    });
    if (leads.length === 0) return [{ text: all ? "No leads yet." : "No leads yet (visitors who only said hello are hidden; `leads all` shows them)." }];
    const lines = leads.map((l) => `#${l.id} ${l.customer.name ?? "(no name)"} — ${l.stage} — ${[l.customer.email, l.customer.phone].filter(Boolean).join(", ") || "no contact"} — since ${date(l.createdAt)}${l.score !== null ? ` — score ${(l.score * 100).toFixed(0)}%` : ""}`);
    return [{ text: [`Leads, newest first (${leads.length}):`, ...lines].join("\n"), buttons: leads.slice(0, 5).map((l) => [{ label: `Lead #${l.id}`, payload: `lead ${l.id}` }]) }];
  }

  async function showLead(leadId: number): Promise<Reply[]> {
    const lead = await db.lead.findUnique({ where: { id: leadId }, include: { customer: { include: { orders: { orderBy: { id: "desc" }, take: 5 } } }, history: { orderBy: { at: "asc" } } } });
    if (!lead) throw new AppError("NOT_FOUND", { message: `No lead #${leadId}.` });
    const c = lead.customer;
    return [{
      text: [
        `Lead #${lead.id}: ${c.name ?? "(no name)"} (customer ${c.id}, ${c.locale})`,
        `Stage: ${lead.stage} · source ${lead.source} · last active ${date(lead.lastActivityAt)}`,
        `Contact: ${[c.email, c.phone].filter(Boolean).join(", ") || "none"}`,
        `History: ${lead.history.map((h) => `${h.toStage} (${date(h.at)}, ${h.source})`).join(" → ")}`,
        `Orders: ${c.orders.map((o) => `#${o.id} ${o.status} ${formatMoney(o.totalMinor, o.currency)}`).join(", ") || "none"}`,
      ].join("\n"),
      buttons: c.orders.slice(0, 3).map((o) => [{ label: `Order #${o.id}`, payload: `order ${o.id}` }]),
    }];
  }

  async function listOrders(filter: "open" | "all" | "today" | "yesterday" | TOrderStatus): Promise<Reply[]> {
    let where: Prisma.OrderWhereInput;
    if (filter === "today" || filter === "yesterday") {
      // Placed on that day in the owner's time zone, whatever has happened to them since.
      const today = startOfLocalDay(clock.now(), deps.timeZone);
      const [start, end] = filter === "today" ? [today, addLocalDays(today, 1, deps.timeZone)] : [addLocalDays(today, -1, deps.timeZone), today];
      where = { OR: [{ placedAt: { gte: start, lt: end } }, { placedAt: null, createdAt: { gte: start, lt: end } }] };
    } else where = filter === "all" ? {} : filter === "open" ? { status: { in: OPEN_ORDER_STATUSES } } : { status: filter };
    const orders = await db.order.findMany({ where, include: { customer: true, lines: { include: { product: true } } }, orderBy: { id: "desc" }, take: 200 });
    // Open orders first (the ones needing action), newest first within each group.
    const rank = (s: TOrderStatus) => (OPEN_ORDER_STATUSES.includes(s) ? OPEN_ORDER_STATUSES.indexOf(s) : 10);
    orders.sort((a, b) => rank(a.status) - rank(b.status) || b.id - a.id);
    const shown = orders.slice(0, LIST_LIMIT);
    if (shown.length === 0) return [{ text: filter === "open" ? "No open orders. (`orders all` lists every order.)" : filter === "today" || filter === "yesterday" ? `No orders placed ${filter}.` : "No orders." }];
    const lines = shown.map((o) => `#${o.id} ${o.status.toUpperCase()} — ${formatMoney(o.totalMinor, o.currency)} — ${o.customer ? (o.customer.name ?? `customer ${o.customer.id}`) : "guest"} — ${o.lines.map((l) => `${l.quantity}× ${l.product.name}`).join(", ")} — ${date(o.placedAt ?? o.createdAt)}${(o.status === "placed" || o.status === "paid") && !o.shippingAddress ? " — no address yet" : ""}`);
    const next: Partial<Record<TOrderStatus, "paid" | "shipped" | "delivered">> = { placed: "paid", paid: "shipped", shipped: "delivered" };
    return [{
      text: [`Orders (${filter}, ${shown.length}${orders.length > shown.length ? ` of ${orders.length}` : ""}):`, ...lines].join("\n"),
      buttons: shown.filter((o) => next[o.status]).slice(0, 5).map((o) => [{ label: `#${o.id} → ${next[o.status]}`, payload: `order ${o.id} ${next[o.status]}` }]),
    }];
  }

  async function showOrder(orderId: number): Promise<Reply[]> {
    const o = await db.order.findUnique({ where: { id: orderId }, include: { customer: true, lines: { include: { product: true } }, statusHistory: { orderBy: { at: "asc" } } } });
    if (!o) throw new AppError("NOT_FOUND", { message: `No order #${orderId}.` });
    const buttons = (["paid", "shipped", "delivered", "cancel"] as const)
      .filter((to) => ({ placed: ["paid", "shipped", "cancel"], paid: ["shipped", "delivered", "cancel"], shipped: ["delivered"] } as Record<string, string[]>)[o.status]?.includes(to))
      .map((to) => ({ label: to === "cancel" ? "Cancel" : `Mark ${to}`, payload: `order ${o.id} ${to}` }));
    // A paid order that was cancelled owes the customer their money until the refund is recorded.
    const refundDue = o.status === "cancelled" && !o.refundedAt && o.statusHistory.some((h) => PAID_ORDER_STATUSES.includes(h.toStatus));
    if (refundDue) buttons.push({ label: "Refund done", payload: `order ${o.id} refunded` });
    const refundLine = o.refundedAt
      ? [`Refunded: ${date(o.refundedAt)}${o.refundRef ? ` (${o.refundRef})` : ""}`]
      : refundDue ? [`Refund due: ${formatMoney(o.totalMinor, o.currency)}${o.paymentRef ? ` (payment ${o.paymentRef})` : ""}`] : [];
    return [{
      text: [
        `Order #${o.id}: ${o.status} — ${formatMoney(o.totalMinor, o.currency)} — ${o.channel}`,
        `Customer: ${o.customer ? `${o.customer.name ?? "(no name)"} (customer ${o.customer.id}) ${[o.customer.email, o.customer.phone].filter(Boolean).join(", ")}` : "guest"}`,
        ...o.lines.map((l) => `  ${l.quantity} × ${l.product.name} (${l.product.sku}) @ ${formatMoney(l.unitPriceMinor, o.currency)}`),
        ...(o.deliveryMinor > 0 ? [`  delivery ${formatMoney(o.deliveryMinor, o.currency)}`] : []),
        `Ship to: ${o.shippingAddress ? addressOnOneLine(o.shippingAddress) : "(none given yet)"}`,
        `History: ${o.statusHistory.map((h) => `${h.toStatus} ${date(h.at)} by ${h.actor}`).join(" → ")}`,
        ...(o.trackingRef ? [`Tracking: ${o.trackingRef}`] : []),
        ...refundLine,
      ].join("\n"),
      ...(buttons.length ? { buttons: [buttons] } : {}),
    }];
  }

  /** After stock changed: customers waiting for the product are told it is back; " Told N …" for the owner's reply, or "". */
  async function tellWaitingCustomers(productId: number): Promise<string> {
    const told = await sendStockAlerts({ db, messenger: deps.messenger, logger }, { productId, at: clock.now() });
    return told > 0 ? ` Told ${told} customer${told === 1 ? "" : "s"} waiting for it that it is back.` : "";
  }

  /**
   * Moves an order on and tells the customer. Shipping an order with no delivery address on file is
   * asked about first (the customer was asked for one but may not have answered): the owner may have
   * it from elsewhere ("order 12 shipped anyway"), or ask the customer in the inbox.
   */
  async function moveOrder(orderId: number, to: "paid" | "shipped" | "delivered" | "cancelled", force = false, trackingRef?: string): Promise<Reply[]> {
    const at = clock.now();
    if (to === "shipped" && !force) {
      const unaddressed = await db.order.findFirst({ where: { id: orderId, shippingAddress: null, status: { in: ["placed", "paid"] } }, select: { id: true } });
      if (unaddressed) {
        return [{
          text: `Order #${orderId} has no delivery address yet: the customer was asked for one but has not sent it. Ship it anyway if you have the address from elsewhere; otherwise ask the customer first.`,
          buttons: [[{ label: "Ship anyway", payload: `order ${orderId} shipped anyway${trackingRef ? ` ${trackingRef}` : ""}` }, { label: "Show order", payload: `order ${orderId}` }]],
        }];
      }
    }
    const { order, from, changed } = await changeOrderStatus({ db, notifier }, { orderId, to, actor: "owner", at, ...(trackingRef ? { trackingRef } : {}) });
    // "Order 12 shipped RM123…" again for a shipped order: the tracking is what is new.
    if (!changed && trackingRef && to === "shipped") return giveTracking(orderId, trackingRef);
    if (!changed) return [{ text: `Order #${orderId} is already ${to}.` }];
    // Tell the customer where they left us, in their language (with the tracking of a parcel sent).
    const tracking = to === "shipped" ? order.trackingRef : null;
    await tellCustomer(order.customerId, at, (m, locale) => `${m.orderStatusLine(order.id, m.status(to), formatMoney(order.totalMinor, order.currency), formatOrderDate(locale, at))}${tracking ? `\n${m.trackingLine(tracking)}` : ""}`);
    // Cancelling an order the customer paid for: the money goes back outside the shop, so say so.
    const refund = to === "cancelled" && PAID_ORDER_STATUSES.includes(from)
      ? ` It was paid (${formatMoney(order.totalMinor, order.currency)}${order.paymentRef ? `, payment ${order.paymentRef}` : ""}): refund the customer through the way they paid, then record it with \`order ${orderId} refunded\`.`
      : "";
    const trackingHint = to === "shipped" && !order.trackingRef ? ` To send the customer a tracking number: \`order ${orderId} tracking <number or link>\`.` : "";
    return [{ text: `Order #${orderId}: ${from} → ${to}.${to === "cancelled" ? " Stock returned." : ""}${refund}${trackingHint}` }, ...(await showOrder(orderId))];
  }

  /**
   * `order N tracking <ref>`: the tracking number saved on the order; a customer whose parcel is on
   * its way (or arrived) gets it now, otherwise with the "shipped" message.
   */
  async function giveTracking(orderId: number, trackingRef: string): Promise<Reply[]> {
    const at = clock.now();
    const { order, previous } = await setOrderTracking({ db }, { orderId, trackingRef });
    const sent = SENT_ORDER_STATUSES.includes(order.status);
    const told = sent && (await tellCustomer(order.customerId, at, (m) => m.trackingUpdate(order.id, trackingRef)));
    const was = previous && previous !== trackingRef ? ` (was ${previous})` : "";
    return [{ text: `Order #${orderId}: tracking ${trackingRef}${was}.${told ? " The customer was told." : sent ? "" : " The customer gets it when you mark the order shipped."}` }];
  }

  /** `order N refunded [reference]`: the refund recorded, the customer told in their language. */
  async function refundOrder(orderId: number, reference?: string): Promise<Reply[]> {
    const at = clock.now();
    const { order, recorded } = await recordRefund({ db }, { orderId, at, ...(reference ? { reference } : {}) });
    const amount = formatMoney(order.totalMinor, order.currency);
    if (!recorded) return [{ text: `Order #${orderId}'s refund was already recorded on ${date(order.refundedAt)}${order.refundRef ? ` (${order.refundRef})` : ""}.` }];
    const told = await tellCustomer(order.customerId, at, (m) => m.refundSent(order.id, amount));
    return [{ text: `Order #${orderId}: refund of ${amount} recorded${order.refundRef ? ` (${order.refundRef})` : ""}.${told ? " The customer was told." : ""}` }];
  }

  /** One message to a customer in their latest conversation, in their language; false when they have none (a guest). */
  async function tellCustomer(customerId: number | null, at: Date, text: (m: ReturnType<typeof messagesFor>, locale: ReturnType<typeof customerLocale>) => string): Promise<boolean> {
    if (customerId === null) return false;
    const conversation = await findLatestConversation(db, customerId);
    if (!conversation) return false;
    const locale = customerLocale(conversation.customer);
    await sendToCustomer({ db, messenger: deps.messenger, logger }, { conversationId: conversation.id, direction: "outbound", at, replies: [{ text: text(messagesFor(locale), locale) }] });
    return true;
  }

  /** Paid orders that were cancelled: the refunds still owed first, then the last ten recorded. */
  async function listRefunds(): Promise<Reply[]> {
    const paidThenCancelled = { status: "cancelled" as const, ...EVER_PAID };
    const [due, done] = await Promise.all([
      db.order.findMany({ where: { ...paidThenCancelled, refundedAt: null }, include: { customer: true }, orderBy: { id: "asc" } }),
      db.order.findMany({ where: { ...paidThenCancelled, refundedAt: { not: null } }, include: { customer: true }, orderBy: { refundedAt: "desc" }, take: 10 }),
    ]);
    if (due.length === 0 && done.length === 0) return [{ text: "No paid order has been cancelled: no refunds owed." }];
    const who = (o: (typeof due)[number]) => (o.customer ? `${o.customer.name ?? "(no name)"} (customer ${o.customer.id})` : "guest");
    const lines = [
      due.length === 0 ? "No refunds owed." : `Refunds owed (${due.length}, ${formatMoney(due.reduce((sum, o) => sum + o.totalMinor, 0), due[0]!.currency)}):`,
      ...due.map((o) => `#${o.id} ${formatMoney(o.totalMinor, o.currency)} — ${who(o)}${o.paymentRef ? ` — payment ${o.paymentRef}` : ""}`),
      ...(done.length > 0 ? ["Recorded:", ...done.map((o) => `#${o.id} ${formatMoney(o.totalMinor, o.currency)} — ${who(o)} — refunded ${date(o.refundedAt!)}${o.refundRef ? ` (${o.refundRef})` : ""}`)] : []),
    ];
    const buttons = due.slice(0, 5).map((o) => [{ label: `Refund done #${o.id}`, payload: `order ${o.id} refunded` }]);
    return [{ text: lines.join("\n"), ...(buttons.length > 0 ? { buttons } : {}) }];
  }

  async function listStock(lowOnly: boolean): Promise<Reply[]> {
    const products = await db.product.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] });
    const shown = lowOnly ? products.filter((p) => p.stock <= p.lowStockThreshold) : products;
    if (shown.length === 0) return [{ text: lowOnly ? "Nothing is at or below its low-stock threshold." : "No products yet. Add one with: product add sku=… name=\"…\" price=… category=…" }];
    // Customers waiting for an out-of-stock product ("tell me when it's back"): a reason to restock it.
    const waiting = await countWaitingForRestock(db);
    const lines = shown.map((p) => `${p.sku.padEnd(10)} ${String(p.stock).padStart(5)}${p.stock <= p.lowStockThreshold ? " LOW" : "    "}  ${p.name} — ${formatMoney(p.priceMinor, p.currency)}${p.active ? "" : " (inactive)"}${waiting.get(p.id) ? ` · ${waiting.get(p.id)} waiting` : ""}`);
    return [{ text: [`Stock (${shown.length} products${lowOnly ? " at or below threshold" : ""}):`, ...lines].join("\n") }];
  }

  async function findCustomers(query: string): Promise<Reply[]> {
    const q = query.slice(0, 100);
    const id = /^\d+$/.test(q) ? Number(q) : undefined;
    const customers = await db.customer.findMany({
      where: { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }, { phone: { contains: q.replace(/\s/g, "") } }, ...(id && id < 2_147_483_647 ? [{ id }] : [])] },
      include: { lead: true, _count: { select: { orders: true } } },
      take: LIST_LIMIT,
      orderBy: { id: "desc" },
    });
    if (customers.length === 0) return [{ text: `No customer matches "${q}".` }];
    return [{
      text: [`Customers matching "${q}":`, ...customers.map((c) => `#${c.id} ${c.name ?? "(no name)"} — ${[c.email, c.phone].filter(Boolean).join(", ") || "no contact"} — ${c.lead?.stage ?? "—"} — ${c._count.orders} order${c._count.orders === 1 ? "" : "s"}`)].join("\n"),
      buttons: customers.slice(0, 5).map((c) => [{ label: `Customer #${c.id}`, payload: `customer ${c.id}` }]),
    }];
  }

  async function showCustomer(customerId: number): Promise<Reply[]> {
    if (deps.analytics) return deps.analytics.customer(customerId);
    const c = await db.customer.findUnique({ where: { id: customerId }, include: { lead: true, orders: { orderBy: { id: "desc" }, take: 5 } } });
    if (!c) throw new AppError("NOT_FOUND", { message: `No customer #${customerId}.` });
    return [{ text: [`Customer #${c.id}: ${c.name ?? "(no name)"} (${c.locale})`, `Contact: ${[c.email, c.phone].filter(Boolean).join(", ") || "none"}`, ...(c.address ? [`Address: ${addressOnOneLine(c.address)}`] : []), `Stage: ${c.lead?.stage ?? "—"}`, `Orders: ${c.orders.map((o) => `#${o.id} ${o.status}`).join(", ") || "none"}`].join("\n") }];
  }

  async function funnel(): Promise<Reply[]> {
    const groups = await db.lead.groupBy({ by: ["stage"], _count: { _all: true } });
    const counts = new Map(groups.map((g) => [g.stage, g._count._all]));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    // Reached = at this stage or further on (the funnel's cumulative view).
    let reached = total;
    const lines = FUNNEL_STAGES.map((stage) => {
      const line = `${stage.padEnd(8)} ${String(counts.get(stage) ?? 0).padStart(5)} now · ${String(reached).padStart(5)} reached`;
      reached -= counts.get(stage) ?? 0;
      return line;
    });
    return [{ text: [`Funnel (${total} people):`, ...lines].join("\n") }];
  }

  function showSettings(): Reply[] {
    const settings = deps.settings ?? [];
    if (settings.length === 0) return [{ text: "No settings to show here." }];
    const lines = settings.map((s) => `${s.name} (${s.variables.join(", ")}): ${s.value}`);
    return [{ text: ["Shop settings (set in the environment or .env; restart to change them):", ...lines].join("\n") }];
  }

  async function inbox(): Promise<Reply[]> {
    const waiting = await db.conversation.findMany({ where: { mode: "handoff" }, include: { customer: true, messages: { orderBy: { id: "desc" }, take: 3 } }, orderBy: { handoffRequestedAt: "asc" } });
    if (waiting.length === 0) return [{ text: "No conversations are waiting for you." }];
    return waiting.map((c) => ({
      text: [`Conversation ${c.id} — ${c.customer.name ?? "(no name)"}${[c.customer.email, c.customer.phone].filter(Boolean).map((contact) => `, ${contact}`).join("")} (customer ${c.customer.id}, ${c.channel}, ${c.customer.locale}) since ${date(c.handoffRequestedAt)}: ${c.handoffReason ?? ""}`, ...c.messages.reverse().map((m) => `  ${m.direction === "inbound" ? "customer" : m.direction}: ${readableLogText(m.text, m.payload, m.attachment).slice(0, 200)}`), `Answer with: reply ${c.id} <text>`].join("\n"),
      buttons: [[{ label: "Resume bot", payload: `resume ${c.id}` }]],
    }));
  }

  async function reply(conversationId: number, text: string): Promise<Reply[]> {
    const conversation = await db.conversation.findUnique({ where: { id: conversationId } });
    if (!conversation) throw new AppError("NOT_FOUND", { message: `No conversation ${conversationId}.` });
    const at = clock.now();
    const delivered = await sendToCustomer({ db, messenger: deps.messenger, logger }, { conversationId, replies: [{ text }], direction: "owner", at });
    await db.conversation.update({ where: { id: conversationId }, data: { lastOwnerReplyAt: at } });
    return [{ text: delivered ? `Sent to conversation ${conversationId}.` : `Saved on conversation ${conversationId}; the customer will see it when they next open the chat.` }];
  }

  async function run(command: TOwnerCommand): Promise<Reply[]> {
    switch (command.command) {
      case "help": return [{ text: ["Commands:", ...OWNER_USAGE.map((l) => `  ${l}`)].join("\n") }];
      case "settings": return showSettings();
      case "leads": return listLeads(command.all);
      case "lead": return showLead(command.leadId);
      case "orders": return listOrders(command.filter);
      case "order": return command.to ? moveOrder(command.orderId, command.to, command.force === true, command.trackingRef) : showOrder(command.orderId);
      case "tracking": return giveTracking(command.orderId, command.trackingRef);
      case "refund": return refundOrder(command.orderId, command.reference);
      case "refunds": return listRefunds();
      case "stock": return listStock(command.lowOnly);
      case "setStock":
      case "restock": {
        const { before, product } = await adjustStock({ db, notifier }, { sku: command.sku, mode: command.command === "setStock" ? "set" : "add", quantity: command.quantity });
        return [{ text: `${product.sku} ${product.name}: stock ${before} → ${product.stock}.${product.stock <= product.lowStockThreshold ? ` (at or below the low-stock threshold of ${product.lowStockThreshold})` : ""}${await tellWaitingCustomers(product.id)}` }];
      }
      case "productAdd": {
        const product = await addProduct(db, productFieldsFromText(command.fields, deps.currency) as never);
        return [{ text: `Added ${product.sku} ${product.name} — ${formatMoney(product.priceMinor, product.currency)}, stock ${product.stock}, category ${product.category}.` }];
      }
      case "productUpdate": {
        const { product, before } = await updateProduct(db, command.sku, productFieldsFromText(command.fields, deps.currency));
        const wasPrice = before.priceMinor !== product.priceMinor ? ` (was ${formatMoney(before.priceMinor, before.currency)})` : "";
        return [{ text: `Updated ${product.sku} ${product.name} — ${formatMoney(product.priceMinor, product.currency)}${wasPrice}, stock ${product.stock}, ${product.active ? "active" : "inactive"}.${await tellWaitingCustomers(product.id)}` }];
      }
      case "customers": return findCustomers(command.query);
      case "customer": return showCustomer(command.customerId);
      case "funnel": return deps.analytics ? deps.analytics.funnel() : funnel();
      case "inbox": return inbox();
      case "reply": return reply(command.conversationId, command.text);
      case "resume": {
        const resumed = await resumeBot(db, command.conversationId);
        if (resumed) await tellCustomerBotIsBack({ db, messenger: deps.messenger, logger: deps.logger }, { conversationId: command.conversationId, at: deps.clock.now() });
        return [{ text: resumed ? `The bot answers conversation ${command.conversationId} again.` : `Conversation ${command.conversationId} was not waiting for you.` }];
      }
      case "sales":
        if (!deps.analytics) return [{ text: "sales: not available yet." }];
        return deps.analytics.sales(command.period);
      case "forecast":
        if (!deps.analytics) return [{ text: "forecast: not available yet." }];
        return deps.analytics.forecast(command.days);
      case "digest":
      case "segments":
        if (!deps.analytics) return [{ text: `${command.command}: not available yet.` }];
        return deps.analytics[command.command]();
      case "faqList": {
        const entries = await listFaqEntries(db);
        if (entries.length === 0) return [{ text: "No answers yet. Add one: faq add Do you gift wrap? | Yes, £2 per item, chosen at checkout." }];
        return [{ text: ["Your answers (customers asking these in their own words get them):", ...entries.map((e) => `#${e.id} ${e.question}\n    → ${e.answer}`)].join("\n") }];
      }
      case "faqAdd": {
        const entry = await addFaqEntry(db, { question: command.question, answer: command.answer });
        return [{ text: `Added answer #${entry.id}: "${entry.question}" → ${entry.answer}` }];
      }
      case "faqRemove":
        await removeFaqEntry(db, command.entryId);
        return [{ text: `Removed answer #${command.entryId}.` }];
      case "topCustomers":
        if (!deps.analytics) return [{ text: "top: not available yet." }];
        return deps.analytics.topCustomers(command.limit);
      case "hotLeads":
        if (!deps.analytics) return [{ text: "hot: not available yet." }];
        return deps.analytics.hotLeads(command.limit);
      case "backup": {
        if (!deps.backups) return [{ text: "The shop's data is on a PostgreSQL server (DATABASE_URL): back it up with that server's tools, e.g. pg_dump." }];
        const backup = await deps.backups.backUp(clock.now());
        logger.info("database backed up", { location: backup.location, bytes: backup.bytes });
        return [{ text: `Backed up to ${backup.location} (${(backup.bytes / 1_048_576).toFixed(1)} MB; ${backup.kept} kept). Restore with: npm run restore -- ${backup.location}` }];
      }
    }
  }

  async function safeRun(command: TOwnerCommand): Promise<Reply[]> {
    try {
      return await run(command);
    } catch (error) {
      if (isAppError(error)) return [{ text: error.userMessage }];
      if (error instanceof z.ZodError) return [{ text: zodMessage(error) }];
      logger.error("owner command failed", { command: command.command, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return [{ text: "Sorry, that failed on our side; the details are in the log." }];
    }
  }

  async function runParsed(parsed: ReturnType<typeof parseOwnerCommand>): Promise<Reply[]> {
    return parsed.ok ? safeRun(parsed.value) : [{ text: parsed.error }];
  }

  async function handle(input: string): Promise<Reply[]> {
    return runParsed(parseOwnerCommand(clean(input)));
  }

  async function handleText(input: string): Promise<Reply[]> {
    const text = clean(input);
    const verb = text.trim().replace(/^\//, "").split(/\s+/)[0]?.toLowerCase() ?? "";
    // A command as typed: known verb, and it parses or is too short to be a sentence ("forecast 9"
    // gets its usage line; "restock the chamomile tea with 20" is read as words).
    const words = text.trim().split(/\s+/).length;
    const parsed = parseOwnerCommand(text);
    if (!deps.ownerClassifier || !text.trim() || (OWNER_VERBS.has(verb) && (words < 3 || parsed.ok))) return runParsed(parsed);
    let interpretation;
    try {
      interpretation = await interpretOwnerText({ db, classifier: await deps.ownerClassifier() }, text);
    } catch (error) {
      logger.error("owner text not interpreted", { error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return runParsed(parsed);
    }
    // A command typed with wrong arguments ("forecast 9"): its usage line says more than a guess.
    if (interpretation.kind === "clarify") return OWNER_VERBS.has(verb) ? runParsed(parsed) : [{ text: interpretation.text }];
    return safeRun(interpretation.command);
  }

  return { handle, handleText, run: safeRun };
}

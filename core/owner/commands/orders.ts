/** `orders [filter]`: open orders first (the ones needing action), or by status, or placed today / yesterday. */
import { z } from "zod";
import type { Prisma } from "../../db.ts";
import { addLocalDays, startOfLocalDay } from "../../digest/time-zone.ts";
import { formatMoney } from "../../money.ts";
import { OPEN_ORDER_STATUSES, type TOrderStatus } from "../../orders/order-rules.ts";
import { formatOwnerDate } from "../read-command-words.ts";
import type { OwnerButton, OwnerCommand } from "./define-command.ts";

const ZFilter = z.enum(["open", "all", "placed", "paid", "shipped", "delivered", "cancelled", "today", "yesterday"]);
const ZArgs = z.object({ filter: ZFilter });
const USAGE = "orders [all|placed|paid|shipped|delivered|cancelled|today|yesterday]";
const LIST_LIMIT = 25;
/** Which orders a sentence asks for ("yesterday's orders", "any orders to ship?", "已付款的订单"); open ones otherwise. */
const LIST_FILTERS: [RegExp, z.infer<typeof ZFilter>][] = [
  [/\byesterday'?s?\b|昨天/, "yesterday"],
  [/\btoday'?s?\b|今天/, "today"],
  [/\ball\b|所有|全部/, "all"],
  [/\b(unpaid|placed|awaiting payment)\b|未付|待付/, "placed"],
  // "Any orders to ship?": the paid ones, which are what waits to be sent.
  [/\b(to ship|to send|ready to (ship|send|go)|need(s)? (shipping|sending|to be (shipped|sent)))\b|待发货|要发货|需要发货|该发货/, "paid"],
  [/\bcancel(?:led|ed)?\b|取消/, "cancelled"],
  [/\bdelivered\b|送达|签收/, "delivered"],
  [/\bshipped\b|已发货/, "shipped"],
  [/\bpaid\b|已付款/, "paid"],
];

export const ordersCommand: OwnerCommand<"orders", z.infer<typeof ZArgs>> = {
  verb: "orders",
  words: ["orders"],
  usage: USAGE,
  help: { en: "open orders first; today/yesterday: placed that day", zh: "订单列表，未完成的在前；today/yesterday：当天下的单" },
  examples: ["orders", "orders all", "orders paid", "orders today"],
  ZArgs,
  mutates: false,
  intents: ["list_orders"],
  fromWords: ({ normalized }) => ({ ok: true, args: { filter: LIST_FILTERS.find(([pattern]) => pattern.test(normalized))?.[1] ?? "open" } }),
  quick: { label: { en: "Orders", zh: "订单" }, args: { filter: "open" } },
  read(words) {
    const filter = ZFilter.safeParse(words[1]?.toLowerCase() ?? "open");
    return filter.success ? { ok: true, args: { filter: filter.data } } : { ok: false, usage: USAGE };
  },
  write: ({ filter }) => (filter === "open" ? "orders" : `orders ${filter}`),
  async run({ deps, t }, { filter }) {
    let where: Prisma.OrderWhereInput;
    if (filter === "today" || filter === "yesterday") {
      // Placed on that day in the owner's time zone, whatever has happened to them since.
      const today = startOfLocalDay(deps.clock.now(), deps.timeZone);
      const [start, end] = filter === "today" ? [today, addLocalDays(today, 1, deps.timeZone)] : [addLocalDays(today, -1, deps.timeZone), today];
      where = { OR: [{ placedAt: { gte: start, lt: end } }, { placedAt: null, createdAt: { gte: start, lt: end } }] };
    } else where = filter === "all" ? {} : filter === "open" ? { status: { in: OPEN_ORDER_STATUSES } } : { status: filter };
    const orders = await deps.db.order.findMany({ where, include: { customer: true, lines: { include: { product: true } } }, orderBy: { id: "desc" }, take: 200 });
    // Open orders first (the ones needing action), newest first within each group.
    const rank = (s: TOrderStatus) => (OPEN_ORDER_STATUSES.includes(s) ? OPEN_ORDER_STATUSES.indexOf(s) : 10);
    orders.sort((a, b) => rank(a.status) - rank(b.status) || b.id - a.id);
    const shown = orders.slice(0, LIST_LIMIT);
    if (shown.length === 0) return [{ text: filter === "open" ? t.orders.noneOpen : filter === "today" || filter === "yesterday" ? t.orders.nonePlaced(filter) : t.orders.none }];
    const lines = shown.map((o) => `#${o.id} ${o.status.toUpperCase()} — ${formatMoney(o.totalMinor, o.currency)} — ${o.customer ? (o.customer.name ?? t.customerRef(o.customer.id)) : t.guest} — ${o.lines.map((l) => `${l.quantity}× ${l.product.name}`).join(", ")} — ${formatOwnerDate(o.placedAt ?? o.createdAt)}${(o.status === "placed" || o.status === "paid") && !o.shippingAddress ? ` — ${t.orders.noAddress}` : ""}`);
    const next: Partial<Record<TOrderStatus, "paid" | "shipped" | "delivered">> = { placed: "paid", paid: "shipped", shipped: "delivered" };
    const buttons = shown.flatMap((o): OwnerButton[][] => {
      const to = next[o.status];
      return to ? [[{ label: `#${o.id} → ${to}`, command: { command: "order", orderId: o.id, to } }]] : [];
    });
    return [{ text: [t.orders.heading(filter, shown.length, orders.length), ...lines].join("\n"), buttons: buttons.slice(0, 5) }];
  },
};

/**
 * The console's side of the ports: owner notifications kept in a ring buffer the owner pane polls,
 * and a messenger that accepts console customers (their pane polls the conversation log, where
 * core already wrote the message).
 */
import type { CustomerMessenger, Notifier, OwnerNotification } from "../../core/ports.ts";
import { formatMoney } from "../../core/money.ts";
import { addressOnOneLine } from "../../core/orders/set-shipping-address.ts";
import type { DigestPublisher } from "../../core/digest/publish-digest.ts";

export interface FeedItem {
  id: number;
  at: string;
  text: string;
  notification?: OwnerNotification;
}

/** One line an owner can read for each notification. */
export function describeNotification(n: OwnerNotification): string {
  switch (n.type) {
    case "new_lead": return `New lead #${n.leadId}: ${n.name ?? "(no name)"} — ${n.contact}`;
    case "new_order": return `New order #${n.orderId} from ${n.customerName ?? (n.customerId !== null ? `customer ${n.customerId}` : "a guest")}: ${n.lines.join(", ")} — ${formatMoney(n.totalMinor, n.currency)}${n.address ? `; ships to ${addressOnOneLine(n.address)}` : ""}`;
    case "payment_received": return `Payment received for order #${n.orderId}: ${formatMoney(n.totalMinor, n.currency)}`;
    case "payment_claimed": return `${n.customerName ?? `Customer ${n.customerId}`} says they have paid order #${n.orderId} (${formatMoney(n.totalMinor, n.currency)}). When it is in your account: order ${n.orderId} paid`;
    case "shipping_address": return `Order #${n.orderId} ships to: ${addressOnOneLine(n.address)}`;
    case "low_stock": return `Low stock: ${n.sku} ${n.name} has ${n.stock} left (threshold ${n.threshold})`;
    case "handoff_requested": return `${n.customerName ?? "A customer"} needs you (conversation ${n.conversationId}): ${n.reason}. Answer with: reply ${n.conversationId} <text>`;
  }
}

export function createConsoleFeed(options: { capacity?: number; now?: () => Date } = {}) {
  const capacity = options.capacity ?? 200;
  const now = options.now ?? (() => new Date());
  const items: FeedItem[] = [];
  let nextId = 1;
  const push = (item: Omit<FeedItem, "id" | "at">) => {
    items.push({ id: nextId++, at: now().toISOString(), ...item });
    if (items.length > capacity) items.splice(0, items.length - capacity);
  };
  const notifier: Notifier = {
    async notify(notification) {
      push({ text: describeNotification(notification), notification });
    },
  };
  /** The daily digest, shown in the owner's feed as its sections' text. */
  const digestPublisher: DigestPublisher = {
    name: "console",
    async publishDigest(digest) {
      push({ text: [digest.title, ...digest.sections.map((s) => s.text)].join("\n\n") });
    },
  };
  const messenger: CustomerMessenger = {
    async send(target) {
      return target.channel === "console";
    },
  };
  return { notifier, messenger, digestPublisher, after: (id: number) => items.filter((i) => i.id > id) };
}

/**
 * An owner notification in words, once for every channel: the console feed shows its line, Slack
 * lays out its headline and body as a card with the buttons; both take the words from here, in the
 * owner's language, so a notification's wording exists in one place.
 */
import { ownerMessagesFor, type NoticeWords } from "../i18n/owner.ts";
import type { TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import { addressOnOneLine } from "../orders/set-shipping-address.ts";
import type { OwnerNotification } from "../ports.ts";
import type { OwnerButton } from "./commands/define-command.ts";

export interface OwnerNotice extends NoticeWords {
  /** An emoji name for channels that show one (Slack's `:name:`). */
  icon: string;
  /** What one usually does next, as typed commands. */
  buttons: OwnerButton[];
}

/** A product's name in the owner's language (the Chinese one when there is one). */
function nameIn(product: { name: string; nameZh?: string | null }, locale: TLocale): string {
  return locale === "zh" ? (product.nameZh ?? product.name) : product.name;
}

export function describeOwnerNotification(n: OwnerNotification, locale: TLocale): OwnerNotice {
  const t = ownerMessagesFor(locale).notices;
  const b = t.buttons;
  switch (n.type) {
    case "new_lead":
      return {
        icon: "bust_in_silhouette",
        ...t.newLead(n),
        buttons: [{ label: b.openCustomer, command: { command: "customer", customerId: n.customerId } }, { label: b.lead(n.leadId), command: { command: "lead", leadId: n.leadId } }],
      };
    case "new_order":
      return {
        icon: "shopping_trolley",
        ...t.newOrder({ orderId: n.orderId, buyer: t.buyer(n.customerName, n.customerId), lines: n.lines, total: formatMoney(n.totalMinor, n.currency), address: n.address ? addressOnOneLine(n.address) : null }),
        buttons: [
          { label: b.markPaid, command: { command: "order", orderId: n.orderId, to: "paid" } },
          { label: b.markShipped, command: { command: "order", orderId: n.orderId, to: "shipped" }, style: "primary" },
          { label: b.showOrder, command: { command: "order", orderId: n.orderId } },
          ...(n.customerId !== null ? [{ label: b.openCustomer, command: { command: "customer" as const, customerId: n.customerId } }] : []),
        ],
      };
    case "payment_received":
      return {
        icon: "moneybag",
        ...t.paymentReceived({ orderId: n.orderId, total: formatMoney(n.totalMinor, n.currency) }),
        buttons: [{ label: b.markShipped, command: { command: "order", orderId: n.orderId, to: "shipped" }, style: "primary" }, { label: b.showOrder, command: { command: "order", orderId: n.orderId } }],
      };
    case "payment_claimed":
      return {
        icon: "hourglass_flowing_sand",
        ...t.paymentClaimed({ orderId: n.orderId, who: t.claimant(n.customerName, n.customerId), total: formatMoney(n.totalMinor, n.currency) }),
        buttons: [
          { label: b.markPaid, command: { command: "order", orderId: n.orderId, to: "paid" }, style: "primary" },
          { label: b.showOrder, command: { command: "order", orderId: n.orderId } },
          { label: b.openCustomer, command: { command: "customer", customerId: n.customerId } },
        ],
      };
    case "shipping_address":
      return {
        icon: "package",
        ...t.shippingAddress({ orderId: n.orderId, address: addressOnOneLine(n.address), addressLines: n.address }),
        buttons: [{ label: b.showOrder, command: { command: "order", orderId: n.orderId } }, { label: b.openCustomer, command: { command: "customer", customerId: n.customerId } }],
      };
    case "low_stock":
      return { icon: "warning", ...t.lowStock({ ...n, name: nameIn(n, locale) }), buttons: [{ label: b.stockPlan, command: { command: "stockPlan" } }, { label: b.lowStockList, command: { command: "stock", lowOnly: true } }] };
    case "reorder":
      return {
        icon: "package",
        ...t.reorder({ ...n, name: nameIn(n, locale) }),
        buttons: [{ label: b.productPlan(n.sku), command: { command: "stockPlan", sku: n.sku } }, { label: b.stockPlan, command: { command: "stockPlan" } }],
      };
    case "reorder_summary":
      return { icon: "package", ...t.reorderSummary({ ...n, products: n.products.map((p) => ({ ...p, name: nameIn(p, locale) })) }), buttons: [{ label: b.stockPlan, command: { command: "stockPlan" }, style: "primary" }] };
    case "campaign_finished": {
      const c = ownerMessagesFor(locale).campaign;
      const reasons = n.reasons.filter((r) => r.status !== "pending").map((r) => `${c.reasons[r.reason] ?? r.reason} ${r.count}`).join(", ");
      return {
        icon: "mega",
        ...t.campaignFinished({ campaignId: n.campaignId, name: n.name, sent: n.sent, failed: n.failed, skipped: n.skipped, reasons: reasons || null }),
        buttons: [{ label: b.showCampaign, command: { command: "campaign", campaignId: n.campaignId } }],
      };
    }
    case "handoff_requested":
      return {
        icon: "raising_hand",
        ...t.handoff({ conversationId: n.conversationId, who: n.customerName, reason: n.reason }),
        buttons: [{ label: b.openCustomer, command: { command: "customer", customerId: n.customerId } }],
      };
    case "data_request":
      return {
        icon: "closed_lock_with_key",
        ...t.dataRequest({ customerId: n.customerId, who: t.claimant(n.customerName, n.customerId), request: n.request, channel: n.channel }),
        // Export first when they asked for their data; Erase asks for confirmation before it erases.
        buttons: [
          { label: b.exportData, command: { command: "customerExport", customerId: n.customerId }, ...(n.request === "access" ? { style: "primary" as const } : {}) },
          { label: b.eraseData, command: { command: "customerErase", customerId: n.customerId }, ...(n.request === "erasure" ? { style: "danger" as const } : {}) },
          { label: b.openCustomer, command: { command: "customer", customerId: n.customerId } },
        ],
      };
  }
}

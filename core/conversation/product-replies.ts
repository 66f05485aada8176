/** Channel-neutral renderings of catalog content for customers. */
import type { Product } from "../../prisma/generated/client.ts";
import { messagesFor } from "../i18n.ts";
import type { Button, Reply, TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import { DELIVERY_INCLUDED, deliveryChargeFor, type DeliveryPolicy } from "../orders/delivery-charge.ts";
import { MAX_LINE_QUANTITY } from "../orders/order-rules.ts";
import { encodeCustomerPayload as pay } from "./payloads.ts";

export function productName(product: Pick<Product, "name" | "nameZh">, locale: TLocale): string {
  return locale === "zh" && product.nameZh ? product.nameZh : product.name;
}

/** What the shop wrote about a product, in the customer's language when it wrote one ("" when nothing). */
export function productDescription(product: Pick<Product, "description" | "descriptionZh">, locale: TLocale): string {
  return (locale === "zh" && product.descriptionZh ? product.descriptionZh : product.description) || "";
}

/** "Tell me when it's back" for an out-of-stock product (the customer is told in the chat after a restock). */
export function stockAlertButton(product: Pick<Product, "id">, locale: TLocale): Button {
  return { label: messagesFor(locale).notifyWhenBackButton(), payload: pay({ action: "stockAlert", productId: product.id }) };
}

export function productCard(product: Product, locale: TLocale): Reply {
  const m = messagesFor(locale);
  const description = productDescription(product, locale);
  const stockLine = product.stock > 0 ? m.inStock(product.stock) : m.outOfStock();
  const buttons: Button[][] = [];
  if (product.stock > 0) buttons.push([{ label: m.orderButton(), payload: pay({ action: "order", productId: product.id }) }]);
  else buttons.push([stockAlertButton(product, locale)]);
  buttons.push([{ label: m.browseButton(), payload: pay({ action: "category", page: 0, category: product.category }) }]);
  return {
    text: m.productCard(productName(product, locale), formatMoney(product.priceMinor, product.currency), stockLine, description),
    buttons,
    ...(product.imageUrl ? { imageUrl: product.imageUrl } : {}),
  };
}

/**
 * Products side by side ("what's the difference between …?"): each one's price, stock and the
 * shop's own description, then one Order button per product in stock.
 */
export function comparisonReply(products: readonly Product[], locale: TLocale): Reply {
  const m = messagesFor(locale);
  const blocks = products.map((p) => {
    const description = productDescription(p, locale);
    const stock = p.stock > 0 ? m.inStock(p.stock) : m.outOfStock();
    return [`• ${productName(p, locale)} — ${formatMoney(p.priceMinor, p.currency)}${locale === "zh" ? `（${stock}）` : ` (${stock})`}`, ...(description ? [`  ${description}`] : [])].join("\n");
  });
  const inStock = products.filter((p) => p.stock > 0);
  return {
    text: [m.comparing(), ...blocks, ...(inStock.length > 0 ? [m.whichWouldYouLike()] : [])].join("\n"),
    buttons: inStock.map((p) => [{ label: productName(p, locale), payload: pay({ action: "order", productId: p.id }) }]),
  };
}

/**
 * "Which one lasts the longest?" under a list: each product's own words on that (its sentence, or
 * that its description does not say), one tap to open each. `evidence` per product, in order.
 */
export function aspectComparisonReply(heading: string, products: readonly { product: Product; evidence: readonly string[] }[], locale: TLocale): Reply {
  const m = messagesFor(locale);
  const blocks = products.map(({ product, evidence }) => `• ${productName(product, locale)} — ${formatMoney(product.priceMinor, product.currency)}${locale === "zh" ? "：" : ": "}${evidence.length > 0 ? evidence.join(" ") : m.notStated()}`);
  return {
    text: [heading, ...blocks].join("\n"),
    buttons: products.map(({ product }) => [{ label: productName(product, locale), payload: pay({ action: "product", productId: product.id }) }]),
  };
}

/** A line of an order being put together, with what the customer sees of its product. */
export interface PendingItem {
  product: Pick<Product, "name" | "nameZh" | "priceMinor" | "currency">;
  quantity: number;
}

/** "2 × Blue Speckled Mug @ £16.00": one item of an order, as the customer reads it. */
export function orderLineText({ product, quantity }: PendingItem, locale: TLocale): string {
  return `${quantity} × ${productName(product, locale)} @ ${formatMoney(product.priceMinor, product.currency)}`;
}

/**
 * An order waiting for the customer's yes: one "2 × Blue Speckled Mug @ £16.00" line per item, the
 * promo code's line ("Code SPRING10: −£1.00", or why it does not apply), the delivery charge and the total, with Confirm (bound to the cart's `nonce`), Cancel and, while the order has room,
 * "Add something else". `intro` words it for the moment: the checkout question, or a later reminder.
 */
export function pendingOrderReply(
  items: readonly PendingItem[],
  nonce: string,
  locale: TLocale,
  intro: (lines: string, total: string) => string,
  options: { canAddMore?: boolean; delivery?: DeliveryPolicy; promo?: { line: string; discountMinor: number } } = {},
): Reply {
  const m = messagesFor(locale);
  const lines = items.map((item) => orderLineText(item, locale));
  const subtotal = items.reduce((sum, { product, quantity }) => sum + product.priceMinor * quantity, 0);
  const currency = items[0]?.product.currency ?? "GBP";
  const delivery = options.delivery ?? DELIVERY_INCLUDED;
  const charge = deliveryChargeFor(subtotal, delivery);
  // The promo code on its own line: what it takes off, or why it does not apply.
  const discount = options.promo?.discountMinor ?? 0;
  if (options.promo) lines.push(options.promo.line);
  // Delivery in the prices: nothing to say. Otherwise the charge, or that it is free, always shown.
  if (delivery.feeMinor > 0) {
    const freeFrom = delivery.freeFromMinor !== null ? formatMoney(delivery.freeFromMinor, currency) : null;
    const toGo = delivery.freeFromMinor !== null ? formatMoney(delivery.freeFromMinor - subtotal, currency) : undefined;
    lines.push(charge > 0 ? m.deliveryCharge(formatMoney(charge, currency), freeFrom, toGo) : m.deliveryFree());
  }
  const total = subtotal - discount + charge;
  const buttons: Button[][] = [[{ label: m.confirmButton(), payload: pay({ action: "confirm", nonce }) }, { label: m.cancelButton(), payload: pay({ action: "abandon" }) }]];
  if (options.canAddMore ?? true) buttons.push([{ label: m.addMoreButton(), payload: pay({ action: "addMore", nonce }) }]);
  return { text: intro(lines.join("\n"), formatMoney(total, currency)), buttons };
}

/** A list of products as one message with a button per product. */
export function productList(title: string, products: Product[], locale: TLocale, extraRows: Button[][] = []): Reply {
  const lines = products.map((p) => `• ${productName(p, locale)} — ${formatMoney(p.priceMinor, p.currency)}`);
  return {
    text: [title, ...lines].join("\n"),
    buttons: [...products.map((p) => [{ label: productName(p, locale), payload: pay({ action: "product", productId: p.id }) }]), ...extraRows],
  };
}

/**
 * A list to order from: the same lines as {@link productList}, but each button orders its product
 * (with the quantity already asked for, when there is one) instead of opening the product card, so
 * "I'll take 2" → "which one?" → one tap is the whole answer.
 */
export function orderChoiceList(title: string, products: Product[], locale: TLocale, quantity?: number): Reply {
  const list = productList(title, products, locale);
  return {
    ...list,
    buttons: products.map((p) => [{
      label: productName(p, locale),
      payload: quantity !== undefined && quantity >= 1 && quantity <= MAX_LINE_QUANTITY ? pay({ action: "quantity", productId: p.id, quantity }) : pay({ action: "order", productId: p.id }),
    }]),
  };
}

export function mainMenu(locale: TLocale): Button[][] {
  const m = messagesFor(locale);
  return [
    [{ label: m.browseButton(), payload: pay({ action: "browse" }) }, { label: m.recommendButton(), payload: pay({ action: "recommend" }) }],
    [{ label: m.myOrdersButton(), payload: pay({ action: "orders" }) }, { label: m.humanButton(), payload: pay({ action: "human" }) }],
  ];
}

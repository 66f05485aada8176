import type { Db } from "../db.ts";
import { messagesFor, customerLocale } from "../i18n.ts";
import { formatMoney } from "../money.ts";
import type { CustomerMessenger, Logger } from "../ports.ts";
import { encodeCustomerPayload as pay } from "../conversation/payloads.ts";
import { productName } from "../conversation/product-replies.ts";
import { findLatestConversation, sendToCustomer } from "../conversation/send-to-customer.ts";

/**
 * After a restock: tells every customer waiting for the product ({@link requestStockAlert}) in their
 * latest chat, in their language, with an Order button, and marks each alert told. Each alert is
 * claimed (notifiedAt set where it is still null) before its message goes, so two restocks at once,
 * or two processes, never tell a customer twice. Nothing happens while the product is inactive or
 * out of stock. Returns how many customers were told.
 */
export async function sendStockAlerts(deps: { db: Db; messenger: CustomerMessenger; logger: Logger }, input: { productId: number; at: Date }): Promise<number> {
  const product = await deps.db.product.findUnique({ where: { id: input.productId } });
  if (!product || !product.active || product.stock <= 0) return 0;
  const waiting = await deps.db.stockAlert.findMany({ where: { productId: product.id, notifiedAt: null }, orderBy: { id: "asc" } });
  let told = 0;
  for (const alert of waiting) {
    const claimed = await deps.db.stockAlert.updateMany({ where: { id: alert.id, notifiedAt: null }, data: { notifiedAt: input.at } });
    if (claimed.count === 0) continue;
    const conversation = await findLatestConversation(deps.db, alert.customerId);
    if (!conversation) continue;
    const locale = customerLocale(conversation.customer);
    const m = messagesFor(locale);
    await sendToCustomer(deps, {
      conversationId: conversation.id,
      direction: "outbound",
      at: input.at,
      replies: [{
        text: m.backInStock(productName(product, locale), formatMoney(product.priceMinor, product.currency), product.stock),
        buttons: [[{ label: m.orderButton(), payload: pay({ action: "order", productId: product.id }) }]],
      }],
    });
    told++;
  }
  return told;
}

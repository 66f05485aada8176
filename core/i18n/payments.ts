/**
 * What online payment says to the customer (the invoice Telegram shows, and the answers around the
 * money), in English and Simplified Chinese. `zh` is typed by `en`: a missing text is a compile error.
 */
import type { TLocale } from "../messages.ts";

const en = {
  /** The invoice's title (Telegram allows 1–32 characters). */
  invoiceTitle: (orderId: number) => `Order #${orderId}`,
  /** The invoice's line for the delivery charge. */
  deliveryLine: () => "Delivery",
  /** The invoice's line for a promo code's discount (a negative amount). */
  promoLine: (code: string) => `Code ${code}`,
  notPayable: () => "This order can no longer be paid here (it was cancelled, paid already, or changed). Please check “My orders”.",
  paid: (orderId: number) => `Payment received for order #${orderId}. Thank you! The owner will prepare it for shipping.`,
  /** The money arrived but does not match an order awaiting payment: the owner checks it by hand. */
  receivedPending: () => "We have received your payment; the owner will confirm your order shortly.",
};

/** Every payment text, by key. */
export type PaymentMessages = typeof en;

const zh: PaymentMessages = {
  invoiceTitle: (orderId) => `订单 #${orderId}`,
  deliveryLine: () => "运费",
  promoLine: (code) => `优惠码 ${code}`,
  notPayable: () => "此订单已无法在这里付款（已取消、已付款或已变更）。请查看“我的订单”。",
  paid: (orderId) => `已收到订单 #${orderId} 的付款，谢谢！店主会尽快安排发货。`,
  receivedPending: () => "我们已收到您的付款，店主会尽快确认您的订单。",
};

const catalogs: Record<TLocale, PaymentMessages> = { en, zh };

/** The payment texts of a locale. */
export function paymentMessagesFor(locale: TLocale): PaymentMessages {
  return catalogs[locale];
}

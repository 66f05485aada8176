/**
 * The customer's texts, as the conversation reads them. The catalogs themselves live in
 * `core/i18n/` (one typed catalog per audience: customer, payments, …); this file keeps the names
 * the conversation has always imported, so moving a text never touches its callers.
 */
import { customerMessages, type CustomerMessages } from "./i18n/customer.ts";
import type { TLocale } from "./messages.ts";

export type { CustomerMessages } from "./i18n/customer.ts";

/** The message table for a locale. */
export function messagesFor(locale: TLocale): CustomerMessages {
  return customerMessages[locale];
}

/** The language a stored customer is written to in ("zh" or, for anything else, "en"). */
export function customerLocale(customer: { locale: string }): TLocale {
  return customer.locale === "zh" ? "zh" : "en";
}

/** An order's date as customers read it ("20 Nov 2026", "2026年11月20日"). */
export function formatOrderDate(locale: TLocale, date: Date): string {
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** Short names of intents, used on "did you mean" buttons. */
export function intentLabel(locale: TLocale, intent: string): string {
  return customerMessages[locale].intentLabel(intent);
}

/**
 * The audit trail: one row per change the owner makes (and per customer's data exported or erased),
 * written by the change's own transaction, so a change and its record commit or roll back together.
 * `before` and `after` hold what changed, never more; entries about a customer (their record,
 * orders, conversations) lose them when the customer is erased.
 */
import { Prisma } from "../../prisma/generated/client.ts";
import type { Db, Tx } from "../db.ts";

/** What an entry records of a value: JSON, or null when there was none (a product before it was added). */
export type TAuditValue = Prisma.InputJsonValue | null;

export interface AuditEntryInput {
  at: Date;
  /** Who: "console" (the web console or `npm run chat`), "slack:<user id>", "system". */
  actor: string;
  /** The command's verb (`order`, `productUpdate`, `customerErase`…). */
  action: string;
  /** What changed, as {@link customerSubject} and its siblings write it. */
  subject: string;
  before?: TAuditValue;
  after?: TAuditValue;
}

export async function recordAuditEntry(db: Db | Tx, entry: AuditEntryInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      at: entry.at,
      actor: entry.actor.slice(0, 200),
      action: entry.action,
      subject: entry.subject,
      before: entry.before ?? Prisma.DbNull,
      after: entry.after ?? Prisma.DbNull,
    },
  });
}

/** An entry's subject: a customer, one of their orders or conversations, a product (by SKU), an FAQ answer. */
export const customerSubject = (id: number) => `customer:${id}`;
export const orderSubject = (id: number) => `order:${id}`;
export const conversationSubject = (id: number) => `conversation:${id}`;
export const productSubject = (sku: string) => `product:${sku}`;
export const faqSubject = (id: number) => `faq:${id}`;
export const audienceSubject = (name: string) => `audience:${name}`;
export const campaignSubject = (id: number) => `campaign:${id}`;
export const promoSubject = (code: string) => `promo:${code}`;

/** A product as its audit entries show it: what the owner sets (price, stock, names, texts, whether it is for sale, the supplier's lead time and minimum order). */
export function productAuditValue(p: { sku: string; name: string; nameZh: string | null; description: string; descriptionZh: string | null; category: string; categoryZh: string | null; tags: string[]; priceMinor: number; currency: string; stock: number; lowStockThreshold: number; consumable: boolean; imageUrl: string | null; active: boolean; leadDays: number | null; minOrder: number | null }): Record<string, Prisma.InputJsonValue | null> {
  return {
    sku: p.sku, name: p.name, nameZh: p.nameZh, description: p.description, descriptionZh: p.descriptionZh, category: p.category, categoryZh: p.categoryZh, tags: p.tags,
    priceMinor: p.priceMinor, currency: p.currency, stock: p.stock, lowStockThreshold: p.lowStockThreshold, consumable: p.consumable, imageUrl: p.imageUrl, active: p.active,
    leadDays: p.leadDays, minOrder: p.minOrder,
  };
}

/** Every subject about a customer: their record, their orders and their conversations. */
export async function subjectsAboutCustomer(db: Db | Tx, customerId: number): Promise<string[]> {
  const [orders, conversations] = await Promise.all([
    db.order.findMany({ where: { customerId }, select: { id: true } }),
    db.conversation.findMany({ where: { customerId }, select: { id: true } }),
  ]);
  return [customerSubject(customerId), ...orders.map((o) => orderSubject(o.id)), ...conversations.map((c) => conversationSubject(c.id))];
}

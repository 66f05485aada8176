/**
 * Erases a customer's personal data (the right to erasure), irreversibly and in one transaction:
 * every column {@link PERSONAL_DATA} marks personal is nulled, emptied, reset or deleted with its
 * row. What the accounts and the analytics need stays under the same customer id, now anonymous:
 * orders with their totals, dates, lines and statuses, the lead's stage history, the events'
 * types, products and numbers. So the sales, the funnel and the segments add up as before.
 *
 * The channel identity goes, so a later message from the same chat starts a new customer. Copies
 * outside this database are not reached: backups (until they are rotated out), Slack threads the
 * customer's messages were posted to, the customer's own chat app.
 */
import { Prisma } from "../../prisma/generated/client.ts";
import { subjectsAboutCustomer } from "../audit/record-audit-entry.ts";
import type { Db, Tx } from "../db.ts";
import { AppError } from "../errors.ts";

/** How much of a customer an erasure touches (what the owner is told before and after). */
export interface ErasureCounts {
  identities: number;
  conversations: number;
  messages: number;
  orders: number;
  /** Orders not yet sent (placed or paid): they lose their delivery address. */
  openOrders: number;
  events: number;
  stockAlerts: number;
}

export type TErasureResult =
  | { erased: true; customerId: number; at: Date; counts: ErasureCounts }
  | { erased: false; customerId: number; erasedAt: Date };

async function findCustomer(db: Tx, customerId: number) {
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: { id: true, erasedAt: true, conversations: { select: { id: true } }, orders: { select: { id: true, status: true } } },
  });
  if (!customer) throw new AppError("NOT_FOUND", { message: `No customer #${customerId}.` });
  return customer;
}

async function countErasure(db: Tx, customer: Awaited<ReturnType<typeof findCustomer>>): Promise<ErasureCounts> {
  const conversationIds = customer.conversations.map((c) => c.id);
  const [identities, messages, events, stockAlerts] = await Promise.all([
    db.channelIdentity.count({ where: { customerId: customer.id } }),
    db.message.count({ where: { conversationId: { in: conversationIds } } }),
    db.event.count({ where: { customerId: customer.id } }),
    db.stockAlert.count({ where: { customerId: customer.id } }),
  ]);
  return {
    identities,
    conversations: conversationIds.length,
    messages,
    orders: customer.orders.length,
    openOrders: customer.orders.filter((o) => o.status === "placed" || o.status === "paid").length,
    events,
    stockAlerts,
  };
}

/** What an erasure of this customer would touch, without changing anything; `erasedAt` when it was done already. */
export async function describeCustomerErasure(db: Db, input: { customerId: number }): Promise<{ erasedAt: Date | null; counts: ErasureCounts }> {
  const customer = await findCustomer(db, input.customerId);
  return { erasedAt: customer.erasedAt, counts: await countErasure(db, customer) };
}

/**
 * A JSON value with its texts taken out, deeply: numbers, yes/no values and nulls stay (what the
 * analytics count), any string goes, and so does an object or list left empty. Undefined when
 * nothing is left.
 */
export function withoutTexts(value: Prisma.JsonValue): Prisma.JsonValue | undefined {
  if (typeof value === "string") return undefined;
  if (Array.isArray(value)) {
    const kept = value.map(withoutTexts).filter((v): v is Prisma.JsonValue => v !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (value !== null && typeof value === "object") {
    const kept = Object.entries(value).flatMap(([key, v]) => {
      const k = v === undefined ? undefined : withoutTexts(v);
      return k === undefined ? [] : [[key, k] as const];
    });
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  }
  return value;
}

/**
 * Erases the customer's personal data (see the file's comment); once only: a customer already
 * erased is left as is and the answer says when it was done. NOT_FOUND when there is no such customer.
 */
export async function eraseCustomerData(db: Db, input: { customerId: number; at: Date }): Promise<TErasureResult> {
  return db.$transaction(async (tx) => {
    // Locked, so two erasures at once (the owner in Slack and in the console) erase once.
    const locked = await tx.$queryRaw<{ erasedAt: Date | null }[]>`SELECT "erasedAt" FROM "Customer" WHERE id = ${input.customerId} FOR UPDATE`;
    const customer = await findCustomer(tx, input.customerId);
    const erasedAt = locked[0]?.erasedAt ?? null;
    if (erasedAt) return { erased: false, customerId: customer.id, erasedAt };
    const counts = await countErasure(tx, customer);
    const conversationIds = customer.conversations.map((c) => c.id);

    await tx.customer.update({
      where: { id: customer.id },
      data: { name: null, email: null, phone: null, address: null, marketingConsent: false, consentAt: null, externalRef: null, erasedAt: input.at },
    });
    await tx.channelIdentity.deleteMany({ where: { customerId: customer.id } });
    await tx.stockAlert.deleteMany({ where: { customerId: customer.id } });
    await tx.campaignDelivery.updateMany({ where: { customerId: customer.id }, data: { externalId: "" } });
    await tx.conversation.updateMany({
      where: { customerId: customer.id },
      data: { state: {}, handoffReason: null, handoffThreadRef: null, mode: "bot", handoffAcknowledged: false },
    });
    await tx.intentExample.deleteMany({ where: { OR: [{ customerId: customer.id }, { message: { conversationId: { in: conversationIds } } }] } });
    await tx.message.updateMany({ where: { conversationId: { in: conversationIds } }, data: { text: "", payload: null, attachment: Prisma.DbNull } });
    await tx.customerNote.deleteMany({ where: { customerId: customer.id } });
    await tx.order.updateMany({ where: { customerId: customer.id }, data: { shippingAddress: null, paymentRef: null, refundRef: null, trackingRef: null } });

    // Events keep their numbers (order ids, quantities, result counts); texts (a handoff's reason) go.
    const events = await tx.event.findMany({ where: { customerId: customer.id }, select: { id: true, data: true } });
    for (const event of events) {
      if (event.data === null) continue;
      const kept = withoutTexts(event.data);
      if (JSON.stringify(kept) === JSON.stringify(event.data)) continue;
      await tx.event.update({ where: { id: event.id }, data: { data: kept === undefined || kept === null ? Prisma.DbNull : (kept as Prisma.InputJsonValue) } });
    }

    // What the audit trail kept of them (a tracking number, an order's address before a change).
    const subjects = await subjectsAboutCustomer(tx, customer.id);
    await tx.auditEntry.updateMany({ where: { subject: { in: subjects } }, data: { before: Prisma.DbNull, after: Prisma.DbNull } });
    return { erased: true, customerId: customer.id, at: input.at, counts };
  });
}

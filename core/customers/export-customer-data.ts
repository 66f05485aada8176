/**
 * Everything the shop holds about one customer, as one machine-readable document: the answer to a
 * customer's request for their data (the right of access, and of portability). The document's shape
 * is {@link ZCustomerExport}, versioned by `schemaVersion` and described field by field in the
 * README ("Data export format"); a field is only ever added within a version.
 *
 * Money is in integer minor units with its currency, as the shop keeps it; times are ISO 8601 UTC.
 * Read in one transaction, so the parts agree with each other.
 */
import { z } from "zod";
import type { Db, Prisma } from "../db.ts";
import { AppError } from "../errors.ts";

/** The version of the document's shape: raised when a field changes meaning or goes, never when one is added. */
export const CUSTOMER_EXPORT_SCHEMA_VERSION = 1;

const ZIso = z.iso.datetime();
const ZJson: z.ZodType<Prisma.JsonValue> = z.json();

export const ZCustomerExport = z.object({
  schemaVersion: z.literal(CUSTOMER_EXPORT_SCHEMA_VERSION),
  exportedAt: ZIso,
  customer: z.object({
    id: z.number().int(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    locale: z.string(),
    externalRef: z.string().nullable(),
    createdAt: ZIso,
    updatedAt: ZIso,
    erasedAt: ZIso.nullable(),
  }),
  consent: z.object({
    marketing: z.boolean(),
    givenAt: ZIso.nullable(),
    /** Each statement of consent, oldest first: given or withdrawn, when, how (button, words, owner, import), and who recorded it besides the customer. */
    history: z.array(z.object({ marketing: z.boolean(), at: ZIso, source: z.string(), recordedBy: z.string().nullable() })),
  }),
  channelIdentities: z.array(z.object({ channel: z.string(), externalId: z.string(), username: z.string().nullable(), displayName: z.string().nullable(), createdAt: ZIso })),
  conversations: z.array(z.object({
    id: z.number().int(),
    channel: z.string(),
    mode: z.string(),
    handoffRequestedAt: ZIso.nullable(),
    handoffReason: z.string().nullable(),
    lastInboundAt: ZIso.nullable(),
    lastOwnerReplyAt: ZIso.nullable(),
    createdAt: ZIso,
    messages: z.array(z.object({
      id: z.number().int(),
      at: ZIso,
      direction: z.string(),
      text: z.string(),
      intent: z.string().nullable(),
      confidence: z.number().nullable(),
      attachment: ZJson.nullable(),
    })),
  })),
  orders: z.array(z.object({
    id: z.number().int(),
    status: z.string(),
    channel: z.string(),
    currency: z.string(),
    totalMinor: z.number().int(),
    deliveryMinor: z.number().int(),
    /** The promo code redeemed on the order (null: none) and what it took off, inside `totalMinor`. */
    promoCode: z.string().nullable(),
    discountMinor: z.number().int(),
    placedAt: ZIso.nullable(),
    createdAt: ZIso,
    updatedAt: ZIso,
    shippingAddress: z.string().nullable(),
    paymentRef: z.string().nullable(),
    trackingRef: z.string().nullable(),
    refundedAt: ZIso.nullable(),
    refundRef: z.string().nullable(),
    externalRef: z.string().nullable(),
    lines: z.array(z.object({ productId: z.number().int(), sku: z.string(), name: z.string(), quantity: z.number().int(), unitPriceMinor: z.number().int() })),
    statusHistory: z.array(z.object({ from: z.string().nullable(), to: z.string(), actor: z.string(), at: ZIso })),
  })),
  lead: z.object({
    stage: z.string(),
    source: z.string(),
    score: z.number().nullable(),
    scoreReasons: ZJson.nullable(),
    lastActivityAt: ZIso,
    createdAt: ZIso,
    stageChanges: z.array(z.object({ from: z.string().nullable(), to: z.string(), source: z.string(), at: ZIso })),
  }).nullable(),
  events: z.array(z.object({ type: z.string(), at: ZIso, productId: z.number().int().nullable(), sku: z.string().nullable(), data: ZJson.nullable() })),
  stockAlerts: z.array(z.object({ productId: z.number().int(), sku: z.string(), name: z.string(), createdAt: ZIso, notifiedAt: ZIso.nullable() })),
  followUps: z.array(z.object({ kind: z.string(), subject: z.string(), conversationId: z.number().int(), delivered: z.boolean(), sentAt: ZIso })),
  /** What they asked about their data in the chat (access, erasure) and how the owner answered. */
  dataRequests: z.array(z.object({ kind: z.string(), requestedAt: ZIso, answeredAt: ZIso.nullable(), answer: z.string().nullable() })),
  /** The shop's campaigns that were to reach them: which, on what channel, and what became of it. */
  campaignMessages: z.array(z.object({ campaignId: z.number(), campaign: z.string(), channel: z.string(), status: z.string(), reason: z.string().nullable(), sentAt: ZIso.nullable() })),
});
export type TCustomerExport = z.infer<typeof ZCustomerExport>;

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** The customer's export; NOT_FOUND when there is no such customer. */
export async function exportCustomerData(db: Db, input: { customerId: number; at: Date }): Promise<TCustomerExport> {
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: input.customerId },
      include: {
        identities: { orderBy: { id: "asc" } },
        conversations: { orderBy: { id: "asc" }, include: { messages: { orderBy: { id: "asc" } } } },
        orders: { orderBy: { id: "asc" }, include: { lines: { orderBy: { id: "asc" }, include: { product: true } }, statusHistory: { orderBy: { id: "asc" } }, promo: { select: { code: true } } } },
        lead: { include: { history: { orderBy: { id: "asc" } } } },
        events: { orderBy: { id: "asc" }, include: { product: { select: { sku: true } } } },
        stockAlerts: { orderBy: { id: "asc" }, include: { product: true } },
        dataRequests: { orderBy: { id: "asc" } },
        campaignDeliveries: { orderBy: { id: "asc" }, include: { campaign: { select: { name: true } } } },
        consentChanges: { orderBy: [{ at: "asc" }, { id: "asc" }] },
        touches: { orderBy: { id: "asc" } },
      },
    });
    if (!customer) throw new AppError("NOT_FOUND", { message: `No customer #${input.customerId}.` });
    const followUps = await tx.followUp.findMany({ where: { conversationId: { in: customer.conversations.map((c) => c.id) } }, orderBy: { id: "asc" } });
    return {
      schemaVersion: CUSTOMER_EXPORT_SCHEMA_VERSION,
      exportedAt: iso(input.at),
      customer: {
        id: customer.id,
        name: customer.name,
        email: customer.email,
        phone: customer.phone,
        address: customer.address,
        locale: customer.locale,
        externalRef: customer.externalRef,
        createdAt: iso(customer.createdAt),
        updatedAt: iso(customer.updatedAt),
        erasedAt: isoOrNull(customer.erasedAt),
      },
      consent: { marketing: customer.marketingConsent, givenAt: isoOrNull(customer.consentAt), history: customer.consentChanges.map((c) => ({ marketing: c.given, at: iso(c.at), source: c.source, recordedBy: c.actor })) },
      channelIdentities: customer.identities.map((i) => ({ channel: i.channel, externalId: i.externalId, username: i.username, displayName: i.displayName, createdAt: iso(i.createdAt) })),
      conversations: customer.conversations.map((c) => ({
        id: c.id,
        channel: c.channel,
        mode: c.mode,
        handoffRequestedAt: isoOrNull(c.handoffRequestedAt),
        handoffReason: c.handoffReason,
        lastInboundAt: isoOrNull(c.lastInboundAt),
        lastOwnerReplyAt: isoOrNull(c.lastOwnerReplyAt),
        createdAt: iso(c.createdAt),
        messages: c.messages.map((m) => ({ id: m.id, at: iso(m.createdAt), direction: m.direction, text: m.text, intent: m.intent, confidence: m.confidence, attachment: m.attachment })),
      })),
      orders: customer.orders.map((o) => ({
        id: o.id,
        status: o.status,
        channel: o.channel,
        currency: o.currency,
        totalMinor: o.totalMinor,
        deliveryMinor: o.deliveryMinor,
        promoCode: o.promo?.code ?? null,
        discountMinor: o.discountMinor,
        placedAt: isoOrNull(o.placedAt),
        createdAt: iso(o.createdAt),
        updatedAt: iso(o.updatedAt),
        shippingAddress: o.shippingAddress,
        paymentRef: o.paymentRef,
        trackingRef: o.trackingRef,
        refundedAt: isoOrNull(o.refundedAt),
        refundRef: o.refundRef,
        externalRef: o.externalRef,
        lines: o.lines.map((l) => ({ productId: l.productId, sku: l.product.sku, name: l.product.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
        statusHistory: o.statusHistory.map((h) => ({ from: h.fromStatus, to: h.toStatus, actor: h.actor, at: iso(h.at) })),
      })),
      lead: customer.lead
        ? {
          stage: customer.lead.stage,
          source: customer.lead.source,
          score: customer.lead.score,
          scoreReasons: customer.lead.scoreReasons,
          lastActivityAt: iso(customer.lead.lastActivityAt),
          createdAt: iso(customer.lead.createdAt),
          stageChanges: customer.lead.history.map((h) => ({ from: h.fromStage, to: h.toStage, source: h.source, at: iso(h.at) })),
        }
        : null,
      events: customer.events.map((e) => ({ type: e.type, at: iso(e.at), productId: e.productId, sku: e.product?.sku ?? null, data: e.data })),
      stockAlerts: customer.stockAlerts.map((a) => ({ productId: a.productId, sku: a.product.sku, name: a.product.name, createdAt: iso(a.createdAt), notifiedAt: isoOrNull(a.notifiedAt) })),
      followUps: followUps.map((f) => ({ kind: f.kind, subject: f.subject, conversationId: f.conversationId, delivered: f.delivered, sentAt: iso(f.sentAt) })),
      dataRequests: customer.dataRequests.map((r) => ({ kind: r.kind, requestedAt: iso(r.requestedAt), answeredAt: isoOrNull(r.answeredAt), answer: r.answer })),
      campaignMessages: customer.campaignDeliveries.map((d) => ({ campaignId: d.campaignId, campaign: d.campaign.name, channel: d.channel, status: d.status, reason: d.reason, sentAt: isoOrNull(d.sentAt) })),
      touches: customer.touches.map((t) => ({ kind: t.kind, campaignId: t.campaignId, code: t.code, at: iso(t.at) })),
    };
  });
}

/**
 * One customer's page: who they are, what the analytics say about them (as `customer <id>` does),
 * their orders, and one timeline of everything that happened between them and the shop (messages,
 * orders and their status changes, lead stages, campaigns, consent, the owner's notes), newest first.
 */
import { measureCustomers } from "../digest/measure-customers.ts";
import { dashboardMessagesFor } from "../i18n/dashboard.ts";
import { describeLeadReason, digestMessagesFor } from "../i18n/digest.ts";
import { formatMoney } from "../money.ts";
import { addressOnOneLine } from "../orders/set-shipping-address.ts";
import type { DashboardDeps, Money } from "./build-dashboard-overview.ts";

export interface TimelineEntry {
  at: string;
  kind: "inbound" | "outbound" | "owner" | "note" | "order" | "status" | "stage" | "campaign" | "consent";
  text: string;
  orderId?: number;
}

export interface DashboardCustomer {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  locale: string;
  consent: boolean;
  stage: string | null;
  erasedAt: string | null;
  chance: { probability: number; text: string; reasons: string[] } | null;
  segment: { label: string; advice: string } | null;
  lifetime: { lifetime: Money; historical: Money; predicted: Money; orders: number } | null;
  /** The conversation the owner's message goes to (`reply <conversation> …`): their latest chat. */
  chatConversationId: number | null;
  channels: string[];
  orders: { id: number; status: string; total: Money; placedAt: string | null; items: string; trackingRef: string | null }[];
  timeline: TimelineEntry[];
}

const TIMELINE_LIMIT = 400;

export async function showDashboardCustomer(deps: DashboardDeps, customerId: number): Promise<DashboardCustomer | null> {
  const { db, locale, currency } = deps;
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    include: {
      lead: { include: { history: true } },
      identities: true,
      conversations: { include: { messages: { orderBy: { id: "desc" }, take: TIMELINE_LIMIT } } },
      orders: { where: { status: { not: "cart" } }, orderBy: { id: "desc" }, include: { lines: { include: { product: { select: { name: true, nameZh: true } } } }, statusHistory: true } },
      campaignDeliveries: { include: { campaign: { select: { name: true } } } },
      consentChanges: true,
      notes: true,
    },
  });
  if (!customer) return null;
  const t = digestMessagesFor(locale);
  const d = dashboardMessagesFor(locale);
  const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
  const money = (minor: number): Money => ({ minor: Math.round(minor), text: formatMoney(Math.round(minor), currency) });
  const measures = await measureCustomers(db, { asOf: deps.clock.now(), timeZone: deps.timeZone, customerIds: [customerId] });
  const score = measures.scores.get(customerId);
  const segment = measures.segments.get(customerId);
  const clv = measures.lifetime.get(customerId);
  const status = (s: string) => d.orders.statuses[s as keyof typeof d.orders.statuses] ?? s;
  const itemsOf = (o: (typeof customer.orders)[number]) => o.lines.map((l) => `${l.quantity}× ${(locale === "zh" ? l.product.nameZh : null) ?? l.product.name}`).join(", ");

  const timeline: TimelineEntry[] = [];
  for (const c of customer.conversations) {
    for (const m of c.messages) timeline.push({ at: m.createdAt.toISOString(), kind: m.direction, text: m.text });
  }
  for (const o of customer.orders) {
    timeline.push({ at: (o.placedAt ?? o.createdAt).toISOString(), kind: "order", orderId: o.id, text: fill(d.customer.orderPlaced, { id: o.id, status: status(o.status), total: formatMoney(o.totalMinor, o.currency), items: itemsOf(o) }) });
    for (const h of o.statusHistory) {
      if (h.fromStatus === null || h.fromStatus === "cart") continue;
      timeline.push({ at: h.at.toISOString(), kind: "status", orderId: o.id, text: fill(d.customer.statusChange, { id: o.id, from: status(h.fromStatus), to: status(h.toStatus) }) });
    }
  }
  for (const h of customer.lead?.history ?? []) timeline.push({ at: h.at.toISOString(), kind: "stage", text: fill(d.customer.stageChange, { from: h.fromStage ? t.stages[h.fromStage] : "—", to: t.stages[h.toStage] }) });
  for (const c of customer.campaignDeliveries) timeline.push({ at: (c.sentAt ?? c.createdAt).toISOString(), kind: "campaign", text: fill(d.customer.campaignReceived, { id: c.campaignId, name: c.campaign.name, status: c.status }) });
  for (const c of customer.consentChanges) timeline.push({ at: c.at.toISOString(), kind: "consent", text: fill(d.customer.consentChange, { given: c.given ? d.common.yes : d.common.no }) });
  for (const n of customer.notes) timeline.push({ at: n.createdAt.toISOString(), kind: "note", text: n.text });
  timeline.sort((a, b) => b.at.localeCompare(a.at));

  // Their latest conversation on a channel the shop can write to.
  const channels = new Set(customer.identities.map((i) => i.channel));
  const chat = customer.conversations.filter((c) => channels.has(c.channel)).sort((a, b) => (b.lastInboundAt?.getTime() ?? 0) - (a.lastInboundAt?.getTime() ?? 0))[0];

  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    address: customer.address ? addressOnOneLine(customer.address) : null,
    locale: customer.locale,
    consent: customer.marketingConsent,
    stage: customer.lead ? t.stages[customer.lead.stage] : null,
    erasedAt: customer.erasedAt?.toISOString() ?? null,
    chance: score ? { probability: score.probability, text: `${(score.probability * 100).toFixed(0)}%`, reasons: score.reasons.map((r) => describeLeadReason(t, r, (minor) => money(minor).text)) } : null,
    segment: segment ? { label: t.segmentNames[segment.key].label, advice: t.segmentNames[segment.key].advice } : null,
    lifetime: clv ? { lifetime: money(clv.lifetimeValueMinor), historical: money(clv.historicalValueMinor), predicted: money(clv.predictedValueMinor), orders: clv.orders } : null,
    chatConversationId: chat?.id ?? null,
    channels: [...channels],
    orders: customer.orders.map((o) => ({ id: o.id, status: o.status, total: { minor: o.totalMinor, text: formatMoney(o.totalMinor, o.currency) }, placedAt: (o.placedAt ?? o.createdAt).toISOString(), items: itemsOf(o), trackingRef: o.trackingRef })),
    timeline: timeline.slice(0, TIMELINE_LIMIT),
  };
}

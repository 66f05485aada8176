/**
 * The daily digest: yesterday against its forecast, the next seven days, the funnel with its
 * bottleneck, new and hot leads with reasons, what to reorder (from each product's demand forecast,
 * or its low-stock threshold while it has too little history), best sellers. Built from
 * live data by the analytics engines; rendering (text, Block Kit, chart) is separate.
 */
import { summarizeFollowUps, type FollowUpSummary } from "../follow-ups/summarize-follow-ups.ts";
import {
  computeFunnel,
  forecastSales,
  type FunnelReport,
  type LeadScore,
  type LeadScoreReason,
  type SalesForecast,
} from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { customerOrders, loadFunnelRecords, loadLeadEvents, loadSales, SOLD_STATUSES_SQL } from "./load-analytics-records.ts";
import { scoreActiveLeads } from "./score-active-leads.ts";
import { findEndedCampaigns, type EndedCampaign } from "../campaigns/measure-campaign.ts";
import { countWaitingForRestock } from "../inventory/count-waiting-for-restock.ts";
import { DEFAULT_INVENTORY_POLICY, type InventoryPolicy } from "../inventory/inventory-policy.ts";
import { planStock } from "../inventory/plan-stock.ts";
import { sortStockPlans, type StockPlanSections } from "../owner/show-stock-plan.ts";
import { addLocalDays, DAY_MS, localDate, startOfLocalDay, utcOffsetMinutes } from "./time-zone.ts";

export interface DigestLead {
  customerId: number;
  name: string | null;
  contact: string | null;
  probability: number;
  /** Why the score is what it is, as values the digest's catalog words (`describeLeadReason`). */
  reasons: LeadScoreReason[];
}

export interface Digest {
  asOf: Date;
  /** Local date the digest is for (the day it is posted). */
  date: string;
  currency: string;
  yesterday: {
    date: string;
    revenueMinor: number;
    orders: number;
    forecast: { expected: number; low: number; high: number } | null;
    /** "above"/"below" the 80 % interval, "within", or null without a forecast. */
    versusForecast: "above" | "below" | "within" | null;
  };
  forecast: SalesForecast;
  /** Recent actual daily revenue for the chart (last 28 days). */
  recentRevenue: { date: string; revenueMinor: number }[];
  funnel: FunnelReport;
  newLeads: DigestLead[];
  hotLeads: DigestLead[];
  leadModel: string;
  /** What to order now and soon (forecast), what is low (threshold), as `stock plan` sorts it. */
  stock: StockPlanSections;
  /** Customers waiting for each low product to be back ("tell me when it's back"): a reason to restock it first. */
  waitingForRestock: Map<number, number>;
  bestSellers: { sku: string; name: string; units: number; revenueMinor: number }[];
  /** The days the best sellers cover: the last 7, or the last 28 when nothing sold in the last 7. */
  bestSellersDays: 7 | 28;
  /** Follow-ups sent in the 7 days to yesterday, and what came of them. */
  followUps: FollowUpSummary;
  /** Campaigns whose attribution window ended yesterday, with what they caused. */
  campaigns: EndedCampaign[];
}

export interface BuildDigestOptions {
  asOf: Date;
  timeZone?: string;
  currency: string;
  /** How stock is planned; the defaults (7-day lead time, 95 %, 28 days) when absent. */
  inventory?: InventoryPolicy;
  /** Days the funnel covers (compared with the days before); default 7. */
  funnelDays?: number;
  /** ATTRIBUTION_DAYS: the window campaigns are measured over (7). */
  attributionDays?: number;
}

interface ProductSalesRow {
  productId: number;
  units: bigint | number;
  revenue: bigint | number;
}

/** Units and revenue per product of the orders placed (not cancelled) in [since, until). */
export async function productSales(db: Db, since: Date, until: Date) {
  const rows = await db.$queryRaw<ProductSalesRow[]>`
    SELECT ol."productId" AS "productId", sum(ol.quantity) AS units, sum(ol.quantity * ol."unitPriceMinor") AS revenue
    FROM "OrderLine" ol JOIN "Order" o ON o.id = ol."orderId"
    WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."placedAt" >= ${since} AND o."placedAt" < ${until}
    GROUP BY ol."productId"`;
  return rows.map((r) => ({ productId: r.productId, units: Number(r.units), revenueMinor: Number(r.revenue) }));
}

export async function buildDigest(db: Db, options: BuildDigestOptions): Promise<Digest> {
  const { asOf, timeZone } = options;
  const today = startOfLocalDay(asOf, timeZone);
  const yesterday = addLocalDays(today, -1, timeZone);
  const offset = utcOffsetMinutes(asOf, timeZone);
  const funnelDays = options.funnelDays ?? 7;

  const [sales, events, funnelRecords] = await Promise.all([
    loadSales(db, today),
    loadLeadEvents(db, new Date(today.getTime() - 120 * DAY_MS)),
    loadFunnelRecords(db, new Date(today.getTime() - (funnelDays * 2 + 35) * DAY_MS)),
  ]);
  const saleRecords = sales.map((s) => ({ at: s.at, totalMinor: s.totalMinor }));

  // The forecast made for yesterday (history up to the day before), and the next seven days.
  const forecast = forecastSales({ orders: saleRecords, asOf, horizonDays: 7, utcOffsetMinutes: offset });
  const sinceYesterday = sales.filter((s) => s.at >= yesterday);
  const yesterdayRevenue = sinceYesterday.reduce((sum, s) => sum + s.totalMinor, 0);
  const hadHistory = sales.some((s) => s.at < yesterday);
  const yesterdayForecast = hadHistory ? forecastSales({ orders: saleRecords.filter((s) => s.at < yesterday), asOf: yesterday, horizonDays: 1, utcOffsetMinutes: offset }).days[0]?.revenueMinor ?? null : null;
  const versusForecast = yesterdayForecast === null ? null : yesterdayRevenue > yesterdayForecast.high ? "above" : yesterdayRevenue < yesterdayForecast.low ? "below" : "within";

  const recentStart = addLocalDays(today, -28, timeZone);
  const recentByDay = new Map<string, number>();
  for (let i = -28; i < 0; i++) recentByDay.set(localDate(addLocalDays(today, i, timeZone), timeZone), 0);
  for (const s of sales) {
    if (s.at < recentStart) continue;
    const key = localDate(s.at, timeZone);
    if (recentByDay.has(key)) recentByDay.set(key, recentByDay.get(key)! + s.totalMinor);
  }

  const funnel = computeFunnel({ records: funnelRecords, period: { start: addLocalDays(today, -funnelDays, timeZone), end: today } });

  // Lead scores from the shop's own history (see train-shop-lead-scorer.ts).
  const { model, scored } = scoreActiveLeads({ orders: customerOrders(sales), events, today });
  const hot = scored.slice(0, 5);

  const newLeadRows = await db.leadStageChange.findMany({
    where: { toStage: "lead", at: { gte: yesterday, lt: today } },
    select: { lead: { select: { customerId: true } } },
    take: 20,
  });
  const people = await db.customer.findMany({
    where: { id: { in: [...hot.map((h) => h.customerId), ...newLeadRows.map((r) => r.lead.customerId)] } },
    select: { id: true, name: true, email: true, phone: true },
  });
  const person = (id: number) => people.find((p) => p.id === id);
  const asLead = (customerId: number, score?: LeadScore): DigestLead => ({
    customerId,
    name: person(customerId)?.name ?? null,
    contact: [person(customerId)?.email, person(customerId)?.phone].filter(Boolean).join(", ") || null,
    probability: score?.probability ?? scored.find((s) => s.customerId === customerId)?.score.probability ?? 0,
    reasons: (score?.reasons ?? scored.find((s) => s.customerId === customerId)?.score.reasons ?? []),
  });

  // Stock: each active product's plan from its demand forecast (see core/inventory/plan-stock.ts).
  const [last28, last7] = await Promise.all([productSales(db, recentStart, today), productSales(db, addLocalDays(today, -7, timeZone), today)]);
  const stock = sortStockPlans(await planStock(db, { asOf, policy: options.inventory ?? DEFAULT_INVENTORY_POLICY, ...(timeZone ? { timeZone } : {}) }));
  const waitingForRestock = await countWaitingForRestock(db, stock.lowStock.map((p) => p.product.id));
  const topSellers = (last7.length ? last7 : last28).sort((a, b) => b.units - a.units || b.revenueMinor - a.revenueMinor).slice(0, 5);
  const sellerProducts = await db.product.findMany({ where: { id: { in: topSellers.map((s) => s.productId) } }, select: { id: true, sku: true, name: true } });

  return {
    asOf,
    date: localDate(asOf, timeZone),
    currency: options.currency,
    yesterday: { date: localDate(yesterday, timeZone), revenueMinor: yesterdayRevenue, orders: sinceYesterday.length, forecast: yesterdayForecast, versusForecast },
    forecast,
    recentRevenue: [...recentByDay].map(([date, revenueMinor]) => ({ date, revenueMinor })),
    funnel,
    newLeads: newLeadRows.map((r) => asLead(r.lead.customerId)),
    hotLeads: hot.map((h) => asLead(h.customerId, h.score)),
    leadModel: model.kind,
    stock,
    waitingForRestock,
    bestSellersDays: last7.length ? 7 : 28,
    followUps: await summarizeFollowUps(db, { start: addLocalDays(today, -7, timeZone), end: today }),
    campaigns: await findEndedCampaigns(
      { db, clock: { now: () => asOf }, currency: options.currency, attributionDays: options.attributionDays ?? 7, ...(timeZone ? { timeZone } : {}) },
      { from: addLocalDays(today, -1, timeZone), to: today },
    ),
    bestSellers: topSellers.map((s) => {
      const p = sellerProducts.find((x) => x.id === s.productId);
      return { sku: p?.sku ?? String(s.productId), name: p?.name ?? "", units: s.units, revenueMinor: s.revenueMinor };
    }),
  };
}

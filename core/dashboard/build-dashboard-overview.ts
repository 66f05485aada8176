/**
 * The dashboard's overview: the shop at a glance for the last 7, 30 or 90 days. Every figure comes
 * from the function the matching owner command reads (`sales`, `forecast`, `funnel`, `hot`,
 * `stock low`, `campaigns`), so the page and the commands say the same numbers. The figures as of
 * midnight (hot leads, forecasts: the costly part over a big shop) may be kept for the day in an
 * {@link OverviewCache}; everything else is read afresh each time.
 */
import { z } from "zod";
import { Prisma } from "../../prisma/generated/client.ts";
import { alertPointOf } from "../inventory/claim-reorder-alert.ts";
import type { FunnelStage, SalesForecast } from "../analytics/index.ts";
import { measureCampaign } from "../campaigns/measure-campaign.ts";
import type { Db } from "../db.ts";
import { productSales } from "../digest/build-digest.ts";
import { daysOfCover, estimateDailyDemand } from "../digest/estimate-daily-demand.ts";
import { findHotLeads, scoreHotLeads } from "../digest/find-hot-leads.ts";
import { forecastAhead } from "../digest/forecast-ahead.ts";
import { loadSales, type SaleRow } from "../digest/load-analytics-records.ts";
import { funnelConversion, measureFunnel } from "../digest/measure-funnel.ts";
import { measureSales } from "../digest/measure-sales.ts";
import { addLocalDays, DAY_MS, localDate, startOfLocalDay, utcOffsetMinutes } from "../digest/time-zone.ts";
import { describeLeadReason, digestMessagesFor } from "../i18n/digest.ts";
import { countWaitingForRestock } from "../inventory/count-waiting-for-restock.ts";
import type { TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import type { TOrderStatus } from "../orders/order-rules.ts";
import type { Clock } from "../ports.ts";
import { historyFingerprint, NO_OVERVIEW_CACHE, type OverviewCache } from "./overview-cache.ts";

/** The overview's periods: the last 7, 30 or 90 days, today included. */
export const ZOverviewDays = z.coerce.number().pipe(z.union([z.literal(7), z.literal(30), z.literal(90)]));
export type TOverviewDays = z.infer<typeof ZOverviewDays>;

export interface DashboardDeps {
  db: Db;
  clock: Clock;
  currency: string;
  locale: TLocale;
  timeZone?: string | undefined;
  /** ATTRIBUTION_DAYS: how long a campaign counts as live after it started. */
  attributionDays: number;
}

/** A sum of money as the page shows it: minor units for the charts, the text the commands write. */
export interface Money {
  minor: number;
  text: string;
}

export interface DashboardOverview {
  asOf: string;
  days: TOverviewDays;
  currency: string;
  sales: { first: string; last: string; revenue: Money; orders: number; average: Money | null; previous: { revenue: Money; orders: number } };
  /** Visitors who ordered, over the funnel's seven days. */
  conversion: { visitors: number; ordered: number; rate: number | null; text: string };
  revenue: {
    /** Each day of the period, today so far included. */
    actual: { date: string; revenueMinor: number }[];
    /** The days ahead, with the 80 % interval. */
    forecast: { date: string; revenueMinor: number; lowMinor: number; highMinor: number }[];
    total: { expected: Money; low: Money; high: Money; orders: number };
    confidence: SalesForecast["confidence"];
  };
  funnel: {
    stages: { stage: FunnelStage; label: string; count: number; change: number; now: number }[];
    steps: { from: FunnelStage; to: FunnelStage; rate: number | null; previousRate: number | null }[];
    bottleneck: { from: FunnelStage; to: FunnelStage; rate: number | null; trailingRate: number | null; text: string } | null;
  };
  hotLeads: { customerId: number; name: string | null; contact: string | null; probability: number; chance: string; reasons: string[] }[];
  lowStock: { sku: string; name: string; stock: number; threshold: number; active: boolean; waiting: number; dailyDemand: number; daysOfCover: number | null; cover: string }[];
  campaigns: { id: number; name: string; status: string; startedAt: string | null; sent: number; ordered: number; revenue: Money; uplift: number | null }[];
  lastOrders: { id: number; status: TOrderStatus; total: Money; customerId: number | null; customer: string | null; placedAt: string | null; items: string }[];
}

/** How many hot leads and last orders the overview lists. */
const HOT_LEADS = 10;
const LAST_ORDERS = 10;
const LIVE_CAMPAIGNS = 5;

export async function buildDashboardOverview(deps: DashboardDeps, days: TOverviewDays, cache: OverviewCache = NO_OVERVIEW_CACHE): Promise<DashboardOverview> {
  const { db, currency, locale, timeZone } = deps;
  const asOf = deps.clock.now();
  const money = (minor: number): Money => ({ minor: Math.round(minor), text: formatMoney(Math.round(minor), currency) });
  const t = digestMessagesFor(locale);
  const today = startOfLocalDay(asOf, timeZone);
  const periodStart = addLocalDays(today, -(days - 1), timeZone);
  const recentStart = addLocalDays(today, -28, timeZone);
  // The figures as of midnight (hot leads, forecasts) are kept for the day while the history before midnight stays the same.
  const day = `${localDate(asOf, timeZone)}:${utcOffsetMinutes(asOf, timeZone)}:${await historyFingerprint(db, { today, eventsSince: new Date(today.getTime() - 120 * DAY_MS) })}`;
  let history: Promise<SaleRow[]> | undefined;
  const salesBeforeToday = () => (history ??= loadSales(db, today));
  const forecastFor = (horizon: number) => cache.remember(`forecast:${horizon}:${day}`, async () => forecastAhead(db, { asOf, days: horizon, timeZone, sales: await salesBeforeToday() }));

  const [figures, forecast, funnel, hot, lowStock, campaigns, lastOrders, recentSales] = await Promise.all([
    measureSales(db, { at: asOf, period: days, timeZone, bestSellers: false }),
    forecastFor(Math.min(days, 30)),
    measureFunnel(db, { asOf, timeZone }),
    cache.remember(`hot:${day}`, async () => scoreHotLeads(db, { asOf, timeZone, sales: await salesBeforeToday() })).then((scores) => findHotLeads(db, { asOf, timeZone, limit: HOT_LEADS, scores })),
    // The days of cover need the forecast: computed below once it is known.
    // As `stock low` lists them: at or below the reorder point (the threshold for products with too little history).
    db.product.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] }).then((products) => products.filter((p) => p.stock <= alertPointOf(p))),
    liveCampaigns(deps, asOf),
    db.order.findMany({ where: { status: { not: "cart" } }, orderBy: { id: "desc" }, take: LAST_ORDERS, include: { customer: { select: { id: true, name: true } }, lines: { include: { product: { select: { name: true, nameZh: true } } } } } }),
    // The period's sales and the four weeks before today, up to this moment: the daily series and the demand.
    loadSales(db, new Date(asOf.getTime() + 1), periodStart < recentStart ? periodStart : recentStart),
  ]);
  const sales = recentSales;
  const beforeToday = sales.filter((s) => s.at < today);

  // Revenue per day over the period, today so far included (their sum is `sales N`'s revenue).
  const byDay = new Map<string, number>();
  for (let i = -(days - 1); i <= 0; i++) byDay.set(localDate(addLocalDays(today, i, timeZone), timeZone), 0);
  for (const s of sales) {
    if (s.at < periodStart) continue;
    const key = localDate(s.at, timeZone);
    if (byDay.has(key)) byDay.set(key, byDay.get(key)! + s.totalMinor);
  }

  // Days of cover as the digest reckons them: the last four weeks' units at the forecast's pace.
  const [last28, waiting, weekAhead] = await Promise.all([
    // Units per product over the four weeks before midnight: history too, kept with the rest.
    cache.remember(`units28:${day}`, () => productSales(db, recentStart, today)),
    countWaitingForRestock(db),
    days === 7 ? Promise.resolve(forecast) : forecastFor(7),
  ]);
  const demand = { unitsLast28: new Map(last28.map((s) => [s.productId, s.units])), revenueLast28Minor: beforeToday.filter((s) => s.at >= recentStart).reduce((sum, s) => sum + s.totalMinor, 0), forecast: weekAhead };

  const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
  const conversion = funnelConversion(funnel.report);
  const label = (stage: FunnelStage) => t.stages[stage];
  const b = funnel.report.bottleneck;
  const nameIn = (p: { name: string; nameZh: string | null }) => (locale === "zh" ? p.nameZh : null) ?? p.name;

  return {
    asOf: asOf.toISOString(),
    days,
    currency,
    sales: {
      first: figures.first,
      last: figures.last,
      revenue: money(figures.current.revenueMinor),
      orders: figures.current.orders,
      average: figures.averageMinor === null ? null : money(figures.averageMinor),
      previous: { revenue: money(figures.previous.revenueMinor), orders: figures.previous.orders },
    },
    conversion: {
      visitors: funnel.report.stages.find((s) => s.stage === "visitor")?.count ?? 0,
      ordered: funnel.report.stages.find((s) => s.stage === "ordered")?.count ?? 0,
      rate: conversion,
      text: pct(conversion),
    },
    revenue: {
      actual: [...byDay].map(([date, revenueMinor]) => ({ date, revenueMinor })),
      forecast: forecast.days.map((d) => ({ date: d.date, revenueMinor: Math.round(d.revenueMinor.expected), lowMinor: Math.round(d.revenueMinor.low), highMinor: Math.round(d.revenueMinor.high) })),
      total: { expected: money(forecast.total.revenueMinor.expected), low: money(forecast.total.revenueMinor.low), high: money(forecast.total.revenueMinor.high), orders: Math.round(forecast.total.orders.expected) },
      confidence: forecast.confidence,
    },
    funnel: {
      stages: funnel.report.stages.map((s) => ({ stage: s.stage, label: label(s.stage), count: s.count, change: s.change, now: funnel.now[s.stage] ?? 0 })),
      steps: funnel.report.steps.map((s) => ({ from: s.from, to: s.to, rate: s.rate, previousRate: s.previousRate })),
      bottleneck: b ? { from: b.from, to: b.to, rate: b.rate, trailingRate: b.trailingRate, text: t.funnel.bottleneck(label(b.from), label(b.to), pct(b.rate), pct(b.trailingRate)) } : null,
    },
    hotLeads: hot.leads.map((h) => ({
      customerId: h.customerId,
      name: h.name,
      contact: [h.email, h.phone].filter(Boolean).join(", ") || null,
      probability: h.probability,
      chance: `${(h.probability * 100).toFixed(0)}%`,
      reasons: h.reasons.map((r) => describeLeadReason(t, r, (minor) => formatMoney(Math.round(minor), currency))),
    })),
    lowStock: lowStock.map((p) => {
      const dailyDemand = estimateDailyDemand(demand, p.id);
      const cover = daysOfCover(p.stock, dailyDemand);
      return { sku: p.sku, name: nameIn(p), stock: p.stock, threshold: p.lowStockThreshold, active: p.active, waiting: waiting.get(p.id) ?? 0, dailyDemand, daysOfCover: cover, cover: t.digest.cover(cover) };
    }),
    campaigns,
    lastOrders: lastOrders.map((o) => ({
      id: o.id,
      status: o.status,
      total: { minor: o.totalMinor, text: formatMoney(o.totalMinor, o.currency) },
      customerId: o.customerId,
      customer: o.customer?.name ?? null,
      placedAt: (o.placedAt ?? o.createdAt).toISOString(),
      items: o.lines.map((l) => `${l.quantity}× ${nameIn(l.product)}`).join(", "),
    })),
  };
}

/** Campaigns sending or scheduled, and those started within the attribution window, with what they did so far. */
async function liveCampaigns(deps: DashboardDeps, asOf: Date): Promise<DashboardOverview["campaigns"]> {
  const since = new Date(asOf.getTime() - deps.attributionDays * 86_400_000);
  const campaigns = await deps.db.campaign.findMany({
    where: { trigger: { equals: Prisma.AnyNull }, OR: [{ status: { in: ["scheduled", "sending"] } }, { status: "sent", startedAt: { gte: since } }] },
    orderBy: { id: "desc" },
    take: LIVE_CAMPAIGNS,
  });
  const measureDeps = { db: deps.db, clock: deps.clock, currency: deps.currency, attributionDays: deps.attributionDays, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) };
  const live: DashboardOverview["campaigns"] = [];
  for (const c of campaigns) {
    const m = c.startedAt ? await measureCampaign(measureDeps, c) : null;
    const revenueMinor = Math.round(m?.estimate.treated.revenueMinor ?? 0);
    live.push({
      id: c.id,
      name: c.name,
      status: c.status,
      startedAt: c.startedAt?.toISOString() ?? null,
      sent: m?.sent ?? 0,
      ordered: m?.estimate.treated.ordered ?? 0,
      revenue: { minor: revenueMinor, text: formatMoney(revenueMinor, deps.currency) },
      uplift: m?.estimate.uplift?.estimate ?? null,
    });
  }
  return live;
}

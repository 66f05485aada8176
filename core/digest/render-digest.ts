/**
 * The digest in words, in the owner's language (the words are core/i18n/digest.ts's): one titled
 * section per topic (channels render a section as a Block Kit section, a console block, …) and the
 * data for the chart.
 */
import type { FunnelStage } from "../analytics/index.ts";
import { describeLeadReason, digestMessagesFor } from "../i18n/digest.ts";
import { ownerMessagesFor } from "../i18n/owner.ts";
import { stockPlanLines } from "../owner/show-stock-plan.ts";
import type { TLocale } from "../messages.ts";
import type { OwnerReply } from "../owner/commands/define-command.ts";
import { formatMoney } from "../money.ts";
import type { DigestChartData } from "./chart-port.ts";
import type { Digest } from "./build-digest.ts";

export interface RenderedDigest {
  title: string;
  /** One reply per section; the first line of each is its heading. */
  sections: OwnerReply[];
  chart: DigestChartData;
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export function renderDigest(digest: Digest, locale: TLocale): RenderedDigest {
  const messages = digestMessagesFor(locale);
  const t = messages.digest;
  const money = (minor: number) => formatMoney(Math.round(minor), digest.currency);
  const y = digest.yesterday;
  const sections: OwnerReply[] = [];

  sections.push({
    text: [
      `${t.yesterday} (${y.date})`,
      t.revenueLine(money(y.revenueMinor), y.orders),
      y.forecast ? `${t.forecastWas(money(y.forecast.expected), money(y.forecast.low), money(y.forecast.high))} ${y.versusForecast === "above" ? t.above : y.versusForecast === "below" ? t.below : t.within}` : t.noForecast,
    ].join("\n"),
  });

  const f = digest.forecast;
  sections.push({
    text: [
      t.next7,
      t.total(money(f.total.revenueMinor.expected), money(f.total.revenueMinor.low), money(f.total.revenueMinor.high), Math.round(f.total.orders.expected)),
      ...f.days.map((d) => `${d.date}: ${money(d.revenueMinor.expected)} (${money(d.revenueMinor.low)}–${money(d.revenueMinor.high)})`),
      ...(f.confidence === "low" ? [t.lowConfidence] : []),
    ].join("\n"),
  });

  const label = (stage: FunnelStage) => messages.stages[stage];
  const b = digest.funnel.bottleneck;
  sections.push({
    text: [
      t.funnel,
      ...digest.funnel.stages.map((s, i) => {
        const step = i > 0 ? digest.funnel.steps[i - 1] : undefined;
        const change = s.change >= 0 ? `+${s.change}` : String(s.change);
        return `${label(s.stage)}: ${s.count} (${change})${step ? ` · ${pct(step.rate)}` : ""}`;
      }),
      b ? t.bottleneck(label(b.from), label(b.to), pct(b.rate), pct(b.trailingRate)) : t.noBottleneck,
    ].join("\n"),
  });

  const leadLine = (l: Digest["hotLeads"][number]) => `• ${l.name ?? `#${l.customerId}`}${l.contact ? ` (${l.contact})` : ""} — ${(l.probability * 100).toFixed(0)}%${l.reasons.length ? `: ${l.reasons.map((r) => describeLeadReason(messages, r, money)).join(messages.hot.reasonSeparator)}` : ""}`;
  sections.push({
    text: [
      t.leads,
      `${t.newLeads(digest.newLeads.length)}${digest.newLeads.length ? `: ${digest.newLeads.map((l) => l.name ?? `#${l.customerId}`).join(", ")}` : ""}`,
      t.hot,
      ...(digest.hotLeads.length ? digest.hotLeads.map(leadLine) : [t.none]),
    ].join("\n"),
    ...(digest.hotLeads.length ? { buttons: [digest.hotLeads.slice(0, 3).map((l) => ({ label: `#${l.customerId}`, command: { command: "customer" as const, customerId: l.customerId } }))] } : {}),
  });

  // The same lines as `stock plan`: what to order now and soon with the reason, what is low by its threshold.
  const owner = ownerMessagesFor(locale);
  const stockLines = stockPlanLines(digest.stock, owner, locale, digest.waitingForRestock);
  const urgent = [...digest.stock.orderNow, ...digest.stock.orderSoon].slice(0, 3);
  const stockButtons = [
    ...urgent.map((p) => ({ label: owner.stockPlan.detailButton(p.product.sku), command: { command: "stockPlan" as const, sku: p.product.sku } })),
    ...digest.stock.lowStock.slice(0, 3 - urgent.length).map((p) => ({ label: t.restockButton(p.product.sku), command: { command: "restock" as const, sku: p.product.sku, quantity: 10 } })),
  ];
  sections.push({
    text: [t.stock, ...(stockLines.length ? stockLines : [owner.stockPlan.nothing])].join("\n"),
    ...(stockButtons.length ? { buttons: [stockButtons] } : {}),
  });

  sections.push({
    text: [t.best(digest.bestSellersDays), ...(digest.bestSellers.length ? digest.bestSellers.map((p) => `• ${p.name || p.sku}: ${p.units} × — ${money(p.revenueMinor)}`) : [t.bestNone])].join("\n"),
  });

  // Only once the shop has followed someone up: a new shop's digest stays short.
  if (digest.followUps.carts + digest.followUps.unpaidOrders > 0) sections.push({ text: t.followUps(digest.followUps) });

  // Campaigns whose measuring window closed yesterday: what they caused, against their hold-out.
  if (digest.campaigns.length > 0) {
    const pts = (p: number) => `${p > 0 ? "+" : ""}${(p * 100).toFixed(1)}`;
    sections.push({
      text: [t.campaignsEnded, ...digest.campaigns.map((c) => t.campaignEnded({ id: c.id, name: c.name, sent: c.sent, ordered: c.ordered, revenue: money(c.revenueMinor), uplift: c.uplift ? pts(c.uplift.estimate) : null, interval: c.uplift && c.uplift.low !== null && c.uplift.high !== null ? `${pts(c.uplift.low)} … ${pts(c.uplift.high)}` : null }))].join("\n"),
    });
  }

  return {
    title: t.title(digest.date),
    sections,
    chart: {
      title: t.title(digest.date),
      currency: digest.currency,
      actual: digest.recentRevenue,
      forecast: f.days.map((d) => ({ date: d.date, revenueMinor: d.revenueMinor.expected, lowerMinor: d.revenueMinor.low, upperMinor: d.revenueMinor.high })),
      funnel: digest.funnel.stages.map((s) => ({ stage: label(s.stage), count: s.count })),
      labels: t.chart,
    },
  };
}

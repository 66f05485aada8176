/**
 * The owner's analytics commands (forecast, sales, funnel, segments, customer, top, hot, digest)
 * answered from the same engines and queries as the daily digest, in the owner's language (the
 * words are core/i18n/digest.ts's).
 */
import {
  computeCustomerLifetimeValue,
  segmentCustomers,
  type FunnelStage,
} from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { describeLeadReason, digestMessagesFor } from "../i18n/digest.ts";
import type { TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import { addressOnOneLine } from "../orders/set-shipping-address.ts";
import { formatOwnerDate } from "../owner/read-command-words.ts";
import type { OwnerReply } from "../owner/commands/define-command.ts";
import type { OwnerAnalytics, TSalesPeriod } from "../owner/owner-console-deps.ts";
import type { Clock } from "../ports.ts";
import type { ChartRenderer } from "./chart-port.ts";
import { buildDigest } from "./build-digest.ts";
import { findHotLeads } from "./find-hot-leads.ts";
import { forecastAhead } from "./forecast-ahead.ts";
import { customerOrders, loadSales } from "./load-analytics-records.ts";
import { measureCustomers } from "./measure-customers.ts";
import { measureFunnel } from "./measure-funnel.ts";
import { measureSales } from "./measure-sales.ts";
import type { InventoryPolicy } from "../inventory/inventory-policy.ts";
import { renderDigest } from "./render-digest.ts";

export interface OwnerAnalyticsDeps {
  db: Db;
  clock: Clock;
  currency: string;
  locale: TLocale;
  timeZone?: string;
  charts?: ChartRenderer;
  /** How stock is planned (the digest's reorder section); the defaults when absent. */
  inventory?: InventoryPolicy;
  /** ATTRIBUTION_DAYS, for the campaigns the digest reports (7). */
  attributionDays?: number;
}

export function createOwnerAnalytics(deps: OwnerAnalyticsDeps): OwnerAnalytics {
  const { db, clock, currency, locale, timeZone } = deps;
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  const t = digestMessagesFor(locale);
  const range = (r: { expected: number; low: number; high: number }) => ({ expected: money(r.expected), low: money(r.low), high: money(r.high) });

  return {
    async forecast(days = 7) {
      const f = await forecastAhead(db, { asOf: clock.now(), days, timeZone });
      const header = t.forecast.header(f.days.length, range(f.total.revenueMinor), Math.round(f.total.orders.expected));
      const note = f.confidence === "low" ? t.forecast.lowConfidence : t.forecast.history(f.historyDays, f.usesYearlySeasonality);
      return [{ text: [header, note, ...f.days.map((d) => t.forecast.day(d.date, range(d.revenueMinor), d.orders.expected.toFixed(1)))].join("\n") }];
    },

    async sales(period: TSalesPeriod) {
      const s = await measureSales(db, { at: clock.now(), period, timeZone });
      const nameOf = (p: { name: string; nameZh: string | null }) => (locale === "zh" ? p.nameZh : null) ?? p.name;
      const average = s.averageMinor !== null ? money(s.averageMinor) : "—";
      const span = s.first === s.last ? s.first : `${s.first} – ${s.last}`;
      const lines = [t.sales.current(t.sales.period(period, span), money(s.current.revenueMinor), s.current.orders, average), t.sales.previous(t.sales.before(period), money(s.previous.revenueMinor), s.previous.orders)];
      lines.push(s.bestSellers.length === 0 ? t.sales.nothingSold : t.sales.bestSellers);
      for (const b of s.bestSellers) lines.push(`• ${nameOf(b)}: ${b.units} × — ${money(b.revenueMinor)}`);
      return [{ text: lines.join("\n") }];
    },

    async funnel() {
      const { report, now } = await measureFunnel(db, { asOf: clock.now(), timeZone });
      const label = (s: FunnelStage) => t.stages[s];
      const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
      const lines = report.stages.map((s, i) => {
        const step = i > 0 ? report.steps[i - 1] : undefined;
        return `${label(s.stage).padEnd(14)} ${String(s.count).padStart(5)} (${s.change >= 0 ? "+" : ""}${s.change})${step ? `  ${pct(step.rate)} (${t.funnel.before} ${pct(step.previousRate)})` : ""}  · ${t.funnel.now} ${now[s.stage] ?? 0}`;
      });
      const b = report.bottleneck;
      return [{ text: [t.funnel.heading, ...lines, b ? t.funnel.bottleneck(label(b.from), label(b.to), pct(b.rate), pct(b.trailingRate)) : t.funnel.noBottleneck].join("\n") }];
    },

    async segments() {
      const asOf = clock.now();
      const sales = customerOrders(await loadSales(db, asOf));
      if (sales.length === 0) return [{ text: t.segments.none }];
      const s = segmentCustomers({ orders: sales, asOf });
      return [{
        text: [
          t.segments.heading(s.k, s.silhouette.toFixed(2)),
          ...s.segments.map((seg) => t.segments.line({ label: t.segmentNames[seg.key].label, size: seg.size, recencyDays: Math.round(seg.average.recencyDays), orders: seg.average.orders.toFixed(1), spend: money(seg.average.monetaryMinor), advice: t.segmentNames[seg.key].advice })),
        ].join("\n"),
      }];
    },

    async customer(customerId: number) {
      const customer = await db.customer.findUnique({ where: { id: customerId }, include: { lead: true, orders: { orderBy: { id: "desc" }, take: 5 } } });
      if (!customer) throw new AppError("NOT_FOUND", { message: `No customer #${customerId}.`, userMessage: t.customer.notFound(customerId) });
      const measures = await measureCustomers(db, { asOf: clock.now(), timeZone, customerIds: [customerId] });
      const score = measures.scores.get(customerId) ?? null;
      const segment = measures.segments.get(customerId);
      const clv = measures.lifetime.get(customerId);
      const contact = [customer.email, customer.phone].filter(Boolean).join(", ");
      const orderList = customer.orders.map((o) => `#${o.id} ${o.status} ${formatMoney(o.totalMinor, o.currency)}`).join(", ");
      return [{
        text: [
          t.customer.title(customer.id, customer.name ?? t.customer.noName, customer.locale),
          t.customer.contact(contact || null, customer.lead?.stage ?? "—"),
          ...(customer.address ? [t.customer.address(addressOnOneLine(customer.address))] : []),
          t.customer.marketing(customer.marketingConsent, customer.consentAt ? formatOwnerDate(customer.consentAt) : null),
          score ? `${t.customer.chance((score.probability * 100).toFixed(0), measures.modelKind === "prior")}${score.reasons.length ? `\n  ${score.reasons.map((r) => describeLeadReason(t, r, money)).join("\n  ")}` : ""}` : t.customer.noScore,
          t.customer.segment(segment ? `${t.segmentNames[segment.key].label} — ${t.segmentNames[segment.key].advice}` : "—"),
          t.customer.lifetime(clv ? { lifetime: money(clv.lifetimeValueMinor), historical: money(clv.historicalValueMinor), predicted: money(clv.predictedValueMinor), orders: clv.orders, average: money(clv.averageOrderValueMinor) } : null),
          t.customer.orders(orderList || null),
        ].join("\n"),
        buttons: customer.orders.slice(0, 3).map((o) => [{ label: t.customer.orderButton(o.id), command: { command: "order" as const, orderId: o.id } }]),
      }];
    },

    async topCustomers(limit: number) {
      const asOf = clock.now();
      const orders = customerOrders(await loadSales(db, asOf));
      if (orders.length === 0) return [{ text: t.top.none }];
      const report = computeCustomerLifetimeValue({ orders, asOf, topCount: limit });
      const ids = report.top.map((c) => Number(c.customerId));
      const people = await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, phone: true } });
      const who = (id: number) => {
        const person = people.find((p) => p.id === id);
        return person?.name ?? person?.email ?? person?.phone ?? t.top.customer(id);
      };
      const lines = report.top.map((c, i) => {
        const id = Number(c.customerId);
        return t.top.line({ rank: i + 1, id, who: who(id), predicted: money(c.predictedValueMinor), lifetime: money(c.lifetimeValueMinor), historical: money(c.historicalValueMinor), orders: c.orders, average: money(c.averageOrderValueMinor), active: (c.activeProbability * 100).toFixed(0) });
      });
      return [{
        text: [t.top.heading(report.top.length, (report.retention * 100).toFixed(0), report.expectedLifetimeYears.toFixed(1)), ...lines].join("\n"),
        buttons: ids.slice(0, 3).map((id) => [{ label: t.top.button(id), command: { command: "customer" as const, customerId: id } }]),
      }];
    },

    async hotLeads(limit: number) {
      const { modelKind, leads } = await findHotLeads(db, { asOf: clock.now(), timeZone, limit });
      if (leads.length === 0) return [{ text: t.hot.none }];
      const lines = leads.map((h, i) => {
        const contact = [h.email, h.phone].filter(Boolean).join(", ") || t.hot.noContact;
        const reasons = h.reasons.map((r) => describeLeadReason(t, r, money)).join(t.hot.reasonSeparator);
        return `${i + 1}. #${h.customerId} ${h.name ?? t.hot.noName} — ${(h.probability * 100).toFixed(0)}% · ${contact}${reasons ? `\n   ${reasons}` : ""}`;
      });
      return [{
        text: [t.hot.heading(leads.length, t.hot.basis(modelKind === "prior")), ...lines].join("\n"),
        buttons: leads.slice(0, 3).map((h) => [{ label: t.hot.button(h.customerId), command: { command: "customer" as const, customerId: h.customerId } }]),
      }];
    },

    async digest() {
      const digest = await buildDigest(db, { asOf: clock.now(), currency, ...(timeZone ? { timeZone } : {}), ...(deps.attributionDays ? { attributionDays: deps.attributionDays } : {}), ...(deps.inventory ? { inventory: deps.inventory } : {}) });
      const rendered = renderDigest(digest, locale);
      const replies: OwnerReply[] = [{ text: rendered.title }, ...rendered.sections];
      if (deps.charts) {
        const png = await deps.charts.renderDigestChart(rendered.chart);
        replies.push({ text: rendered.chart.title, imageUrl: `data:image/png;base64,${Buffer.from(png).toString("base64")}` });
      }
      return replies;
    },
  };
}

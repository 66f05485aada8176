/**
 * The owner's analytics commands (forecast, funnel, segments, customer, digest) answered from the
 * same engines and queries as the daily digest.
 */
import {
  computeCustomerLifetimeValue,
  computeFunnel,
  extractLeadFeatures,
  forecastSales,
  FUNNEL_STAGE_LABELS,
  scoreLead,
  segmentCustomers,
} from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import { SOLD_ORDER_STATUSES } from "../orders/order-rules.ts";
import { addressOnOneLine } from "../orders/set-shipping-address.ts";
import type { OwnerReply } from "../owner/commands/define-command.ts";
import type { OwnerAnalytics, TSalesPeriod } from "../owner/owner-console-deps.ts";
import type { Clock } from "../ports.ts";
import type { ChartRenderer } from "./chart-port.ts";
import { buildDigest, productSales } from "./build-digest.ts";
import { customerOrders, loadFunnelRecords, loadLeadEvents, loadSales } from "./load-analytics-records.ts";
import { renderDigest } from "./render-digest.ts";
import { scoreActiveLeads } from "./score-active-leads.ts";
import { trainShopLeadScorer } from "./train-shop-lead-scorer.ts";
import { DAY_MS, localDate, startOfLocalDay, utcOffsetMinutes } from "./time-zone.ts";

export interface OwnerAnalyticsDeps {
  db: Db;
  clock: Clock;
  currency: string;
  locale: TLocale;
  timeZone?: string;
  charts?: ChartRenderer;
}

export function createOwnerAnalytics(deps: OwnerAnalyticsDeps): OwnerAnalytics {
  const { db, clock, currency, locale, timeZone } = deps;
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  const zh = locale === "zh";

  return {
    async forecast(days = 7) {
      const horizon = [7, 14, 30].includes(days) ? days : 7;
      const asOf = clock.now();
      const sales = await loadSales(db, startOfLocalDay(asOf, timeZone));
      const f = forecastSales({ orders: sales, asOf, horizonDays: horizon, utcOffsetMinutes: utcOffsetMinutes(asOf, timeZone) });
      const header = zh
        ? `未来 ${horizon} 天预测：营业额 ${money(f.total.revenueMinor.expected)}（80%：${money(f.total.revenueMinor.low)}–${money(f.total.revenueMinor.high)}），约 ${Math.round(f.total.orders.expected)} 笔订单。`
        : `Forecast for the next ${horizon} days: revenue ${money(f.total.revenueMinor.expected)} (80%: ${money(f.total.revenueMinor.low)}–${money(f.total.revenueMinor.high)}), about ${Math.round(f.total.orders.expected)} orders.`;
      const note = f.confidence === "low" ? (zh ? "置信度低：历史不足 14 天。" : "Low confidence: under 14 days of history, so this repeats last week.") : zh ? `基于 ${f.historyDays} 天历史。` : `From ${f.historyDays} days of history${f.usesYearlySeasonality ? ", with yearly seasonality" : ""}.`;
      return [{ text: [header, note, ...f.days.map((d) => `${d.date}: ${money(d.revenueMinor.expected)} (${money(d.revenueMinor.low)}–${money(d.revenueMinor.high)}), ${d.orders.expected.toFixed(1)} ${zh ? "单" : "orders"}`)].join("\n") }];
    },

    async sales(period: TSalesPeriod) {
      const at = clock.now();
      // Up to and including this moment: an order placed just now counts.
      const now = new Date(at.getTime() + 1);
      const today = startOfLocalDay(at, timeZone);
      // Today so far against yesterday up to the same time; a closed day against the day before; the
      // last N days (today included) against the N days before them.
      const [start, end, previousStart, previousEnd] =
        period === "today" ? [today, now, new Date(today.getTime() - DAY_MS), new Date(now.getTime() - DAY_MS)]
        : period === "yesterday" ? [new Date(today.getTime() - DAY_MS), today, new Date(today.getTime() - 2 * DAY_MS), new Date(today.getTime() - DAY_MS)]
        : [new Date(today.getTime() - (period - 1) * DAY_MS), now, new Date(today.getTime() - (2 * period - 1) * DAY_MS), new Date(now.getTime() - period * DAY_MS)];
      const totals = async (from: Date, to: Date) => {
        const rows = await db.order.aggregate({ where: { status: { in: SOLD_ORDER_STATUSES }, placedAt: { gte: from, lt: to } }, _sum: { totalMinor: true }, _count: { _all: true } });
        return { revenueMinor: rows._sum.totalMinor ?? 0, orders: rows._count._all };
      };
      const [current, previous, sellers] = await Promise.all([totals(start, end), totals(previousStart, previousEnd), productSales(db, start, end)]);
      const top = sellers.sort((a, b) => b.units - a.units || b.revenueMinor - a.revenueMinor).slice(0, 5);
      const names = await db.product.findMany({ where: { id: { in: top.map((s) => s.productId) } }, select: { id: true, name: true, nameZh: true } });
      const nameOf = (id: number) => { const p = names.find((n) => n.id === id); return (zh ? p?.nameZh : null) ?? p?.name ?? `#${id}`; };
      const average = current.orders > 0 ? money(current.revenueMinor / current.orders) : "—";
      const first = localDate(start, timeZone);
      const last = localDate(new Date(end.getTime() - 1), timeZone);
      const span = first === last ? first : `${first} – ${last}`;
      const label = zh
        ? { today: `今天（${span}，截至目前）`, yesterday: `昨天（${span}）`, 7: `最近 7 天（${span}）`, 30: `最近 30 天（${span}）` }[period]
        : { today: `Today (${span}, so far)`, yesterday: `Yesterday (${span})`, 7: `The last 7 days (${span})`, 30: `The last 30 days (${span})` }[period];
      const before = zh
        ? { today: "昨天同一时间", yesterday: "前一天", 7: "之前 7 天", 30: "之前 30 天" }[period]
        : { today: "Yesterday by this time", yesterday: "The day before", 7: "The 7 days before", 30: "The 30 days before" }[period];
      const lines = zh
        ? [`${label}：${current.orders} 笔订单，营业额 ${money(current.revenueMinor)}，客单价 ${average}。`, `${before}：${previous.orders} 笔，${money(previous.revenueMinor)}。`]
        : [`${label}: ${money(current.revenueMinor)} from ${current.orders} order${current.orders === 1 ? "" : "s"} (average ${average}).`, `${before}: ${money(previous.revenueMinor)} from ${previous.orders} order${previous.orders === 1 ? "" : "s"}.`];
      lines.push(top.length === 0 ? (zh ? "这段时间还没有卖出商品。" : "Nothing sold in this period yet.") : zh ? "畅销：" : "Best sellers:");
      for (const s of top) lines.push(`• ${nameOf(s.productId)}: ${s.units} × — ${money(s.revenueMinor)}`);
      return [{ text: lines.join("\n") }];
    },

    async funnel() {
      const today = startOfLocalDay(clock.now(), timeZone);
      const records = await loadFunnelRecords(db, new Date(today.getTime() - 49 * DAY_MS));
      const report = computeFunnel({ records, period: { start: new Date(today.getTime() - 7 * DAY_MS), end: new Date(today.getTime() + DAY_MS) } });
      const counts = await db.lead.groupBy({ by: ["stage"], _count: { _all: true } });
      const label = (s: keyof typeof FUNNEL_STAGE_LABELS) => FUNNEL_STAGE_LABELS[s][locale];
      const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
      const lines = report.stages.map((s, i) => {
        const step = i > 0 ? report.steps[i - 1] : undefined;
        const now = counts.find((c) => c.stage === s.stage)?._count._all ?? 0;
        return `${label(s.stage).padEnd(14)} ${String(s.count).padStart(5)} (${s.change >= 0 ? "+" : ""}${s.change})${step ? `  ${pct(step.rate)} (${zh ? "上期" : "before"} ${pct(step.previousRate)})` : ""}  · ${zh ? "当前" : "now"} ${now}`;
      });
      const b = report.bottleneck;
      return [{
        text: [
          zh ? "转化漏斗，近 7 天（括号内为与前 7 天相比）：" : "Funnel, last 7 days (change against the 7 days before):",
          ...lines,
          b ? (zh ? `瓶颈：${label(b.from)} → ${label(b.to)}，${pct(b.rate)}，近四周 ${pct(b.trailingRate)}。` : `Bottleneck: ${label(b.from)} → ${label(b.to)} at ${pct(b.rate)} against ${pct(b.trailingRate)} over the trailing four weeks.`) : zh ? "没有明显瓶颈。" : "No stage fell against its trailing four-week rate.",
        ].join("\n"),
      }];
    },

    async segments() {
      const asOf = clock.now();
      const sales = customerOrders(await loadSales(db, asOf));
      if (sales.length === 0) return [{ text: zh ? "还没有订单，无法分群。" : "No orders yet, so no segments." }];
      const s = segmentCustomers({ orders: sales, asOf });
      return [{
        text: [
          zh ? `客户分群（RFM，k=${s.k}，轮廓系数 ${s.silhouette.toFixed(2)}）：` : `Customer segments (RFM k-means, k=${s.k}, silhouette ${s.silhouette.toFixed(2)}):`,
          ...s.segments.map((seg) => `• ${seg.label[locale]} — ${seg.size} ${zh ? "人" : seg.size === 1 ? "customer" : "customers"}; ${zh ? "最近购买" : "last order"} ${Math.round(seg.average.recencyDays)} ${zh ? "天前" : "days ago"}, ${seg.average.orders.toFixed(1)} ${zh ? "单" : "orders"}, ${money(seg.average.monetaryMinor)}. ${seg.advice[locale]}`),
        ].join("\n"),
      }];
    },

    async customer(customerId: number) {
      const customer = await db.customer.findUnique({ where: { id: customerId }, include: { lead: true, orders: { orderBy: { id: "desc" }, take: 5 } } });
      if (!customer) throw new AppError("NOT_FOUND", { message: zh ? `没有客户 #${customerId}。` : `No customer #${customerId}.` });
      const asOf = clock.now();
      const today = startOfLocalDay(asOf, timeZone);
      const [sales, events] = await Promise.all([loadSales(db, asOf), loadLeadEvents(db, new Date(today.getTime() - 120 * DAY_MS))]);
      const orders = customerOrders(sales);
      const model = trainShopLeadScorer({ orders, events, today });
      const features = extractLeadFeatures({ orders, events, asOf, customerIds: [customerId] }).get(customerId);
      const score = features ? scoreLead({ model, features, formatMoney: money }) : null;
      const segmentation = orders.length ? segmentCustomers({ orders, asOf }) : null;
      const segmentId = segmentation?.customers.find((c) => c.customerId === customerId)?.segmentId;
      const segment = segmentation?.segments.find((s) => s.id === segmentId);
      const clv = computeCustomerLifetimeValue({ orders, asOf }).customers.find((c) => c.customerId === customerId);
      return [{
        text: [
          `${zh ? "客户" : "Customer"} #${customer.id}: ${customer.name ?? "(no name)"} (${customer.locale})`,
          `${zh ? "联系方式" : "Contact"}: ${[customer.email, customer.phone].filter(Boolean).join(", ") || (zh ? "无" : "none")} · ${zh ? "阶段" : "stage"} ${customer.lead?.stage ?? "—"}`,
          ...(customer.address ? [`${zh ? "地址" : "Address"}: ${addressOnOneLine(customer.address)}`] : []),
          score ? `${zh ? "14 天内下单概率" : "Chance of ordering within 14 days"}: ${(score.probability * 100).toFixed(0)}% (${model.kind === "prior" ? (zh ? "先验模型" : "prior model, too little history yet") : zh ? "基于本店历史训练" : "trained on this shop's history"})${score.reasons.length ? `\n  ${score.reasons.map((r) => r.text[locale]).join("\n  ")}` : ""}` : zh ? "暂无评分。" : "No score yet.",
          `${zh ? "分群" : "Segment"}: ${segment ? `${segment.label[locale]} — ${segment.advice[locale]}` : "—"}`,
          clv ? `${zh ? "客户终身价值" : "Lifetime value"}: ${money(clv.lifetimeValueMinor)} (${zh ? "历史" : "so far"} ${money(clv.historicalValueMinor)} + ${zh ? "预计" : "expected"} ${money(clv.predictedValueMinor)}; ${clv.orders} ${zh ? "单" : "orders"}, ${zh ? "客单价" : "average"} ${money(clv.averageOrderValueMinor)})` : `${zh ? "客户终身价值" : "Lifetime value"}: —`,
          `${zh ? "订单" : "Orders"}: ${customer.orders.map((o) => `#${o.id} ${o.status} ${formatMoney(o.totalMinor, o.currency)}`).join(", ") || (zh ? "无" : "none")}`,
        ].join("\n"),
        buttons: customer.orders.slice(0, 3).map((o) => [{ label: `Order #${o.id}`, command: { command: "order" as const, orderId: o.id } }]),
      }];
    },

    async topCustomers(limit: number) {
      const asOf = clock.now();
      const orders = customerOrders(await loadSales(db, asOf));
      if (orders.length === 0) return [{ text: zh ? "还没有订单，无法计算客户价值。" : "No orders yet, so no lifetime values." }];
      const report = computeCustomerLifetimeValue({ orders, asOf, topCount: limit });
      const ids = report.top.map((c) => Number(c.customerId));
      const people = await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, phone: true } });
      const who = (id: number) => {
        const person = people.find((p) => p.id === id);
        return person?.name ?? person?.email ?? person?.phone ?? (zh ? `客户 ${id}` : `customer ${id}`);
      };
      const lines = report.top.map((c, i) => {
        const id = Number(c.customerId);
        return zh
          ? `${i + 1}. #${id} ${who(id)} — 预计未来 ${money(c.predictedValueMinor)}，终身价值 ${money(c.lifetimeValueMinor)}（已消费 ${money(c.historicalValueMinor)}，${c.orders} 单，客单价 ${money(c.averageOrderValueMinor)}，仍活跃概率 ${(c.activeProbability * 100).toFixed(0)}%）`
          : `${i + 1}. #${id} ${who(id)} — expected ${money(c.predictedValueMinor)} more, lifetime ${money(c.lifetimeValueMinor)} (spent ${money(c.historicalValueMinor)} in ${c.orders} ${c.orders === 1 ? "order" : "orders"}, average ${money(c.averageOrderValueMinor)}; ${(c.activeProbability * 100).toFixed(0)}% likely still active)`;
      });
      return [{
        text: [
          zh
            ? `最值得维护的 ${report.top.length} 位客户（按预计未来价值；年留存率 ${(report.retention * 100).toFixed(0)}%，预计客户寿命 ${report.expectedLifetimeYears.toFixed(1)} 年）：`
            : `Top ${report.top.length} customers by expected future value (annual retention ${(report.retention * 100).toFixed(0)}%, expected lifetime ${report.expectedLifetimeYears.toFixed(1)} years):`,
          ...lines,
        ].join("\n"),
        buttons: ids.slice(0, 3).map((id) => [{ label: zh ? `客户 #${id}` : `Customer #${id}`, command: { command: "customer" as const, customerId: id } }]),
      }];
    },

    async hotLeads(limit: number) {
      const asOf = clock.now();
      const today = startOfLocalDay(asOf, timeZone);
      const [sales, events] = await Promise.all([loadSales(db, today), loadLeadEvents(db, new Date(today.getTime() - 120 * DAY_MS))]);
      const { model, scored } = scoreActiveLeads({ orders: customerOrders(sales), events, today, currency });
      if (scored.length === 0) return [{ text: zh ? "最近 90 天没有活跃的客户，暂时没有可评分的对象。" : "No customer has been active in the last 90 days, so there is no one to score yet." }];
      const hot = scored.slice(0, Math.max(1, limit));
      const people = await db.customer.findMany({ where: { id: { in: hot.map((h) => h.customerId) } }, select: { id: true, name: true, email: true, phone: true } });
      const lines = hot.map((h, i) => {
        const person = people.find((p) => p.id === h.customerId);
        const contact = [person?.email, person?.phone].filter(Boolean).join(", ") || (zh ? "无联系方式" : "no contact details");
        const reasons = h.score.reasons.map((r) => r.text[locale]).join(zh ? "；" : "; ");
        return `${i + 1}. #${h.customerId} ${person?.name ?? (zh ? "（无名）" : "(no name)")} — ${(h.score.probability * 100).toFixed(0)}% · ${contact}${reasons ? `\n   ${reasons}` : ""}`;
      });
      const basis = model.kind === "prior" ? (zh ? "先验模型：本店历史还不够" : "prior model: too little history yet") : zh ? "基于本店历史训练" : "trained on this shop's history";
      return [{
        text: [zh ? `14 天内最可能下单的 ${hot.length} 位客户（${basis}）：` : `The ${hot.length} customers most likely to order within 14 days (${basis}):`, ...lines].join("\n"),
        buttons: hot.slice(0, 3).map((h) => [{ label: zh ? `客户 #${h.customerId}` : `Customer #${h.customerId}`, command: { command: "customer" as const, customerId: h.customerId } }]),
      }];
    },

    async digest() {
      const digest = await buildDigest(db, { asOf: clock.now(), currency, ...(timeZone ? { timeZone } : {}) });
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

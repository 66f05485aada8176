/**
 * The digest in words, in the owner's language: one titled section per topic (channels render a
 * section as a Block Kit section, a console block, …) and the data for the chart.
 */
import type { FollowUpSummary } from "../follow-ups/summarize-follow-ups.ts";
import { FUNNEL_STAGE_LABELS } from "../analytics/index.ts";
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

const T = {
  en: {
    title: (d: string) => `Daily digest — ${d}`,
    yesterday: "Yesterday",
    revenueLine: (rev: string, n: number) => `Revenue ${rev} from ${n} order${n === 1 ? "" : "s"}.`,
    forecastWas: (e: string, lo: string, hi: string) => `Forecast was ${e} (80% interval ${lo}–${hi}).`,
    above: "⚠ Above the forecast interval.",
    below: "⚠ Below the forecast interval.",
    within: "Within the forecast interval.",
    noForecast: "No forecast yet (not enough history).",
    next7: "Next 7 days",
    total: (e: string, lo: string, hi: string, orders: number) => `Expected ${e} (80%: ${lo}–${hi}), about ${orders} orders.`,
    lowConfidence: "Low confidence: under 14 days of history, so this repeats last week.",
    funnel: "Funnel (the 7 days to yesterday)",
    bottleneck: (from: string, to: string, rate: string, trailing: string) => `Bottleneck: ${from} → ${to} converted ${rate}, against ${trailing} over the trailing four weeks.`,
    noBottleneck: "No stage fell against its trailing rate.",
    leads: "Leads",
    newLeads: (n: number) => `${n} new lead${n === 1 ? "" : "s"} yesterday`,
    hot: "Hottest leads (chance of ordering within 14 days):",
    none: "none",
    stock: "Low stock",
    cover: (d: number | null) => (d === null ? "no recent sales" : `${d < 1 ? "<1" : Math.round(d)} days of cover`),
    stockOk: "Nothing at or below its threshold.",
    waiting: (n: number) => `, ${n} customer${n === 1 ? "" : "s"} waiting for it`,
    best: (days: number) => `Best sellers (the ${days} days to yesterday)`,
    followUps: (f: FollowUpSummary) =>
      `Follow-ups (the 7 days to yesterday): ${f.carts} unconfirmed order${f.carts === 1 ? "" : "s"} reminded, ${f.cartsOrdered} then ordered; ${f.unpaidOrders} unpaid order${f.unpaidOrders === 1 ? "" : "s"} reminded, ${f.unpaidOrdersPaid} since paid.`,
    bestNone: "No sales in the last four weeks.",
    chart: { actual: "actual", forecast: "forecast", interval: "80% interval", revenue: "revenue", funnel: "Funnel, the 7 days to yesterday", people: "people" },
  },
  zh: {
    title: (d: string) => `每日简报 — ${d}`,
    yesterday: "昨日",
    revenueLine: (rev: string, n: number) => `营业额 ${rev}，共 ${n} 笔订单。`,
    forecastWas: (e: string, lo: string, hi: string) => `预测为 ${e}（80% 区间 ${lo}–${hi}）。`,
    above: "⚠ 高于预测区间。",
    below: "⚠ 低于预测区间。",
    within: "在预测区间内。",
    noForecast: "暂无预测（历史数据不足）。",
    next7: "未来 7 天",
    total: (e: string, lo: string, hi: string, orders: number) => `预计 ${e}（80%：${lo}–${hi}），约 ${orders} 笔订单。`,
    lowConfidence: "置信度低：历史不足 14 天，按上周情况估计。",
    funnel: "转化漏斗（截至昨日的 7 天）",
    bottleneck: (from: string, to: string, rate: string, trailing: string) => `瓶颈：${from} → ${to} 转化率 ${rate}，近四周为 ${trailing}。`,
    noBottleneck: "各环节转化率均未低于近四周水平。",
    leads: "潜在客户",
    newLeads: (n: number) => `昨日新增线索 ${n} 个`,
    hot: "最有可能下单的客户（14 天内下单概率）：",
    none: "无",
    stock: "库存不足",
    cover: (d: number | null) => (d === null ? "近期无销量" : `可售约 ${d < 1 ? "<1" : Math.round(d)} 天`),
    stockOk: "没有低于阈值的商品。",
    waiting: (n: number) => `，${n} 位顾客在等到货`,
    best: (days: number) => `畅销商品（截至昨日的 ${days} 天）`,
    followUps: (f: FollowUpSummary) => `跟进提醒（截至昨日的 7 天）：提醒未确认订单 ${f.carts} 次，其后下单 ${f.cartsOrdered} 次；提醒未付款订单 ${f.unpaidOrders} 个，其后已付款 ${f.unpaidOrdersPaid} 个。`,
    bestNone: "近四周没有销售。",
    chart: { actual: "实际", forecast: "预测", interval: "80% 区间", revenue: "营业额", funnel: "转化漏斗（截至昨日的 7 天）", people: "人数" },
  },
} as const;

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export function renderDigest(digest: Digest, locale: TLocale): RenderedDigest {
  const t = T[locale];
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

  const label = (stage: keyof typeof FUNNEL_STAGE_LABELS) => FUNNEL_STAGE_LABELS[stage][locale];
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

  const leadLine = (l: Digest["hotLeads"][number]) => `• ${l.name ?? `#${l.customerId}`}${l.contact ? ` (${l.contact})` : ""} — ${(l.probability * 100).toFixed(0)}%${l.reasons.length ? `: ${l.reasons.map((r) => r[locale]).join("; ")}` : ""}`;
  sections.push({
    text: [
      t.leads,
      `${t.newLeads(digest.newLeads.length)}${digest.newLeads.length ? `: ${digest.newLeads.map((l) => l.name ?? `#${l.customerId}`).join(", ")}` : ""}`,
      t.hot,
      ...(digest.hotLeads.length ? digest.hotLeads.map(leadLine) : [t.none]),
    ].join("\n"),
    ...(digest.hotLeads.length ? { buttons: [digest.hotLeads.slice(0, 3).map((l) => ({ label: `#${l.customerId}`, command: { command: "customer" as const, customerId: l.customerId } }))] } : {}),
  });

  sections.push({
    text: [t.stock, ...(digest.lowStock.length ? digest.lowStock.map((p) => `• ${p.sku} ${p.name}: ${p.stock} (≤ ${p.threshold}), ${t.cover(p.daysOfCover)}${p.waiting > 0 ? t.waiting(p.waiting) : ""}`) : [t.stockOk])].join("\n"),
    ...(digest.lowStock.length ? { buttons: [digest.lowStock.slice(0, 3).map((p) => ({ label: `restock ${p.sku}`, command: { command: "restock" as const, sku: p.sku, quantity: 10 } }))] } : {}),
  });

  sections.push({
    text: [t.best(digest.bestSellersDays), ...(digest.bestSellers.length ? digest.bestSellers.map((p) => `• ${p.name || p.sku}: ${p.units} × — ${money(p.revenueMinor)}`) : [t.bestNone])].join("\n"),
  });

  // Only once the shop has followed someone up: a new shop's digest stays short.
  if (digest.followUps.carts + digest.followUps.unpaidOrders > 0) sections.push({ text: t.followUps(digest.followUps) });

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

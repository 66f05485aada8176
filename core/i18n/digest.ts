/**
 * The owner's analytics in words: the daily digest, the answers to `forecast`, `sales`, `funnel`,
 * `segments`, `customer`, `top` and `hot`, and the customer segments' names and advice, in English
 * and Chinese (OWNER_LOCALE). `zh` is typed as {@link DigestMessages}: a text added in English and
 * not in Chinese does not compile. Counts pick their English wording with `Intl.PluralRules`.
 */
import type { FunnelStage } from "../analytics/funnel/compute-funnel.ts";
import type { LeadReasonFacts, LeadReasonKey, LeadScoreReason } from "../analytics/leads/score-lead.ts";
import type { FollowUpSummary } from "../follow-ups/summarize-follow-ups.ts";
import type { TLocale } from "../messages.ts";

const enPlural = new Intl.PluralRules("en");
/** "1 order", "2 orders": the count's plural category decides. */
function count(n: number, one: string, other: string): string {
  return `${n} ${enPlural.select(n) === "one" ? one : other}`;
}
/** The plural word alone ("customer" / "customers"), for a number written elsewhere. */
function word(n: number, one: string, other: string): string {
  return enPlural.select(n) === "one" ? one : other;
}

type Period = "today" | "yesterday" | 7 | 30 | 90;
type SegmentKey = "champions" | "loyal" | "promising" | "new" | "needs_attention" | "at_risk" | "hibernating" | "lost";
type Range = { expected: string; low: string; high: string };
/** A lead-score reason's sentence from its facts; `money` formats minor units in the shop's currency. */
type ReasonText = (f: LeadReasonFacts, money: (minor: number) => string) => string;

const en = {
  digest: {
    title: (d: string) => `Daily digest — ${d}`,
    yesterday: "Yesterday",
    revenueLine: (rev: string, n: number) => `Revenue ${rev} from ${count(n, "order", "orders")}.`,
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
    newLeads: (n: number) => `${count(n, "new lead", "new leads")} yesterday`,
    hot: "Hottest leads (chance of ordering within 14 days):",
    none: "none",
    stock: "Stock to reorder",
    restockButton: (sku: string) => `restock ${sku}`,
    best: (days: number) => `Best sellers (the ${days} days to yesterday)`,
    followUps: (f: FollowUpSummary) =>
      `Follow-ups (the 7 days to yesterday): ${count(f.carts, "unconfirmed order", "unconfirmed orders")} reminded, ${f.cartsOrdered} then ordered; ${count(f.unpaidOrders, "unpaid order", "unpaid orders")} reminded, ${f.unpaidOrdersPaid} since paid.`,
    bestNone: "No sales in the last four weeks.",
    cover: (d: number | null) => (d === null ? "no recent sales" : `${d < 1 ? "<1" : Math.round(d)} days of cover`),
    campaignsEnded: "Campaigns measured yesterday (their window closed; uplift against the hold-out):",
    campaignEnded: (c: { id: number; name: string; sent: number; ordered: number; revenue: string; uplift: string | null; interval: string | null }) =>
      `• #${c.id} ${c.name}: sent ${c.sent}, ${c.ordered} ordered, ${c.revenue}; ${c.uplift === null ? "no hold-out, uplift not measured" : `uplift ${c.uplift} points${c.interval ? ` (95%: ${c.interval})` : ""}`}`,
    chart: { actual: "actual", forecast: "forecast", interval: "80% interval", revenue: "revenue", funnel: "Funnel, the 7 days to yesterday", people: "people" },
  },
  forecast: {
    header: (days: number, revenue: Range, orders: number) => `Forecast for the next ${days} days: revenue ${revenue.expected} (80%: ${revenue.low}–${revenue.high}), about ${orders} orders.`,
    lowConfidence: "Low confidence: under 14 days of history, so this repeats last week.",
    history: (days: number, yearly: boolean) => `From ${days} days of history${yearly ? ", with yearly seasonality" : ""}.`,
    day: (date: string, revenue: Range, orders: string) => `${date}: ${revenue.expected} (${revenue.low}–${revenue.high}), ${orders} orders`,
  },
  sales: {
    period: (period: Period, span: string) => ({ today: `Today (${span}, so far)`, yesterday: `Yesterday (${span})`, 7: `The last 7 days (${span})`, 30: `The last 30 days (${span})`, 90: `The last 90 days (${span})` })[period],
    before: (period: Period) => ({ today: "Yesterday by this time", yesterday: "The day before", 7: "The 7 days before", 30: "The 30 days before", 90: "The 90 days before" })[period],
    current: (label: string, revenue: string, orders: number, average: string) => `${label}: ${revenue} from ${count(orders, "order", "orders")} (average ${average}).`,
    previous: (label: string, revenue: string, orders: number) => `${label}: ${revenue} from ${count(orders, "order", "orders")}.`,
    nothingSold: "Nothing sold in this period yet.",
    bestSellers: "Best sellers:",
  },
  funnel: {
    heading: "Funnel, last 7 days (change against the 7 days before):",
    before: "before",
    now: "now",
    bottleneck: (from: string, to: string, rate: string, trailing: string) => `Bottleneck: ${from} → ${to} at ${rate} against ${trailing} over the trailing four weeks.`,
    noBottleneck: "No stage fell against its trailing four-week rate.",
  },
  segments: {
    none: "No orders yet, so no segments.",
    heading: (k: number, silhouette: string) => `Customer segments (RFM k-means, k=${k}, silhouette ${silhouette}):`,
    line: (s: { label: string; size: number; recencyDays: number; orders: string; spend: string; advice: string }) =>
      `• ${s.label} — ${count(s.size, "customer", "customers")}; last order ${s.recencyDays} days ago, ${s.orders} orders, ${s.spend}. ${s.advice}`,
  },
  customer: {
    notFound: (id: number) => `No customer #${id}.`,
    title: (id: number, name: string, locale: string) => `Customer #${id}: ${name} (${locale})`,
    noName: "(no name)",
    contact: (contact: string | null, stage: string) => `Contact: ${contact ?? "none"} · stage ${stage}`,
    address: (address: string) => `Address: ${address}`,
    /** `since`: when the customer last said yes or no (null: never asked or never answered). */
    marketing: (given: boolean, since: string | null) => `Marketing messages: ${given ? "yes" : "no"}${since ? ` (since ${since})` : " (never said)"}`,
    chance: (percent: string, prior: boolean) => `Chance of ordering within 14 days: ${percent}% (${prior ? "prior model, too little history yet" : "trained on this shop's history"})`,
    noScore: "No score yet.",
    segment: (text: string) => `Segment: ${text}`,
    lifetime: (v: { lifetime: string; historical: string; predicted: string; orders: number; average: string } | null) =>
      v ? `Lifetime value: ${v.lifetime} (so far ${v.historical} + expected ${v.predicted}; ${v.orders} orders, average ${v.average})` : "Lifetime value: —",
    orders: (list: string | null) => `Orders: ${list ?? "none"}`,
    orderButton: (id: number) => `Order #${id}`,
  },
  top: {
    none: "No orders yet, so no lifetime values.",
    customer: (id: number) => `customer ${id}`,
    heading: (n: number, retention: string, lifetime: string) => `Top ${n} customers by expected future value (annual retention ${retention}%, expected lifetime ${lifetime} years):`,
    line: (c: { rank: number; id: number; who: string; predicted: string; lifetime: string; historical: string; orders: number; average: string; active: string }) =>
      `${c.rank}. #${c.id} ${c.who} — expected ${c.predicted} more, lifetime ${c.lifetime} (spent ${c.historical} in ${count(c.orders, "order", "orders")}, average ${c.average}; ${c.active}% likely still active)`,
    button: (id: number) => `Customer #${id}`,
  },
  hot: {
    none: "No customer has been active in the last 90 days, so there is no one to score yet.",
    noContact: "no contact details",
    noName: "(no name)",
    reasonSeparator: "; ",
    basis: (prior: boolean): string => (prior ? "prior model: too little history yet" : "trained on this shop's history"),
    heading: (n: number, basis: string) => `The ${n} ${word(n, "customer", "customers")} most likely to order within 14 days (${basis}):`,
    button: (id: number) => `Customer #${id}`,
  },
  segmentNames: {
    champions: { label: "Champions", advice: "Reward them; ask for reviews and referrals." },
    loyal: { label: "Loyal", advice: "Offer new arrivals and bundles." },
    promising: { label: "Promising", advice: "Nudge a second and third order." },
    new: { label: "New", advice: "Welcome them and help with the first repeat order." },
    needs_attention: { label: "Needs attention", advice: "Send a personal message with a relevant offer." },
    at_risk: { label: "At risk", advice: "They used to buy a lot: win them back now." },
    hibernating: { label: "Hibernating", advice: "A seasonal reminder may wake them." },
    lost: { label: "Lost", advice: "Low priority; include in broad campaigns only." },
  } satisfies Record<SegmentKey, { label: string; advice: string }>,
  stages: {
    visitor: "Visitors",
    engaged: "Engaged",
    lead: "Leads",
    cart: "Carts",
    ordered: "Ordered",
    paid: "Paid",
    repeat: "Repeat buyers",
  } satisfies Record<FunnelStage, string>,
  /** Why a lead scores as it does, one sentence per reason (see core/analytics/leads/score-lead.ts). */
  leadReasons: {
    recency: (f) =>
      f.orderCount === 0
        ? `No order yet, first contact ${count(f.tenureDays, "day", "days")} ago`
        : // With a usual pace to compare against, say it: "32 days ago" raises the chance of someone who
          // orders every fortnight and lowers it for someone who ordered daily.
          f.distinctOrderDays >= 2
          ? `Last order ${count(f.daysSinceLastOrder, "day", "days")} ago, usually every ${f.meanDaysBetweenOrders === 1 ? "day" : `${f.meanDaysBetweenOrders} days`}`
          : `Last order ${count(f.daysSinceLastOrder, "day", "days")} ago`,
    frequency: (f): string => (f.orderCount === 0 ? "No orders yet" : `${count(f.orderCount, "order", "orders")} so far`),
    recentActivity: (f) => `${count(f.ordersLast90Days, "order", "orders")} in the last 90 days`,
    spend: (f, money) => `Spent ${money(f.revenueMinor)} in total`,
    breadth: (f) => `Bought ${count(f.distinctProducts, "different product", "different products")}`,
    tenure: (f) => `Known for ${count(f.tenureDays, "day", "days")}`,
    season: (f): string => (f.activeSameSeasonLastYear > 0 ? "Ordered around this time last year" : "No order around this time last year"),
    trending: (f): string => (f.trendingProducts > 0 ? "Buys products that are selling well now" : "Buys products that are not selling now"),
    messages: (f) => `${count(f.messagesLast14Days, "message", "messages")} in the last 14 days`,
    questions: (f) => `${count(f.questionsLast14Days, "product question", "product questions")} in the last 14 days`,
    views: (f) => `Viewed ${count(f.productViewsLast14Days, "product", "products")} in the last 14 days`,
    cart: (f) => `${count(f.cartAddsLast14Days, "cart add", "cart adds")} in the last 14 days${f.openCart ? ", cart not checked out" : ""}`,
    lastContact: (f) => `Last message or visit ${count(f.daysSinceLastEvent, "day", "days")} ago`,
  } satisfies Record<LeadReasonKey, ReasonText>,
  leadReasonEffect: (fact: string, direction: LeadScoreReason["direction"]) => `${fact} (${direction === "raises" ? "raises" : "lowers"} the chance)`,
};

/** Every analytics text; Chinese must have each English key. */
export type DigestMessages = typeof en;

const zh: DigestMessages = {
  digest: {
    title: (d) => `每日简报 — ${d}`,
    yesterday: "昨日",
    revenueLine: (rev, n) => `营业额 ${rev}，共 ${n} 笔订单。`,
    forecastWas: (e, lo, hi) => `预测为 ${e}（80% 区间 ${lo}–${hi}）。`,
    above: "⚠ 高于预测区间。",
    below: "⚠ 低于预测区间。",
    within: "在预测区间内。",
    noForecast: "暂无预测（历史数据不足）。",
    next7: "未来 7 天",
    total: (e, lo, hi, orders) => `预计 ${e}（80%：${lo}–${hi}），约 ${orders} 笔订单。`,
    lowConfidence: "置信度低：历史不足 14 天，按上周情况估计。",
    funnel: "转化漏斗（截至昨日的 7 天）",
    bottleneck: (from, to, rate, trailing) => `瓶颈：${from} → ${to} 转化率 ${rate}，近四周为 ${trailing}。`,
    noBottleneck: "各环节转化率均未低于近四周水平。",
    leads: "潜在客户",
    newLeads: (n) => `昨日新增线索 ${n} 个`,
    hot: "最有可能下单的客户（14 天内下单概率）：",
    none: "无",
    stock: "补货",
    restockButton: (sku) => `补货 ${sku}`,
    best: (days) => `畅销商品（截至昨日的 ${days} 天）`,
    followUps: (f) => `跟进提醒（截至昨日的 7 天）：提醒未确认订单 ${f.carts} 次，其后下单 ${f.cartsOrdered} 次；提醒未付款订单 ${f.unpaidOrders} 个，其后已付款 ${f.unpaidOrdersPaid} 个。`,
    cover: (d) => (d === null ? "近期无销量" : `可售约 ${d < 1 ? "<1" : Math.round(d)} 天`),
    campaignsEnded: "昨天完成统计的营销活动（统计期结束；相对对照组的提升）：",
    campaignEnded: (c) => `• #${c.id} ${c.name}：已发送 ${c.sent}，${c.ordered} 人下单，${c.revenue}；${c.uplift === null ? "无对照组，未衡量提升" : `提升 ${c.uplift} 个百分点${c.interval ? `（95%：${c.interval}）` : ""}`}`,
    bestNone: "近四周没有销售。",
    chart: { actual: "实际", forecast: "预测", interval: "80% 区间", revenue: "营业额", funnel: "转化漏斗（截至昨日的 7 天）", people: "人数" },
  },
  forecast: {
    header: (days, revenue, orders) => `未来 ${days} 天预测：营业额 ${revenue.expected}（80%：${revenue.low}–${revenue.high}），约 ${orders} 笔订单。`,
    lowConfidence: "置信度低：历史不足 14 天。",
    history: (days) => `基于 ${days} 天历史。`,
    day: (date, revenue, orders) => `${date}: ${revenue.expected} (${revenue.low}–${revenue.high}), ${orders} 单`,
  },
  sales: {
    period: (period, span) => ({ today: `今天（${span}，截至目前）`, yesterday: `昨天（${span}）`, 7: `最近 7 天（${span}）`, 30: `最近 30 天（${span}）`, 90: `最近 90 天（${span}）` })[period],
    before: (period) => ({ today: "昨天同一时间", yesterday: "前一天", 7: "之前 7 天", 30: "之前 30 天", 90: "之前 90 天" })[period],
    current: (label, revenue, orders, average) => `${label}：${orders} 笔订单，营业额 ${revenue}，客单价 ${average}。`,
    previous: (label, revenue, orders) => `${label}：${orders} 笔，${revenue}。`,
    nothingSold: "这段时间还没有卖出商品。",
    bestSellers: "畅销：",
  },
  funnel: {
    heading: "转化漏斗，近 7 天（括号内为与前 7 天相比）：",
    before: "上期",
    now: "当前",
    bottleneck: (from, to, rate, trailing) => `瓶颈：${from} → ${to}，${rate}，近四周 ${trailing}。`,
    noBottleneck: "没有明显瓶颈。",
  },
  segments: {
    none: "还没有订单，无法分群。",
    heading: (k, silhouette) => `客户分群（RFM，k=${k}，轮廓系数 ${silhouette}）：`,
    line: (s) => `• ${s.label} — ${s.size} 人; 最近购买 ${s.recencyDays} 天前, ${s.orders} 单, ${s.spend}. ${s.advice}`,
  },
  customer: {
    notFound: (id) => `没有客户 #${id}。`,
    title: (id, name, locale) => `客户 #${id}: ${name} (${locale})`,
    noName: "(no name)",
    contact: (contact, stage) => `联系方式: ${contact ?? "无"} · 阶段 ${stage}`,
    address: (address) => `地址: ${address}`,
    marketing: (given, since) => `营销消息: ${given ? "接收" : "不接收"}${since ? ` (自 ${since})` : " (未表态)"}`,
    chance: (percent, prior) => `14 天内下单概率: ${percent}% (${prior ? "先验模型" : "基于本店历史训练"})`,
    noScore: "暂无评分。",
    segment: (text) => `分群: ${text}`,
    lifetime: (v) => (v ? `客户终身价值: ${v.lifetime} (历史 ${v.historical} + 预计 ${v.predicted}; ${v.orders} 单, 客单价 ${v.average})` : "客户终身价值: —"),
    orders: (list) => `订单: ${list ?? "无"}`,
    orderButton: (id) => `订单 #${id}`,
  },
  top: {
    none: "还没有订单，无法计算客户价值。",
    customer: (id) => `客户 ${id}`,
    heading: (n, retention, lifetime) => `最值得维护的 ${n} 位客户（按预计未来价值；年留存率 ${retention}%，预计客户寿命 ${lifetime} 年）：`,
    line: (c) => `${c.rank}. #${c.id} ${c.who} — 预计未来 ${c.predicted}，终身价值 ${c.lifetime}（已消费 ${c.historical}，${c.orders} 单，客单价 ${c.average}，仍活跃概率 ${c.active}%）`,
    button: (id) => `客户 #${id}`,
  },
  hot: {
    none: "最近 90 天没有活跃的客户，暂时没有可评分的对象。",
    noContact: "无联系方式",
    noName: "（无名）",
    reasonSeparator: "；",
    basis: (prior) => (prior ? "先验模型：本店历史还不够" : "基于本店历史训练"),
    heading: (n, basis) => `14 天内最可能下单的 ${n} 位客户（${basis}）：`,
    button: (id) => `客户 #${id}`,
  },
  segmentNames: {
    champions: { label: "核心客户", advice: "给予回馈，邀请评价和推荐。" },
    loyal: { label: "忠实客户", advice: "推荐新品和组合。" },
    promising: { label: "潜力客户", advice: "促成第二、第三单。" },
    new: { label: "新客户", advice: "欢迎并引导首次复购。" },
    needs_attention: { label: "需要关注", advice: "发一条带相关优惠的私信。" },
    at_risk: { label: "流失风险", advice: "曾经购买很多，尽快挽回。" },
    hibernating: { label: "沉睡客户", advice: "季节性提醒也许能唤醒。" },
    lost: { label: "已流失", advice: "优先级低，仅纳入大范围活动。" },
  },
  stages: { visitor: "访客", engaged: "互动", lead: "线索", cart: "加购", ordered: "下单", paid: "付款", repeat: "复购" },
  leadReasons: {
    recency: (f) =>
      f.orderCount === 0
        ? `尚未下单，首次接触在${f.tenureDays}天前`
        : f.distinctOrderDays >= 2
          ? `上次下单在${f.daysSinceLastOrder}天前，平均每${f.meanDaysBetweenOrders}天一单`
          : `上次下单在${f.daysSinceLastOrder}天前`,
    frequency: (f) => (f.orderCount === 0 ? "尚未下单" : `累计下单${f.orderCount}次`),
    recentActivity: (f) => `近90天下单${f.ordersLast90Days}次`,
    spend: (f, money) => `累计消费${money(f.revenueMinor)}`,
    breadth: (f) => `买过${f.distinctProducts}种商品`,
    tenure: (f) => `已认识${f.tenureDays}天`,
    season: (f) => (f.activeSameSeasonLastYear > 0 ? "去年同期下过单" : "去年同期没有下单"),
    trending: (f) => (f.trendingProducts > 0 ? "常买的商品近期热销" : "常买的商品近期没有销量"),
    messages: (f) => `近14天发来${f.messagesLast14Days}条消息`,
    questions: (f) => `近14天咨询商品${f.questionsLast14Days}次`,
    views: (f) => `近14天浏览了${f.productViewsLast14Days}件商品`,
    cart: (f) => `近14天加购${f.cartAddsLast14Days}次${f.openCart ? "，购物车未结算" : ""}`,
    lastContact: (f) => `最近一次互动在${f.daysSinceLastEvent}天前`,
  },
  leadReasonEffect: (fact, direction) => `${fact}（${direction === "raises" ? "提高" : "降低"}成交可能）`,
};

const DIGEST_MESSAGES: Record<TLocale, DigestMessages> = { en, zh };

/** The analytics texts in the owner's language (OWNER_LOCALE). */
export function digestMessagesFor(locale: TLocale): DigestMessages {
  return DIGEST_MESSAGES[locale];
}

/** One lead-score reason as a sentence with its effect: "2 cart adds in the last 14 days (raises the chance)". */
export function describeLeadReason(t: DigestMessages, reason: Pick<LeadScoreReason, "key" | "direction" | "facts">, money: (minor: number) => string): string {
  return t.leadReasonEffect(t.leadReasons[reason.key](reason.facts, money), reason.direction);
}

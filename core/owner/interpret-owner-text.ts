/**
 * Turns what the owner writes to the bot in plain English or Chinese ("mark order 12 as shipped",
 * "订单12已发货", "how are the leads?") into an owner command. A typed command ("orders paid")
 * is taken as it is; a few word rules come first (sales, refunds, tracking, the inbox…); anything
 * else goes through the owner intent set (prompts/intents/owner/), and the registered command that
 * lists the predicted intent fills its own arguments from the words (`fromWords` in its file). When
 * something is missing the answer says what to type instead of guessing, in the owner's language.
 *
 * Channel-neutral: the Slack adapter (mentions and direct messages) and the local owner console
 * both answer plain words through it.
 */
import { asksForLapsedCustomers, readAudienceWords } from "../audiences/read-audience-words.ts";
import { listMatchableProducts } from "../catalog/catalog-queries.ts";
import { closestMatches, matchProducts, searchProducts } from "../catalog/match-products.ts";
import type { Db } from "../db.ts";
import { containsChinese, normalizeText } from "../nlu/normalize-text.ts";
import { OUT_OF_SCOPE, type IntentClassifier } from "../nlu/types.ts";
import { ownerMessagesFor, type OwnerMessages } from "../i18n/owner.ts";
import type { TLocale } from "../messages.ts";
import type { AnyOwnerCommand, OwnerWords } from "./commands/define-command.ts";
import { OWNER_COMMANDS } from "./commands/index.ts";
import { mentionsOrderStatus } from "./commands/order.ts";
import { readMarketingWords } from "./read-marketing-words.ts";
import { checkOwnerCommand, OWNER_VERBS, parseOwnerCommand, ZTrackingRef, type TOwnerCommand, type TSalesPeriod } from "./parse-owner-command.ts";

export type TOwnerInterpretation = { kind: "command"; command: TOwnerCommand; intent: string } | { kind: "clarify"; text: string };

const MIN_CONFIDENCE = 0.4;
const REGISTRY: readonly AnyOwnerCommand[] = OWNER_COMMANDS;


/** Asks about what has sold ("what sold best this week?", "how many orders today?", "今天卖了多少"). */
const SALES_WORDS = /\b(sold|sell(s|ing)?|sales|revenue|takings|turnover|earn(ed|ings)?|make|made|how many orders|best[- ]?sell(ers?|ing)?)\b|卖了|卖得|销量|销售额|营业额|收入|赚了|多少单|几单|几个订单|多少订单/u;
/** The digest's other contents: a question naming them wants the digest, not the sales alone. */
const DIGEST_WORDS = /\b(digest|summary|summari[sz]e|report|recap|overview|briefing|leads?|chats?|funnel|highlights)\b|摘要|总结|报告|概览|线索|聊天|日报|周报/u;
/** Customers slipping away ("who hasn't ordered in a while?", "流失的客户"): the segments, with the at-risk and lost ones. */
const LAPSED_WORDS = /\b(haven'?t|have not|hasn'?t|not) (ordered|bought|been back|come back)|\b(lapsed|at[- ]risk|churn(ed|ing)?|lost customers|inactive customers|dormant)\b|好久没|很久没|流失|沉睡客户/u;
/** "How many new customers today?", "新客户": the newest leads. */
const NEW_CUSTOMER_WORDS = /\bnew (customers?|leads?|people|contacts?)\b|新客户|新顾客|新线索/u;
/** Asks whom to contact ("who should I follow up with?", "hot leads", "该跟进谁"): the hot leads. */
const FOLLOW_UP_WORDS = /\b(follow[- ]?(up|ups)|hot(test)? (leads?|customers?)|warm(est)? leads?|likel(y|iest) to (buy|order)|most likely (to )?(buy|order)|who (should|do|could) (i|we) (contact|call|message|email|text|reach out to|chase)|reach out to)\b|跟进|最可能下单|可能下单|热门线索|高意向|该联系谁|联系谁/u;
/** Asks about the shop's own settings ("what's my delivery fee?", "运费是多少"): `settings`. */
const SETTINGS_WORDS = /\b(settings?|config(uration)?|(delivery|shipping|postage) (fee|charge|cost|price)s?|free (delivery|shipping)|payment (details|instructions|text)|shipping (info|text|policy)|time ?zone|service level)\b|设置|配置|运费|邮费|包邮|免运费|收款方式|付款说明|时区|服务水平/u;
/**
 * "What should I reorder?", "which products will run out soon?", "该补什么货": the stock plan (a
 * product named, "when will the lavender candle run out?": its own plan). Low stock by itself ("what's
 * running low?") stays the stock list.
 */
const REORDER_WORDS = /\b(what|which)\b[^.?!]{0,40}\b(re-?order|restock|replenish)(ing|ed)?\b|\b(re-?order|restock(ing)?|replenishment|purchase|purchasing) (plan|list|report|suggestions?)\b|\bstock plan\b|\bneeds? (re-?order(ing)?|restocking)\b|\b(run|running|runs) out (soon|this week|next week)\b|\bwill (it |we |they |the [^.?!]{1,40} )?run out\b|\bhow (much|many)[^.?!]{0,40} should (i|we) (re-?)?order\b|\bwhat (should|do|must) (i|we) order\b|该补什么货|补什么货|需要补货|要补货|补货计划|补货建议|进货计划|该进什么货|要进什么货|订什么货|该订货|需要订货|要订货|补货清单|什么时候卖完|多久卖完|会卖完/u;
/** "Is anyone waiting for me?", "收件箱": the conversations handed to the owner. */
const INBOX_WORDS = /\b(inbox|handoffs?|(anyone|anybody|someone|customers?) (waiting|asking for me)|who(?:'s| is) waiting|waiting for (me|a reply|an answer|a person)|need(?:s)? (me|a person|a human))\b|收件箱|待回复|等我回复|有人找我|等待人工|谁在等/u;
/** A refund given back ("order 12 refunded", "订单12已退款"): recorded, not a cancellation. */
const REFUNDED = /\brefunded\b|已退款|退款完成|已经退款|退好了/u;
/** "Which refunds are owed?", "待退款": the refunds list. */
const REFUNDS_OWED = /\brefunds?\b.{0,20}\b(owed|due|outstanding|pending|to (do|make|send|give))\b|\b(owe|owing)\b.{0,30}\brefunds?\b|\bwhich refunds\b|\blist (of )?refunds\b|待退款|要退款的|欠.{0,6}退款|退款清单|还没退款/u;
const SOLD_OUT = /\bsold out\b|out of stock|卖完|卖光|缺货|售罄/u;
const SALES_PERIOD_WORDS: [RegExp, TSalesPeriod][] = [
  [/\byesterday\b|昨天|昨日/u, "yesterday"],
  [/\b(month|30 days)\b|本月|这个月|这月|近30天|最近30天|一个月/u, 30],
  [/\b(week|7 days)\b|本周|这周|这个星期|这星期|近7天|最近7天|一周/u, 7],
  [/\btoday\b|今天|今日/u, "today"],
];

/**
 * A question back in the owner's language; an English-speaking owner who wrote in Chinese gets it
 * in both (the Chinese first).
 */
function say(locale: TLocale, chinese: boolean, text: (t: OwnerMessages["clarify"]) => string): TOwnerInterpretation {
  const zh = text(ownerMessagesFor("zh").clarify);
  if (locale === "zh") return { kind: "clarify", text: zh };
  const en = text(ownerMessagesFor("en").clarify);
  return { kind: "clarify", text: chinese ? `${zh}\n${en}` : en };
}


/**
 * A tracking number or link the owner gives, in English or Chinese: group 1 the order when said
 * after it ("tracking for order 12 is …"), group 2 the tracking itself (the rest of the text).
 */
const TRACKING = /(?:\btracking(?:\s+(?:number|no\.?|code|link|id|#))?(?:\s+(?:for|of|on)\s+(?:order\s+)?#?(\d{1,9}))?|快递单号|运单号|物流单号)\s*(?:is\b|[:：=])?\s*(\S.*)$/iu;

function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![\w-])#?(\d{1,9})(?![\w-])/g)].map((m) => Number(m[1]));
}

/** A product named in the text: an exact SKU, else the single best catalog match, else the one product of a kind named. */
async function findProductSku(db: Db, text: string): Promise<string | null> {
  const products = await listMatchableProducts(db);
  const sku = /\b([a-z]{2,10}-\d{1,6})\b/i.exec(text)?.[1];
  if (sku) {
    const exact = products.find((p) => p.sku.toLowerCase() === sku.toLowerCase());
    if (exact) return exact.sku;
  }
  const closest = closestMatches(matchProducts(text, products, { minScore: 0.6 }));
  const best = closest[0];
  if (closest.length > 1) return null;
  if (best) return products.find((p) => p.id === best.productId)?.sku ?? null;
  // "Add 10 mugs": the one product of the kind named.
  const ofKind = searchProducts(text, products, { exact: true });
  return ofKind.length === 1 ? (products.find((p) => p.id === ofKind[0])?.sku ?? null) : null;
}

export async function interpretOwnerText(deps: { db: Db; classifier: IntentClassifier; locale?: TLocale }, input: string): Promise<TOwnerInterpretation> {
  const text = input.trim();
  const chinese = containsChinese(text);
  const locale = deps.locale ?? "en";
  const verb = text.replace(/^\//, "").split(/\s+/)[0]?.toLowerCase() ?? "";
  if (OWNER_VERBS.has(verb)) {
    const parsed = parseOwnerCommand(text, locale);
    if (parsed.ok) return { kind: "command", command: parsed.value, intent: "command" };
  }
  if (!text) return { kind: "command", command: { command: "help" }, intent: "help" };

  const normalized = normalizeText(text);
  // "Send campaign 3", "暂停自动化2", "how are my campaigns doing?": naming a campaign or an automation says which command.
  const marketing = readMarketingWords(normalized, numbersIn(normalized));
  if (marketing) return marketing.kind === "command" ? { kind: "command", command: marketing.command, intent: "marketing" } : say(locale, chinese, marketing.text);
  // "今天卖了多少？", "how much did we make this week?": a sales word and a period say it, whatever the model thinks.
  const asksSales = SALES_WORDS.test(normalized) && !SOLD_OUT.test(normalized) && !DIGEST_WORDS.test(normalized);
  const salesPeriod = asksSales ? SALES_PERIOD_WORDS.find(([pattern]) => pattern.test(normalized))?.[1] : undefined;
  if (salesPeriod !== undefined) return { kind: "command", command: { command: "sales", period: salesPeriod }, intent: "sales" };
  // "Who hasn't ordered in two months?", "两个月没下单的客户": the people themselves (an audience), not the segments' counts.
  if (asksForLapsedCustomers(normalized)) {
    const audience = await readAudienceWords({ normalized, productSku: () => findProductSku(deps.db, text) });
    if (audience) return { kind: "command", command: { command: "audience", audience }, intent: "audience" };
  }
  if (LAPSED_WORDS.test(normalized)) return { kind: "command", command: { command: "segments" }, intent: "segments" };
  if (NEW_CUSTOMER_WORDS.test(normalized) && !SALES_WORDS.test(normalized)) return { kind: "command", command: { command: "leads", all: false }, intent: "list_leads" };
  if (REFUNDS_OWED.test(normalized) && numbersIn(normalized).length === 0) return { kind: "command", command: { command: "refunds" }, intent: "refunds" };
  if (REFUNDED.test(normalized)) {
    const ids = numbersIn(normalized);
    if (ids.length === 1) return { kind: "command", command: { command: "refund", orderId: ids[0]! }, intent: "refund" };
    return say(locale, chinese, (t) => t.whichRefunded);
  }
  // "Order 12 shipped, tracking RM123456789GB", "订单12已发货，快递单号SF1234567890": the tracking
  // number is taken from the text as written (its case matters), the order number from the rest.
  const tracking = TRACKING.exec(text);
  const trackingRef = ZTrackingRef.safeParse(tracking?.[2]?.replace(/[.。\s]+$/u, ""));
  if (tracking && trackingRef.success) {
    const before = normalizeText(text.slice(0, tracking.index));
    const ids = tracking[1] ? [Number(tracking[1])] : numbersIn(before);
    if (ids.length !== 1) return say(locale, chinese, (t) => t.whichTracking);
    const shipped = mentionsOrderStatus(before, "shipped");
    const command: TOwnerCommand = shipped ? { command: "order", orderId: ids[0]!, to: "shipped", trackingRef: trackingRef.data } : { command: "tracking", orderId: ids[0]!, trackingRef: trackingRef.data };
    return { kind: "command", command, intent: "update_order" };
  }
  if (INBOX_WORDS.test(normalized) && numbersIn(normalized).length === 0) return { kind: "command", command: { command: "inbox" }, intent: "inbox" };
  if (REORDER_WORDS.test(normalized) && numbersIn(normalized).length === 0) {
    const sku = await findProductSku(deps.db, text);
    return { kind: "command", command: sku ? { command: "stockPlan", sku } : { command: "stockPlan" }, intent: "stock_plan" };
  }
  if (SETTINGS_WORDS.test(normalized) && numbersIn(normalized).length === 0) return { kind: "command", command: { command: "settings" }, intent: "settings" };
  if (FOLLOW_UP_WORDS.test(normalized)) {
    const limit = numbersIn(normalized).find((n) => n >= 1 && n <= 50);
    return { kind: "command", command: { command: "hotLeads", limit: limit ?? 10 }, intent: "hot_leads" };
  }
  const prediction = deps.classifier.predict(text);
  if (prediction.intent === OUT_OF_SCOPE || prediction.confidence < MIN_CONFIDENCE) {
    return say(locale, chinese, (t) => t.notSure);
  }
  const numbers = numbersIn(normalized);
  // Every command built from words is checked against its schema in the registry, as a typed one is.
  const command = (value: TOwnerCommand): TOwnerInterpretation => {
    const { command: verb, ...args } = value;
    const checked = checkOwnerCommand(verb, args);
    return checked ? { kind: "command", command: checked, intent: prediction.intent } : say(locale, chinese, (t) => t.notSure);
  };

  // "What are the sales like?" read as the digest: today's sales (the model has no intent of its own for them).
  if (asksSales && prediction.intent === "digest") return command({ command: "sales", period: "today" });
  // The command that says it knows this intent fills its own arguments from the words (the registry decides).
  const named = REGISTRY.find((c) => c.intents?.includes(prediction.intent));
  if (!named) return say(locale, chinese, (t) => t.notSure);
  let sku: Promise<string | null> | undefined;
  const words: OwnerWords = { text, normalized, numbers, intent: prediction.intent, productSku: () => (sku ??= findProductSku(deps.db, text)) };
  const read = named.fromWords ? await named.fromWords(words) : { ok: true as const, args: {} };
  if (!read.ok) return say(locale, chinese, read.ask);
  const checked = checkOwnerCommand(named.verb, read.args);
  return checked ? { kind: "command", command: checked, intent: prediction.intent } : say(locale, chinese, (t) => t.notSure);
}

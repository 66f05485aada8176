/**
 * An audience asked for in plain words ("Who hasn't ordered in two months?", "两个月没下单的客户",
 * "customers who bought the jasmine tea in the last 30 days", "说中文的客户") written as a
 * definition (`no-order=60d`, `bought=TEA-001 within=30d`, `lang=zh`), for the owner's plain-words
 * interpreter. Pure but for the product lookup it is given. A month is 30 days, a year 365.
 */
import { parseChineseNumeral } from "../nlu/extract-entities.ts";

const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  "a couple of": 2, "couple of": 2, "a few": 3, few: 3, several: 3,
};
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, fortnight: 14, month: 30, year: 365, 天: 1, 日: 1, 周: 7, 星期: 7, 礼拜: 7, 月: 30, 年: 365 };

const EN_DURATION = /\b(half an? |\d{1,4} ?|(?:a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) )(day|week|fortnight|month|year)s?\b/u;
const ZH_DURATION = /(半|\d{1,4}|[一二两三四五六七八九十]{1,3})\s*个?\s*(天|日|周|星期|礼拜|月|年)/u;

/** "two months" → 60, "6 weeks" → 42, "半年" → 180, "三十天" → 30; null when the words name no length of time. */
export function readDurationDays(normalized: string): number | null {
  const en = EN_DURATION.exec(normalized);
  if (en) {
    const unit = UNIT_DAYS[en[2]!]!;
    const amount = en[1]!.trim();
    if (amount.startsWith("half")) return Math.round(unit / 2) || null;
    const count = /^\d+$/.test(amount) ? Number(amount) : EN_NUMBERS[amount];
    return count ? count * unit : null;
  }
  const zh = ZH_DURATION.exec(normalized);
  if (zh) {
    const unit = UNIT_DAYS[zh[2]!]!;
    if (zh[1] === "半") return unit >= 30 ? Math.round(unit / 2) : null;
    const count = /^\d+$/.test(zh[1]!) ? Number(zh[1]) : parseChineseNumeral(zh[1]!);
    return count ? count * unit : null;
  }
  return null;
}

/** Has not ordered: "hasn't ordered", "no orders", "not bought anything", "没下单", "没有买", "未购买". */
const NO_ORDER = /\b(haven['’]?t|have not|hasn['’]?t|has not|not|no|didn['’]?t|did not|without( an?)?|stopped)\s+(been\s+)?(ordered|ordering|bought|buying|purchased|order(s|ed)?|purchases?|shopped|come back|been back|anything)\b|没(有)?(再)?(下单|下过单|下订单|订购|订货|买|购买|消费|来)|未(下单|购买|消费)/u;
/** Bought something (not negated): "who bought", "customers who ordered the mug", "买过", "购买过". */
const BOUGHT = /\b(bought|purchased|ordered)\b|买过|购买过|买了|订过/u;
const NEVER_BOUGHT = /\bnever (bought|ordered|purchased)\b|从(来)?没(有)?(买|购买|订)过?/u;
const OPTED_IN = /\b(opted[- ]?in|subscribed|subscribers|consent(ed)?|agreed to (marketing|messages|promotions))\b|同意(接收)?(营销|推送|推广|消息)|订阅/u;
const CHINESE = /\b(chinese[- ]speaking|speak(s)? chinese|in chinese)\b|说中文|讲中文|中文客户|用中文/u;
const ENGLISH = /\b(english[- ]speaking|speak(s)? english|in english)\b|说英文|讲英文|英文客户|说英语|用英文/u;
const SPENT = /\bspent (?:more than|over|above|at least) [£$€¥]?(\d[\d,]*(?:\.\d+)?)|消费(?:超过|多于|高于|至少)\s*[£$€¥]?(\d[\d,]*(?:\.\d+)?)/u;

/** True for "who hasn't ordered in two months?" and "两个月没下单的客户": a lapse with a length of time. */
export function asksForLapsedCustomers(normalized: string): boolean {
  return NO_ORDER.test(normalized) && !BOUGHT.test(normalized.replace(NO_ORDER, " ")) && readDurationDays(normalized) !== null;
}

/**
 * The definition the words ask for, its terms joined by `and`; null when they name none. `productSku`
 * finds the product the words name (an exact SKU, else the one best catalog match).
 */
export async function readAudienceWords(words: { normalized: string; productSku(): Promise<string | null> }): Promise<string | null> {
  const { normalized } = words;
  const terms: string[] = [];
  const days = readDurationDays(normalized);
  if (NEVER_BOUGHT.test(normalized)) {
    const sku = await words.productSku();
    if (sku) terms.push(`not bought=${sku}`);
  } else if (NO_ORDER.test(normalized)) {
    if (days !== null) terms.push(`no-order=${days}d`);
  } else if (BOUGHT.test(normalized)) {
    const sku = await words.productSku();
    if (sku) terms.push(`bought=${sku}${days !== null ? ` within=${days}d` : ""}`);
  }
  if (OPTED_IN.test(normalized)) terms.push("opted-in");
  if (CHINESE.test(normalized)) terms.push("lang=zh");
  else if (ENGLISH.test(normalized)) terms.push("lang=en");
  const spent = SPENT.exec(normalized);
  if (spent) terms.push(`spent>${(spent[1] ?? spent[2])!.replace(/,/g, "")}`);
  return terms.length > 0 ? terms.join(" and ") : null;
}

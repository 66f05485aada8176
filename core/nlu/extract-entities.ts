/**
 * Entities the dialogue needs from a customer's text: a quantity, an email, a phone number
 * (normalised to E.164 with libphonenumber-js), an order number, a position in the list just shown
 * ("the second one", "第二个") and a price limit ("under £20", "20镑以下", "the cheapest"). Product
 * mentions are linked to the catalog separately (core/catalog/match-products.ts) because that needs
 * the catalog. Positions and prices are taken out of the text before the quantity is looked for:
 * "the second one" is not two of anything, and "candles under £20" is not twenty candles.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { normalizeText } from "./normalize-text.ts";

export interface Entities {
  /** A whole number the customer asked for; may be out of range (0, -1, 10^9): the caller validates. */
  quantity?: number;
  email?: string;
  /** Something that looked like an email but is not a valid one. */
  invalidEmail?: string;
  /** E.164, e.g. +447911123456. */
  phone?: string;
  /** Digits that looked like a phone number but are not a valid one. */
  invalidPhone?: string;
  orderId?: number;
  /**
   * A position in the list the customer was just shown: 1-based, −1 for "the last one". `alone`
   * when the message says nothing else ("the second one", "第二个", "number 3"): a pick, not a
   * question about it.
   */
  ordinal?: { position: number; alone: boolean };
  /**
   * A price the customer set, as typed ("20", "12.50"), in the shop's currency (turn into minor
   * units with parseMoney): `atMost` from "under £20", "20镑以下"; `atLeast` from "over £20",
   * "20元以上"; `order` from "the cheapest" / "便宜" (lowest first), "cheaper" (below the product
   * just discussed) and "the most expensive" (highest first).
   */
  price?: {
    atMost?: string;
    atLeast?: string;
    order?: "lowest" | "cheaper" | "highest";
    /** The currency the customer named with the amount (ISO 4217; "¥" when it could be yuan or yen). */
    currency?: string;
  };
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1, a: 1, an: 1, single: 1, two: 2, couple: 2, pair: 2, three: 3, few: 3, four: 4, five: 5, six: 6,
  seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12, fifteen: 15, twenty: 20,
};
const ONE_AS_NUMBER_AFTER = new Set(["just", "only", "want", "take", "buy", "order", "get", "need", "like", "ll", "me", "us", "add", "make", "it", "have"]);
/** Ordering verbs after which "a"/"an" is a quantity of one. */
const A_AS_ONE_AFTER = new Set(["want", "take", "buy", "order", "get", "need", "add", "like"]);
const CHINESE_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_MEASURE = "个件只盒本支条包瓶罐双套杯张把份袋";

/** Parses "三", "十二", "二十五" into a number; null if it is not a Chinese numeral. */
export function parseChineseNumeral(text: string): number | null {
  if (!text) return null;
  if (text === "十") return 10;
  const tenIndex = text.indexOf("十");
  if (tenIndex >= 0) {
    const tens = tenIndex === 0 ? 1 : CHINESE_DIGITS[text.slice(0, tenIndex)];
    const unitsText = text.slice(tenIndex + 1);
    const units = unitsText === "" ? 0 : CHINESE_DIGITS[unitsText];
    if (tens === undefined || units === undefined) return null;
    return tens * 10 + units;
  }
  const value = CHINESE_DIGITS[text];
  return value ?? null;
}

const ZEmail = z.email();
const EMAIL_LIKE = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]*/;
// "order 12" is an order number, but "order 3 canvas bags" is a quantity: a plain "order N"
// followed by another word (other than a few verbs) is left for the quantity.
const ORDER_REF = /(?:#\s?(\d{1,9})\b|\border\s*(?:no\.?|number|num|#|id)\s*(\d{1,9})\b|\border\s+(\d{1,9})\b(?!\s*(?:x\b|×)|\s+(?!is\b|was\b|has\b|status\b|please\b|now\b)\p{L})|订单(?:号)?\s*#?\s*(\d{1,9}))/iu;

// "Big enough for 4 people", "within 3 days", "够4个人用吗": a number of people, a time or a measure,
// not how many to buy.
const NOT_A_COUNT = /^\s*(?:people|persons?|guests?|adults?|kids|children|years?|yrs?|days?|weeks?|months?|hours?|hrs?|minutes?|mins?|cm|mm|ml|kg|g\b|oz|inch(?:es)?|%|个?人|位|岁|天|周|个月|小时|分钟|厘米|毫米|毫升|克|公斤)/iu;

function extractQuantity(text: string): number | undefined {
  // A number with a unit of items ("2 pcs", "3罐") counts whatever follows; a bare one unless people, a time or a measure follows.
  const digitQuantity = [...text.matchAll(/(?:^|[^\w.#+-])(-?\d+(?:\.\d+)?(?:e\d+)?)\s*(x\b|×|pcs\b|pieces?\b|units?\b|[个件只盒本支条包瓶罐双套杯张把份袋](?![人位月]))?/giu)]
    .find((m) => m[2] !== undefined || !NOT_A_COUNT.test(text.slice(m.index + m[0].length)))
    ?? /\bx\s?(\d+)\b/i.exec(text);
  if (digitQuantity?.[1] !== undefined) {
    const value = Number(digitQuantity[1]);
    // "2.5 mugs" is returned as it is: the order step asks for a whole number instead of taking 2.
    if (Number.isFinite(value)) return value;
  }
  const chinese = new RegExp(`([零一二两俩三四五六七八九十]{1,3})[${CHINESE_MEASURE}](?![人位月])`).exec(text)
    ?? /^([零一二两俩三四五六七八九十]{1,3})$/.exec(text.trim());
  if (chinese?.[1]) {
    const value = parseChineseNumeral(chinese[1]);
    if (value !== null) return value;
  }
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    // "a"/"an" count as one only straight after an ordering verb ("I want a mug", "add a candle"),
    // not in "a few", "a dozen" (the next word is the number) or "I have a question".
    if ((word === "a" || word === "an") && (words[i + 1] === "couple" || words[i + 1] === "few" || words[i + 1] === "dozen" || words[i + 1] === "pair")) continue;
    if (word === "a" || word === "an") {
      if (i > 0 && A_AS_ONE_AFTER.has(words[i - 1] ?? "")) return 1;
      continue;
    }
    // "one" is a pronoun in "the red one", "that one"; a number in "one please", "I'll take one".
    if (word === "one" && i > 0 && !ONE_AS_NUMBER_AFTER.has(words[i - 1] ?? "")) continue;
    const value = WORD_NUMBERS[word];
    if (value !== undefined) return value;
  }
  return undefined;
}

const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, last: -1,
};
const ORDINAL_WORD = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\\d{1,2}(?:st|nd|rd|th)";
/** Words after "the second …" that make it a time or an order, not a product in a list. */
const NOT_A_LIST_ITEM = "time|times|day|days|week|weeks|month|months|year|years|order|orders|purchase|visit|message|question|thing|name|half|place|class|hand|minute|minutes|hour|hours|of";
// "the second one", "the 2nd", "the last candle", "number 2", "option 3", "no. 2"; a bare "second" or
// "2nd one" only as the whole message (so "just a second", "first, a question" and "my first order"
// are not picks).
const ENGLISH_ORDINAL = new RegExp(
  `\\b(?:the|that|this)\\s+(?:very\\s+)?(${ORDINAL_WORD})\\b(?!\\s+(?:${NOT_A_LIST_ITEM})\\b)(?:\\s+(?:one|ones|item|option|product|choice)\\b)?` +
    `|^(${ORDINAL_WORD})(?:\\s+(?:one|item|option|product|choice))?(?=\\s*(?:please|pls)?\\s*[.!?。！？]*\\s*$)` +
    `|\\b(?:number|no\\.|option|item|choice)\\s*(\\d{1,2})\\b(?!\\s*(?:x\\b|×|pcs\\b|pieces?\\b))`,
  "iu",
);
// "第二个", "第2款", "最后一个", "最后那个"; not "第一次" (the first time) or "第二天" (the next day).
const CHINESE_ORDINAL = /第\s*([一二两三四五六七八九十]{1,3}|\d{1,2})\s*(?![次天回周年月期名届])(?:[个款件种样项只支本盒套]|个商品)?|最后(?:一个|一款|一件|那个|那款|这个)/u;
/** What may surround a pick without making it more than a pick: "the second one please", "第二个吧". */
const PICK_FILLER = /\b(?:the|that|this|one|please|pls|thanks|thank you|ok|okay|i mean|i meant|i'?ll go with|i choose|i pick|lets? go with|go with|maybe|how about|what about|show me|show)\b|[吧呢啊呀的那个这个要我看看请谢谢]|[\s\p{P}]/giu;

/** A position in the list just shown, and whether the message is only that. */
function extractOrdinal(text: string): { position: number; alone: boolean; matched: string } | undefined {
  const english = ENGLISH_ORDINAL.exec(text);
  if (english) {
    const word = (english[1] ?? english[2] ?? english[3] ?? "").toLowerCase();
    const position = ORDINAL_WORDS[word] ?? Number.parseInt(word, 10);
    if (Number.isInteger(position) && position !== 0 && position <= 20) {
      return { position, alone: text.replace(english[0], " ").replace(PICK_FILLER, "") === "", matched: english[0] };
    }
  }
  const chinese = CHINESE_ORDINAL.exec(text);
  if (chinese) {
    const position = chinese[0].startsWith("最后") ? -1 : /^\d+$/.test(chinese[1]!) ? Number(chinese[1]) : parseChineseNumeral(chinese[1]!);
    if (position !== null && position !== 0 && position <= 20) {
      return { position, alone: text.replace(chinese[0], " ").replace(PICK_FILLER, "") === "", matched: chinese[0] };
    }
  }
  return undefined;
}

const CURRENCY_BEFORE = "(?:[£$€¥]|gbp|usd|eur|rmb|cny)\\s*";
const CURRENCY_AFTER = "\\s*(?:pounds?|quid|gbp|dollars?|bucks|usd|euros?|eur|yuan|rmb|cny)\\b";
// "1,000" and "1,299.50" are grouped thousands (as the shop writes prices); "12,50" is a decimal comma.
const AMOUNT = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?(?!\\d|,\\d)|\\d{1,7}(?:[.,]\\d{1,2})?)";
// With a currency, any amount is a price; without one, only an amount the message leaves there
// ("anything under 20?"), so "more than 2 candles" and "within 3 days" stay a quantity and a time.
const MONEY = `(?:${CURRENCY_BEFORE}${AMOUNT}(?:${CURRENCY_AFTER})?|${AMOUNT}${CURRENCY_AFTER}|${AMOUNT}(?=\\s*(?:each|please|pls|or (?:less|so|under|below))?\\s*(?:$|[^\\p{L}\\p{N}\\s.,])|\\s*(?:each|please|pls|or less)?\\s*$))`;
const AT_MOST = new RegExp(`\\b(?:under|below|less than|lower than|cheaper than|up to|at most|no more than|not more than|max(?:imum)?|within|beneath|budget(?: is| of)?|spend(?:ing)?(?: up to)?)\\s*${MONEY}|<\\s*${MONEY}`, "iu");
const AT_LEAST = new RegExp(`\\b(?:over|above|more than|at least|upwards of|min(?:imum)?)\\s*${MONEY}|>\\s*${MONEY}`, "iu");
const BETWEEN = new RegExp(`\\bbetween\\s*(?:${CURRENCY_BEFORE})?${AMOUNT}(?:${CURRENCY_AFTER})?\\s*(?:and|-|to)\\s*(?:${CURRENCY_BEFORE})?${AMOUNT}(?:${CURRENCY_AFTER})?|${CURRENCY_BEFORE}${AMOUNT}\\s*(?:-|–|to)\\s*(?:${CURRENCY_BEFORE})?${AMOUNT}(?:${CURRENCY_AFTER})?|\\b${AMOUNT}\\s*(?:-|–|to)\\s*${AMOUNT}${CURRENCY_AFTER}`, "iu");
// "around £50", "£50 or so", "about 50 dollars": a range a fifth either side (about needs a currency:
// "what about 2?" is a quantity).
const AROUND = new RegExp(`\\b(?:around|roughly|approximately|approx\\.?|circa|in the region of|something like|close to)\\s*${MONEY}|\\babout\\s*(?:${CURRENCY_BEFORE}${AMOUNT}(?:${CURRENCY_AFTER})?|${AMOUNT}${CURRENCY_AFTER})|${CURRENCY_BEFORE}${AMOUNT}\\s*(?:or so|ish)\\b`, "iu");
const AROUND_SPREAD = 0.2;
const CHINESE_AMOUNT = "(\\d{1,7}(?:\\.\\d{1,2})?|[一二两三四五六七八九十百]{1,4})";
const CHINESE_CURRENCY = "(?:英镑|镑|元|块钱|块|美元|欧元|人民币)";
// "20镑以下", "30元以内", "20以下" (the limit word right after the amount), "不超过20镑" / "低于20" (a
// currency, or nothing after the amount: "最多2个" is two items).
const ZH_AT_MOST = new RegExp(`[£$€¥]?${CHINESE_AMOUNT}\\s*${CHINESE_CURRENCY}?\\s*(?:以下|以内|之内|之下)|(?:不超过|低于|少于|不到|小于|便宜于|最多)\\s*[£$€¥]?${CHINESE_AMOUNT}\\s*(?:${CHINESE_CURRENCY}|(?![\\p{L}\\p{N}]))`, "u");
const ZH_AROUND = new RegExp(`[£$€¥]?${CHINESE_AMOUNT}\\s*${CHINESE_CURRENCY}?\\s*(?:左右|上下)|(?:大概|大约|差不多|约)\\s*[£$€¥]?${CHINESE_AMOUNT}\\s*${CHINESE_CURRENCY}`, "u");
const ZH_AT_LEAST = new RegExp(`[£$€¥]?${CHINESE_AMOUNT}\\s*${CHINESE_CURRENCY}?\\s*以上|(?<!不)(?:超过|高于|多于|大于|至少)\\s*[£$€¥]?${CHINESE_AMOUNT}\\s*(?:${CHINESE_CURRENCY}|(?![\\p{L}\\p{N}]))`, "u");
const LOWEST = /\b(?:cheapest|cheap|inexpensive|affordable|budget|low[- ]cost|lowest price)\b|最便宜|便宜|实惠|划算|低价/iu;
const CHEAPER = /\b(?:cheaper|less expensive|lower price|more affordable)\b|更便宜|便宜一点|便宜点|便宜些|便宜一些|再便宜/iu;
const HIGHEST = /\b(?:most expensive|priciest|dearest|premium|luxury|high[- ]end)\b|最贵|高档|高端/iu;

const CURRENCY_NAMES: [RegExp, string][] = [
  [/£|pounds?|quid|gbp|英镑|镑/iu, "GBP"],
  [/\$|dollars?|bucks|usd|美元/iu, "USD"],
  [/€|euros?|eur|欧元/iu, "EUR"],
  [/元|块|人民币|rmb|cny|yuan/iu, "CNY"],
  [/¥/u, "¥"],
];

/** "12,50" → "12.50"; "1,299.50" → "1299.50"; "二十" → "20"; other text unchanged. */
function amountText(raw: string): string | undefined {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) return raw.replace(/,/g, "");
  if (/^\d/.test(raw)) return raw.replace(",", ".");
  if (raw.includes("百")) {
    const [hundreds, rest = ""] = raw.split("百");
    const h = parseChineseNumeral(hundreds || "一");
    const r = rest === "" ? 0 : parseChineseNumeral(rest.replace(/^零/, ""));
    return h === null || r === null ? undefined : String(h * 100 + r);
  }
  const value = parseChineseNumeral(raw);
  return value === null ? undefined : String(value);
}

/** The price limit a message sets, and the text it was read from (removed before looking for a quantity). */
function extractPrice(text: string): { price: NonNullable<Entities["price"]>; matched: string[] } | undefined {
  const price: NonNullable<Entities["price"]> = {};
  const matched: string[] = [];
  const first = (m: RegExpExecArray, from: number, to: number) => m.slice(from, to).find((g) => g !== undefined);
  const between = BETWEEN.exec(text);
  if (between) {
    const amounts = between.slice(1).filter((g): g is string => g !== undefined).map(amountText);
    if (amounts.length === 2 && amounts[0] && amounts[1]) {
      const [low, high] = Number(amounts[0]) <= Number(amounts[1]) ? [amounts[0], amounts[1]] : [amounts[1], amounts[0]];
      price.atLeast = low;
      price.atMost = high;
      matched.push(between[0]);
    }
  }
  if (!between) {
    const around = AROUND.exec(text) ?? ZH_AROUND.exec(text);
    const amount = around ? amountText(first(around, 1, around.length) ?? "") : undefined;
    if (around && amount && Number(amount) > 0) {
      const minor = Math.round(Number(amount) * 100);
      price.atLeast = (Math.floor(minor * (1 - AROUND_SPREAD)) / 100).toFixed(2).replace(/\.00$/, "");
      price.atMost = (Math.ceil(minor * (1 + AROUND_SPREAD)) / 100).toFixed(2).replace(/\.00$/, "");
      matched.push(around[0]);
    }
  }
  for (const [pattern, key] of [[AT_MOST, "atMost"], [ZH_AT_MOST, "atMost"], [AT_LEAST, "atLeast"], [ZH_AT_LEAST, "atLeast"]] as const) {
    if (price[key] !== undefined) continue;
    const m = pattern.exec(text);
    const amount = m ? amountText(first(m, 1, m.length) ?? "") : undefined;
    if (m && amount) {
      price[key] = amount;
      matched.push(m[0]);
    }
  }
  if (HIGHEST.test(text)) price.order = "highest";
  else if (CHEAPER.test(text)) price.order = "cheaper";
  else if (LOWEST.test(text)) price.order = "lowest";
  if (price.atMost === undefined && price.atLeast === undefined && price.order === undefined) return undefined;
  const named = CURRENCY_NAMES.find(([pattern]) => matched.some((m) => pattern.test(m)));
  if (named) price.currency = named[1];
  // "cheaper than £15" is a limit, not "cheaper than the product just discussed".
  if (price.order === "cheaper" && price.atMost !== undefined) price.order = "lowest";
  return { price, matched };
}

/** Finds the entities in one message. Never throws. */
export function extractEntities(rawText: string, options: { defaultCountry?: CountryCode } = {}): Entities {
  const entities: Entities = {};
  let text = normalizeText(rawText, 2_000);
  if (!text) return entities;

  const emailMatch = EMAIL_LIKE.exec(text);
  if (emailMatch) {
    const candidate = emailMatch[0].replace(/[.。!?！？]+$/, "");
    if (ZEmail.safeParse(candidate).success) entities.email = candidate;
    else entities.invalidEmail = candidate;
    text = text.replace(emailMatch[0], " ");
  }

  const found = findPhoneNumbersInText(text, options.defaultCountry ?? "GB")[0];
  if (found && found.number.isValid()) {
    entities.phone = found.number.number;
    text = text.slice(0, found.startsAt) + " " + text.slice(found.endsAt);
  }
  // Chinese customers give mobile numbers without a country code: 11 digits starting 13–19.
  const chineseMobile = entities.phone ? null : /(?<!\d)1[3-9]\d{9}(?!\d)/.exec(text);
  if (chineseMobile) {
    const parsed = parsePhoneNumberFromString(chineseMobile[0], "CN");
    if (parsed?.isValid()) {
      entities.phone = parsed.number;
      text = text.replace(chineseMobile[0], " ");
    }
  }
  if (!entities.phone) {
    const phoneLike = /(?:\+|00)?\d[\d\s().-]{6,}\d/.exec(text);
    if (phoneLike && phoneLike[0].replace(/\D/g, "").length >= 7) {
      const parsed = parsePhoneNumberFromString(phoneLike[0], options.defaultCountry ?? "GB");
      if (parsed?.isValid()) entities.phone = parsed.number;
      else entities.invalidPhone = phoneLike[0].trim();
      text = text.replace(phoneLike[0], " ");
    }
  }

  const orderMatch = ORDER_REF.exec(text);
  if (orderMatch) {
    const id = Number(orderMatch[1] ?? orderMatch[2] ?? orderMatch[3] ?? orderMatch[4]);
    if (Number.isSafeInteger(id) && id > 0) entities.orderId = id;
    text = text.replace(orderMatch[0], " ");
  }

  const ordinal = extractOrdinal(text);
  if (ordinal) {
    entities.ordinal = { position: ordinal.position, alone: ordinal.alone };
    text = text.replace(ordinal.matched, " ");
  }

  const price = extractPrice(text);
  if (price) {
    entities.price = price.price;
    for (const matched of price.matched) text = text.replace(matched, " ");
  }

  const quantity = extractQuantity(text);
  if (quantity !== undefined) entities.quantity = quantity;
  return entities;
}

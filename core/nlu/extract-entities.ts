/**
 * Entities the dialogue needs from a customer's text: a quantity, an email, a phone number
 * (normalised to E.164 with libphonenumber-js) and an order number. Product mentions are linked to
 * the catalog separately (core/catalog/match-products.ts) because that needs the catalog.
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
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1, a: 1, an: 1, single: 1, two: 2, couple: 2, pair: 2, three: 3, few: 3, four: 4, five: 5, six: 6,
  seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12, fifteen: 15, twenty: 20,
};
const ONE_AS_NUMBER_AFTER = new Set(["just", "only", "want", "take", "buy", "order", "get", "need", "like", "ll", "me", "us", "add", "make", "it", "have"]);
const CHINESE_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_MEASURE = "个件只盒本支条包瓶罐双套杯张把份袋";

/** Parses "三", "十二", "二十五" into a number; null if it is not a Chinese numeral. */
function parseChineseNumeral(text: string): number | null {
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

function extractQuantity(text: string): number | undefined {
  const digitQuantity = /(?:^|[^\w.#+-])(-?\d+(?:\.\d+)?(?:e\d+)?)\s*(?:x\b|×|pcs\b|pieces?\b|units?\b|[个件只盒本支条包瓶罐双套杯张把份袋])?/i.exec(text)
    ?? /\bx\s?(\d+)\b/i.exec(text);
  if (digitQuantity?.[1] !== undefined) {
    const value = Number(digitQuantity[1]);
    if (Number.isFinite(value)) return Number.isInteger(value) ? value : Math.trunc(value) || -1;
  }
  const chinese = new RegExp(`([零一二两俩三四五六七八九十]{1,3})[${CHINESE_MEASURE}]`).exec(text)
    ?? /^([零一二两俩三四五六七八九十]{1,3})$/.exec(text.trim());
  if (chinese?.[1]) {
    const value = parseChineseNumeral(chinese[1]);
    if (value !== null) return value;
  }
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    // "a"/"an" only count as one when a product-ish word follows ("a candle"), not in "a few".
    if ((word === "a" || word === "an") && (words[i + 1] === "couple" || words[i + 1] === "few" || words[i + 1] === "dozen" || words[i + 1] === "pair")) continue;
    if (word === "a" || word === "an") continue;
    // "one" is a pronoun in "the red one", "that one"; a number in "one please", "I'll take one".
    if (word === "one" && i > 0 && !ONE_AS_NUMBER_AFTER.has(words[i - 1] ?? "")) continue;
    const value = WORD_NUMBERS[word];
    if (value !== undefined) return value;
  }
  return undefined;
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

  const quantity = extractQuantity(text);
  if (quantity !== undefined) entities.quantity = quantity;
  return entities;
}

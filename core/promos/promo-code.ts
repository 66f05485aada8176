/**
 * What a promo code looks like, and where a customer's message names one. Pure.
 *
 * A code is 4 to 20 letters, digits, `-` or `_`, with at least one letter ("SPRING10", "WELCOME",
 * "TEA-15"); it is stored in capitals and customers may type it in any case. Reading a message, a
 * word is taken for a code (and looked up: one query, only when some word qualifies) when it could
 * hardly be anything else: letters and digits together ("spring10"), a word typed in capitals
 * ("WELCOME"), or any word right after "code", "coupon", "voucher", "promo" or 优惠码, 折扣码,
 * 优惠券, 兑换码, 促销码, 券码. A word after such a cue, or a word of letters and digits after
 * "use", "take", "accept", "apply", "redeem", 用, is an attempt: a code the shop does not know is
 * then answered as unknown rather than read as something else.
 */
import { z } from "zod";

export const PROMO_CODE_MIN = 4;
export const PROMO_CODE_MAX = 20;

/** A code as the owner types it: normalised to capitals. */
export const ZPromoCode = z
  .string()
  .trim()
  .regex(new RegExp(`^[A-Za-z0-9_-]{${PROMO_CODE_MIN},${PROMO_CODE_MAX}}$`))
  .refine((code) => /[A-Za-z]/.test(code), "a code has a letter")
  .transform((code) => code.toUpperCase());

/** The code as stored and compared: capitals. */
export function normalizePromoCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Words that introduce a code ("code SPRING10", "优惠码SPRING10"), with what may stand between. */
const CODE_CUE = /(?:\b(?:promo(?:tion(?:al)?)?|discount|coupon|voucher|gift)?\s*(?:codes?|coupons?|vouchers?|promos?)\b|优惠码|折扣码|优惠券|兑换码|促销码|券码)\s*(?:is|=|:|：|是|为|#)?\s*$/iu;
/** Verbs that put a code to use ("can I use SPRING10", "do you take spring10?", "用SPRING10"). */
const USE_CUE = /(?:\b(?:use|take|accept|apply|redeem|using)\b|用|使用)\s*(?:the|this|my|a)?\s*$/iu;
/** The cue words themselves ("promo code"): never a code. */
const CUE_WORD = /^(?:codes?|coupons?|vouchers?|promos?|promotion(?:al)?|discounts?|gift)$/i;
const WORD = /[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?/g;

export interface PromoCodeMentions {
  /** Words that may be codes, in capitals, in order, each once: the ones to look up. */
  candidates: string[];
  /** A word put forward as a code (after "code …", "use …"): unknown to the shop, it is answered as an unknown code. */
  attempted: string | null;
}

/** The words of `text` that may be promo codes, and the one the customer puts forward as a code, if any. */
export function readPromoCodeMentions(text: string): PromoCodeMentions {
  const candidates: string[] = [];
  let attempted: string | null = null;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (word.length < PROMO_CODE_MIN || word.length > PROMO_CODE_MAX || !/[A-Za-z]/.test(word) || CUE_WORD.test(word)) continue;
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    const mixed = /\d/.test(word);
    const capitals = /^[A-Z0-9_-]+$/.test(word) && /[A-Z]{2}/.test(word);
    const cued = CODE_CUE.test(before);
    const used = mixed && USE_CUE.test(before);
    if (!mixed && !capitals && !cued) continue;
    const code = word.toUpperCase();
    if (!candidates.includes(code)) candidates.push(code);
    if (attempted === null && (cued || used)) attempted = code;
  }
  return { candidates, attempted };
}

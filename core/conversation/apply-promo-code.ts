/**
 * Promo codes in the chat: a code typed ("do you take SPRING10?", "我有优惠码SPRING10") or tapped
 * ("Use SPRING10" under a campaign) goes with the order being put together, shown on its
 * confirmation as a line of its own and redeemed when the order is placed (core/orders/place-order.ts
 * takes the use, atomically); a code that does not apply is refused with the reason, in the
 * customer's language. "Any discounts?" hears about the live codes meant for everyone.
 */
import { DateTime } from "luxon";
import type { Product, Promo } from "../../prisma/generated/client.ts";
import type { Reply } from "../messages.ts";
import { formatMoney } from "../money.ts";
import { checkPromo } from "../promos/check-promo.ts";
import { findLivePublicPromos } from "../promos/find-live-promos.ts";
import { normalizePromoCode } from "../promos/promo-code.ts";
import { promoLinesOf, type TPromoProblem } from "../promos/promo-rules.ts";
import { type Turn, catalogOf } from "./assistant-turn.ts";
import { isOrderWaitingIn, orderItemsOf } from "./dialogue-state.ts";
import { orderItemsIn } from "./load-order-items.ts";
import { usePromoPayload } from "./payloads.ts";
import { mainMenu, productName } from "./product-replies.ts";
import { dropPromoCode, usePromoCode } from "./state/cart.ts";
import { askToConfirmCart, stillWaiting } from "./take-order.ts";
import { leaveFlow as leaveFlowState } from "./state/dialogue.ts";

/** What the customer's code makes of the order being put together: its discount, or why it does not apply. */
export type TPromoPreview =
  | { code: string; discountMinor: number; currency: string }
  | { code: string; problem: TPromoProblem; promo: Promo | null };

/** The customer's code checked now against these items (null: no code goes with the order). */
export async function previewPromo(turn: Turn, items: readonly { product: Product; quantity: number }[]): Promise<TPromoPreview | null> {
  const code = turn.state.promoCode;
  if (!code) return null;
  const { db, shop } = turn.ctx;
  const checked = await checkPromo(db, {
    code,
    customerId: turn.customer.id,
    at: turn.at,
    currency: shop.currency,
    ...(shop.timeZone ? { timeZone: shop.timeZone } : {}),
    lines: promoLinesOf(items),
  });
  if (!checked.ok) return { code, problem: checked.problem, promo: checked.promo };
  return { code: checked.promo.code, discountMinor: checked.applied?.discountMinor ?? 0, currency: items[0]?.product.currency ?? shop.currency };
}

/** Whether the problem comes from the order's items (what it covers, its minimum), not from the code or the customer. */
export function isAboutTheItems(problem: TPromoProblem): boolean {
  return problem.kind === "belowMinimum" || problem.kind === "notForTheseProducts";
}

/**
 * The line the order's confirmation shows for the code: its discount, or why it does not apply. A
 * code that no longer applies whatever the order holds (expired, used up…) is dropped from the order.
 */
export async function promoLineFor(turn: Turn, preview: TPromoPreview): Promise<{ line: string; discountMinor: number }> {
  if ("discountMinor" in preview) return { line: turn.m.promo.discountLine(preview.code, formatMoney(preview.discountMinor, preview.currency)), discountMinor: preview.discountMinor };
  if (!isAboutTheItems(preview.problem)) turn.state = dropPromoCode(turn.state);
  return { line: await promoProblemText(turn, preview.code, preview.problem, preview.promo), discountMinor: 0 };
}

/** A moment in the shop's zone, as the customer reads dates. */
function localMoment(turn: Turn, at: Date): DateTime {
  return DateTime.fromMillis(at.getTime(), turn.ctx.shop.timeZone ? { zone: turn.ctx.shop.timeZone } : {}).setLocale(turn.locale === "zh" ? "zh-CN" : "en-GB");
}

/** When a code starts ("1 Dec 2026", "2026年12月1日"), with the time when it is not the day's start. */
function formatPromoStart(turn: Turn, at: Date): string {
  const local = localMoment(turn, at);
  return local.toLocaleString(local.hour === 0 && local.minute === 0 ? DateTime.DATE_MED : DateTime.DATETIME_MED);
}

/** The last day a code applies: the day of the moment before its end (`until=2026-12-31` ends as the 31st does). */
function formatPromoLastDay(turn: Turn, endsAt: Date): string {
  return localMoment(turn, new Date(endsAt.getTime() - 1)).toLocaleString(DateTime.DATE_MED);
}

/** What the code covers, in the customer's words ("Tea", "Jasmine Silver Needle, Dragon Well"); null for every product. */
async function scopeOf(turn: Turn, promo: Promo): Promise<string | null> {
  if (promo.productSkus.length > 0) {
    const catalog = await catalogOf(turn);
    const names = promo.productSkus.map((sku) => catalog.find((p) => p.sku === sku)).filter((p): p is Product => p !== undefined).map((p) => productName(p, turn.locale));
    return turn.m.promo.onProducts(names.length > 0 ? names : promo.productSkus);
  }
  if (promo.category !== null) {
    const product = (await catalogOf(turn)).find((p) => p.category === promo.category);
    return turn.m.promo.onCategory(turn.locale === "zh" && product?.categoryZh ? product.categoryZh : promo.category);
  }
  return null;
}

/** "10% off Tea, when they come to £30.00 or more, until 31 Dec 2026": the code as a customer needs to know it. */
export async function describePromo(turn: Turn, promo: Promo): Promise<string> {
  const value = promo.kind === "percent" ? turn.m.promo.percentOff(promo.value) : turn.m.promo.amountOff(formatMoney(promo.value, promo.currency));
  return turn.m.promo.summary({
    value,
    scope: await scopeOf(turn, promo),
    min: promo.minMinor !== null ? formatMoney(promo.minMinor, promo.currency) : null,
    until: promo.endsAt ? formatPromoLastDay(turn, promo.endsAt) : null,
  });
}

/** Why the code does not apply, in the customer's language. */
export async function promoProblemText(turn: Turn, code: string, problem: TPromoProblem, promo: Promo | null): Promise<string> {
  const p = turn.m.promo;
  switch (problem.kind) {
    case "unknown": return p.unknown(code);
    case "expired": return p.expired(code);
    case "notYetValid": return p.notYetValid(code, formatPromoStart(turn, problem.startsAt));
    case "usedUp": return p.usedUp(code);
    case "usedByYou": return p.usedByYou(code);
    case "notForYou": return p.notForYou(code);
    case "notForTheseProducts": return p.notForProducts(code, (promo && (await scopeOf(turn, promo))) ?? "");
    case "belowMinimum": {
      const currency = promo?.currency ?? turn.ctx.shop.currency;
      return p.belowMinimum(code, formatMoney(problem.minMinor, currency), formatMoney(problem.minMinor - problem.eligibleMinor, currency), promo ? await scopeOf(turn, promo) : null);
    }
  }
}

/**
 * A code the customer typed or tapped. With an order waiting for their yes, it is checked against
 * that order: applied, it is shown again with the discount on its own line (a new Confirm button,
 * the total having changed); refused, the reason and the order as it was. With no order yet, what
 * can be checked now is, and the code waits for the order.
 */
export async function applyPromoCode(turn: Turn, typed: string): Promise<Reply[]> {
  const { db, shop } = turn.ctx;
  const code = normalizePromoCode(typed);
  const waiting = isOrderWaitingIn(turn.state);
  const items = waiting ? orderItemsIn(await catalogOf(turn), orderItemsOf(turn.state)) : [];
  const checked = await checkPromo(db, {
    code,
    customerId: turn.customer.id,
    at: turn.at,
    currency: shop.currency,
    ...(shop.timeZone ? { timeZone: shop.timeZone } : {}),
    ...(waiting ? { lines: promoLinesOf(items) } : {}),
  });
  if (!checked.ok) {
    if (turn.state.promoCode === code) turn.state = dropPromoCode(turn.state);
    const text = await promoProblemText(turn, code, checked.problem, checked.promo);
    const order = await stillWaiting(turn);
    return order ? [{ text }, order] : [{ text, buttons: mainMenu(turn.locale) }];
  }
  const { promo } = checked;
  turn.state = usePromoCode(turn.state, promo.code);
  const summary = await describePromo(turn, promo);
  if (!waiting || !checked.applied) return [{ text: turn.m.promo.noted(promo.code, summary), buttons: mainMenu(turn.locale) }];
  // The total changed: the order is confirmed afresh (the item being confirmed joins the cart first).
  turn.state = leaveFlowState(turn.state);
  const discount = formatMoney(checked.applied.discountMinor, items[0]?.product.currency ?? shop.currency);
  return [{ text: turn.m.promo.applied(promo.code, summary, discount) }, await askToConfirmCart(turn)];
}

/**
 * "Any discounts?", "有优惠吗": the live codes meant for everyone, each with what it gives and a
 * button to use it; null when there is none (the owner's FAQ answer or the offer to ask them then).
 */
export async function liveCodesReply(turn: Turn): Promise<Reply | null> {
  const promos = await findLivePublicPromos(turn.ctx.db, turn.at);
  if (promos.length === 0) return null;
  const lines = await Promise.all(promos.map(async (promo) => turn.m.promo.liveLine(promo.code, await describePromo(turn, promo))));
  return { text: turn.m.promo.liveCodes(lines), buttons: [promos.map((promo) => ({ label: turn.m.promo.useButton(promo.code), payload: usePromoPayload(promo.code) }))] };
}

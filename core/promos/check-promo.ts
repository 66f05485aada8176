/**
 * Whether a customer may use a promo code now, and what it takes off their order: the code's dates,
 * its uses left, how often this customer has used it (their orders with it, not cancelled), whether
 * they are in its audience at this moment (core/audiences, evaluated now), and, given the order's
 * lines, the products it covers and its minimum. Read only: the chat shows the result before the
 * customer confirms, and `redeem-promo.ts` runs it again inside the order's transaction before
 * taking a use with a conditional update.
 */
import type { Promo } from "../../prisma/generated/client.ts";
import { findAudienceCustomerIds } from "../audiences/find-audience-members.ts";
import { resolveAudience } from "../audiences/resolve-audience.ts";
import type { Db, Tx } from "../db.ts";
import { normalizePromoCode } from "./promo-code.ts";
import { applyToLines, hasUsesLeft, timingProblem, type PromoLine, type TPromoProblem } from "./promo-rules.ts";

export interface CheckPromoOptions {
  code: string;
  customerId: number;
  at: Date;
  /** The order's lines; without them only what does not depend on the order is checked. */
  lines?: readonly PromoLine[];
  /** The shop's currency: amounts in an audience definition (`clv>100`) are in it. */
  currency: string;
  /** The shop's zone ("within 30 days" in an audience). */
  timeZone?: string;
}

export type TPromoCheck =
  /** The code applies; with lines, what it takes off (`discountMinor`) of the lines it covers (`eligibleMinor`). */
  | { ok: true; promo: Promo; applied: { eligibleMinor: number; discountMinor: number } | null }
  | { ok: false; promo: Promo | null; problem: TPromoProblem };

/** Orders of the customer that redeemed the code and are not cancelled: the uses `per_customer=` counts. */
export async function countCustomerUses(db: Db | Tx, promoId: number, customerId: number): Promise<number> {
  return db.order.count({ where: { promoId, customerId, status: { not: "cancelled" } } });
}

/** Whether the customer is in the code's audience now (a code without one is for everyone). */
async function isInAudience(client: Db | Tx, promo: Promo, options: CheckPromoOptions): Promise<boolean> {
  if (promo.audience === null) return true;
  // Audiences only read (model queries and $queryRaw), which a transaction's client does as well as
  // the root client: the check runs in the order's transaction, as of the moment it is placed.
  const db = client as Db;
  const resolved = await resolveAudience(db, promo.audience, { currency: options.currency });
  // A saved audience deleted or no longer readable since: nobody is in it.
  if (!resolved.ok) return false;
  const members = await findAudienceCustomerIds({ db, clock: { now: () => options.at }, ...(options.timeZone ? { timeZone: options.timeZone } : {}) }, resolved.definition, options.at);
  return members.has(options.customerId);
}

export async function checkPromo(db: Db | Tx, options: CheckPromoOptions): Promise<TPromoCheck> {
  const promo = await db.promo.findUnique({ where: { code: normalizePromoCode(options.code) } });
  if (!promo) return { ok: false, promo: null, problem: { kind: "unknown" } };
  const refuse = (problem: TPromoProblem): TPromoCheck => ({ ok: false, promo, problem });
  const timing = timingProblem(promo, options.at);
  if (timing) return refuse(timing);
  if (!hasUsesLeft(promo)) return refuse({ kind: "usedUp" });
  if (promo.perCustomer !== null) {
    const times = await countCustomerUses(db, promo.id, options.customerId);
    if (times >= promo.perCustomer) return refuse({ kind: "usedByYou", times });
  }
  if (!(await isInAudience(db, promo, options))) return refuse({ kind: "notForYou" });
  if (!options.lines) return { ok: true, promo, applied: null };
  const applied = applyToLines(promo, options.lines);
  if (!applied.ok) return refuse(applied.problem);
  return { ok: true, promo, applied: { eligibleMinor: applied.eligibleMinor, discountMinor: applied.discountMinor } };
}

/**
 * Taking one use of a promo code for an order being placed, inside the order's transaction: the code
 * is checked again as of this moment (dates, uses left, the customer's own uses, its audience, the
 * order's lines), then one use is taken with a conditional update, so of two customers racing for
 * the last use exactly one gets it (on PostgreSQL the second update waits for the first to commit,
 * then finds `used < maxUses` false and changes nothing). A refusal throws {@link PromoRefused} and
 * the order is not written. The use is given back by {@link releasePromoUse} when the order is cancelled.
 */
import type { Db, Tx } from "../db.ts";
import { checkPromo, type CheckPromoOptions } from "./check-promo.ts";
import { PromoRefused } from "./promo-refused.ts";

export interface RedeemedPromo {
  promoId: number;
  code: string;
  discountMinor: number;
}

export async function redeemPromo(db: Db | Tx, options: CheckPromoOptions & { lines: NonNullable<CheckPromoOptions["lines"]> }): Promise<RedeemedPromo> {
  const checked = await checkPromo(db, options);
  if (!checked.ok) throw new PromoRefused(checked.promo?.code ?? options.code.toUpperCase(), checked.problem);
  const { promo, applied } = checked;
  const taken = await db.$executeRaw`UPDATE "Promo" SET "used" = "used" + 1 WHERE "id" = ${promo.id} AND "endedAt" IS NULL AND ("maxUses" IS NULL OR "used" < "maxUses")`;
  if (taken === 0) throw new PromoRefused(promo.code, { kind: "usedUp" });
  return { promoId: promo.id, code: promo.code, discountMinor: applied?.discountMinor ?? 0 };
}

/**
 * A cancelled order gives its use back (`used` never below zero). Called in the cancellation's
 * transaction, after its conditional status change, so an order cancelled twice at once gives one back.
 */
export async function releasePromoUse(tx: Db | Tx, promoId: number): Promise<void> {
  await tx.promo.updateMany({ where: { id: promoId, used: { gt: 0 } }, data: { used: { decrement: 1 } } });
}

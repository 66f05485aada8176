/**
 * `promo CODE end`: the code stops applying from now (orders placed with it keep their discount; an
 * order already waiting at "Please confirm" with it is told when confirmed). The end is a conditional
 * update on a code not ended yet, so ending it twice at once records one end.
 */
import type { Promo } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { normalizePromoCode } from "./promo-code.ts";

export async function findPromoOrRefuse(db: Db, code: string): Promise<Promo> {
  const promo = await db.promo.findUnique({ where: { code: normalizePromoCode(code) } });
  if (!promo) throw new AppError("NOT_FOUND", { message: `no promo code ${code}`, refusal: { kind: "promoNotFound", code: normalizePromoCode(code) } });
  return promo;
}

export async function endPromo(deps: { db: Db; at: Date }, code: string): Promise<Promo> {
  const promo = await findPromoOrRefuse(deps.db, code);
  const ended = await deps.db.promo.updateMany({ where: { id: promo.id, endedAt: null }, data: { endedAt: deps.at } });
  if (ended.count === 0) throw new AppError("INVALID_STATE", { message: `promo code ${promo.code} already ended`, refusal: { kind: "promoAlreadyEnded", code: promo.code } });
  return { ...promo, endedAt: deps.at };
}

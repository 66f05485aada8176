/**
 * The codes a customer asking "any discounts?" may be told about: live now (within their dates, not
 * ended, a use left) and meant for everyone (no audience: a code for some customers is theirs to be
 * given, in a campaign, not announced to whoever asks). Newest first, at most `limit`.
 */
import type { Promo } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { isLive } from "./promo-rules.ts";

export async function findLivePublicPromos(db: Db, at: Date, limit = 3): Promise<Promo[]> {
  const candidates = await db.promo.findMany({
    where: { audience: null, endedAt: null, OR: [{ startsAt: null }, { startsAt: { lte: at } }], AND: [{ OR: [{ endsAt: null }, { endsAt: { gt: at } }] }] },
    orderBy: { id: "desc" },
    take: 20,
  });
  return candidates.filter((p) => isLive(p, at)).slice(0, limit);
}

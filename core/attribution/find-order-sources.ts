/**
 * Where orders came from: each order is attributed to the customer's last touch in the
 * `attributionDays` (ATTRIBUTION_DAYS, 7) before it was placed (a campaign or automation message, one
 * of its buttons, its link, a promo code), or to none ("direct"). Read when shown, never stored, so a
 * touch recorded late (or erased) cannot leave a stale answer on the order.
 */
import type { Db } from "../db.ts";
import type { TTouchKind } from "./record-touch.ts";

const DAY_MS = 86_400_000;

export interface OrderSource {
  kind: TTouchKind;
  campaignId: number | null;
  campaignName: string | null;
  /** The campaign is an automation. */
  automation: boolean;
  code: string | null;
  at: Date;
}

export async function findOrderSources(db: Db, orders: readonly { id: number; customerId: number | null; placedAt: Date | null }[], attributionDays: number): Promise<Map<number, OrderSource>> {
  const sources = new Map<number, OrderSource>();
  const placed = orders.filter((o): o is { id: number; customerId: number; placedAt: Date } => o.customerId !== null && o.placedAt !== null);
  if (placed.length === 0) return sources;
  const earliest = Math.min(...placed.map((o) => o.placedAt.getTime())) - attributionDays * DAY_MS;
  const latest = Math.max(...placed.map((o) => o.placedAt.getTime()));
  const touches = await db.touch.findMany({
    where: { customerId: { in: [...new Set(placed.map((o) => o.customerId))] }, at: { gte: new Date(earliest), lte: new Date(latest) } },
    include: { campaign: { select: { name: true, trigger: true } } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  for (const order of placed) {
    const from = order.placedAt.getTime() - attributionDays * DAY_MS;
    const last = touches.find((t) => t.customerId === order.customerId && t.at.getTime() <= order.placedAt.getTime() && t.at.getTime() >= from);
    if (last) sources.set(order.id, { kind: last.kind as TTouchKind, campaignId: last.campaignId, campaignName: last.campaign?.name ?? null, automation: last.campaign?.trigger != null, code: last.code, at: last.at });
  }
  return sources;
}

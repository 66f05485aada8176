/**
 * One promo code as the owner sees it (`promo CODE`, and the answer to `promo add` and
 * `promo CODE end`): where it stands, its terms in words (what it takes off, what it covers, its
 * minimum, its audience, its dates in the shop's time, its uses), and what it has done: the orders
 * that redeemed it, their revenue and the discount given. An End button while it still applies.
 */
import type { Promo } from "../../prisma/generated/client.ts";
import { formatMoney } from "../money.ts";
import { findPromoOrRefuse } from "../promos/end-promo.ts";
import { hasUsesLeft, timingProblem } from "../promos/promo-rules.ts";
import { readPromoResults } from "../promos/read-promo-results.ts";
import type { OwnerCommandContext, OwnerReply } from "./commands/define-command.ts";
import { formatShopTime } from "./show-campaign.ts";

/** live, scheduled (not started yet), expired, ended (by the owner) or usedUp, at `at`. */
export function promoStatus(promo: Promo, at: Date): "live" | "scheduled" | "expired" | "ended" | "usedUp" {
  if (promo.endedAt !== null) return "ended";
  const timing = timingProblem(promo, at);
  if (timing?.kind === "expired") return "expired";
  if (timing?.kind === "notYetValid") return "scheduled";
  return hasUsesLeft(promo) ? "live" : "usedUp";
}

/** The last moment a code applies, in shop time: `until=2026-12-31` shows as 2026-12-31 23:59. */
export function promoLastMoment(promo: Pick<Promo, "endsAt">, timeZone?: string): string | null {
  return promo.endsAt ? formatShopTime(new Date(promo.endsAt.getTime() - 60_000), timeZone) : null;
}

/** "10% off", "£5.00 off". */
export function describePromoValue(t: OwnerCommandContext["t"], promo: Promo): string {
  return t.promo.value({ kind: promo.kind, percent: promo.value, amount: formatMoney(promo.value, promo.currency) });
}

export async function showPromo(context: OwnerCommandContext, code: string, intro?: string): Promise<OwnerReply[]> {
  const { deps, t } = context;
  const promo = await findPromoOrRefuse(deps.db, code);
  const results = await readPromoResults(deps.db, promo.id);
  const at = (d: Date) => formatShopTime(d, deps.timeZone);
  const status = promoStatus(promo, deps.clock.now());
  const until = promoLastMoment(promo, deps.timeZone);
  const terms = [
    describePromoValue(t, promo),
    t.promo.covers({ skus: promo.productSkus, category: promo.category }),
    ...(promo.minMinor !== null ? [t.promo.minimum(formatMoney(promo.minMinor, promo.currency))] : []),
    promo.audience !== null ? t.promo.audience(promo.audience) : t.promo.everyone,
  ];
  const dates = [...(promo.startsAt ? [t.promo.from(at(promo.startsAt))] : []), ...(until ? [t.promo.until(until)] : [])];
  const lines = [
    ...(intro ? [intro] : []),
    t.promo.title(promo.code, t.promo.statuses[status] ?? status),
    terms.join(" · "),
    ...(dates.length > 0 ? [`${dates.join(" ")} (${t.promo.times})`] : []),
    [t.promo.uses(promo.used, promo.maxUses), ...(promo.perCustomer !== null ? [t.promo.perCustomer(promo.perCustomer)] : [])].join(" · "),
    t.promo.results({ orders: results.orders, revenue: formatMoney(results.revenueMinor, promo.currency), discount: formatMoney(results.discountMinor, promo.currency), cancelled: results.cancelled }),
  ];
  return [{
    text: lines.join("\n"),
    ...(promo.endedAt === null ? { buttons: [[{ label: t.promo.endButton, command: { command: "promoEnd" as const, code: promo.code }, style: "danger" as const }]] } : {}),
  }];
}

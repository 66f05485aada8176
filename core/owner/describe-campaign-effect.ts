/**
 * A campaign's (or an automation month's) measure in the owner's words: the message's figures, each
 * group's outcome, then, labelled so they cannot be mixed up, what it caused (uplift against the
 * hold-out, incremental orders and revenue), what it cost and returned, and the effectiveness index
 * both ways (everything recipients did ÷ budget, and only what it caused ÷ budget).
 */
import type { CampaignMeasure } from "../campaigns/measure-campaign.ts";
import type { Estimate } from "../campaigns/estimate-uplift.ts";
import { formatMoney } from "../money.ts";
import type { OwnerCommandContext } from "./commands/define-command.ts";

type T = OwnerCommandContext["t"];

const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);
export const points = (p: number) => signed((p * 100).toFixed(1), p);
const percent = (p: number | null) => (p === null ? "—" : `${(p * 100).toFixed(1)}%`);

function interval(t: T, e: Estimate, write: (v: number) => string): string {
  return e.interval95 ? `${write(e.interval95.low)} … ${write(e.interval95.high)}` : t.campaign.effect.noInterval;
}

/** "+1.7 points (−8.2 … +8.9)", or the words for no hold-out. */
export function describeUpliftShort(t: T, m: CampaignMeasure): string {
  const u = m.estimate.uplift;
  return u ? `${points(u.estimate)} (${interval(t, u, points)})` : t.campaign.effect.noInterval;
}

export function describeCampaignEffect(t: T, m: CampaignMeasure, currency: string): string[] {
  const e = t.campaign.effect;
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  const signedMoney = (minor: number) => signed(money(minor), Math.round(minor));
  const { estimate } = m;
  const lines = [e.message({ sent: m.sent, optedOut: m.optedOut, pressed: m.pressed, credited: m.creditedOrders })];
  const group = (treated: boolean) => {
    const g = treated ? estimate.treated : estimate.holdout;
    return e.group(treated, { people: g.people, ordered: g.ordered, conversion: percent(g.conversion), revenue: money(g.revenueMinor ?? 0), perPerson: money(g.revenuePerPersonMinor ?? 0) });
  };
  lines.push(group(true));
  if (!estimate.uplift) return [...lines, e.noHoldout];
  lines.push(group(false), e.uplift(points(estimate.uplift.estimate), interval(t, estimate.uplift, points)));
  const revenue = estimate.revenuePerPersonDifferenceMinor;
  if (revenue) lines.push(e.revenue(signedMoney(revenue.estimate), interval(t, revenue, signedMoney)));
  const orders = estimate.incrementalOrders;
  const extra = estimate.incrementalRevenueMinor;
  if (orders && extra) lines.push(e.incremental(orders.estimate.toFixed(1), interval(t, orders, (v) => v.toFixed(1)), money(extra.estimate), interval(t, extra, money)));
  if (estimate.costMinor !== null) {
    lines.push(e.cost(money(estimate.costMinor), money(estimate.costMinor - m.discountMinor), money(m.discountMinor)));
    if (estimate.returnOnSpend) lines.push(e.returnOnSpend(estimate.returnOnSpend.estimate.toFixed(2), interval(t, estimate.returnOnSpend, (v) => v.toFixed(2))));
  }
  const goal = estimate.goal;
  if (goal) {
    const goalText = goal.kind === "orders" ? e.goalOrders(goal.target) : e.goalRevenue(money(goal.target));
    if (goal.attainment !== null) lines.push(e.attainment(percent(goal.attainment)));
    if (goal.effectivenessIndex !== null) {
      const caused = goal.incrementalEffectivenessIndex;
      lines.push(e.index(goalText, goal.effectivenessIndex.toFixed(2), caused ? `${caused.estimate.toFixed(2)} (${interval(t, caused, (v) => v.toFixed(2))})` : e.noInterval, goal.kind === "orders" ? e.unitOrders : e.unitRevenue));
    }
  }
  return lines;
}

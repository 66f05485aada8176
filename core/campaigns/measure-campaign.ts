/**
 * Did it work? A campaign's figures over its attribution window (ATTRIBUTION_DAYS from the moment it
 * started): what happened to the message (sent, delivered, opted out, pressed), what the recipients
 * did (ordered, revenue), and the honest part, the same outcomes in its random hold-out, so that
 * `estimate-uplift.ts` can say what the campaign caused (uplift with its 95 % interval, incremental
 * orders and revenue, return on spend, the effectiveness index against the owner's goal).
 *
 * The comparison is by assignment (intention to treat): everyone picked to receive it, whether their
 * message was then sent, skipped (consent withdrawn, weekly limit) or failed, against everyone held
 * out. Comparing only those actually sent would compare a selected group with a random one.
 * An automation is measured the same way month by month (shop's zone), each of its messages over its
 * own window from when it was written.
 */
import { Prisma, type Campaign } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { SOLD_STATUSES_SQL } from "../digest/load-analytics-records.ts";
import { localDate } from "../digest/time-zone.ts";
import { minorUnitDigits } from "../money.ts";
import type { Clock } from "../ports.ts";
import { estimateUplift, ZUpliftGoal, type UpliftEstimate } from "./estimate-uplift.ts";

const DAY_MS = 86_400_000;

export interface CampaignMeasure {
  /** The window the outcomes are counted over (for an automation's month: its first message's start, its last one's end). */
  from: Date;
  to: Date;
  /** The window has ended: the figures will not change. */
  complete: boolean;
  /** Picked to receive it (every row but the hold-out). */
  treated: number;
  heldOut: number;
  sent: number;
  /** Of those sent, customers who withdrew marketing consent within the window. */
  optedOut: number;
  /** Customers who pressed one of its buttons or opened its link. */
  pressed: number;
  /** Orders credited to it by last touch (what a last-touch report would claim). */
  creditedOrders: number;
  /** The discount its code (`code=`) gave on the orders of those picked to receive it, in the window, minor units (0 without a code). */
  discountMinor: number;
  estimate: UpliftEstimate;
}

export interface MeasureDeps {
  db: Db;
  clock: Clock;
  currency: string;
  timeZone?: string;
  attributionDays: number;
}

interface AssignedRow {
  customerId: number;
  heldOut: boolean;
  from: Date;
  sent: boolean;
}

/** Each customer's orders in their window: whether they ordered and what they spent (sold orders, placed in [from, from + days)). */
async function outcomes(db: Db, rows: readonly AssignedRow[], days: number, now: Date): Promise<Map<number, { ordered: boolean; revenueMinor: number }>> {
  const result = new Map<number, { ordered: boolean; revenueMinor: number }>();
  if (rows.length === 0) return result;
  const ids = [...new Set(rows.map((r) => r.customerId))];
  const earliest = new Date(Math.min(...rows.map((r) => r.from.getTime())));
  const orders = await db.$queryRaw<{ customerId: number; placedAt: Date; totalMinor: number }[]>`
    SELECT "customerId", "placedAt", "totalMinor" FROM "Order"
    WHERE status IN (${SOLD_STATUSES_SQL}) AND "customerId" IN (${Prisma.join(ids)}) AND "placedAt" >= ${earliest} AND "placedAt" <= ${now}`;
  for (const row of rows) {
    const start = row.from.getTime();
    const end = start + days * DAY_MS;
    const mine = orders.filter((o) => Number(o.customerId) === row.customerId && o.placedAt.getTime() >= start && o.placedAt.getTime() < end);
    const before = result.get(row.customerId);
    result.set(row.customerId, { ordered: (before?.ordered ?? false) || mine.length > 0, revenueMinor: (before?.revenueMinor ?? 0) + mine.reduce((sum, o) => sum + Number(o.totalMinor), 0) });
  }
  return result;
}

async function measureRows(deps: MeasureDeps, campaign: Campaign, rows: AssignedRow[]): Promise<CampaignMeasure> {
  const { db, attributionDays } = deps;
  const now = deps.clock.now();
  const from = new Date(Math.min(...rows.map((r) => r.from.getTime()), now.getTime()));
  const to = new Date(Math.max(...rows.map((r) => r.from.getTime() + attributionDays * DAY_MS), from.getTime()));
  const byCustomer = await outcomes(db, rows, attributionDays, now);
  const group = (heldOut: boolean) => {
    // People, not rows: an automation may write to one customer more than once in a month (the hold-out decides the same way for them all month).
    const members = [...new Set(rows.filter((r) => r.heldOut === heldOut).map((r) => r.customerId))];
    const results = members.map((id) => byCustomer.get(id) ?? { ordered: false, revenueMinor: 0 });
    return { people: members.length, ordered: results.filter((r) => r.ordered).length, revenuesMinor: results.map((r) => r.revenueMinor).filter((v) => v > 0) };
  };
  const treated = group(false);
  const holdout = group(true);
  const sentIds = [...new Set(rows.filter((r) => r.sent).map((r) => r.customerId))];
  const [optedOut, pressed, credited, discountMinor] = await Promise.all([
    sentIds.length === 0 ? 0 : db.consentChange.groupBy({ by: ["customerId"], where: { customerId: { in: sentIds }, given: false, at: { gte: from, lt: to } } }).then((g) => g.length),
    db.touch.groupBy({ by: ["customerId"], where: { campaignId: campaign.id, kind: { in: ["pressed", "link"] } } }).then((g) => g.length),
    countCreditedOrders(db, campaign.id, from, to, attributionDays),
    campaign.promoCode ? codeDiscount(db, campaign.promoCode, rows.filter((r) => !r.heldOut), attributionDays, now) : 0,
  ]);
  const goal = ZUpliftGoal.safeParse(campaign.goal);
  const estimate = estimateUplift({
    treated,
    holdout,
    ...(campaign.budgetMinor !== null ? { budgetMinor: campaign.budgetMinor } : {}),
    discountMinor,
    ...(goal.success ? { goal: goal.data } : {}),
    currencyDigits: minorUnitDigits(deps.currency),
  });
  return { from, to, complete: now.getTime() >= to.getTime(), treated: treated.people, heldOut: holdout.people, sent: sentIds.length, optedOut, pressed, creditedOrders: credited, discountMinor, estimate };
}

/**
 * What the campaign's promo code (`code=`) took off the sold orders of the customers picked to receive
 * it, each in their window: a cost of the campaign beside its budget. The hold-out's orders with the
 * code (a code for everyone reaches them too) are not the campaign's doing and are left out.
 */
async function codeDiscount(db: Db, code: string, treated: readonly AssignedRow[], days: number, now: Date): Promise<number> {
  if (treated.length === 0) return 0;
  const ids = [...new Set(treated.map((r) => r.customerId))];
  const earliest = new Date(Math.min(...treated.map((r) => r.from.getTime())));
  const orders = await db.$queryRaw<{ id: number; customerId: number; placedAt: Date; discountMinor: number }[]>`
    SELECT o.id, o."customerId", o."placedAt", o."discountMinor" FROM "Order" o JOIN "Promo" p ON p.id = o."promoId"
    WHERE p.code = ${code} AND o.status IN (${SOLD_STATUSES_SQL}) AND o."customerId" IN (${Prisma.join(ids)}) AND o."placedAt" >= ${earliest} AND o."placedAt" <= ${now}`;
  const counted = orders.filter((o) => treated.some((r) => r.customerId === Number(o.customerId) && o.placedAt.getTime() >= r.from.getTime() && o.placedAt.getTime() < r.from.getTime() + days * DAY_MS));
  return counted.reduce((sum, o) => sum + Number(o.discountMinor), 0);
}

/** Orders whose last touch in the attribution window before them was this campaign's. */
async function countCreditedOrders(db: Db, campaignId: number, from: Date, to: Date, days: number): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS n FROM "Order" o
    WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."placedAt" >= ${from} AND o."placedAt" < ${to}
      AND (SELECT t."campaignId" FROM "Touch" t
           WHERE t."customerId" = o."customerId" AND t.at <= o."placedAt" AND t.at >= o."placedAt" - make_interval(days => ${days}::int)
           ORDER BY t.at DESC, t.id DESC LIMIT 1) = ${campaignId}`;
  return Number(row?.n ?? 0);
}

/** A campaign sent once, over the window from its start; null before it started. */
export async function measureCampaign(deps: MeasureDeps, campaign: Campaign): Promise<CampaignMeasure | null> {
  if (!campaign.startedAt || campaign.trigger !== null) return null;
  const startedAt = campaign.startedAt;
  const rows = await deps.db.campaignDelivery.findMany({ where: { campaignId: campaign.id }, select: { customerId: true, status: true } });
  return measureRows(deps, campaign, rows.map((r) => ({ customerId: r.customerId, heldOut: r.status === "held_out", from: startedAt, sent: r.status === "sent" })));
}

/** What the digest says of a campaign whose window ended: its figures and uplift. */
export interface EndedCampaign {
  id: number;
  name: string;
  sent: number;
  ordered: number;
  revenueMinor: number;
  /** Uplift as a proportion with its 95 % interval; null without a hold-out. */
  uplift: { estimate: number; low: number | null; high: number | null } | null;
}

/** Campaigns (not automations) whose attribution window ended in `[from, to)`: measured complete. */
export async function findEndedCampaigns(deps: MeasureDeps, window: { from: Date; to: Date }): Promise<EndedCampaign[]> {
  const startedFrom = new Date(window.from.getTime() - deps.attributionDays * DAY_MS);
  const startedTo = new Date(window.to.getTime() - deps.attributionDays * DAY_MS);
  const campaigns = await deps.db.campaign.findMany({ where: { trigger: { equals: Prisma.AnyNull }, startedAt: { gte: startedFrom, lt: startedTo } }, orderBy: { id: "asc" } });
  const ended: EndedCampaign[] = [];
  for (const campaign of campaigns) {
    const m = await measureCampaign(deps, campaign);
    if (!m) continue;
    const u = m.estimate.uplift;
    ended.push({ id: campaign.id, name: campaign.name, sent: m.sent, ordered: m.estimate.treated.ordered, revenueMinor: m.estimate.treated.revenueMinor ?? 0, uplift: u ? { estimate: u.estimate, low: u.interval95?.low ?? null, high: u.interval95?.high ?? null } : null });
  }
  return ended;
}

/** An automation, month by month (the shop's zone), newest first, at most `months`. */
export async function measureAutomation(deps: MeasureDeps, automation: Campaign, months = 3): Promise<{ month: string; measure: CampaignMeasure }[]> {
  const rows = await deps.db.campaignDelivery.findMany({ where: { campaignId: automation.id }, select: { customerId: true, status: true, createdAt: true } });
  const byMonth = new Map<string, AssignedRow[]>();
  for (const row of rows) {
    const month = localDate(row.createdAt, deps.timeZone).slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), { customerId: row.customerId, heldOut: row.status === "held_out", from: row.createdAt, sent: row.status === "sent" }]);
  }
  const newest = [...byMonth.keys()].sort().reverse().slice(0, months);
  return Promise.all(newest.map(async (month) => ({ month, measure: await measureRows(deps, automation, byMonth.get(month)!) })));
}

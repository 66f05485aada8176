/**
 * Whom an automation's trigger names now: one occasion per customer it fires for, each with the key
 * that makes it fire once (see `automation-trigger.ts`), for what happened in the window
 * `(since, now]`. "N days after" counts calendar days in the shop's zone: an order delivered on the
 * 1st at 15:00 is followed up on the 8th (from the morning, quiet hours allowing).
 */
import { Prisma } from "../../prisma/generated/client.ts";
import { FUNNEL_STAGES } from "../analytics/funnel/compute-funnel.ts";
import { createAudienceFacts } from "../audiences/audience-facts.ts";
import type { Db } from "../db.ts";
import { SOLD_STATUSES_SQL } from "../digest/load-analytics-records.ts";
import { addLocalDays, localDate } from "../digest/time-zone.ts";
import type { Clock } from "../ports.ts";
import type { TAutomationTrigger } from "./automation-trigger.ts";
import { findDueReorders, type PurchaseRecord } from "./find-due-reorders.ts";

export interface TriggerOccasion {
  customerId: number;
  /** The key that makes the automation fire once for it (`order:12`, `lapse:40`, `reorder:7:31`, `first`, `stage`, `hot:2026-12-08`). */
  occasion: string;
  /** The product the message is about, when the occasion names one (a re-order). */
  productId?: number;
}

export interface OccasionWindow {
  since: Date;
  now: Date;
  timeZone?: string;
  /** The automation's own product: a re-order reminder then looks at that product only. */
  productId?: number | null;
}

const DAY_MS = 86_400_000;

/** Events whose day-count falls in the window: the event's local day plus `days`, strictly after `since`, at most `now`. */
function dueInWindow(at: Date, days: number, w: OccasionWindow): boolean {
  const due = addLocalDays(at, days, w.timeZone).getTime();
  return due > w.since.getTime() && due <= w.now.getTime();
}

/** A rough span for the SQL (two days either side covers any zone and change of clocks); {@link dueInWindow} decides. */
function eventSpan(days: number, w: OccasionWindow): { from: Date; to: Date } {
  return { from: new Date(w.since.getTime() - (days + 2) * DAY_MS), to: new Date(w.now.getTime() - (days - 2) * DAY_MS) };
}

export async function findTriggerOccasions(deps: { db: Db; clock: Clock }, trigger: TAutomationTrigger, w: OccasionWindow): Promise<TriggerOccasion[]> {
  const { db } = deps;
  switch (trigger.kind) {
    case "afterDelivered": {
      const span = eventSpan(trigger.days, w);
      const rows = await db.$queryRaw<{ customerId: number; orderId: number; at: Date }[]>`
        SELECT o."customerId" AS "customerId", o.id AS "orderId", max(s.at) AS at
        FROM "Order" o JOIN "OrderStatusChange" s ON s."orderId" = o.id AND s."toStatus" = 'delivered'
        WHERE o.status = 'delivered' AND o."customerId" IS NOT NULL
        GROUP BY o."customerId", o.id
        HAVING max(s.at) > ${span.from} AND max(s.at) <= ${span.to}`;
      return rows.filter((r) => dueInWindow(r.at, trigger.days, w)).map((r) => ({ customerId: Number(r.customerId), occasion: `order:${r.orderId}` }));
    }
    case "noOrder": {
      const span = eventSpan(trigger.days, w);
      const rows = await db.$queryRaw<{ customerId: number; orderId: number; at: Date }[]>`
        SELECT "customerId", (array_agg(id ORDER BY "placedAt" DESC, id DESC))[1] AS "orderId", max("placedAt") AS at
        FROM "Order"
        WHERE status IN (${SOLD_STATUSES_SQL}) AND "customerId" IS NOT NULL AND "placedAt" IS NOT NULL
        GROUP BY "customerId"
        HAVING max("placedAt") > ${span.from} AND max("placedAt") <= ${span.to}`;
      return rows.filter((r) => dueInWindow(r.at, trigger.days, w)).map((r) => ({ customerId: Number(r.customerId), occasion: `lapse:${r.orderId}` }));
    }
    case "firstOrder": {
      const rows = await db.$queryRaw<{ customerId: number }[]>`
        SELECT o."customerId" AS "customerId"
        FROM "Order" o
        WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."customerId" IS NOT NULL
          AND o."placedAt" > ${w.since} AND o."placedAt" <= ${w.now}
          AND NOT EXISTS (
            SELECT 1 FROM "Order" p
            WHERE p."customerId" = o."customerId" AND p.id <> o.id AND p.status IN (${SOLD_STATUSES_SQL})
              AND (p."placedAt" < o."placedAt" OR (p."placedAt" = o."placedAt" AND p.id < o.id)))`;
      return rows.map((r) => ({ customerId: Number(r.customerId), occasion: "first" }));
    }
    case "stage": {
      // The first time the lead reached that stage or a later one (stages are skipped: an order straight from a chat never was `cart`).
      const reached = FUNNEL_STAGES.slice(FUNNEL_STAGES.indexOf(trigger.stage));
      const rows = await db.$queryRaw<{ customerId: number }[]>`
        SELECT l."customerId" AS "customerId"
        FROM "LeadStageChange" c JOIN "Lead" l ON l.id = c."leadId"
        WHERE c."toStage"::text IN (${Prisma.join(reached)})
        GROUP BY l."customerId"
        HAVING min(c.at) > ${w.since} AND min(c.at) <= ${w.now}`;
      return rows.map((r) => ({ customerId: Number(r.customerId), occasion: "stage" }));
    }
    case "hot": {
      const facts = createAudienceFacts({ db, clock: deps.clock, ...(w.timeZone ? { timeZone: w.timeZone } : {}) }, w.now);
      const chances = await facts.leadChances();
      const day = localDate(w.now, w.timeZone);
      return [...chances]
        .filter(([, p]) => (trigger.inclusive ? p >= trigger.probability : p > trigger.probability))
        .map(([customerId]) => ({ customerId, occasion: `hot:${day}` }));
    }
    case "reorder": {
      const only = w.productId ? Prisma.sql`p.id = ${w.productId}` : Prisma.sql`p.consumable`;
      const rows = await db.$queryRaw<{ customerId: number; productId: number; orderId: number; at: Date }[]>`
        SELECT o."customerId" AS "customerId", l."productId" AS "productId", o.id AS "orderId", o."placedAt" AS at
        FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id JOIN "Product" p ON p.id = l."productId"
        WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."customerId" IS NOT NULL AND o."placedAt" IS NOT NULL
          AND o."placedAt" <= ${w.now} AND p.active AND p.stock > 0 AND ${only}`;
      const purchases: PurchaseRecord[] = rows.map((r) => ({ customerId: Number(r.customerId), productId: Number(r.productId), orderId: Number(r.orderId), at: r.at }));
      // Only products for sale and in stock: a reminder to buy what cannot be bought is worse than none.
      return findDueReorders(purchases, w).map((d) => ({ customerId: d.customerId, occasion: `reorder:${d.productId}:${d.lastOrderId}`, productId: d.productId }));
    }
  }
}

/**
 * The sales a stock plan is worked out from, in weeks that end where today began (in the shop's time
 * zone): week 0 is the 7 days before today, week 1 the 7 before those, and so on. Three narrow
 * queries, each answered as one JSON text (decoding rows costs more than the queries on two years of
 * a real shop): units per product and week over the last 26 weeks, per product and weekday over the
 * last 8, per category and week over the last 70 (the pools' yearly pattern needs 65).
 */
import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { SOLD_STATUSES_SQL } from "../digest/load-analytics-records.ts";
import { addLocalDays, startOfLocalDay, utcOffsetMinutes } from "../digest/time-zone.ts";
import { INTERMITTENT_WEEKS, WINDOW_WEEKS } from "./forecast/forecast-weekly-demand.ts";

/** Weeks of category history loaded: the yearly factor's 65 and a little to spare. */
export const POOL_HISTORY_WEEKS = 70;
const WEEK_SECONDS = 7 * 86_400;

export interface DemandHistory {
  /** Where week 0 ends: the start of today in the shop's zone. */
  today: Date;
  /** ISO weekday (1 = Monday … 7 = Sunday) of today, local. */
  todayWeekday: number;
  /** Product id → units per week ago (index 0 = last week), the last 26 weeks. */
  productWeeks: Map<number, number[]>;
  /** Product id → units per ISO weekday (index 0 = Monday), the last 8 weeks. */
  productWeekdays: Map<number, number[]>;
  /** Category → units per week ago, the last 70 weeks (every product of the category, active or not). */
  categoryWeeks: Map<string, number[]>;
  /** Category → how many of its products sold in the last 8 weeks (a new product's prior is an equal share). */
  recentSellers: Map<string, number>;
}

function parseTriples(text: string | null | undefined, what: string): [number | string, number, number][] {
  const rows: unknown = JSON.parse(text ?? "[]");
  if (!Array.isArray(rows)) throw new Error(`loadDemandHistory: ${what} is not a list`);
  return rows.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== 3 || typeof row[1] !== "number" || typeof row[2] !== "number") throw new Error(`loadDemandHistory: malformed ${what}`);
    return row as [number | string, number, number];
  });
}

/** The whole shop's history as of `asOf` (complete local days only). */
export async function loadDemandHistory(db: Db, options: { asOf: Date; timeZone?: string }): Promise<DemandHistory> {
  const today = startOfLocalDay(options.asOf, options.timeZone);
  const todaySeconds = today.getTime() / 1000;
  const offset = utcOffsetMinutes(options.asOf, options.timeZone);
  const since = (weeks: number) => addLocalDays(today, -7 * weeks, options.timeZone);
  const week = Prisma.sql`floor((${todaySeconds}::float8 - extract(epoch FROM o."placedAt")) / ${WEEK_SECONDS})::int`;
  // One after another, not at once: a command runs this inside its transaction, which takes one query at a time.
  const products = await db.$queryRaw<{ rows: string | null }[]>`
      SELECT json_agg(json_build_array(pid, wk, units))::text AS rows FROM (
        SELECT ol."productId" AS pid, ${week} AS wk, sum(ol.quantity)::int AS units
        FROM "OrderLine" ol JOIN "Order" o ON o.id = ol."orderId"
        WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."placedAt" >= ${since(INTERMITTENT_WEEKS)} AND o."placedAt" < ${today}
        GROUP BY 1, 2) t`;
  const weekdays = await db.$queryRaw<{ rows: string | null }[]>`
      SELECT json_agg(json_build_array(pid, dow, units))::text AS rows FROM (
        SELECT ol."productId" AS pid, extract(isodow FROM o."placedAt" + ${offset} * interval '1 minute')::int AS dow, sum(ol.quantity)::int AS units
        FROM "OrderLine" ol JOIN "Order" o ON o.id = ol."orderId"
        WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."placedAt" >= ${since(WINDOW_WEEKS)} AND o."placedAt" < ${today}
        GROUP BY 1, 2) t`;
  const categories = await db.$queryRaw<{ rows: string | null; sellers: string | null }[]>`
      WITH sold AS (
        SELECT p.category AS category, ol."productId" AS pid, ${week} AS wk, ol.quantity AS quantity
        FROM "OrderLine" ol JOIN "Order" o ON o.id = ol."orderId" JOIN "Product" p ON p.id = ol."productId"
        WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."placedAt" >= ${since(POOL_HISTORY_WEEKS)} AND o."placedAt" < ${today})
      SELECT
        (SELECT json_agg(json_build_array(category, wk, units))::text FROM (SELECT category, wk, sum(quantity)::int AS units FROM sold GROUP BY 1, 2) c) AS rows,
        (SELECT json_object_agg(category, n)::text FROM (SELECT category, count(DISTINCT pid)::int AS n FROM sold WHERE wk < ${WINDOW_WEEKS} GROUP BY 1) s) AS sellers`;
  const productWeeks = new Map<number, number[]>();
  for (const [pid, wk, units] of parseTriples(products[0]?.rows, "product weeks")) {
    if (wk < 0 || wk >= INTERMITTENT_WEEKS) continue;
    const row = productWeeks.get(pid as number) ?? new Array<number>(INTERMITTENT_WEEKS).fill(0);
    row[wk] = units;
    productWeeks.set(pid as number, row);
  }
  const productWeekdays = new Map<number, number[]>();
  for (const [pid, dow, units] of parseTriples(weekdays[0]?.rows, "product weekdays")) {
    const row = productWeekdays.get(pid as number) ?? new Array<number>(7).fill(0);
    row[(dow - 1 + 7) % 7] = units;
    productWeekdays.set(pid as number, row);
  }
  const categoryWeeks = new Map<string, number[]>();
  for (const [category, wk, units] of parseTriples(categories[0]?.rows, "category weeks")) {
    if (wk < 0 || wk >= POOL_HISTORY_WEEKS) continue;
    const row = categoryWeeks.get(String(category)) ?? new Array<number>(POOL_HISTORY_WEEKS).fill(0);
    row[wk] = units;
    categoryWeeks.set(String(category), row);
  }
  const recentSellers = new Map<string, number>(Object.entries(JSON.parse(categories[0]?.sellers ?? "{}") as Record<string, number>));
  const todayWeekday = localIsoWeekday(options.asOf, options.timeZone);
  return { today, todayWeekday, productWeeks, productWeekdays, categoryWeeks, recentSellers };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of the local day containing `at`. */
export function localIsoWeekday(at: Date, timeZone?: string): number {
  const today = startOfLocalDay(at, timeZone);
  const offset = utcOffsetMinutes(at, timeZone);
  // 1970-01-01 was a Thursday (4).
  return ((Math.floor((today.getTime() + offset * 60_000) / 86_400_000) + 3) % 7) + 1;
}

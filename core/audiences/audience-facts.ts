/**
 * What evaluating audiences reads from the database, each piece loaded at most once per evaluation
 * (and shared when `audiences` sizes every saved audience at once): every customer with the details a
 * listing shows, the accounts a message can reach later, the sales the analytics engines read, and
 * one query per `bought` term. Set algebra then happens in memory over customer ids.
 *
 * Limits, stated: everything here holds the shop's whole customer list and its sold orders in
 * memory, as the daily digest does; for a one-person shop (up to some 100,000 customers and a few
 * hundred thousand orders) that is a few megabytes and well under a second. Beyond that, terms would
 * have to become SQL.
 */
import { computeCustomerLifetimeValue, segmentCustomers, type SegmentKey } from "../analytics/index.ts";
import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { customerOrders, loadLeadEvents, loadSales, SOLD_STATUSES_SQL, type SaleRow } from "../digest/load-analytics-records.ts";
import { scoreActiveLeads } from "../digest/score-active-leads.ts";
import { addLocalDays, DAY_MS, startOfLocalDay } from "../digest/time-zone.ts";
import type { Clock } from "../ports.ts";
import type { FunnelStage } from "../analytics/funnel/compute-funnel.ts";

/** What evaluating an audience needs: the database, the clock, and the shop's time zone for "within N days". */
export interface AudienceDeps {
  db: Db;
  clock: Clock;
  /** IANA zone of the shop (TZ); the machine's when absent. */
  timeZone?: string;
}

/**
 * Channels a message can reach a customer on later, outside a conversation they are having: Telegram
 * (a bot may write to a chat that started it). A console session ends with the browser tab; Slack is
 * the owner's side; imported customers have no account at all.
 */
export const REACHABLE_CHANNELS = ["telegram"] as const;
export type TReachableChannel = (typeof REACHABLE_CHANNELS)[number];

export interface AudienceCustomer {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  marketingConsent: boolean;
  createdAt: Date;
}

export interface CustomerSales {
  orders: number;
  spentMinor: number;
  lastOrder: { at: Date; totalMinor: number };
}

/** Per-evaluation memory of what was read; create one per moment (`at`), share it between audiences evaluated together. */
export interface AudienceFacts {
  readonly at: Date;
  readonly timeZone: string | undefined;
  customers(): Promise<Map<number, AudienceCustomer>>;
  /** Each customer's accounts on {@link REACHABLE_CHANNELS}. */
  reachable(): Promise<Map<number, { channel: TReachableChannel; externalId: string }[]>>;
  /** Sold orders placed before `at`, per customer. */
  sales(): Promise<Map<number, CustomerSales>>;
  lifetimeValues(): Promise<Map<number, number>>;
  segments(): Promise<Map<number, SegmentKey>>;
  /** The lead scorer's chance to order within 14 days of every customer active in the last 90 days (the `hot` command's list). */
  leadChances(): Promise<Map<number, number>>;
  stages(): Promise<Map<number, FunnelStage>>;
  /** Customers with a sold order of the product / category before `at`, since the start of the local day `withinDays - 1` days back when given. */
  buyers(item: { sku: string } | { category: string }, withinDays: number | undefined): Promise<Set<number>>;
  /** The start of the local day `days - 1` days before `at`'s: "within 30 days" is today and the 29 days before. */
  since(days: number): Date;
}

/** Loads each piece once, on first use. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

export function createAudienceFacts(deps: AudienceDeps, at: Date = deps.clock.now()): AudienceFacts {
  const { db, timeZone } = deps;
  const today = startOfLocalDay(at, timeZone);
  const since = (days: number) => addLocalDays(at, -(days - 1), timeZone);
  const rawSales = once(() => loadSales(db, at));
  const buyers = new Map<string, Promise<Set<number>>>();

  const facts: AudienceFacts = {
    at,
    timeZone,
    since,
    customers: once(async () => {
      const rows = await db.customer.findMany({ select: { id: true, name: true, email: true, phone: true, locale: true, marketingConsent: true, createdAt: true } });
      return new Map(rows.map((c) => [c.id, c]));
    }),
    reachable: once(async () => {
      const rows = await db.channelIdentity.findMany({ where: { channel: { in: [...REACHABLE_CHANNELS] } }, select: { customerId: true, channel: true, externalId: true }, orderBy: { id: "asc" } });
      const byCustomer = new Map<number, { channel: TReachableChannel; externalId: string }[]>();
      for (const row of rows) {
        const list = byCustomer.get(row.customerId) ?? [];
        list.push({ channel: row.channel as TReachableChannel, externalId: row.externalId });
        byCustomer.set(row.customerId, list);
      }
      return byCustomer;
    }),
    sales: once(async () => {
      const byCustomer = new Map<number, CustomerSales>();
      // Oldest first, so the last one seen is the last order.
      for (const sale of await rawSales()) {
        if (sale.customerId === null) continue;
        const entry = byCustomer.get(sale.customerId) ?? { orders: 0, spentMinor: 0, lastOrder: { at: sale.at, totalMinor: sale.totalMinor } };
        entry.orders++;
        entry.spentMinor += sale.totalMinor;
        entry.lastOrder = { at: sale.at, totalMinor: sale.totalMinor };
        byCustomer.set(sale.customerId, entry);
      }
      return byCustomer;
    }),
    lifetimeValues: once(async () => {
      const orders = customerOrders(await rawSales());
      const report = computeCustomerLifetimeValue({ orders, asOf: at });
      return new Map(report.customers.map((c) => [Number(c.customerId), c.lifetimeValueMinor]));
    }),
    segments: once(async () => {
      const orders = customerOrders(await rawSales());
      if (orders.length === 0) return new Map();
      // As the owner's `segments` command segments them: every customer with a sale, as of now.
      const segmentation = segmentCustomers({ orders, asOf: at });
      const keyOf = new Map(segmentation.segments.map((s) => [s.id, s.key]));
      return new Map(segmentation.customers.map((c) => [Number(c.customerId), keyOf.get(c.segmentId)!]));
    }),
    leadChances: once(async () => {
      // As the `hot` command and the digest score them: sales before today, chat events of the last 120 days.
      const sales: SaleRow[] = (await rawSales()).filter((s) => s.at.getTime() < today.getTime());
      const events = await loadLeadEvents(db, new Date(today.getTime() - 120 * DAY_MS));
      const { scored } = scoreActiveLeads({ orders: customerOrders(sales), events, today });
      return new Map(scored.map((s) => [s.customerId, s.score.probability]));
    }),
    stages: once(async () => {
      const rows = await db.lead.findMany({ select: { customerId: true, stage: true } });
      return new Map(rows.map((l) => [l.customerId, l.stage]));
    }),
    buyers(item, withinDays) {
      const key = JSON.stringify([item, withinDays ?? null]);
      let found = buyers.get(key);
      if (!found) {
        // Compared with lower() rather than Prisma's case-insensitive equals (an ILIKE: "_" in a SKU would match any character).
        const product = "sku" in item ? Prisma.sql`lower(p.sku) = lower(${item.sku})` : Prisma.sql`(lower(p.category) = lower(${item.category}) OR lower(p."categoryZh") = lower(${item.category}))`;
        const from = withinDays === undefined ? Prisma.empty : Prisma.sql`AND o."placedAt" >= ${since(withinDays)}`;
        found = db.$queryRaw<{ customerId: number }[]>`
          SELECT DISTINCT o."customerId" AS "customerId"
          FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id JOIN "Product" p ON p.id = l."productId"
          WHERE o.status IN (${SOLD_STATUSES_SQL}) AND o."customerId" IS NOT NULL AND o."placedAt" < ${at} ${from} AND ${product}`
          .then((rows) => new Set(rows.map((r) => Number(r.customerId))));
        buyers.set(key, found);
      }
      return found;
    },
  };
  return facts;
}

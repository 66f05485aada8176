/**
 * The queries that feed the analytics engines: plain records out of the database, as few and as
 * narrow as possible (the digest over two years of a real shop must build in under two seconds).
 */
import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { SOLD_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { FunnelStage, FunnelStageRecord, LeadEventRecord, LeadOrderRecord } from "../analytics/index.ts";

/**
 * {@link SOLD_ORDER_STATUSES} as an SQL list for the raw queries, so that a sale means the same in them
 * as in the ORM's queries (the owner's `sales`): a status added there is counted here too. The values
 * are the schema's own enum names, never input.
 */
export const SOLD_STATUSES_SQL = Prisma.raw(SOLD_ORDER_STATUSES.map((status) => `'${status}'`).join(", "));

export interface SaleRow {
  customerId: number | null;
  at: Date;
  totalMinor: number;
}

/**
 * Orders that count as sales (placed or later, not cancelled) placed before `before` (and from `since`), oldest first. The database sends them
 * as one JSON text of [customer, placed at (ms), total] triples rather than as rows: decoding ~40,000
 * rows (their timestamps above all) took 200–600 ms of the digest's two seconds on the embedded
 * database, the same data as one JSON text 60–130 ms (two years of Online Retail).
 */
export async function loadSales(db: Db, before: Date, since: Date = new Date(0)): Promise<SaleRow[]> {
  const [row] = await db.$queryRaw<{ sales: string | null }[]>`
    SELECT json_agg(json_build_array("customerId", (extract(epoch FROM "placedAt") * 1000)::int8, "totalMinor") ORDER BY "placedAt", id)::text AS sales
    FROM "Order"
    WHERE status IN (${SOLD_STATUSES_SQL}) AND "placedAt" IS NOT NULL AND "placedAt" < ${before} AND "placedAt" >= ${since}`;
  const triples: unknown = JSON.parse(row?.sales ?? "[]");
  if (!Array.isArray(triples)) throw new Error("loadSales: the database did not return a list of sales");
  return triples.map((triple: unknown) => {
    if (!Array.isArray(triple) || triple.length !== 3) throw new Error("loadSales: malformed sale from the database");
    const [customerId, atMs, totalMinor] = triple as unknown[];
    if ((customerId !== null && typeof customerId !== "number") || typeof atMs !== "number" || typeof totalMinor !== "number") {
      throw new Error("loadSales: malformed sale from the database");
    }
    return { customerId, at: new Date(atMs), totalMinor };
  });
}

/** Sales of known customers in the shape the lead, segment and lifetime-value engines take. */
export function customerOrders(sales: SaleRow[]): LeadOrderRecord[] {
  const orders: LeadOrderRecord[] = [];
  for (const s of sales) if (s.customerId !== null) orders.push({ customerId: s.customerId, at: s.at, totalMinor: s.totalMinor });
  return orders;
}

const EVENT_TYPES: Record<string, LeadEventRecord["type"]> = {
  product_viewed: "product_view",
  product_asked: "question",
  added_to_cart: "cart_add",
};

/** Chat behaviour since `since`: product views, questions, cart adds, and inbound messages. */
export async function loadLeadEvents(db: Db, since: Date): Promise<LeadEventRecord[]> {
  const [events, messages] = await Promise.all([
    db.event.findMany({ where: { at: { gte: since }, customerId: { not: null }, type: { in: Object.keys(EVENT_TYPES) } }, select: { customerId: true, type: true, at: true, productId: true } }),
    db.message.findMany({ where: { createdAt: { gte: since }, direction: "inbound" }, select: { createdAt: true, conversation: { select: { customerId: true } } } }),
  ]);
  return [
    ...events.map((e) => ({ customerId: e.customerId!, type: EVENT_TYPES[e.type]!, at: e.at, productId: e.productId })),
    ...messages.map((m) => ({ customerId: m.conversation.customerId, type: "message" as const, at: m.createdAt })),
  ];
}

/** When each customer reached each funnel stage (from the lead stage history). */
export async function loadFunnelRecords(db: Db, since: Date): Promise<FunnelStageRecord[]> {
  const rows = await db.leadStageChange.findMany({ where: { at: { gte: since } }, select: { toStage: true, at: true, lead: { select: { customerId: true } } } });
  return rows.map((r) => ({ customerId: r.lead.customerId, stage: r.toStage as FunnelStage, at: r.at }));
}

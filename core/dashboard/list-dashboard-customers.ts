/**
 * The dashboard's customer table: every customer with contact details, RFM segment, chance to order,
 * lifetime value, last order, marketing consent and channel, searched and sorted on the server (the
 * figures are `customer <id>`'s, from {@link measureCustomers}).
 */
import { z } from "zod";
import { measureCustomers } from "../digest/measure-customers.ts";
import { digestMessagesFor } from "../i18n/digest.ts";
import { formatMoney } from "../money.ts";
import { SOLD_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { DashboardDeps, Money } from "./build-dashboard-overview.ts";

export const ZCustomerSort = z.enum(["id", "name", "segment", "chance", "lifetime", "lastOrder", "consent", "channel"]);
export const ZCustomerQuery = z.object({
  q: z.string().trim().max(100).default(""),
  sort: ZCustomerSort.default("lastOrder"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TCustomerQuery = z.infer<typeof ZCustomerQuery>;

export interface DashboardCustomerRow {
  id: number;
  name: string | null;
  contact: string | null;
  segment: string | null;
  chance: number | null;
  lifetime: Money | null;
  lastOrder: string | null;
  consent: boolean;
  channel: string | null;
  erased: boolean;
}

export async function listDashboardCustomers(deps: DashboardDeps, query: TCustomerQuery): Promise<{ total: number; rows: DashboardCustomerRow[] }> {
  const { db, locale } = deps;
  const t = digestMessagesFor(locale);
  const q = query.q;
  const id = /^#?\d+$/.test(q) ? Number(q.replace("#", "")) : undefined;
  const where = q
    ? { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { email: { contains: q, mode: "insensitive" as const } }, { phone: { contains: q.replace(/\s/g, "") } }, ...(id && id < 2_147_483_647 ? [{ id }] : [])] }
    : {};
  const [customers, lastOrders, measures] = await Promise.all([
    db.customer.findMany({ where, select: { id: true, name: true, email: true, phone: true, marketingConsent: true, erasedAt: true, identities: { select: { channel: true }, orderBy: { id: "desc" }, take: 1 } } }),
    db.order.groupBy({ by: ["customerId"], where: { status: { in: SOLD_ORDER_STATUSES }, customerId: { not: null } }, _max: { placedAt: true } }),
    measureCustomers(db, { asOf: deps.clock.now(), timeZone: deps.timeZone }),
  ]);
  const lastOrderOf = new Map(lastOrders.map((o) => [o.customerId!, o._max.placedAt]));
  const rows: DashboardCustomerRow[] = customers.map((c) => {
    const lifetime = measures.lifetime.get(c.id);
    const segment = measures.segments.get(c.id);
    return {
      id: c.id,
      name: c.name,
      contact: [c.email, c.phone].filter(Boolean).join(", ") || null,
      segment: segment ? t.segmentNames[segment.key].label : null,
      chance: measures.scores.get(c.id)?.probability ?? null,
      lifetime: lifetime ? { minor: Math.round(lifetime.lifetimeValueMinor), text: formatMoney(Math.round(lifetime.lifetimeValueMinor), deps.currency) } : null,
      lastOrder: lastOrderOf.get(c.id)?.toISOString() ?? null,
      consent: c.marketingConsent,
      channel: c.identities[0]?.channel ?? null,
      erased: c.erasedAt !== null,
    };
  });
  const key = (row: DashboardCustomerRow): string | number | null =>
    query.sort === "lifetime" ? row.lifetime?.minor ?? null : query.sort === "consent" ? Number(row.consent) : row[query.sort];
  const sign = query.dir === "asc" ? 1 : -1;
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    // Empty values last whichever way the column is sorted.
    if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), locale === "zh" ? "zh" : "en");
    return order !== 0 ? sign * order : a.id - b.id;
  });
  return { total: rows.length, rows: rows.slice(0, query.limit) };
}

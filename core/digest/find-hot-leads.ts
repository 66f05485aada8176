/**
 * Whom to follow up: the customers most likely to order soon, with their contact details and the
 * reasons of their score. One function for the owner's `hot` command and the dashboard's hot leads.
 */
import type { LeadScoreReason, LeadScorerModel } from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { customerOrders, loadLeadEvents, loadSales, type SaleRow } from "./load-analytics-records.ts";
import { scoreActiveLeads } from "./score-active-leads.ts";
import { DAY_MS, startOfLocalDay } from "./time-zone.ts";

export interface HotLead {
  customerId: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  probability: number;
  reasons: LeadScoreReason[];
}

export interface HotLeads {
  modelKind: LeadScorerModel["kind"];
  leads: HotLead[];
}

/**
 * The `limit` (at least one) hottest leads as of the shop's midnight. `sales`: the sales placed before
 * that midnight when the caller has loaded them already (the dashboard loads them once for all its
 * figures); otherwise read here.
 */
export async function findHotLeads(db: Db, options: { asOf: Date; timeZone?: string | undefined; limit: number; sales?: readonly SaleRow[] }): Promise<HotLeads> {
  const today = startOfLocalDay(options.asOf, options.timeZone);
  const [sales, events] = await Promise.all([options.sales ?? loadSales(db, today), loadLeadEvents(db, new Date(today.getTime() - 120 * DAY_MS))]);
  const { model, scored } = scoreActiveLeads({ orders: customerOrders(sales.filter((s) => s.at < today)), events, today });
  const hot = scored.slice(0, Math.max(1, options.limit));
  const people = await db.customer.findMany({ where: { id: { in: hot.map((h) => h.customerId) } }, select: { id: true, name: true, email: true, phone: true } });
  return {
    modelKind: model.kind,
    leads: hot.map((h) => {
      const person = people.find((p) => p.id === h.customerId);
      return { customerId: h.customerId, name: person?.name ?? null, email: person?.email ?? null, phone: person?.phone ?? null, probability: h.score.probability, reasons: h.score.reasons };
    }),
  };
}

/**
 * Whom to follow up: the customers most likely to order soon, with their contact details and the
 * reasons of their score. One function for the owner's `hot` command and the dashboard's hot leads
 * (which keeps the scores for the day while the history before midnight is unchanged).
 */
import type { LeadScoreReason, LeadScorerModel } from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { customerOrders, loadLeadEvents, loadSales, type SaleRow } from "./load-analytics-records.ts";
import { scoreActiveLeads, type ScoredLead } from "./score-active-leads.ts";
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

/** Every active customer scored as of the shop's midnight, hottest first: the costly part (the lead scorer is trained on the shop's history). */
export async function scoreHotLeads(db: Db, options: { asOf: Date; timeZone?: string | undefined; sales?: readonly SaleRow[] }): Promise<{ modelKind: LeadScorerModel["kind"]; scored: ScoredLead[] }> {
  const today = startOfLocalDay(options.asOf, options.timeZone);
  const [sales, events] = await Promise.all([options.sales ?? loadSales(db, today), loadLeadEvents(db, new Date(today.getTime() - 120 * DAY_MS))]);
  const { model, scored } = scoreActiveLeads({ orders: customerOrders(sales.filter((s) => s.at < today)), events, today });
  return { modelKind: model.kind, scored };
}

/**
 * The `limit` (at least one) hottest leads as of the shop's midnight. `sales`: the sales placed before
 * that midnight when the caller has loaded them already (the dashboard loads them once for all its
 * figures); otherwise read here.
 */
export async function findHotLeads(db: Db, options: { asOf: Date; timeZone?: string | undefined; limit: number; sales?: readonly SaleRow[]; scores?: Awaited<ReturnType<typeof scoreHotLeads>> }): Promise<HotLeads> {
  const { modelKind, scored } = options.scores ?? (await scoreHotLeads(db, options));
  const hot = scored.slice(0, Math.max(1, options.limit));
  // Names and contacts read now, never kept with the scores: an erasure shows at once.
  const people = await db.customer.findMany({ where: { id: { in: hot.map((h) => h.customerId) } }, select: { id: true, name: true, email: true, phone: true } });
  return {
    modelKind,
    leads: hot.map((h) => {
      const person = people.find((p) => p.id === h.customerId);
      return { customerId: h.customerId, name: person?.name ?? null, email: person?.email ?? null, phone: person?.phone ?? null, probability: h.score.probability, reasons: h.score.reasons };
    }),
  };
}

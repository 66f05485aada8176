/**
 * What the shop's analytics say about its customers: each one's chance to order within 14 days (the
 * lead scorer trained on the shop's own history), RFM segment and lifetime value. The owner's
 * `customer <id>` and the dashboard's customer table and page read it here, so they agree.
 */
import {
  computeCustomerLifetimeValue,
  extractLeadFeatures,
  scoreLead,
  segmentCustomers,
  type CustomerLifetimeValue,
  type CustomerSegment,
  type LeadScore,
  type LeadScorerModel,
} from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { customerOrders, loadLeadEvents, loadSales } from "./load-analytics-records.ts";
import { trainShopLeadScorer } from "./train-shop-lead-scorer.ts";
import { DAY_MS, startOfLocalDay } from "./time-zone.ts";

export interface CustomerMeasures {
  modelKind: LeadScorerModel["kind"];
  /** The chance to order and its reasons; absent for a customer with nothing to score. */
  scores: Map<number, LeadScore>;
  segments: Map<number, CustomerSegment>;
  lifetime: Map<number, CustomerLifetimeValue>;
}

/** Scores, segments and lifetime values as of `asOf`, for `customerIds` (every customer with records when absent). */
export async function measureCustomers(db: Db, options: { asOf: Date; timeZone?: string | undefined; customerIds?: readonly number[] }): Promise<CustomerMeasures> {
  const { asOf } = options;
  const today = startOfLocalDay(asOf, options.timeZone);
  const [sales, events] = await Promise.all([loadSales(db, asOf), loadLeadEvents(db, new Date(today.getTime() - 120 * DAY_MS))]);
  const orders = customerOrders(sales);
  const model = trainShopLeadScorer({ orders, events, today });
  const wanted = options.customerIds ? new Set(options.customerIds) : null;
  const ids = wanted ? [...wanted] : [...new Set([...orders.map((o) => Number(o.customerId)), ...events.map((e) => Number(e.customerId))])];
  const scores = new Map<number, LeadScore>();
  for (const [customerId, features] of extractLeadFeatures({ orders, events, asOf, customerIds: ids })) scores.set(Number(customerId), scoreLead({ model, features }));
  const segments = new Map<number, CustomerSegment>();
  if (orders.length > 0) {
    const segmentation = segmentCustomers({ orders, asOf });
    const byId = new Map(segmentation.segments.map((s) => [s.id, s]));
    for (const c of segmentation.customers) {
      const id = Number(c.customerId);
      const segment = byId.get(c.segmentId);
      if (segment && (!wanted || wanted.has(id))) segments.set(id, segment);
    }
  }
  const lifetime = new Map<number, CustomerLifetimeValue>();
  for (const c of computeCustomerLifetimeValue({ orders, asOf }).customers) {
    const id = Number(c.customerId);
    if (!wanted || wanted.has(id)) lifetime.set(id, c);
  }
  return { modelKind: model.kind, scores, segments, lifetime };
}

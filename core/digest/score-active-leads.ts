/**
 * Every customer active in the last 90 days (an order, or a chat event before today), scored by the
 * shop's lead scorer and sorted most likely to order first. One place for the daily digest's hottest
 * leads and the owner's `hot` command, so the two never disagree about who is hot.
 */
import { extractLeadFeatures, scoreLead, type LeadEventRecord, type LeadOrderRecord, type LeadScore, type LeadScorerModel } from "../analytics/index.ts";
import { DAY_MS } from "./time-zone.ts";
import { SCORED_ACTIVITY_DAYS, trainShopLeadScorer } from "./train-shop-lead-scorer.ts";

export interface ScoredLead {
  customerId: number;
  score: LeadScore;
}

export function scoreActiveLeads(options: { orders: readonly LeadOrderRecord[]; events: readonly LeadEventRecord[]; today: Date }): { model: LeadScorerModel; scored: ScoredLead[] } {
  const { orders, events, today } = options;
  const model = trainShopLeadScorer({ orders, events, today });
  const activeSince = today.getTime() - SCORED_ACTIVITY_DAYS * DAY_MS;
  const candidates = new Set<number>();
  for (const o of orders) if (o.at.getTime() >= activeSince) candidates.add(Number(o.customerId));
  // Scores are as of midnight: someone first seen this morning has nothing to score yet.
  for (const e of events) if (e.at.getTime() >= activeSince && e.at.getTime() < today.getTime()) candidates.add(Number(e.customerId));
  const features = extractLeadFeatures({ orders, events, asOf: today, customerIds: [...candidates] });
  const scored: ScoredLead[] = [];
  for (const [customerId, f] of features) scored.push({ customerId: Number(customerId), score: scoreLead({ model, features: f }) });
  scored.sort((a, b) => b.score.probability - a.score.probability || a.customerId - b.customerId);
  return { model, scored };
}

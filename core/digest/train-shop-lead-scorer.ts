/**
 * The lead scorer the shop uses (daily digest, the owner's `customer` command): trained on the
 * shop's own recent history at four weekly cutoffs whose 14-day label window is already over,
 * falling back to the documented prior while there is too little of it. It learns from customers
 * active (an order or a chat event) in the 90 days before each cutoff, the population the digest
 * scores, not from every customer ever seen: on two years of Online Retail that is a fraction of
 * the examples and of the training time. Logistic part only: the boosted trees add ~0.003 AUC on
 * the benchmark but ~4 s of training on two years of data, which the digest's 2-second budget
 * cannot carry.
 */
import { buildLeadTrainingSet, trainLeadScorer, type LeadEventRecord, type LeadOrderRecord, type LeadScorerModel } from "../analytics/index.ts";
import { DAY_MS } from "./time-zone.ts";

/** The digest scores customers active in the last 90 days; the scorer learns from the same kind. */
export const SCORED_ACTIVITY_DAYS = 90;

export function trainShopLeadScorer(options: { orders: readonly LeadOrderRecord[]; events: readonly LeadEventRecord[]; today: Date }): LeadScorerModel {
  const cutoffs = [14, 21, 28, 35].map((days) => new Date(options.today.getTime() - days * DAY_MS));
  return trainLeadScorer({ examples: buildLeadTrainingSet({ orders: options.orders, events: options.events, cutoffs, horizonDays: 14, activeWithinDays: SCORED_ACTIVITY_DAYS }), boostedTrees: false });
}

/**
 * The lead scorer the shop uses (daily digest, the owner's `customer` command): trained on the
 * shop's own recent history at four weekly cutoffs whose 14-day label window is already over,
 * falling back to the documented prior while there is too little of it. Logistic part only: the
 * boosted trees add ~0.003 AUC on the benchmark but ~4 s of training on two years of data, which
 * the digest's 2-second budget cannot carry.
 */
import { buildLeadTrainingSet, trainLeadScorer, type LeadEventRecord, type LeadOrderRecord, type LeadScorerModel } from "../analytics/index.ts";
import { DAY_MS } from "./time-zone.ts";

export function trainShopLeadScorer(options: { orders: readonly LeadOrderRecord[]; events: readonly LeadEventRecord[]; today: Date }): LeadScorerModel {
  const cutoffs = [14, 21, 28, 35].map((days) => new Date(options.today.getTime() - days * DAY_MS));
  return trainLeadScorer({ examples: buildLeadTrainingSet({ orders: options.orders, events: options.events, cutoffs, horizonDays: 14 }), boostedTrees: false });
}

/**
 * Scores one lead with a {@link LeadScorerModel} and says why, so the owner can trust (or overrule)
 * the number: each reason is a value (which behaviour, how much it moved the score, and the facts it
 * rests on) that the digest's text catalog words in the owner's language (`leadReasons` in
 * core/i18n/digest.ts): "2 cart adds in the last 14 days (raises the chance)".
 *
 * Reasons are the model's feature contributions (coefficient × standardised value, i.e. relative to an
 * average customer of the training data; for the prior, relative to zero activity), summed over features
 * that describe the same behaviour (the recency features, the cart features, …), largest |sum| first.
 * When the model also has boosted trees, the probability blends both log-odds, and the reasons are the
 * logistic part's contributions scaled by its share of the blend: trees have no per-feature additive
 * story worth telling the owner, and the logistic part carries the main effects the owner can act on.
 */
import { sigmoid } from "./train-logistic-regression.ts";
import { predictBoostedTreesMargin } from "./train-boosted-trees.ts";
import { LEAD_TREE_WEIGHT, standardiseLeadFeatures, transformLeadFeatures, type LeadScorerModel } from "./train-lead-scorer.ts";
import type { LeadFeatureName, LeadFeatures } from "./extract-lead-features.ts";

export type LeadReasonKey =
  | "recency"
  | "frequency"
  | "recentActivity"
  | "spend"
  | "breadth"
  | "tenure"
  | "season"
  | "trending"
  | "messages"
  | "questions"
  | "views"
  | "cart"
  | "lastContact";

export interface LeadScoreReason {
  key: LeadReasonKey;
  /** Sum of the group's contributions to the log-odds (of the logistic part, weighted by its share). */
  contribution: number;
  direction: "raises" | "lowers";
  /** What the customer did, as the reason's sentence says it (days rounded). */
  facts: LeadReasonFacts;
}

/** The features a reason's sentence is made of. */
export const LEAD_REASON_FACTS = [
  "orderCount",
  "tenureDays",
  "distinctOrderDays",
  "daysSinceLastOrder",
  "meanDaysBetweenOrders",
  "ordersLast90Days",
  "revenueMinor",
  "distinctProducts",
  "activeSameSeasonLastYear",
  "trendingProducts",
  "messagesLast14Days",
  "questionsLast14Days",
  "productViewsLast14Days",
  "cartAddsLast14Days",
  "openCart",
  "daysSinceLastEvent",
] as const satisfies readonly LeadFeatureName[];
export type LeadReasonFacts = Pick<LeadFeatures, (typeof LEAD_REASON_FACTS)[number]>;

const DAY_FACTS: ReadonlySet<string> = new Set(["tenureDays", "daysSinceLastOrder", "meanDaysBetweenOrders", "daysSinceLastEvent"]);

/** The facts of a customer's features, days rounded to whole days. */
export function leadReasonFacts(features: LeadFeatures): LeadReasonFacts {
  return Object.fromEntries(LEAD_REASON_FACTS.map((name) => [name, DAY_FACTS.has(name) ? Math.round(features[name]) : features[name]])) as LeadReasonFacts;
}

export interface LeadScore {
  /** Probability of an order within the model's horizon. */
  probability: number;
  reasons: LeadScoreReason[];
  model: LeadScorerModel["kind"];
}

export interface ScoreLeadOptions {
  model: LeadScorerModel;
  features: LeadFeatures;
  /** Reasons to return; default 3. */
  maxReasons?: number;
}

export interface ReasonGroup {
  key: LeadReasonKey;
  features: LeadFeatureName[];
}

/** Which features make up each reason (every feature belongs to exactly one). */
export const LEAD_REASON_GROUPS: readonly ReasonGroup[] = [
  {
    key: "recency",
    features: [
      "daysSinceLastOrder",
      "recencySquareRoot",
      "recencyOverMeanGap",
      "recencyTimesFrequency",
      "dueness",
      "orderedWithin7Days",
      "orderedWithin14Days",
      "orderedWithin30Days",
      "orderedWithin60Days",
      "orderedWithin90Days",
      "orderedWithin180Days",
      "orderedWithin365Days",
    ],
  },
  {
    key: "frequency",
    features: ["orderCount", "distinctOrderDays", "singleOrder", "meanDaysBetweenOrders"],
  },
  {
    key: "recentActivity",
    features: [
      "ordersLast30Days",
      "ordersLast60Days",
      "ordersLast90Days",
      "ordersLast180Days",
      "ordersLast365Days",
      "decayedOrderDays7",
      "decayedOrderDays30",
      "decayedOrderDays90",
      "decayedOrderDays180",
      "decayedOrderDays365",
      "orderDaysLast90Days",
      "monthsActiveLast365Days",
      "activityTrend",
    ],
  },
  {
    key: "spend",
    features: [
      "revenueMinor",
      "revenueLast30DaysMinor",
      "revenueLast90DaysMinor",
      "decayedRevenue30DaysMinor",
      "decayedRevenue180DaysMinor",
      "averageOrderValueMinor",
    ],
  },
  {
    key: "breadth",
    features: ["distinctProducts", "averageProductsPerOrder", "weekdaysOrdered", "distinctMonthsActive"],
  },
  {
    key: "tenure",
    features: ["tenureDays"],
  },
  {
    key: "season",
    features: ["ordersSameSeasonLastYear", "activeSameSeasonLastYear"],
  },
  {
    key: "trending",
    features: ["trendingProducts"],
  },
  {
    key: "messages",
    features: ["messagesLast14Days"],
  },
  {
    key: "questions",
    features: ["questionsLast14Days"],
  },
  {
    key: "views",
    features: ["productViewsLast14Days"],
  },
  {
    key: "cart",
    features: ["cartAddsLast14Days", "openCart"],
  },
  {
    key: "lastContact",
    features: ["daysSinceLastEvent"],
  },
];

/** Probability of ordering within the model's horizon, with the top reasons. */
export function scoreLead(options: ScoreLeadOptions): LeadScore {
  const { model, features } = options;
  const x = standardiseLeadFeatures(model, features);
  const treeWeight = model.trees ? (model.treeWeight ?? LEAD_TREE_WEIGHT) : 0;
  const linearWeight = 1 - treeWeight;
  let logit = linearWeight * model.intercept;
  const contributionOf = new Map<LeadFeatureName, number>();
  model.featureNames.forEach((name, j) => {
    const contribution = linearWeight * model.coefficients[j]! * x[j]!;
    logit += contribution;
    contributionOf.set(name, contribution);
  });
  if (model.trees) logit += treeWeight * predictBoostedTreesMargin(model.trees, transformLeadFeatures(model, features));
  const facts = leadReasonFacts(features);
  const reasons: LeadScoreReason[] = LEAD_REASON_GROUPS.map((group) => {
    const contribution = group.features.reduce((sum, name) => sum + (contributionOf.get(name) ?? 0), 0);
    const direction = contribution >= 0 ? "raises" : "lowers";
    return { key: group.key, contribution, direction, facts } satisfies LeadScoreReason;
  })
    .filter((reason) => Math.abs(reason.contribution) > 1e-9)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, options.maxReasons ?? 3);
  return { probability: sigmoid(logit), reasons, model: model.kind };
}

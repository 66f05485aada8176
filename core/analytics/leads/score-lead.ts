/**
 * Scores one lead with a {@link LeadScorerModel} and says why, in English and Chinese, so the owner can
 * trust (or overrule) the number: "Added 2 items to the cart in the last 14 days (raises the chance)".
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

export interface LocalizedText {
  en: string;
  zh: string;
}

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
  text: LocalizedText;
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
  /** Formats an amount in minor units for the reason texts; default "123.45". */
  formatMoney?: (minor: number) => string;
}

export interface ReasonGroup {
  key: LeadReasonKey;
  features: LeadFeatureName[];
  describe(f: LeadFeatures, formatMoney: (minor: number) => string): LocalizedText;
}

const days = (value: number): number => Math.round(value);

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
    // With a usual pace to compare against, say it: "32 days ago" raises the chance of someone who
    // orders every fortnight and lowers it for someone who ordered daily, and the owner should see why.
    describe: (f) =>
      f.orderCount === 0
        ? { en: `No order yet, first contact ${days(f.tenureDays)} days ago`, zh: `尚未下单，首次接触在${days(f.tenureDays)}天前` }
        : f.distinctOrderDays >= 2
          ? {
              en: `Last order ${days(f.daysSinceLastOrder)} days ago, usually every ${days(f.meanDaysBetweenOrders)} days`,
              zh: `上次下单在${days(f.daysSinceLastOrder)}天前，平均每${days(f.meanDaysBetweenOrders)}天一单`,
            }
          : { en: `Last order ${days(f.daysSinceLastOrder)} days ago`, zh: `上次下单在${days(f.daysSinceLastOrder)}天前` },
  },
  {
    key: "frequency",
    features: ["orderCount", "distinctOrderDays", "singleOrder", "meanDaysBetweenOrders"],
    describe: (f) =>
      f.orderCount === 0
        ? { en: "No orders yet", zh: "尚未下单" }
        : { en: `${f.orderCount} order${f.orderCount === 1 ? "" : "s"} so far`, zh: `累计下单${f.orderCount}次` },
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
    describe: (f) => ({ en: `${f.ordersLast90Days} orders in the last 90 days`, zh: `近90天下单${f.ordersLast90Days}次` }),
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
    describe: (f, money) => ({ en: `Spent ${money(f.revenueMinor)} in total`, zh: `累计消费${money(f.revenueMinor)}` }),
  },
  {
    key: "breadth",
    features: ["distinctProducts", "averageProductsPerOrder", "weekdaysOrdered", "distinctMonthsActive"],
    describe: (f) => ({ en: `Bought ${f.distinctProducts} different products`, zh: `买过${f.distinctProducts}种商品` }),
  },
  {
    key: "tenure",
    features: ["tenureDays"],
    describe: (f) => ({ en: `Known for ${days(f.tenureDays)} days`, zh: `已认识${days(f.tenureDays)}天` }),
  },
  {
    key: "season",
    features: ["ordersSameSeasonLastYear", "activeSameSeasonLastYear"],
    describe: (f) =>
      f.activeSameSeasonLastYear > 0
        ? { en: "Ordered around this time last year", zh: "去年同期下过单" }
        : { en: "No order around this time last year", zh: "去年同期没有下单" },
  },
  {
    key: "trending",
    features: ["trendingProducts"],
    describe: (f) =>
      f.trendingProducts > 0
        ? { en: "Buys products that are selling well now", zh: "常买的商品近期热销" }
        : { en: "Buys products that are not selling now", zh: "常买的商品近期没有销量" },
  },
  {
    key: "messages",
    features: ["messagesLast14Days"],
    describe: (f) => ({ en: `${f.messagesLast14Days} messages in the last 14 days`, zh: `近14天发来${f.messagesLast14Days}条消息` }),
  },
  {
    key: "questions",
    features: ["questionsLast14Days"],
    describe: (f) => ({ en: `${f.questionsLast14Days} product questions in the last 14 days`, zh: `近14天咨询商品${f.questionsLast14Days}次` }),
  },
  {
    key: "views",
    features: ["productViewsLast14Days"],
    describe: (f) => ({ en: `Viewed ${f.productViewsLast14Days} products in the last 14 days`, zh: `近14天浏览了${f.productViewsLast14Days}件商品` }),
  },
  {
    key: "cart",
    features: ["cartAddsLast14Days", "openCart"],
    describe: (f) => ({
      en: `${f.cartAddsLast14Days} cart adds in the last 14 days${f.openCart ? ", cart not checked out" : ""}`,
      zh: `近14天加购${f.cartAddsLast14Days}次${f.openCart ? "，购物车未结算" : ""}`,
    }),
  },
  {
    key: "lastContact",
    features: ["daysSinceLastEvent"],
    describe: (f) => ({ en: `Last message or visit ${days(f.daysSinceLastEvent)} days ago`, zh: `最近一次互动在${days(f.daysSinceLastEvent)}天前` }),
  },
];

const defaultFormatMoney = (minor: number): string => (minor / 100).toFixed(2);

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
  const formatMoney = options.formatMoney ?? defaultFormatMoney;
  const reasons: LeadScoreReason[] = LEAD_REASON_GROUPS.map((group) => {
    const contribution = group.features.reduce((sum, name) => sum + (contributionOf.get(name) ?? 0), 0);
    const direction = contribution >= 0 ? "raises" : "lowers";
    const fact = group.describe(features, formatMoney);
    return {
      key: group.key,
      contribution,
      direction,
      text: {
        en: `${fact.en} (${direction === "raises" ? "raises" : "lowers"} the chance)`,
        zh: `${fact.zh}（${direction === "raises" ? "提高" : "降低"}成交可能）`,
      },
    } satisfies LeadScoreReason;
  })
    .filter((reason) => Math.abs(reason.contribution) > 1e-9)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, options.maxReasons ?? 3);
  return { probability: sigmoid(logit), reasons, model: model.kind };
}

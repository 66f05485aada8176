import { describe, expect, it } from "vitest";
import { buildLeadTrainingSet, type LabelledLeadExample } from "../../core/analytics/leads/build-lead-training-set.ts";
import {
  extractLeadFeatures,
  LEAD_FEATURE_NAMES,
  type LeadEventRecord,
  type LeadOrderRecord,
} from "../../core/analytics/leads/extract-lead-features.ts";
import { LEAD_REASON_GROUPS, leadReasonFacts, scoreLead } from "../../core/analytics/leads/score-lead.ts";
import { describeLeadReason, digestMessagesFor } from "../../core/i18n/digest.ts";
import { predictBoostedTreesMargin, trainBoostedTrees } from "../../core/analytics/leads/train-boosted-trees.ts";
import { createPriorLeadScorer, LEAD_TREE_WEIGHT, trainLeadScorer, type LeadScorerModel } from "../../core/analytics/leads/train-lead-scorer.ts";
import { predictLogisticProbability, trainLogisticRegression } from "../../core/analytics/leads/train-logistic-regression.ts";
import { createSeededRandom } from "../../core/lib/seeded-random.ts";

const DAY = 86_400_000;
const asOf = new Date("2024-06-01T00:00:00Z");
const daysAgo = (days: number): Date => new Date(asOf.getTime() - days * DAY);

/**
 * In the synthetic shop, customers with cart adds order and the others mostly do not: a trained
 * scorer must rank them so (mean probability above 0.6 against below 0.2) and give the cart as the
 * first reason. Returns the cart adders and the first one's score for further checks.
 */
function expectCartAddersScoredHigh(model: LeadScorerModel, examples: LabelledLeadExample[]) {
  const eager = examples.filter((e) => e.features.cartAddsLast14Days > 0);
  const casual = examples.filter((e) => e.features.cartAddsLast14Days === 0);
  const meanScore = (list: LabelledLeadExample[]): number => list.reduce((sum, e) => sum + scoreLead({ model, features: e.features }).probability, 0) / list.length;
  expect(meanScore(eager)).toBeGreaterThan(0.6);
  expect(meanScore(casual)).toBeLessThan(0.2);
  const score = scoreLead({ model, features: eager[0]!.features });
  expect(score.reasons[0]!.key).toBe("cart");
  expect(score.reasons[0]!.direction).toBe("raises");
  return { eager, score };
}

describe("trainLogisticRegression", () => {
  it("separates separable data", () => {
    const features = [[-3], [-2], [-1.5], [-1], [1], [1.5], [2], [3]];
    const labels = [0, 0, 0, 0, 1, 1, 1, 1] as const;
    const model = trainLogisticRegression({ features, labels: [...labels], l2: 1e-4 });
    expect(model.converged).toBe(true);
    expect(model.coefficients[0]).toBeGreaterThan(1);
    features.forEach((row, i) => {
      const p = predictLogisticProbability(model, row);
      expect(labels[i] === 1 ? p > 0.9 : p < 0.1).toBe(true);
    });
  });

  it("recovers group rates for a single binary feature (hand-checkable)", () => {
    // x = 0: 1 of 4 positive; x = 1: 3 of 4 positive. Unpenalised MLE: p = 0.25 and 0.75, β = ln 9.
    const features = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels: (0 | 1)[] = [1, 0, 0, 0, 1, 1, 1, 0];
    const model = trainLogisticRegression({ features, labels, l2: 0 });
    expect(predictLogisticProbability(model, [0])).toBeCloseTo(0.25, 6);
    expect(predictLogisticProbability(model, [1])).toBeCloseTo(0.75, 6);
    expect(model.coefficients[0]).toBeCloseTo(Math.log(9), 6);
  });

  it("shrinks coefficients as the penalty grows", () => {
    const features = [[-1], [0], [1], [2], [-2], [0.5]];
    const labels: (0 | 1)[] = [0, 0, 1, 1, 0, 1];
    const weak = trainLogisticRegression({ features, labels, l2: 0.01 });
    const strong = trainLogisticRegression({ features, labels, l2: 1 });
    expect(Math.abs(strong.coefficients[0]!)).toBeLessThan(Math.abs(weak.coefficients[0]!));
  });
});

describe("trainBoostedTrees", () => {
  /** Label = x0 XOR x1 (with noise columns): no linear model on x0, x1 separates it, depth-2 trees do. */
  function xorData(n: number): { features: number[][]; labels: (0 | 1)[] } {
    const random = createSeededRandom(5);
    const features: number[][] = [];
    const labels: (0 | 1)[] = [];
    for (let i = 0; i < n; i++) {
      const a = random() < 0.5 ? 1 : 0;
      const b = random() < 0.5 ? 1 : 0;
      features.push([a, b, random()]);
      labels.push(a === b ? 0 : 1);
    }
    return { features, labels };
  }

  it("learns an interaction a linear model cannot", () => {
    const { features, labels } = xorData(400);
    const model = trainBoostedTrees({ features, labels, rounds: 100, learningRate: 0.3, minLeafHessian: 1 });
    expect(predictBoostedTreesMargin(model, [1, 0, 0.5])).toBeGreaterThan(2);
    expect(predictBoostedTreesMargin(model, [0, 1, 0.5])).toBeGreaterThan(2);
    expect(predictBoostedTreesMargin(model, [0, 0, 0.5])).toBeLessThan(-2);
    expect(predictBoostedTreesMargin(model, [1, 1, 0.5])).toBeLessThan(-2);
    const linear = trainLogisticRegression({ features: features.map((row) => row.slice(0, 2)), labels, l2: 1e-4 });
    for (const row of [[1, 0], [0, 1], [0, 0], [1, 1]]) expect(Math.abs(predictLogisticProbability(linear, row) - 0.5)).toBeLessThan(0.1);
  });

  it("is deterministic and plain data (same seed, same trees; survives JSON)", () => {
    const { features, labels } = xorData(200);
    const a = trainBoostedTrees({ features, labels, rounds: 20, seed: 3 });
    expect(trainBoostedTrees({ features, labels, rounds: 20, seed: 3 })).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it("starts from the base rate and stays there without signal", () => {
    const features = Array.from({ length: 100 }, () => [1]);
    const labels = Array.from({ length: 100 }, (_, i): 0 | 1 => (i < 25 ? 1 : 0));
    const model = trainBoostedTrees({ features, labels, rounds: 10 });
    expect(predictBoostedTreesMargin(model, [1])).toBeCloseTo(Math.log(0.25 / 0.75), 1);
  });
});

describe("extractLeadFeatures", () => {
  it("describes a customer's orders and conversation before asOf", () => {
    const orders: LeadOrderRecord[] = [
      { customerId: 7, at: daysAgo(40), totalMinor: 1000, productIds: ["a", "b"] },
      { customerId: 7, at: daysAgo(10), totalMinor: 2000, productIds: ["b"] },
      { customerId: 7, at: daysAgo(-1), totalMinor: 9999, productIds: ["c"] }, // future: ignored
    ];
    const events: LeadEventRecord[] = [
      { customerId: 7, type: "message", at: daysAgo(3) },
      { customerId: 7, type: "cart_add", at: daysAgo(2), productId: "c" },
      { customerId: 7, type: "product_view", at: daysAgo(2), productId: "c" },
      { customerId: 7, type: "product_view", at: daysAgo(2), productId: "c" },
      { customerId: 7, type: "question", at: daysAgo(20) }, // older than 14 days
    ];
    const features = extractLeadFeatures({ orders, events, asOf }).get(7)!;
    expect(features).toMatchObject({
      daysSinceLastOrder: 10,
      orderCount: 2,
      revenueMinor: 3000,
      tenureDays: 40,
      distinctProducts: 2,
      ordersLast30Days: 1,
      ordersLast90Days: 2,
      meanDaysBetweenOrders: 30,
      averageOrderValueMinor: 1500,
      averageProductsPerOrder: 1.5,
      messagesLast14Days: 1,
      questionsLast14Days: 0,
      productViewsLast14Days: 1,
      cartAddsLast14Days: 1,
      openCart: 1,
      daysSinceLastEvent: 2,
      orderedWithin7Days: 0,
      orderedWithin14Days: 1,
    });
    // Time-weighted activity: e^(−age/τ) per order day, order total × e^(−age/τ) for revenue.
    expect(features.decayedOrderDays30).toBeCloseTo(Math.exp(-40 / 30) + Math.exp(-10 / 30), 10);
    expect(features.decayedOrderDays365).toBeCloseTo(Math.exp(-40 / 365) + Math.exp(-10 / 365), 10);
    expect(features.decayedRevenue30DaysMinor).toBeCloseTo(1000 * Math.exp(-40 / 30) + 2000 * Math.exp(-10 / 30), 6);
  });

  it("describes a lead who has not ordered", () => {
    const features = extractLeadFeatures({
      orders: [],
      events: [{ customerId: "x", type: "message", at: daysAgo(5) }],
      asOf,
    }).get("x")!;
    expect(features.orderCount).toBe(0);
    expect(features.daysSinceLastOrder).toBe(5);
    expect(features.orderedWithin365Days).toBe(0);
  });
});

describe("trainLeadScorer and scoreLead", () => {
  /** Synthetic shop: leads who add to cart usually buy within 14 days, others rarely. */
  function syntheticShop(customers: number): { orders: LeadOrderRecord[]; events: LeadEventRecord[] } {
    const random = createSeededRandom(11);
    const orders: LeadOrderRecord[] = [];
    const events: LeadEventRecord[] = [];
    const cutoff = daysAgo(30);
    for (let c = 0; c < customers; c++) {
      const eager = random() < 0.4;
      events.push({ customerId: c, type: "message", at: new Date(cutoff.getTime() - (1 + random() * 10) * DAY) });
      if (eager) events.push({ customerId: c, type: "cart_add", at: new Date(cutoff.getTime() - (1 + random() * 5) * DAY) });
      if (random() < (eager ? 0.8 : 0.1)) orders.push({ customerId: c, at: new Date(cutoff.getTime() + random() * 13 * DAY), totalMinor: 2500 });
    }
    return { orders, events };
  }

  it("uses the documented prior under 50 labelled examples", () => {
    const shop = syntheticShop(49);
    const examples = buildLeadTrainingSet({ ...shop, cutoffs: [daysAgo(30)] });
    expect(examples).toHaveLength(49);
    const model = trainLeadScorer({ examples });
    expect(model.kind).toBe("prior");
    expect(model).toEqual(createPriorLeadScorer(49, examples.filter((e) => e.label).length));
  });

  it("learns only from customers active before each cutoff when asked (the population the digest scores)", () => {
    const cutoff = daysAgo(30);
    const orders = [
      { customerId: 1, at: new Date(cutoff.getTime() - 10 * DAY), totalMinor: 1000 },
      { customerId: 2, at: new Date(cutoff.getTime() - 200 * DAY), totalMinor: 1000 },
      { customerId: 2, at: new Date(cutoff.getTime() + 2 * DAY), totalMinor: 1000 },
    ];
    const events = [{ customerId: 3, type: "message" as const, at: new Date(cutoff.getTime() - 5 * DAY) }];
    const ids = (activeWithinDays?: number) => buildLeadTrainingSet({ orders, events, cutoffs: [cutoff], ...(activeWithinDays ? { activeWithinDays } : {}) }).map((e) => e.customerId).sort();
    expect(ids()).toEqual([1, 2, 3]);
    expect(ids(90)).toEqual([1, 3]);
  });

  it("uses the prior when every example has the same label", () => {
    const examples = buildLeadTrainingSet({ orders: [], events: syntheticShop(80).events, cutoffs: [daysAgo(30)] });
    expect(trainLeadScorer({ examples }).kind).toBe("prior");
  });

  it("learns from the shop's history once it has enough examples", () => {
    const shop = syntheticShop(200);
    const examples = buildLeadTrainingSet({ ...shop, cutoffs: [daysAgo(30)], horizonDays: 14 });
    const model = trainLeadScorer({ examples });
    expect(model.kind).toBe("trained");
    expectCartAddersScoredHigh(model, examples);
  });

  it("adds boosted trees once it has 500 examples, and explains with the logistic part", () => {
    const shop = syntheticShop(700);
    const examples = buildLeadTrainingSet({ ...shop, cutoffs: [daysAgo(30)], horizonDays: 14 });
    const model = trainLeadScorer({ examples });
    expect(model.trees?.trees.length).toBeGreaterThan(0);
    expect(model.treeWeight).toBe(LEAD_TREE_WEIGHT);
    const { eager, score } = expectCartAddersScoredHigh(model, examples);
    // A stored (JSON) model scores the same.
    const stored = JSON.parse(JSON.stringify(model)) as typeof model;
    expect(scoreLead({ model: stored, features: eager[0]!.features }).probability).toBe(score.probability);
    // Without trees the logistic part alone is used.
    expect(trainLeadScorer({ examples, boostedTrees: false }).trees).toBeUndefined();
    expect(trainLeadScorer({ examples: examples.slice(0, 499) }).trees).toBeUndefined();
  });

  it("explains a prior score in English and Chinese", () => {
    const features = extractLeadFeatures({
      orders: [],
      events: [
        { customerId: 1, type: "cart_add", at: daysAgo(1) },
        { customerId: 1, type: "cart_add", at: daysAgo(1) },
        { customerId: 1, type: "message", at: daysAgo(1) },
      ],
      asOf,
    }).get(1)!;
    const quiet = extractLeadFeatures({ orders: [], events: [{ customerId: 2, type: "message", at: daysAgo(30) }], asOf }).get(2)!;
    const model = createPriorLeadScorer();
    const score = scoreLead({ model, features });
    expect(score.model).toBe("prior");
    expect(score.probability).toBeGreaterThan(scoreLead({ model, features: quiet }).probability);
    expect(score.reasons).toHaveLength(3);
    expect(score.reasons[0]!.key).toBe("cart");
    const money = (minor: number) => String(minor);
    expect(describeLeadReason(digestMessagesFor("en"), score.reasons[0]!, money)).toBe("2 cart adds in the last 14 days, cart not checked out (raises the chance)");
    expect(describeLeadReason(digestMessagesFor("zh"), score.reasons[0]!, money)).toBe("近14天加购2次，购物车未结算（提高成交可能）");
  });

  it("says a repeat customer's usual pace beside how long ago they last ordered", () => {
    const recency = (f: Parameters<typeof leadReasonFacts>[0]) =>
      Object.fromEntries((["en", "zh"] as const).map((locale) => [locale, digestMessagesFor(locale).leadReasons.recency(leadReasonFacts(f))]));
    const order = (days: number) => ({ customerId: 1, at: daysAgo(days), totalMinor: 1000 });
    const regular = extractLeadFeatures({ orders: [order(60), order(46), order(32)], asOf }).get(1)!;
    expect(recency(regular)).toEqual({ en: "Last order 32 days ago, usually every 14 days", zh: "上次下单在32天前，平均每14天一单" });
    const once = extractLeadFeatures({ orders: [order(32)], asOf }).get(1)!;
    expect(recency(once)).toEqual({ en: "Last order 32 days ago", zh: "上次下单在32天前" });
  });

  it("puts every feature in exactly one reason", () => {
    const grouped = LEAD_REASON_GROUPS.flatMap((group) => group.features);
    expect([...grouped].sort()).toEqual([...LEAD_FEATURE_NAMES].sort());
  });
});

/**
 * Measures the analytics engines of `core/analytics/` on the real Online Retail data, following the
 * protocols of `../shared/notes/benchmarks.md` exactly, and computes the cheap peers in the same run
 * (seasonal naive, least squares on the last 8 weeks, popularity, recency alone) so that a protocol slip
 * shows up as a peer figure that does not match the published one.
 *
 * Used by `bench/analytics-engines.ts` (CLI) and, later, by the full `bench:analytics` run.
 */
import { MultivariateLinearRegression } from "ml-regression";
import { forecastDailySeries } from "../../core/analytics/forecast/forecast-daily-series.ts";
import { buildLeadTrainingSet, type LabelledLeadExample } from "../../core/analytics/leads/build-lead-training-set.ts";
import type { LeadOrderRecord } from "../../core/analytics/leads/extract-lead-features.ts";
import { scoreLead } from "../../core/analytics/leads/score-lead.ts";
import { trainLeadScorer, type LeadScorerModel } from "../../core/analytics/leads/train-lead-scorer.ts";
import { predictLogisticProbability, trainLogisticRegression } from "../../core/analytics/leads/train-logistic-regression.ts";
import { computeCustomerLifetimeValue } from "../../core/analytics/lifetime-value/compute-customer-lifetime-value.ts";
import { buildContentSimilarity } from "../../core/analytics/recommendations/build-content-similarity.ts";
import { buildItemSimilarity } from "../../core/analytics/recommendations/build-item-similarity.ts";
import { recommendForCustomer, type CustomerInteraction } from "../../core/analytics/recommendations/recommend-for-customer.ts";
import type { BasketRecord, RecommendableProduct } from "../../core/analytics/recommendations/types.ts";
import { segmentCustomers } from "../../core/analytics/segments/segment-customers.ts";
import { compareRocAuc, computeMase, computeRankingMetrics, computeRocAuc, computeSpearman } from "./metrics.ts";
import { loadRetailDataset, type RetailDataset, type RetailInvoice } from "./retail-dataset.ts";

export interface ProtocolCheck {
  name: string;
  expected: number;
  actual: number;
  ok: boolean;
}

export interface EngineBenchmarkResults {
  /** Row and customer counts the protocols state, as found in this run. */
  checks: ProtocolCheck[];
  /** Mean MASE over the 12 test origins. */
  forecastMase: number;
  seasonalNaiveMase: number;
  /** Peer: least squares, trend + weekday dummies, last 8 weeks (published 1.267). */
  leastSquares8WeeksMase: number;
  /** Our forecaster on the 32 weekly origins before the test origins (where its defaults were picked). */
  forecastValidationMase: number;
  /** Share of test-origin days whose actual revenue fell inside the 80 % interval. */
  forecastIntervalCoverage: number;
  hitRate10: number;
  ndcg10: number;
  popularityHitRate10: number;
  popularityNdcg10: number;
  heldOutCustomers: number;
  propensityAuc: number;
  /** The logistic part alone (what the daily digest trains, to stay within its time budget). */
  propensityAucLogistic: number;
  recencyAuc: number;
  /** DeLong standard error of `propensityAuc` on the test cutoff's customers (sampling noise of the test set). */
  propensityAucStandardError: number;
  /** Peer, in this run: the protocol's logistic regression (seven features, log(1 + x), standardised, C = 1). */
  logisticPeerAuc: number;
  /** Ours minus the peer on the same customers, and the DeLong standard error of that paired difference. */
  aucGainOverLogisticPeer: number;
  aucGainOverLogisticPeerStandardError: number;
  /** Not the protocol: the same scorer trained on cutoffs 2011-06-01, 07-01 and 08-01 together. */
  propensityAucThreeCutoffs: number;
  /**
   * Validation, where the scorer's choices are checked: trained at 2011-06-01, evaluated at 2011-08-01
   * (label window ends before the test cutoff). Keeps the test cutoff for the final figure only.
   */
  propensityValidationAuc: number;
  trainCustomers: number;
  testCustomers: number;
  trainPositiveRate: number;
  testPositiveRate: number;
  silhouette: number;
  segmentsK: number;
  segments: { key: string; size: number }[];
  lifetimeValueCustomers: number;
  /**
   * Lifetime value at 2010-12-10 against what each customer spent in the next 364 days: Spearman rank
   * correlation of the model's yearly value (predicted ÷ expected lifetime) with the spend, and, for
   * customers of one order, the sum of that value over the sum of their spend (1 = calibrated).
   */
  lifetimeValueRankCorrelation: number;
  lifetimeValueOneOrderRatio: number;
  timingsMs: Record<string, number>;
  totalMs: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Peer: OLS on [day index, weekday dummies] over the last 8 weeks (ml-regression). */
function forecastLeastSquares8Weeks(history: readonly number[]): number[] {
  const origin = history.length;
  const row = (t: number): number[] => [t - origin, ...[1, 2, 3, 4, 5, 6].map((d) => (t % 7 === d ? 1 : 0))];
  const x: number[][] = [];
  const y: number[][] = [];
  for (let t = origin - 56; t < origin; t++) {
    x.push(row(t));
    y.push([history[t]!]);
  }
  const model = new MultivariateLinearRegression(x, y, { statistics: false });
  return Array.from({ length: 7 }, (_, h) => Math.max(0, model.predict(row(origin + h))[0]!));
}

function benchmarkForecast(data: RetailDataset) {
  const series = data.dailyRevenue;
  const n = series.length;
  const testOrigins = Array.from({ length: 12 }, (_, i) => n - 7 - 7 * i);
  const firstTest = testOrigins[testOrigins.length - 1]!;
  const validationOrigins = Array.from({ length: 32 }, (_, i) => firstTest - 7 - 7 * i);
  const maseAt = (origins: number[], forecast: (history: number[]) => number[]): number =>
    mean(origins.map((o) => computeMase(series.slice(0, o), series.slice(o, o + 7), forecast(series.slice(0, o)))));
  let covered = 0;
  let days = 0;
  const forecastMase = mean(
    testOrigins.map((o) => {
      const history = series.slice(0, o);
      const result = forecastDailySeries(history, { horizon: 7 });
      for (let h = 0; h < 7; h++) {
        days++;
        if (series[o + h]! >= result.lower[h]! && series[o + h]! <= result.upper[h]!) covered++;
      }
      return computeMase(history, series.slice(o, o + 7), result.mean);
    }),
  );
  return {
    forecastMase,
    forecastIntervalCoverage: covered / days,
    forecastValidationMase: maseAt(validationOrigins, (h) => forecastDailySeries(h, { horizon: 7, pointOnly: true }).mean),
    seasonalNaiveMase: maseAt(testOrigins, (h) => h.slice(h.length - 7)),
    leastSquares8WeeksMase: maseAt(testOrigins, forecastLeastSquares8Weeks),
  };
}

function groupByCustomer(invoices: readonly RetailInvoice[]): Map<string, RetailInvoice[]> {
  const byCustomer = new Map<string, RetailInvoice[]>();
  for (const invoice of invoices) {
    let list = byCustomer.get(invoice.customerId);
    if (!list) byCustomer.set(invoice.customerId, (list = []));
    list.push(invoice);
  }
  return byCustomer;
}

function benchmarkRecommendations(data: RetailDataset) {
  // Protocol: per customer with ≥ 2 invoices, the last (by first InvoiceDate) is held out.
  const training: BasketRecord[] = [];
  const history = new Map<string, CustomerInteraction[]>();
  const heldOut = new Map<string, RetailInvoice>();
  for (const [customerId, invoices] of groupByCustomer(data.invoices)) {
    const last = invoices.length >= 2 ? invoices[invoices.length - 1]! : null;
    const interactions: CustomerInteraction[] = [];
    for (const invoice of invoices) {
      if (invoice === last) continue;
      const at = new Date(invoice.firstAtMs);
      training.push({ customerId, productIds: invoice.stockCodes, at });
      for (const code of invoice.stockCodes) interactions.push({ productId: code, at });
    }
    history.set(customerId, interactions);
    if (last) heldOut.set(customerId, last);
  }
  const asOf = new Date(training.reduce((max, b) => Math.max(max, b.at.getTime()), 0) + 1);
  const started = Date.now();
  const model = buildItemSimilarity({ orders: training, asOf });
  const content = buildContentSimilarity({
    products: model.similarity.ids.map((id) => ({ id, name: data.descriptions.get(String(id)) ?? "" })),
  });
  const buildMs = Date.now() - started;
  // Every training item is in stock: the protocol ranks all of them.
  const products: RecommendableProduct[] = model.similarity.ids.map((id) => ({ id, stock: 1 }));
  const popularityOrder = model.similarity.ids
    .map((id, i) => ({ id: String(id), buyers: model.popularity[i]! }))
    .sort((a, b) => b.buyers - a.buyers)
    .map((entry) => entry.id);

  let customers = 0;
  const ours = { hit: 0, ndcg: 0 };
  const popular = { hit: 0, ndcg: 0 };
  for (const [customerId, invoice] of heldOut) {
    const interactions = history.get(customerId)!;
    const boughtBefore = new Set(interactions.map((i) => String(i.productId)));
    const relevant = new Set(invoice.stockCodes.filter((code) => !boughtBefore.has(code)));
    if (relevant.size === 0) continue;
    customers++;
    const recommended = recommendForCustomer({ model, content, purchases: interactions, products, limit: 10 });
    const a = computeRankingMetrics(recommended.map((r) => String(r.productId)), relevant, 10);
    ours.hit += a.hit;
    ours.ndcg += a.ndcg;
    const top: string[] = [];
    for (const code of popularityOrder) {
      if (!boughtBefore.has(code)) top.push(code);
      if (top.length === 10) break;
    }
    const b = computeRankingMetrics(top, relevant, 10);
    popular.hit += b.hit;
    popular.ndcg += b.ndcg;
  }
  return {
    hitRate10: ours.hit / customers,
    ndcg10: ours.ndcg / customers,
    popularityHitRate10: popular.hit / customers,
    popularityNdcg10: popular.ndcg / customers,
    heldOutCustomers: customers,
    buildMs,
  };
}

function aucOf(model: LeadScorerModel, examples: readonly LabelledLeadExample[]): number {
  return computeRocAuc(
    examples.map((e) => scoreLead({ model, features: e.features, maxReasons: 0 }).probability),
    examples.map((e) => e.label),
  );
}

/**
 * The protocol's logistic regression peer (published AUC 0.766): recency, invoices, revenue, tenure,
 * distinct items, invoices and revenue in the last 90 days, each as log(1 + x) and standardised on the
 * training cutoff, L2 penalty as scikit-learn's default C = 1 (½‖β‖² + C·Σ log-loss, i.e. λ = 1/n on our
 * mean log-loss). Computed here so that our scorer can be compared with it on the very same customers.
 */
function logisticPeerScores(train: readonly LabelledLeadExample[], test: readonly LabelledLeadExample[]): number[] {
  const raw = (e: LabelledLeadExample): number[] => [
    e.features.daysSinceLastOrder,
    e.features.orderCount,
    e.features.revenueMinor / 100,
    e.features.tenureDays,
    e.features.distinctProducts,
    e.features.ordersLast90Days,
    e.features.revenueLast90DaysMinor / 100,
  ].map((x) => Math.log1p(Math.max(0, x)));
  const trainRows = train.map(raw);
  const columns = trainRows[0]!.length;
  const centre = Array.from({ length: columns }, (_, j) => mean(trainRows.map((r) => r[j]!)));
  const spread = Array.from({ length: columns }, (_, j) => Math.sqrt(mean(trainRows.map((r) => (r[j]! - centre[j]!) ** 2))) || 1);
  const standardise = (row: number[]) => row.map((x, j) => (x - centre[j]!) / spread[j]!);
  const model = trainLogisticRegression({ features: trainRows.map(standardise), labels: train.map((e) => e.label), l2: 1 / train.length });
  return test.map((e) => predictLogisticProbability(model, standardise(raw(e))));
}

function benchmarkPropensity(data: RetailDataset) {
  const orders: LeadOrderRecord[] = data.invoices.map((invoice) => ({
    customerId: invoice.customerId,
    at: new Date(invoice.firstAtMs),
    totalMinor: Math.round(invoice.revenue * 100),
    productIds: invoice.stockCodes,
  }));
  const at = (month: number): Date => new Date(Date.UTC(2011, month, 1));
  const train = buildLeadTrainingSet({ orders, cutoffs: [at(7)], horizonDays: 30 });
  const test = buildLeadTrainingSet({ orders, cutoffs: [at(9)], horizonDays: 30 });
  const model = trainLeadScorer({ examples: train });
  const threeCutoffs = buildLeadTrainingSet({ orders, cutoffs: [at(5), at(6), at(7)], horizonDays: 30 });
  const validationTrain = buildLeadTrainingSet({ orders, cutoffs: [at(5)], horizonDays: 30 });
  const labels = test.map((e) => e.label);
  const ours = test.map((e) => scoreLead({ model, features: e.features, maxReasons: 0 }).probability);
  const againstPeer = compareRocAuc(ours, logisticPeerScores(train, test), labels);
  return {
    propensityAuc: againstPeer.aucA,
    propensityAucStandardError: againstPeer.standardErrorA,
    logisticPeerAuc: againstPeer.aucB,
    aucGainOverLogisticPeer: againstPeer.difference,
    aucGainOverLogisticPeerStandardError: againstPeer.differenceStandardError,
    propensityAucLogistic: aucOf(trainLeadScorer({ examples: train, boostedTrees: false }), test),
    recencyAuc: computeRocAuc(
      test.map((e) => -e.features.daysSinceLastOrder),
      test.map((e) => e.label),
    ),
    propensityAucThreeCutoffs: aucOf(trainLeadScorer({ examples: threeCutoffs }), test),
    propensityValidationAuc: aucOf(trainLeadScorer({ examples: validationTrain }), train),
    trainCustomers: train.length,
    testCustomers: test.length,
    trainPositiveRate: mean(train.map((e) => e.label)),
    testPositiveRate: mean(test.map((e) => e.label)),
  };
}

function benchmarkLifetimeValue(data: RetailDataset) {
  const orders = customerOrders(data);
  const asOf = new Date(Date.UTC(2010, 11, 10));
  const end = asOf.getTime() + 364 * 86_400_000;
  const spent = new Map<string, number>();
  for (const order of orders) {
    const at = order.at.getTime();
    if (at >= asOf.getTime() && at < end) spent.set(order.customerId, (spent.get(order.customerId) ?? 0) + order.totalMinor);
  }
  const report = computeCustomerLifetimeValue({ orders, asOf });
  const rows = report.customers.map((c) => ({ orders: c.orders, yearly: c.predictedValueMinor / c.expectedLifetimeYears, spent: spent.get(String(c.customerId)) ?? 0 }));
  const oneOrder = rows.filter((r) => r.orders === 1);
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
  return {
    lifetimeValueRankCorrelation: computeSpearman(rows.map((r) => r.yearly), rows.map((r) => r.spent)),
    lifetimeValueOneOrderRatio: sum(oneOrder.map((r) => r.yearly)) / sum(oneOrder.map((r) => r.spent)),
  };
}

function customerOrders(data: RetailDataset) {
  return data.invoices.map((invoice) => ({
    customerId: invoice.customerId,
    at: new Date(invoice.firstAtMs),
    totalMinor: Math.round(invoice.revenue * 100),
  }));
}

/** Runs every engine benchmark on the data in `dataDir` (the two Online Retail CSVs). */
export async function runEngineBenchmarks(dataDir: string): Promise<EngineBenchmarkResults> {
  const timingsMs: Record<string, number> = {};
  const started = Date.now();
  const time = <T>(name: string, work: () => T): T => {
    const t0 = Date.now();
    const result = work();
    timingsMs[name] = Date.now() - t0;
    return result;
  };
  const t0 = Date.now();
  const data = await loadRetailDataset(dataDir);
  timingsMs.load = Date.now() - t0;

  const forecast = time("forecast", () => benchmarkForecast(data));
  const recommendations = time("recommendations", () => benchmarkRecommendations(data));
  const propensity = time("propensity", () => benchmarkPropensity(data));
  const endOfData = new Date(Date.UTC(2011, 11, 10));
  const segmentation = time("segmentation", () => segmentCustomers({ orders: customerOrders(data), asOf: endOfData }));
  const lifetimeValue = time("lifetimeValue", () => computeCustomerLifetimeValue({ orders: customerOrders(data), asOf: endOfData }));
  const { buildMs, ...recommendationFigures } = recommendations;
  timingsMs.recommendationsModelBuild = buildMs;

  const check = (name: string, expected: number, actual: number): ProtocolCheck => ({ name, expected, actual, ok: expected === actual });
  return {
    checks: [
      check("clean lines", 1_019_653, data.cleanLineCount),
      check("days", 739, data.dailyRevenue.length),
      check("next-basket customers", 3_732, recommendations.heldOutCustomers),
      check("customers at 2011-08-01", 5_143, propensity.trainCustomers),
      check("customers at 2011-10-01", 5_438, propensity.testCustomers),
    ],
    ...forecast,
    ...recommendationFigures,
    ...propensity,
    silhouette: segmentation.silhouette,
    segmentsK: segmentation.k,
    segments: segmentation.segments.map((s) => ({ key: s.key, size: s.size })),
    lifetimeValueCustomers: lifetimeValue.customers.length,
    ...time("lifetimeValueCheck", () => benchmarkLifetimeValue(data)),
    timingsMs,
    totalMs: Date.now() - started,
  };
}

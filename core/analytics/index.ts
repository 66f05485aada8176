/**
 * The analytics engines of issue 5: pure functions over plain records (no database, no clock, no I/O).
 * The digest and the owner's commands load the records, pass an `asOf`, and render the results.
 */
export { forecastSales, type ForecastSalesOptions, type SaleRecord, type SalesForecast, type SalesForecastDay } from "./forecast/forecast-sales.ts";
export {
  DEFAULT_FORECAST_TUNING,
  forecastDailySeries,
  type DailySeriesForecast,
  type ForecastConfidence,
  type ForecastDailySeriesOptions,
} from "./forecast/forecast-daily-series.ts";
export {
  computeFunnel,
  FUNNEL_STAGES,
  type ComputeFunnelOptions,
  type FunnelReport,
  type FunnelStage,
  type FunnelStageRecord,
  type FunnelStep,
} from "./funnel/compute-funnel.ts";
export {
  extractLeadFeatures,
  LEAD_FEATURE_NAMES,
  type LeadEventRecord,
  type LeadEventType,
  type LeadFeatures,
  type LeadOrderRecord,
} from "./leads/extract-lead-features.ts";
export { buildLeadTrainingSet, type LabelledLeadExample } from "./leads/build-lead-training-set.ts";
export { createPriorLeadScorer, LEAD_SCORE_PRIOR, trainLeadScorer, type LeadScorerModel } from "./leads/train-lead-scorer.ts";
export { scoreLead, type LeadScore, type LeadScoreReason } from "./leads/score-lead.ts";
export { trainLogisticRegression, type LogisticRegressionModel } from "./leads/train-logistic-regression.ts";
export {
  SEGMENT_ARCHETYPES,
  segmentCustomers,
  type CustomerSegment,
  type CustomerSegmentation,
  type SegmentKey,
  type SegmentOrderRecord,
} from "./segments/segment-customers.ts";
export {
  computeCustomerLifetimeValue,
  type CustomerLifetimeValue,
  type CustomerLifetimeValueReport,
} from "./lifetime-value/compute-customer-lifetime-value.ts";
export { buildItemSimilarity, type ItemSimilarityModel } from "./recommendations/build-item-similarity.ts";
export { buildContentSimilarity, type ContentProduct } from "./recommendations/build-content-similarity.ts";
export { recommendForCustomer, type CustomerInteraction } from "./recommendations/recommend-for-customer.ts";
export { recommendForProduct } from "./recommendations/recommend-for-product.ts";
export type {
  BasketRecord,
  ProductViewRecord,
  RecommendableProduct,
  Recommendation,
  RecommendationReason,
  SparseSimilarity,
} from "./recommendations/types.ts";

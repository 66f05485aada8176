/**
 * Days of cover: how long a product's stock lasts at the demand ahead. The demand is the product's
 * units a day over the last four weeks, scaled by how the next week's forecast revenue compares with
 * those four weeks' (a shop heading into its busy season runs out sooner). The digest's low stock and
 * the dashboard's use this one reckoning.
 */
import type { SalesForecast } from "../analytics/index.ts";

export interface DemandInputs {
  /** Units sold per product over the 28 days before today. */
  unitsLast28: ReadonlyMap<number, number>;
  /** Revenue of those 28 days, minor units. */
  revenueLast28Minor: number;
  forecast: SalesForecast;
}

/** Units a day the product is expected to sell, 0 when it has not sold in four weeks. */
export function estimateDailyDemand(inputs: DemandInputs, productId: number): number {
  const recentDailyRevenue = inputs.revenueLast28Minor / 28;
  const forecastDailyRevenue = inputs.forecast.total.revenueMinor.expected / Math.max(1, inputs.forecast.days.length);
  const demandFactor = recentDailyRevenue > 0 && forecastDailyRevenue > 0 ? forecastDailyRevenue / recentDailyRevenue : 1;
  return ((inputs.unitsLast28.get(productId) ?? 0) / 28) * demandFactor;
}

/** Stock ÷ daily demand; null when the product has not sold lately (nothing to divide by). */
export function daysOfCover(stock: number, dailyDemand: number): number | null {
  return dailyDemand > 0 ? stock / dailyDemand : null;
}

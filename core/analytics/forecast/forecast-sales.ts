/**
 * Sales forecast for the owner's digest: daily revenue and order count for the next 7, 14 or 30 days,
 * with an 80 % prediction interval. Turns orders into complete-day series (zero days included, in the
 * shop's time zone) and hands each series to {@link forecastDailySeries}.
 */
import { formatDayNumber, toDayNumber } from "../lib/calendar.ts";
import { forecastDailySeries, type ForecastConfidence, type ForecastMethod } from "./forecast-daily-series.ts";

/** One order as the forecast needs it (placed, paid or later; the caller leaves carts and cancellations out). */
export interface SaleRecord {
  at: Date;
  /** Order total in integer minor units. */
  totalMinor: number;
}

export interface ForecastSalesOptions {
  orders: readonly SaleRecord[];
  /**
   * The moment of the forecast. History is every complete day before the day of `asOf`; the forecast
   * starts on that day (so a morning digest forecasts today and the following days). Orders at or after
   * the start of that day are ignored, so history can be replayed.
   */
  asOf: Date;
  horizonDays: number;
  /** Shop's offset from UTC in minutes, to cut calendar days; default 0. */
  utcOffsetMinutes?: number;
  /** First day of trading, when it is earlier than the first order (days before the first order count as zero). */
  historyStart?: Date;
  /** Coverage of the interval; default 0.8. */
  intervalLevel?: number;
}

export interface ForecastRange {
  expected: number;
  low: number;
  high: number;
}

export interface SalesForecastDay {
  /** Local calendar day, `YYYY-MM-DD`. */
  date: string;
  /** Integer minor units. */
  revenueMinor: ForecastRange;
  /** Expected number of orders (fractional: 0.4 means "about one every two or three days"). */
  orders: ForecastRange;
}

export interface SalesForecast {
  days: SalesForecastDay[];
  /**
   * Sums over the horizon. The bounds are the sums of the daily bounds, which is conservative (it
   * assumes a bad day is followed by bad days).
   */
  total: { revenueMinor: ForecastRange; orders: ForecastRange };
  method: ForecastMethod;
  confidence: ForecastConfidence;
  usesYearlySeasonality: boolean;
  /** Complete days of history used. */
  historyDays: number;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Forecasts revenue and order count. With under 14 days of history it says so (`confidence: "low"`,
 * seasonal naive) rather than inventing a trend; with more than a year it uses yearly seasonality.
 */
export function forecastSales(options: ForecastSalesOptions): SalesForecast {
  const offset = options.utcOffsetMinutes ?? 0;
  const horizon = Math.max(1, Math.floor(options.horizonDays));
  const today = toDayNumber(options.asOf, offset);
  let firstDay = options.historyStart ? toDayNumber(options.historyStart, offset) : today;
  for (const order of options.orders) {
    const day = toDayNumber(order.at, offset);
    if (day < firstDay && !options.historyStart) firstDay = day;
  }
  const length = Math.max(0, today - firstDay);
  const revenue = new Array<number>(length).fill(0);
  const counts = new Array<number>(length).fill(0);
  for (const order of options.orders) {
    const index = toDayNumber(order.at, offset) - firstDay;
    if (index < 0 || index >= length) continue;
    revenue[index] = revenue[index]! + order.totalMinor;
    counts[index] = counts[index]! + 1;
  }
  const revenueForecast = forecastDailySeries(revenue, { horizon, intervalLevel: options.intervalLevel });
  const orderForecast = forecastDailySeries(counts, { horizon, intervalLevel: options.intervalLevel });
  const days: SalesForecastDay[] = [];
  const total = { revenueMinor: { expected: 0, low: 0, high: 0 }, orders: { expected: 0, low: 0, high: 0 } };
  for (let h = 0; h < horizon; h++) {
    const day: SalesForecastDay = {
      date: formatDayNumber(today + h),
      revenueMinor: {
        expected: Math.round(revenueForecast.mean[h]!),
        low: Math.round(revenueForecast.lower[h]!),
        high: Math.round(revenueForecast.upper[h]!),
      },
      orders: {
        expected: roundTo(orderForecast.mean[h]!, 2),
        low: roundTo(orderForecast.lower[h]!, 2),
        high: roundTo(orderForecast.upper[h]!, 2),
      },
    };
    days.push(day);
    for (const key of ["expected", "low", "high"] as const) {
      total.revenueMinor[key] += day.revenueMinor[key];
      total.orders[key] = roundTo(total.orders[key] + day.orders[key], 2);
    }
  }
  return {
    days,
    total,
    method: revenueForecast.method,
    confidence: revenueForecast.confidence,
    usesYearlySeasonality: revenueForecast.usesYearlySeasonality,
    historyDays: length,
  };
}

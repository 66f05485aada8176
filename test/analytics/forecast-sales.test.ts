import { describe, expect, it } from "vitest";
import { forecastDailySeries } from "../../core/analytics/forecast/forecast-daily-series.ts";
import { forecastSales, type SaleRecord } from "../../core/analytics/forecast/forecast-sales.ts";
import { createSeededRandom } from "../../core/lib/seeded-random.ts";

const WEEK = [100, 200, 300, 400, 500, 0, 50];

/** `weeks` weeks of the weekly pattern with ±5 % seeded noise. */
function weeklySeries(weeks: number, seed = 1): number[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: weeks * 7 }, (_, t) => WEEK[t % 7]! * (0.95 + 0.1 * random()));
}

describe("forecastDailySeries", () => {
  it("recovers a known weekly pattern and its interval covers it", () => {
    const forecast = forecastDailySeries(weeklySeries(12), { horizon: 7 });
    expect(forecast.method).toBe("ensemble");
    expect(forecast.confidence).toBe("medium");
    WEEK.forEach((expected, h) => {
      expect(Math.abs(forecast.mean[h]! - expected)).toBeLessThanOrEqual(0.06 * expected + 1e-9);
      expect(forecast.lower[h]!).toBeLessThanOrEqual(expected);
      expect(forecast.upper[h]!).toBeGreaterThanOrEqual(expected);
    });
  });

  it("keeps a closed weekday at zero", () => {
    const forecast = forecastDailySeries(weeklySeries(8), { horizon: 14 });
    expect(forecast.mean[5]).toBe(0);
    expect(forecast.mean[12]).toBe(0);
  });

  it("falls back to seasonal naive, labelled low confidence, under 14 days", () => {
    const history = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const forecast = forecastDailySeries(history, { horizon: 9 });
    expect(forecast.method).toBe("seasonal-naive");
    expect(forecast.confidence).toBe("low");
    expect(forecast.mean).toEqual([4, 5, 6, 7, 8, 9, 10, 4, 5]);
    forecast.mean.forEach((m, h) => {
      expect(forecast.lower[h]!).toBeLessThanOrEqual(m);
      expect(forecast.upper[h]!).toBeGreaterThanOrEqual(m);
    });
  });

  it("forecasts the mean day when there is less than a week", () => {
    expect(forecastDailySeries([10, 20, 30], { horizon: 2 }).mean).toEqual([20, 20]);
    expect(forecastDailySeries([], { horizon: 2 }).mean).toEqual([0, 0]);
  });

  it("is not thrown off by one huge order", () => {
    const history = weeklySeries(10);
    history[60] = 50_000; // a wholesale order 100× the usual Friday
    const forecast = forecastDailySeries(history, { horizon: 7 });
    WEEK.forEach((expected, h) => expect(forecast.mean[h]!).toBeLessThan(1.5 * expected + 1));
  });

  it("follows a trend", () => {
    const history = Array.from({ length: 84 }, (_, t) => (t % 7 === 5 ? 0 : 100 + 2 * t));
    const forecast = forecastDailySeries(history, { horizon: 7 });
    const lastWeek = history.slice(-7).reduce((a, b) => a + b, 0);
    const nextWeek = forecast.mean.reduce((a, b) => a + b, 0);
    expect(nextWeek).toBeGreaterThan(lastWeek);
  });

  it("uses yearly seasonality once a year and a quarter are known", () => {
    const forecast = forecastDailySeries(weeklySeries(70), { horizon: 30 });
    expect(forecast.usesYearlySeasonality).toBe(true);
    expect(forecast.confidence).toBe("high");
    expect(forecast.mean).toHaveLength(30);
  });

  it("treats negative or missing values as zero days", () => {
    const history = weeklySeries(6).map((v, t) => (t === 3 ? Number.NaN : t === 4 ? -5 : v));
    const forecast = forecastDailySeries(history, { horizon: 7 });
    expect(forecast.mean.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});

describe("forecastSales", () => {
  const start = Date.UTC(2024, 0, 1); // a Monday
  const orders: SaleRecord[] = [];
  // 8 weeks: Monday–Friday 2 orders of 12.50 each; weekends closed.
  for (let day = 0; day < 56; day++) {
    if (day % 7 >= 5) continue;
    for (const hour of [10, 15]) orders.push({ at: new Date(start + day * 86_400_000 + hour * 3_600_000), totalMinor: 1250 });
  }

  it("turns orders into daily revenue and order forecasts from the day of asOf", () => {
    const forecast = forecastSales({ orders, asOf: new Date(start + 56 * 86_400_000 + 8 * 3_600_000), horizonDays: 7 });
    expect(forecast.historyDays).toBe(56);
    expect(forecast.days.map((d) => d.date)).toEqual([
      "2024-02-26",
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
      "2024-03-02",
      "2024-03-03",
    ]);
    expect(forecast.days[0]!.revenueMinor.expected).toBe(2500);
    expect(forecast.days[0]!.orders.expected).toBeCloseTo(2, 5);
    expect(forecast.days[5]!.revenueMinor.expected).toBe(0);
    expect(Number.isInteger(forecast.total.revenueMinor.expected)).toBe(true);
    expect(forecast.total.revenueMinor.expected).toBe(5 * 2500);
  });

  it("ignores orders at or after asOf, so history can be replayed", () => {
    const asOf = new Date(start + 28 * 86_400_000);
    const late = [...orders, { at: new Date(start + 30 * 86_400_000), totalMinor: 1_000_000 }];
    expect(forecastSales({ orders: late, asOf, horizonDays: 7 })).toEqual(forecastSales({ orders, asOf, horizonDays: 7 }));
  });

  it("cuts days in the shop's time zone", () => {
    // 23:30 UTC on day 0 is already day 1 in Shanghai (UTC+8).
    const forecast = forecastSales({
      orders: [{ at: new Date(start + 23.5 * 3_600_000), totalMinor: 100 }],
      asOf: new Date(start + 3 * 86_400_000),
      horizonDays: 7,
      utcOffsetMinutes: 480,
    });
    expect(forecast.historyDays).toBe(2);
    expect(forecast.confidence).toBe("low");
  });
});

/**
 * Revenue and orders for the next 7, 14 or 30 days with their 80 % interval, from every sale before
 * the shop's midnight: the owner's `forecast` command and the dashboard's forecast band.
 */
import { forecastSales, type SalesForecast } from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { loadSales, type SaleRow } from "./load-analytics-records.ts";
import { startOfLocalDay, utcOffsetMinutes } from "./time-zone.ts";

/** The horizons the forecast offers; anything else is 7. */
export const FORECAST_HORIZONS = [7, 14, 30] as const;

export async function forecastAhead(db: Db, options: { asOf: Date; days?: number | undefined; timeZone?: string | undefined; sales?: readonly SaleRow[] }): Promise<SalesForecast> {
  const { asOf, timeZone } = options;
  const horizon = (FORECAST_HORIZONS as readonly number[]).includes(options.days ?? 7) ? options.days ?? 7 : 7;
  const today = startOfLocalDay(asOf, timeZone);
  const sales = options.sales ? options.sales.filter((s) => s.at < today) : await loadSales(db, today);
  return forecastSales({ orders: sales, asOf, horizonDays: horizon, utcOffsetMinutes: utcOffsetMinutes(asOf, timeZone) });
}

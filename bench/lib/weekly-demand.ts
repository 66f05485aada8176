/**
 * Weekly demand per stock code from the Online Retail files, cleaned exactly as the order import
 * cleans them (`classifyHistoryLine`): the units of the kept sale lines (not cancellations, not
 * adjustments, not postage or fee codes, positive price and quantity), summed per code and per week
 * starting Monday, as bench:inventory's protocol says.
 */
import { readOnlineRetailHistory } from "../../scripts/import-online-retail.ts";
import { classifyHistoryLine } from "../../core/imports/import-order-history.ts";

const MS_PER_DAY = 86_400_000;
const MS_PER_WEEK = 7 * MS_PER_DAY;
/** Monday 2009-11-30, the week the data's first day (Tuesday 2009-12-01) falls in. */
export const FIRST_WEEK_MS = Date.UTC(2009, 10, 30);

export interface WeeklyDemand {
  /** Monday of week 0, UTC ms (the data's wall-clock times are read as UTC). */
  firstWeekMs: number;
  /** Weeks in the data, the last one possibly partial. */
  weeks: number;
  /** Index of the last week wholly inside the data (the data ends on `lastDayMs`). */
  lastFullWeek: number;
  /** The day of the last line, UTC midnight ms. */
  lastDayMs: number;
  /** Stock code → units sold per week (index 0 = `firstWeekMs`). */
  byCode: Map<string, Float64Array>;
  /** Kept sale lines read. */
  saleLines: number;
}

/** Week index of an instant (weeks start Monday 00:00). */
export function weekIndexOf(ms: number): number {
  return Math.floor((ms - FIRST_WEEK_MS) / MS_PER_WEEK);
}

/** Monday of a week index, `YYYY-MM-DD`. */
export function weekStartDate(week: number): string {
  return new Date(FIRST_WEEK_MS + week * MS_PER_WEEK).toISOString().slice(0, 10);
}

export async function loadWeeklyDemand(files: string[]): Promise<WeeklyDemand> {
  const rows = new Map<string, number[]>();
  let lastMs = 0;
  let saleLines = 0;
  for await (const line of readOnlineRetailHistory(files)) {
    const classified = classifyHistoryLine(line);
    if (!("kind" in classified) || classified.kind !== "sale") continue;
    const ms = line.at.getTime();
    if (ms > lastMs) lastMs = ms;
    saleLines++;
    const week = weekIndexOf(ms);
    let row = rows.get(line.productCode);
    if (!row) rows.set(line.productCode, (row = []));
    row[week] = (row[week] ?? 0) + line.quantity;
  }
  const lastDayMs = Math.floor(lastMs / MS_PER_DAY) * MS_PER_DAY;
  const weeks = weekIndexOf(lastMs) + 1;
  // A week is whole when its Sunday is on or before the last day of data.
  const lastFullWeek = weekIndexOf(lastDayMs + MS_PER_DAY) - 1;
  const byCode = new Map<string, Float64Array>();
  for (const [code, row] of rows) {
    const series = new Float64Array(weeks);
    for (let w = 0; w < row.length; w++) series[w] = row[w] ?? 0;
    byCode.set(code, series);
  }
  return { firstWeekMs: FIRST_WEEK_MS, weeks, lastFullWeek, lastDayMs, byCode, saleLines };
}

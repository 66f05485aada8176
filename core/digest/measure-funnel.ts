/**
 * The funnel of the last seven days (today included) against the seven before, with its bottleneck,
 * and how many leads stand at each stage now: the owner's `funnel` command and the dashboard's
 * funnel, from one function.
 */
import { computeFunnel, type FunnelReport, type FunnelStage } from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { loadFunnelRecords } from "./load-analytics-records.ts";
import { addLocalDays, DAY_MS, startOfLocalDay } from "./time-zone.ts";

export interface FunnelFigures {
  report: FunnelReport;
  /** Leads at each stage now (a stage nobody is at is absent). */
  now: Partial<Record<FunnelStage, number>>;
}

export async function measureFunnel(db: Db, options: { asOf: Date; timeZone?: string | undefined }): Promise<FunnelFigures> {
  const today = startOfLocalDay(options.asOf, options.timeZone);
  const [records, counts] = await Promise.all([
    loadFunnelRecords(db, new Date(today.getTime() - 49 * DAY_MS)),
    db.lead.groupBy({ by: ["stage"], _count: { _all: true } }),
  ]);
  const report = computeFunnel({ records, period: { start: addLocalDays(today, -7, options.timeZone), end: addLocalDays(today, 1, options.timeZone) } });
  return { report, now: Object.fromEntries(counts.map((c) => [c.stage, c._count._all])) };
}

/** Customers who ordered ÷ customers who came, over the funnel's period; null when nobody came. */
export function funnelConversion(report: FunnelReport): number | null {
  const visitors = report.stages.find((s) => s.stage === "visitor")?.count ?? 0;
  const ordered = report.stages.find((s) => s.stage === "ordered")?.count ?? 0;
  return visitors > 0 ? ordered / visitors : null;
}

/**
 * Sales funnel for a period: how many customers reached each stage (visitor → engaged → lead → cart →
 * ordered → paid → repeat), the conversion between consecutive stages, the change against the previous
 * period, and the bottleneck — the step whose conversion fell most against its trailing four-week rate,
 * which is where the owner should look first.
 *
 * Definitions (chosen so that periods of any length compare fairly):
 * - A customer *reaches* a stage at the first record of that stage or of any later stage (reaching
 *   "paid" implies having ordered; an imported customer with only orders still counts as a visitor and a
 *   lead). Turn this off with `impliedStages: false`.
 * - count(stage, window) = customers who reached the stage for the first time inside the window.
 * - conversion(a → b, window) = count(b, window) / count(a, window): a ratio of flows in the same window.
 *   Unlike "share of this window's entrants who converted by the window's end", it is not biased against
 *   short windows (late entrants have had no time yet). It can exceed 1 when a backlog converts.
 * - trailing rate = the same ratio over the 28 days before the period; drop = trailing − current.
 *   The bottleneck is the step with the largest positive drop among steps whose trailing window saw at
 *   least `minTrailingCount` customers enter the from-stage; null when no step fell.
 */

export const FUNNEL_STAGES = ["visitor", "engaged", "lead", "cart", "ordered", "paid", "repeat"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** One stage reached by one customer (from lead stage changes, events and orders). */
export interface FunnelStageRecord {
  customerId: number | string;
  stage: FunnelStage;
  at: Date;
}

export interface FunnelPeriod {
  start: Date;
  /** Exclusive. */
  end: Date;
}

export interface ComputeFunnelOptions {
  records: readonly FunnelStageRecord[];
  period: FunnelPeriod;
  /** Reaching a stage implies the earlier ones; default true. */
  impliedStages?: boolean;
  /** Trailing window for the bottleneck, in days; default 28. */
  trailingDays?: number;
  /** Minimum entrants into the from-stage in the trailing window for a step to be a bottleneck; default 5. */
  minTrailingCount?: number;
}

export interface FunnelStageCount {
  stage: FunnelStage;
  count: number;
  previousCount: number;
  /** count − previousCount. */
  change: number;
}

export interface FunnelStep {
  from: FunnelStage;
  to: FunnelStage;
  /** null when nobody reached `from` in the window. */
  rate: number | null;
  previousRate: number | null;
  /** rate − previousRate (null when either is unknown). */
  change: number | null;
  trailingRate: number | null;
  /** trailingRate − rate (positive = fell). */
  drop: number | null;
}

export interface FunnelReport {
  period: FunnelPeriod;
  previousPeriod: FunnelPeriod;
  stages: FunnelStageCount[];
  steps: FunnelStep[];
  bottleneck: FunnelStep | null;
}

const MS_PER_DAY = 86_400_000;

/** Per customer, the instant each stage was reached (NaN when never). */
function reachTimes(records: readonly FunnelStageRecord[], implied: boolean): Float64Array[] {
  const byCustomer = new Map<number | string, Float64Array>();
  for (const record of records) {
    const stageIndex = FUNNEL_STAGES.indexOf(record.stage);
    if (stageIndex < 0) continue;
    let times = byCustomer.get(record.customerId);
    if (!times) byCustomer.set(record.customerId, (times = new Float64Array(FUNNEL_STAGES.length).fill(Number.NaN)));
    const at = record.at.getTime();
    if (Number.isNaN(times[stageIndex]!) || at < times[stageIndex]!) times[stageIndex] = at;
  }
  if (implied) {
    for (const times of byCustomer.values()) {
      for (let s = FUNNEL_STAGES.length - 2; s >= 0; s--) {
        const later = times[s + 1]!;
        if (!Number.isNaN(later) && (Number.isNaN(times[s]!) || later < times[s]!)) times[s] = later;
      }
    }
  }
  return [...byCustomer.values()];
}

function countStages(reaches: readonly Float64Array[], startMs: number, endMs: number): number[] {
  const counts = new Array<number>(FUNNEL_STAGES.length).fill(0);
  for (const times of reaches) {
    for (let s = 0; s < FUNNEL_STAGES.length; s++) {
      const at = times[s]!;
      if (at >= startMs && at < endMs) counts[s]!++;
    }
  }
  return counts;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);
const difference = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

/** Counts, conversions, changes and the bottleneck for one period. */
export function computeFunnel(options: ComputeFunnelOptions): FunnelReport {
  const reaches = reachTimes(options.records, options.impliedStages ?? true);
  const startMs = options.period.start.getTime();
  const endMs = options.period.end.getTime();
  const lengthMs = Math.max(0, endMs - startMs);
  const trailingMs = (options.trailingDays ?? 28) * MS_PER_DAY;
  const minTrailingCount = options.minTrailingCount ?? 5;

  const current = countStages(reaches, startMs, endMs);
  const previous = countStages(reaches, startMs - lengthMs, startMs);
  const trailing = countStages(reaches, startMs - trailingMs, startMs);

  const stages: FunnelStageCount[] = FUNNEL_STAGES.map((stage, s) => ({
    stage,
    count: current[s]!,
    previousCount: previous[s]!,
    change: current[s]! - previous[s]!,
  }));
  const steps: FunnelStep[] = [];
  for (let s = 0; s + 1 < FUNNEL_STAGES.length; s++) {
    const rate = ratio(current[s + 1]!, current[s]!);
    const previousRate = ratio(previous[s + 1]!, previous[s]!);
    const trailingRate = ratio(trailing[s + 1]!, trailing[s]!);
    steps.push({
      from: FUNNEL_STAGES[s]!,
      to: FUNNEL_STAGES[s + 1]!,
      rate,
      previousRate,
      change: difference(rate, previousRate),
      trailingRate,
      drop: difference(trailingRate, rate),
    });
  }
  let bottleneck: FunnelStep | null = null;
  let largestDrop = 0;
  for (let s = 0; s < steps.length; s++) {
    const drop = steps[s]!.drop;
    if (drop === null || drop <= largestDrop || trailing[s]! < minTrailingCount) continue;
    largestDrop = drop;
    bottleneck = steps[s]!;
  }
  return {
    period: { start: new Date(startMs), end: new Date(endMs) },
    previousPeriod: { start: new Date(startMs - lengthMs), end: new Date(startMs) },
    stages,
    steps,
    bottleneck,
  };
}

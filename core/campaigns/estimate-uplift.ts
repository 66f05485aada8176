/**
 * What a campaign caused, estimated from its treated group (sent the message) and its hold-out (kept
 * out at random, see draw-holdout.ts), both counted over the same attribution window: conversion and
 * revenue per person in each, their differences with 95 % intervals, and what follows for the whole
 * treated group, the money spent and the owner's goal. Pure: the caller counts, this only computes.
 *
 * Conversion counts people, not orders: a customer who ordered twice in the window converted once.
 * So "incremental orders" are additional customers who ordered (uplift × treated people).
 *
 * Why these intervals:
 * - Uplift (a difference of two proportions): Newcombe's hybrid score interval, method 10 of
 *   R. G. Newcombe, "Interval estimation for the difference between independent proportions:
 *   comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890. Each group's Wilson
 *   score interval (l, u) is combined as d − √((p₁−l₁)² + (u₂−p₂)²) … d + √((u₁−p₁)² + (p₂−l₂)²).
 *   Campaign conversions are small proportions (a few per cent) and the hold-out is small next to the
 *   treated group (10 %), which is where the textbook Wald interval d ± z·SE fails: with 0 or 1
 *   orders in the hold-out its variance estimate collapses and its coverage drops far below 95 %
 *   (Newcombe's evaluation, over small and unequal groups and small proportions). Method 10 keeps
 *   coverage close to nominal over exactly those cases, never leaves [−1, 1], is defined at 0/n, needs
 *   no iteration (unlike Miettinen–Nurminen, whose coverage is similar) and is what R's DescTools
 *   (`BinomDiffCI(method = "score")`) and SAS (`RISKDIFF(CL=NEWCOMBE)`) compute.
 *   The benchmark (`npm run bench:uplift`) measures its coverage on simulated campaigns.
 * - Revenue per person (a difference of two means): Welch's interval, t quantile with
 *   Welch–Satterthwaite degrees of freedom. It does not assume equal variances, and the two groups'
 *   variances differ when the campaign changes who buys. Revenue per person is mostly zeros with a
 *   long tail, so with a hold-out of a few dozen people the interval is rough (the t approximation
 *   needs enough buyers in each group); it is reported anyway, labelled as an interval on the mean.
 *
 * Money is integer minor units in and out, except per-person means and their intervals, which are
 * fractional minor units (round when showing them); incremental revenue is rounded to whole minor
 * units, its interval outwards.
 */
import { z } from "zod";
import { studentTQuantile, Z_975 } from "../lib/student-t.ts";

const ZMinor = z.number().int().min(0).safe();

export const ZGroupOutcome = z
  .object({
    /** People in the group (sent the message, or kept out of it). */
    people: z.number().int().min(0).safe(),
    /** Of them, how many ordered within the attribution window. */
    ordered: z.number().int().min(0).safe(),
    /** Each person's revenue within the window; people not listed spent nothing (so zeros may be left out). */
    revenuesMinor: z.array(ZMinor).optional(),
    /** Or only the group's total revenue within the window (then revenue per person has no interval). */
    revenueMinor: ZMinor.optional(),
  })
  .superRefine((group, context) => {
    if (group.ordered > group.people) context.addIssue({ code: "custom", path: ["ordered"], message: `${group.ordered} ordered out of ${group.people} people: cannot be more than the people` });
    if (group.revenuesMinor && group.revenueMinor !== undefined) {
      context.addIssue({ code: "custom", path: ["revenueMinor"], message: "give either the revenue of each person or the group's total, not both" });
    }
    if (group.revenuesMinor) {
      if (group.revenuesMinor.length > group.people) {
        context.addIssue({ code: "custom", path: ["revenuesMinor"], message: `${group.revenuesMinor.length} revenues for ${group.people} people` });
      }
      const spenders = group.revenuesMinor.filter((amount) => amount > 0).length;
      if (spenders > group.ordered) {
        context.addIssue({ code: "custom", path: ["revenuesMinor"], message: `${spenders} people spent something but only ${group.ordered} ordered` });
      }
    }
    if (group.revenueMinor !== undefined && group.revenueMinor > 0 && group.ordered === 0) {
      context.addIssue({ code: "custom", path: ["revenueMinor"], message: "revenue without anyone having ordered" });
    }
  });
export type TGroupOutcome = z.input<typeof ZGroupOutcome>;

export const ZUpliftGoal = z.discriminatedUnion("kind", [
  /** `goal=orders:50`: customers ordering from the campaign. */
  z.object({ kind: z.literal("orders"), target: z.number().int().positive().safe() }),
  /** `goal=revenue:1000`: revenue from the treated group, minor units. */
  z.object({ kind: z.literal("revenue"), targetMinor: z.number().int().positive().safe() }),
]);

export type TUpliftGoal = z.infer<typeof ZUpliftGoal>;
export const ZEstimateUpliftOptions = z.object({
  treated: ZGroupOutcome,
  holdout: ZGroupOutcome,
  /** The budget set when the campaign was created, minor units. */
  budgetMinor: ZMinor.optional(),
  /** The discount the campaign's codes gave, minor units (part of the cost, not of the budget). */
  discountMinor: ZMinor.optional(),
  goal: ZUpliftGoal.optional(),
  /** Decimals of the currency's minor unit (2 for GBP, 0 for JPY): the index is per major unit of budget. */
  currencyDigits: z.number().int().min(0).max(4).default(2),
});
export type TEstimateUpliftOptions = z.input<typeof ZEstimateUpliftOptions>;

/** A figure and its 95 % interval; the interval is null where it cannot be computed (each field says when). */
export interface Estimate {
  estimate: number;
  interval95: { low: number; high: number } | null;
}

export interface GroupSummary {
  people: number;
  ordered: number;
  /** ordered ÷ people; null for an empty group. */
  conversion: number | null;
  /** Total revenue in the window, minor units; null when not given. */
  revenueMinor: number | null;
  /** Revenue ÷ people, fractional minor units; null for an empty group or when revenue was not given. */
  revenuePerPersonMinor: number | null;
}

export interface UpliftEstimate {
  treated: GroupSummary;
  holdout: GroupSummary;
  /**
   * Conversion in the treated group minus conversion in the hold-out, as a proportion (0.02 = 2 points),
   * Newcombe's interval. Null when either group is empty (a hold-out of 0 % measures nothing).
   */
  uplift: Estimate | null;
  /**
   * Revenue per person, treated minus hold-out, fractional minor units, Welch's interval. Null without
   * revenue for both groups or with an empty group; the interval is null with fewer than 2 people in a
   * group, or when nobody's revenue differs from anyone else's in either group (no spread to measure).
   */
  revenuePerPersonDifferenceMinor: Estimate | null;
  /** Additional customers who ordered because of the campaign: uplift × treated people. */
  incrementalOrders: Estimate | null;
  /** Revenue the campaign added: revenue per person difference × treated people, whole minor units. */
  incrementalRevenueMinor: Estimate | null;
  /** Budget + discount given, minor units; null when neither was given. */
  costMinor: number | null;
  /** Incremental revenue ÷ cost (1.0 = the campaign brought back what it cost in extra revenue); null without a cost > 0. */
  returnOnSpend: Estimate | null;
  goal: GoalSummary | null;
}

export interface GoalSummary {
  kind: "orders" | "revenue";
  /** The owner's target: customers who ordered, or revenue in minor units. */
  target: number;
  /** What the treated group did, counted the naive way (everyone who ordered, all their revenue). */
  achieved: number | null;
  /** achieved ÷ target. */
  attainment: number | null;
  /**
   * The founding documents' effectiveness index: objective achieved ÷ budget, per major unit of budget
   * (orders per £1, or £ of revenue per £1). Naive: it counts sales that would have happened anyway.
   * Null without a budget > 0, or without revenue for a revenue goal.
   */
  effectivenessIndex: number | null;
  /** The same index with only what the campaign caused (incremental orders or revenue) as achieved. */
  incrementalEffectivenessIndex: Estimate | null;
}

/** Wilson's score interval for k successes out of n (n > 0), at 95 %. */
export function wilsonInterval(k: number, n: number): { low: number; high: number } {
  const z2 = Z_975 * Z_975;
  const p = k / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z_975 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 and k = n the bounds are exactly 0 and 1; rounding would leave 1e-17 either side.
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval (method 10) for k₁/n₁ − k₂/n₂ at 95 %; both n > 0. */
export function newcombeInterval(k1: number, n1: number, k2: number, n2: number): Estimate {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const w1 = wilsonInterval(k1, n1);
  const w2 = wilsonInterval(k2, n2);
  const difference = p1 - p2;
  const low = difference - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const high = difference + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  return { estimate: difference, interval95: { low: Math.max(-1, low), high: Math.min(1, high) } };
}

interface MeanAndVariance {
  n: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator); NaN when n < 2. */
  variance: number;
}

/** Mean and variance of a group's per-person revenue, the unlisted people counting as zeros. */
function describeRevenues(revenues: readonly number[], people: number): MeanAndVariance {
  let total = 0;
  for (const amount of revenues) total += amount;
  const mean = total / people;
  let squares = (people - revenues.length) * mean * mean;
  for (const amount of revenues) squares += (amount - mean) ** 2;
  return { n: people, mean, variance: people >= 2 ? squares / (people - 1) : Number.NaN };
}

/** Welch's 95 % interval for mean₁ − mean₂. */
export function welchInterval(a: MeanAndVariance, b: MeanAndVariance): Estimate {
  const difference = a.mean - b.mean;
  if (a.n < 2 || b.n < 2) return { estimate: difference, interval95: null };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return { estimate: difference, interval95: null };
  const degreesOfFreedom = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const half = studentTQuantile(0.975, degreesOfFreedom) * Math.sqrt(se2);
  return { estimate: difference, interval95: { low: difference - half, high: difference + half } };
}

function summarise(group: z.infer<typeof ZGroupOutcome>): GroupSummary {
  const revenueMinor = group.revenuesMinor ? group.revenuesMinor.reduce((sum, amount) => sum + amount, 0) : (group.revenueMinor ?? null);
  return {
    people: group.people,
    ordered: group.ordered,
    conversion: group.people > 0 ? group.ordered / group.people : null,
    revenueMinor,
    revenuePerPersonMinor: group.people > 0 && revenueMinor !== null ? revenueMinor / group.people : null,
  };
}

function scale(value: Estimate | null, factor: number, round?: "minor"): Estimate | null {
  if (!value) return null;
  const exact = (x: number) => x * factor;
  if (!round) {
    return { estimate: exact(value.estimate), interval95: value.interval95 && { low: exact(value.interval95.low), high: exact(value.interval95.high) } };
  }
  return {
    estimate: Math.round(exact(value.estimate)),
    interval95: value.interval95 && { low: Math.floor(exact(value.interval95.low)), high: Math.ceil(exact(value.interval95.high)) },
  };
}

/** The campaign's effect against its hold-out; throws a ZodError naming the field on inconsistent counts. */
export function estimateUplift(input: TEstimateUpliftOptions): UpliftEstimate {
  const options = ZEstimateUpliftOptions.parse(input);
  const { treated, holdout } = options;
  const treatedSummary = summarise(treated);
  const holdoutSummary = summarise(holdout);
  const bothPresent = treated.people > 0 && holdout.people > 0;

  const uplift = bothPresent ? newcombeInterval(treated.ordered, treated.people, holdout.ordered, holdout.people) : null;

  let revenueDifference: Estimate | null = null;
  if (bothPresent && treatedSummary.revenueMinor !== null && holdoutSummary.revenueMinor !== null) {
    if (treated.revenuesMinor && holdout.revenuesMinor) {
      revenueDifference = welchInterval(describeRevenues(treated.revenuesMinor, treated.people), describeRevenues(holdout.revenuesMinor, holdout.people));
    } else {
      revenueDifference = { estimate: treatedSummary.revenuePerPersonMinor! - holdoutSummary.revenuePerPersonMinor!, interval95: null };
    }
  }

  const incrementalOrders = scale(uplift, treated.people);
  const incrementalRevenueMinor = scale(revenueDifference, treated.people, "minor");
  const costMinor = options.budgetMinor === undefined && options.discountMinor === undefined ? null : (options.budgetMinor ?? 0) + (options.discountMinor ?? 0);
  const returnOnSpend = costMinor && costMinor > 0 ? scale(revenueDifference, treated.people / costMinor) : null;

  let goal: GoalSummary | null = null;
  if (options.goal) {
    const budgetMajor = options.budgetMinor !== undefined && options.budgetMinor > 0 ? options.budgetMinor / 10 ** options.currencyDigits : null;
    const isOrders = options.goal.kind === "orders";
    const target = options.goal.kind === "orders" ? options.goal.target : options.goal.targetMinor;
    const achieved = isOrders ? treated.ordered : treatedSummary.revenueMinor;
    // Revenue counts in major units per major unit of budget, so the index reads "£ per £".
    const inMajor = isOrders ? 1 : 1 / 10 ** options.currencyDigits;
    const incrementalPerPerson = isOrders ? uplift : revenueDifference;
    goal = {
      kind: options.goal.kind,
      target,
      achieved,
      attainment: achieved === null ? null : achieved / target,
      effectivenessIndex: achieved === null || budgetMajor === null ? null : (achieved * inMajor) / budgetMajor,
      incrementalEffectivenessIndex: budgetMajor === null ? null : scale(incrementalPerPerson, (treated.people * inMajor) / budgetMajor),
    };
  }

  return {
    treated: treatedSummary,
    holdout: holdoutSummary,
    uplift,
    revenuePerPersonDifferenceMinor: revenueDifference,
    incrementalOrders,
    incrementalRevenueMinor,
    costMinor,
    returnOnSpend,
    goal,
  };
}

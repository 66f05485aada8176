/**
 * Simulated campaigns for `npm run bench:uplift`: how well estimateUplift, with a hold-out drawn by
 * drawHoldout, recovers an effect that is known because the simulation put it there.
 *
 * One simulated campaign, for an audience of n customers drawn without replacement from a population
 * whose every customer has a base rate p (their chance to order within the window with no campaign):
 * 1. the campaign's effects: two numbers drawn uniformly from [0, maxEffect], and each customer's
 *    effect τ drawn uniformly between them (so every customer's effect is within 0 to +5 points and
 *    campaigns differ in both how much they do and how unevenly), capped at 1 − p;
 * 2. the hold-out: drawHoldout(audience ids, holdoutFraction, a seed of this campaign);
 * 3. outcomes: each customer orders with probability p + τ when sent the message, p when held out;
 * 4. the estimate: estimateUplift on the two groups' counts.
 *
 * The truth the estimate is compared with is the mean of the per-customer effects τ (as capped) over
 * the treated group: the sample average treatment effect on the treated, i.e. what the message did to
 * those it was sent to, the quantity that "incremental orders = uplift × treated" reports. (Under
 * random assignment its expectation is the audience's mean effect; it differs from that by less than
 * the spread of effects ÷ √n.)
 */
import { drawHoldout } from "../../core/campaigns/draw-holdout.ts";
import { estimateUplift } from "../../core/campaigns/estimate-uplift.ts";
import { createSeededRandom, type RandomSource } from "../../core/lib/seeded-random.ts";
import { Z_975 } from "../../core/lib/student-t.ts";

const MS_PER_DAY = 86_400_000;

export interface UpliftPopulation {
  /** Positive integer ids, one per customer. */
  customerIds: number[];
  /** Each customer's chance to order within the window without a campaign, same order as the ids. */
  baseRates: number[];
}

/**
 * Base rates from order history: a customer's rate is the share of the `windows` consecutive windows
 * of `windowDays` days before `cutoffMs` in which they placed at least one order. Every customer with
 * an order before the cutoff is in the population (those who lapsed have rate 0). `actualRate` is the
 * share of them who did order in the window after the cutoff, to set beside the mean base rate.
 */
export function deriveBaseRates(
  orders: readonly { customerId: string; atMs: number }[],
  options: { cutoffMs: number; windowDays: number; windows: number },
): UpliftPopulation & { actualRate: number } {
  const windowMs = options.windowDays * MS_PER_DAY;
  const windowsWithOrder = new Map<string, Set<number>>();
  const orderedAfter = new Set<string>();
  for (const order of orders) {
    if (order.atMs < options.cutoffMs) {
      let windows = windowsWithOrder.get(order.customerId);
      if (!windows) windowsWithOrder.set(order.customerId, (windows = new Set()));
      const back = Math.floor((options.cutoffMs - order.atMs) / windowMs);
      if (back < options.windows) windows.add(back);
    } else if (order.atMs < options.cutoffMs + windowMs) {
      orderedAfter.add(order.customerId);
    }
  }
  const ids = [...windowsWithOrder.keys()].sort((a, b) => Number(a) - Number(b));
  const customerIds = ids.map(Number);
  if (customerIds.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new Error("customer ids must be positive integers");
  return {
    customerIds,
    baseRates: ids.map((id) => windowsWithOrder.get(id)!.size / options.windows),
    actualRate: ids.length === 0 ? Number.NaN : ids.filter((id) => orderedAfter.has(id)).length / ids.length,
  };
}

export interface UpliftSimulationOptions {
  audienceSize: number;
  simulations: number;
  seed: number;
  /** Default 0.1. */
  holdoutFraction?: number;
  /** Largest per-customer effect, as a probability; default 0.05 (5 points). */
  maxEffect?: number;
  /**
   * Draw the audience with replacement, under new ids (for audiences larger than the population:
   * then several simulated customers share a real customer's base rate). Default false.
   */
  withReplacement?: boolean;
}

/** One audience size's figures, in percentage points where named so. */
export interface UpliftSizeResult {
  audienceSize: number;
  simulations: number;
  withReplacement: boolean;
  /** Mean hold-out size. */
  holdoutPeople: number;
  /** Mean of the true uplift (mean effect on the treated) over the simulations. */
  trueUpliftPoints: number;
  /** Mean conversion of the hold-out (the base rate the campaign is measured against). */
  holdoutConversionPoints: number;
  /** Share of simulations whose 95 % interval contains the true uplift. */
  coverage95: number;
  /** Mean of (estimate − truth). */
  biasPoints: number;
  /** Its Monte Carlo standard error: sd(estimate − truth) ÷ √simulations. */
  biasStandardErrorPoints: number;
  /** Mean interval width (high − low). */
  widthPoints: number;
  /** Mean of (treated conversion − truth): what "orders from recipients ÷ recipients" overstates by. */
  naiveErrorPoints: number;
  /** Raw per-simulation values, for pooling sizes; not printed. */
  samples: { covered: number; errors: number[]; widths: number[]; naiveErrors: number[] };
}

/** Runs `simulations` simulated campaigns of one audience size; the same options give the same figures. */
export function simulateUplift(population: UpliftPopulation, options: UpliftSimulationOptions): UpliftSizeResult {
  const { audienceSize, simulations } = options;
  const holdoutFraction = options.holdoutFraction ?? 0.1;
  const maxEffect = options.maxEffect ?? 0.05;
  const withReplacement = options.withReplacement ?? false;
  const populationSize = population.customerIds.length;
  if (!withReplacement && audienceSize > populationSize) {
    throw new Error(`an audience of ${audienceSize} needs at least that many customers (the population has ${populationSize})`);
  }
  const random = createSeededRandom(mixSeed(options.seed, audienceSize, withReplacement ? 1 : 0));
  const pool = Int32Array.from({ length: populationSize }, (_, i) => i);
  const audienceIds: number[] = new Array<number>(audienceSize);
  const audienceRates = new Float64Array(audienceSize);
  const errors: number[] = [];
  const widths: number[] = [];
  const naiveErrors: number[] = [];
  let covered = 0;
  let holdoutPeople = 0;
  let truthSum = 0;
  let holdoutConversionSum = 0;

  for (let s = 0; s < simulations; s++) {
    drawAudience(population, pool, audienceIds, audienceRates, withReplacement, random);
    const a = random() * maxEffect;
    const b = random() * maxEffect;
    const lowEffect = Math.min(a, b);
    const spread = Math.abs(a - b);
    const holdout = drawHoldout(audienceIds, holdoutFraction, `bench-${options.seed}-${audienceSize}-${s}`);

    let treatedPeople = 0;
    let treatedOrdered = 0;
    let holdoutOrdered = 0;
    let effectSum = 0;
    for (let i = 0; i < audienceSize; i++) {
      const base = audienceRates[i]!;
      // The effect is drawn for everyone (held out or not) so the draws do not depend on the hold-out.
      const effect = Math.min(lowEffect + spread * random(), 1 - base);
      const u = random();
      if (holdout.has(audienceIds[i]!)) {
        if (u < base) holdoutOrdered++;
      } else {
        treatedPeople++;
        effectSum += effect;
        if (u < base + effect) treatedOrdered++;
      }
    }
    const truth = effectSum / treatedPeople;
    const estimate = estimateUplift({
      treated: { people: treatedPeople, ordered: treatedOrdered },
      holdout: { people: holdout.size, ordered: holdoutOrdered },
    });
    const uplift = estimate.uplift!;
    const interval = uplift.interval95!;
    if (interval.low <= truth && truth <= interval.high) covered++;
    errors.push((uplift.estimate - truth) * 100);
    widths.push((interval.high - interval.low) * 100);
    naiveErrors.push((treatedOrdered / treatedPeople - truth) * 100);
    holdoutPeople += holdout.size;
    truthSum += truth * 100;
    holdoutConversionSum += (holdoutOrdered / holdout.size) * 100;
  }

  return {
    audienceSize,
    simulations,
    withReplacement,
    holdoutPeople: holdoutPeople / simulations,
    trueUpliftPoints: truthSum / simulations,
    holdoutConversionPoints: holdoutConversionSum / simulations,
    ...summariseSamples({ covered, errors, widths, naiveErrors }),
    samples: { covered, errors, widths, naiveErrors },
  };
}

/** Coverage, bias and its standard error, width and naive error from raw per-simulation values. */
export function summariseSamples(samples: { covered: number; errors: number[]; widths: number[]; naiveErrors: number[] }) {
  const n = samples.errors.length;
  const bias = mean(samples.errors);
  const variance = samples.errors.reduce((sum, e) => sum + (e - bias) ** 2, 0) / (n - 1);
  return {
    coverage95: samples.covered / n,
    biasPoints: bias,
    biasStandardErrorPoints: Math.sqrt(variance / n),
    widthPoints: mean(samples.widths),
    naiveErrorPoints: mean(samples.naiveErrors),
  };
}

/**
 * The audience at which a hold-out of `holdoutFraction` measures `uplift` over a base rate
 * `baseRate` (both proportions): with `zPower` 0, the size whose expected 95 % interval half-width
 * equals `uplift` (an observed uplift of that size just excludes zero); with zPower 0.8416, the size
 * at which a true uplift of that size gives an interval excluding zero in 80 % of campaigns.
 * Normal approximation: n = (z + zPower)² · (p₁q₁/(1 − f) + p₀q₀/f) ÷ uplift², p₁ = p₀ + uplift.
 */
export function audienceForUplift(baseRate: number, uplift: number, holdoutFraction: number, zPower: number): number {
  const treatedRate = baseRate + uplift;
  const variancePerPerson = (treatedRate * (1 - treatedRate)) / (1 - holdoutFraction) + (baseRate * (1 - baseRate)) / holdoutFraction;
  return Math.ceil(((Z_975 + zPower) ** 2 * variancePerPerson) / (uplift * uplift));
}

function drawAudience(population: UpliftPopulation, pool: Int32Array, ids: number[], rates: Float64Array, withReplacement: boolean, random: RandomSource): void {
  const n = pool.length;
  for (let i = 0; i < ids.length; i++) {
    if (withReplacement) {
      const pick = Math.floor(random() * n);
      ids[i] = i + 1;
      rates[i] = population.baseRates[pick]!;
    } else {
      // Partial Fisher–Yates over the pool; the pool's order carries over between draws, which is fine.
      const j = i + Math.floor(random() * (n - i));
      const pick = pool[j]!;
      pool[j] = pool[i]!;
      pool[i] = pick;
      ids[i] = population.customerIds[pick]!;
      rates[i] = population.baseRates[pick]!;
    }
  }
}

function mixSeed(seed: number, size: number, variant: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(size, 0xc2b2ae35) ^ Math.imul(variant + 1, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

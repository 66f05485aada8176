/**
 * `npm run bench:uplift [-- --json] [--data DIR] [--seed N] [--simulations N]`: how well a campaign's
 * uplift is measured against a 10 % hold-out (core/campaigns/estimate-uplift.ts, drawn by
 * core/campaigns/draw-holdout.ts), on simulated campaigns over the customers of the Online Retail data.
 *
 * Population: every customer with an order before 2011-09-01 (the fixed date). Each one's base rate
 * is their chance to order within a 14-day window (the attribution window here): the share of the 26
 * fortnights (52 weeks) before that date in which they ordered. The run prints, beside the mean base
 * rate, the share who really did order in the 14 days after it.
 *
 * For each audience size (200, 500, 1,000, 2,000, 5,000), 1,000 simulated campaigns
 * (bench/lib/uplift-simulation.ts): an audience drawn at random, each customer's true effect between
 * 0 and +5 points, a 10 % hold-out, outcomes drawn from the base rates (plus the effect for those sent
 * the message), the estimate. The truth each estimate is compared with is the mean true effect over
 * the treated group (the sample average treatment effect on the treated). Reported per size and over
 * all five: `coverage95` (share of 95 % intervals containing the truth; target 0.93–0.97), `biasPoints`
 * (mean estimate − truth, percentage points) with `biasStandardErrorPoints` (its Monte Carlo standard
 * error; |bias| should be within two), `widthPoints` (mean interval width) and `naiveErrorPoints` (mean
 * of "orders from recipients ÷ recipients" − truth: what reading the treated group's conversion as the
 * campaign's effect overstates).
 *
 * The audience needed to see a 2-point uplift is given by the normal-approximation formula at the
 * population's mean base rate, two ways (80 % power; half-width of 2 points), and the second is checked
 * by simulating campaigns of that size (drawn with replacement, as it exceeds the population).
 *
 * `--data` defaults to ../shared/data/online-retail beside the repository. With `--json` the last line
 * of stdout is one JSON object.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MissingDataError } from "../scripts/lib/online-retail.ts";
import { loadRetailDataset } from "./lib/retail-dataset.ts";
import { audienceForUplift, deriveBaseRates, simulateUplift, summariseSamples, type UpliftSizeResult } from "./lib/uplift-simulation.ts";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: npm run bench:uplift [-- --json] [--data DIR] [--seed N] [--simulations N]";
const CUTOFF = "2011-09-01";
const WINDOW_DAYS = 14;
const HISTORY_WINDOWS = 26;
const HOLDOUT_FRACTION = 0.1;
const MAX_EFFECT = 0.05;
const SIZES = [200, 500, 1_000, 2_000, 5_000];
const TARGET_UPLIFT = 0.02;
const Z_POWER_80 = 0.8416212335729143;
const TRUTH =
  "mean of the per-customer true effects over the treated group (sample average treatment effect on the treated)";

class UsageError extends Error {}

function parseArguments(argv: readonly string[]) {
  let dataDir = resolve(repositoryRoot, "../shared/data/online-retail");
  let json = false;
  let seed = 20261208;
  let simulations = 1_000;
  const integer = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${name} needs a whole number of at least ${min} (${USAGE})`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--data") {
      const value = argv[++i];
      if (!value) throw new UsageError(`--data needs a directory (${USAGE})`);
      dataDir = resolve(value);
    } else if (arg === "--seed") seed = integer("--seed", argv[++i], 0);
    else if (arg === "--simulations") simulations = integer("--simulations", argv[++i], 2);
    else throw new UsageError(`Unknown argument: ${arg} (${USAGE})`);
  }
  return { dataDir, json, seed, simulations };
}

type Row = Omit<UpliftSizeResult, "samples" | "simulations" | "withReplacement">;

const publicRow = ({ samples: _samples, simulations: _simulations, withReplacement: _withReplacement, ...row }: UpliftSizeResult): Row => row;

const f2 = (value: number) => value.toFixed(2);
const f3 = (value: number) => value.toFixed(3);
const grouped = (value: number) => value.toLocaleString("en-GB");

function renderRow(label: string, r: Omit<Row, "audienceSize">): string {
  const met = r.coverage95 >= 0.93 && r.coverage95 <= 0.97 && Math.abs(r.biasPoints) <= 2 * r.biasStandardErrorPoints;
  return `| ${label} | ${r.holdoutPeople.toFixed(1)} | ${f2(r.holdoutConversionPoints)} | ${f2(r.trueUpliftPoints)} | ${f3(r.coverage95)} | ${f3(r.biasPoints)} ± ${f3(r.biasStandardErrorPoints)} | ${f2(r.widthPoints)} | ${f2(r.naiveErrorPoints)} | ${met ? "met" : "MISSED"} |`;
}

async function main(): Promise<number> {
  const started = performance.now();
  const { dataDir, json, seed, simulations } = parseArguments(process.argv.slice(2));
  const data = await loadRetailDataset(dataDir);
  const cutoffMs = Date.parse(`${CUTOFF}T00:00:00Z`);
  const population = deriveBaseRates(
    data.invoices.map((invoice) => ({ customerId: invoice.customerId, atMs: invoice.firstAtMs })),
    { cutoffMs, windowDays: WINDOW_DAYS, windows: HISTORY_WINDOWS },
  );
  const meanBaseRate = population.baseRates.reduce((sum, p) => sum + p, 0) / population.baseRates.length;
  const loadedSeconds = (performance.now() - started) / 1000;

  const results = SIZES.map((audienceSize) =>
    simulateUplift(population, { audienceSize, simulations, seed, holdoutFraction: HOLDOUT_FRACTION, maxEffect: MAX_EFFECT }),
  );
  const pooled = summariseSamples({
    covered: results.reduce((sum, r) => sum + r.samples.covered, 0),
    errors: results.flatMap((r) => r.samples.errors),
    widths: results.flatMap((r) => r.samples.widths),
    naiveErrors: results.flatMap((r) => r.samples.naiveErrors),
  });
  const mean = (pick: (r: UpliftSizeResult) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  const overall = {
    simulations: simulations * results.length,
    holdoutPeople: mean((r) => r.holdoutPeople),
    holdoutConversionPoints: mean((r) => r.holdoutConversionPoints),
    trueUpliftPoints: mean((r) => r.trueUpliftPoints),
    ...pooled,
  };

  const smallestOnGrid = results.find((r) => r.widthPoints / 2 < TARGET_UPLIFT * 100)?.audienceSize ?? null;
  const byHalfWidth = audienceForUplift(meanBaseRate, TARGET_UPLIFT, HOLDOUT_FRACTION, 0);
  const byPower80 = audienceForUplift(meanBaseRate, TARGET_UPLIFT, HOLDOUT_FRACTION, Z_POWER_80);
  const checkSize = Math.ceil(byHalfWidth / 100) * 100;
  const check = simulateUplift(population, { audienceSize: checkSize, simulations, seed, holdoutFraction: HOLDOUT_FRACTION, maxEffect: MAX_EFFECT, withReplacement: true });
  const audienceToSeeTwoPoints = {
    method: `normal approximation at the mean base rate (${f2(meanBaseRate * 100)} %) plus 2 points, 10 % hold-out`,
    power80: byPower80,
    halfWidth: byHalfWidth,
    smallestSimulatedSizeWithHalfWidthUnder2Points: smallestOnGrid,
    check: { audienceSize: checkSize, halfWidthPoints: check.widthPoints / 2, coverage95: check.coverage95 },
  };
  const seconds = (performance.now() - started) / 1000;

  const header =
    "| audience | hold-out (mean) | hold-out conversion % | true uplift, points (mean) | coverage95 | biasPoints ± MC SE | widthPoints | naiveErrorPoints | targets |";
  const lines = [
    `Simulated campaigns over the Online Retail customers (bench/uplift.ts): ${grouped(simulations)} per audience size, seed ${seed}.`,
    `Population: ${grouped(population.customerIds.length)} customers with an order before ${CUTOFF}; base rate = share of the ${HISTORY_WINDOWS} fortnights before it with an order;`,
    `mean base rate ${f2(meanBaseRate * 100)} % per ${WINDOW_DAYS} days (actually ordered in the ${WINDOW_DAYS} days after ${CUTOFF}: ${f2(population.actualRate * 100)} %).`,
    `Effects: each customer's between two draws from 0 to +${MAX_EFFECT * 100} points; hold-out ${HOLDOUT_FRACTION * 100} % (drawHoldout); window ${WINDOW_DAYS} days.`,
    `True uplift = ${TRUTH}.`,
    "",
    header,
    header.replace(/[^|]+/g, " --- "),
    ...results.map((r) => renderRow(grouped(r.audienceSize), r)),
    renderRow("all five", overall),
    "",
    `Targets: coverage95 0.93–0.97; |biasPoints| within 2 × its MC SE. ${grouped(SIZES.length * simulations)} campaigns; audiences drawn without replacement from the ${grouped(population.customerIds.length)}.`,
    `Audience to see a 2-point uplift (${audienceToSeeTwoPoints.method}): ${grouped(byPower80)} for 80 % power (the interval excludes 0 in 80 % of campaigns with a true 2-point uplift);`,
    `${grouped(byHalfWidth)} for a 95 % interval half-width of 2 points (smallest simulated size with a mean half-width under 2 points: ${smallestOnGrid === null ? "none up to 5,000" : grouped(smallestOnGrid)}).`,
    `Check, ${grouped(simulations)} campaigns of ${grouped(checkSize)} (drawn with replacement): mean half-width ${f2(check.widthPoints / 2)} points, coverage95 ${f3(check.coverage95)}.`,
    `Data and base rates ${loadedSeconds.toFixed(1)} s; total ${seconds.toFixed(1)} s.`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  if (json) {
    const summary = {
      benchmark: "uplift",
      seed,
      simulationsPerSize: simulations,
      cutoff: CUTOFF,
      windowDays: WINDOW_DAYS,
      baseRateWindows: HISTORY_WINDOWS,
      population: population.customerIds.length,
      meanBaseRatePoints: meanBaseRate * 100,
      actualRatePoints: population.actualRate * 100,
      holdoutFraction: HOLDOUT_FRACTION,
      maxEffectPoints: MAX_EFFECT * 100,
      truth: TRUTH,
      sizes: results.map(publicRow),
      overall,
      audienceToSeeTwoPoints,
      seconds,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof MissingDataError) {
      process.stderr.write(`${error.message}\nThe benchmark reads the Online Retail data from ../shared/data/online-retail (or --data DIR).\n`);
    } else if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);

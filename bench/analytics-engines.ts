/**
 * Benchmarks the analytics engines on the Online Retail data and prints a markdown table.
 *
 *   npx tsx bench/analytics-engines.ts [--data DIR] [--json]
 *
 * `--data` defaults to ../shared/data/online-retail relative to the repository root. With `--json` the
 * last line of stdout is one JSON object with every figure.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runEngineBenchmarks, type EngineBenchmarkResults } from "./lib/engine-benchmarks.ts";
import { MissingDataError } from "../scripts/lib/online-retail.ts";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: npx tsx bench/analytics-engines.ts [--data DIR] [--json]";

/** A mistake on the command line: printed without a stack trace. */
class UsageError extends Error {}

function parseArguments(argv: readonly string[]): { dataDir: string; json: boolean } {
  let dataDir = resolve(repositoryRoot, "../shared/data/online-retail");
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--data") {
      const value = argv[++i];
      if (!value) throw new UsageError(`--data needs a directory (${USAGE})`);
      dataDir = resolve(value);
    } else if (arg.startsWith("--data=")) dataDir = resolve(arg.slice("--data=".length));
    else throw new UsageError(`Unknown argument: ${arg} (${USAGE})`);
  }
  return { dataDir, json };
}

const f3 = (value: number): string => value.toFixed(3);
const verdict = (ok: boolean): string => (ok ? "met" : "missed");

function renderTable(r: EngineBenchmarkResults): string {
  const rows: string[][] = [
    ["forecast (12 origins)", "MASE", f3(r.forecastMase), `seasonal naive ${f3(r.seasonalNaiveMase)}; LSQ 8 weeks ${f3(r.leastSquares8WeeksMase)}`, "seasonal naive 1.348; LSQ 8 weeks 1.267; Holt-Winters 1.318", "≤ 1.15", verdict(r.forecastMase <= 1.15)],
    ["forecast (32 validation origins)", "MASE", f3(r.forecastValidationMase), "", "", "", ""],
    ["forecast (12 origins)", "80 % interval coverage", f3(r.forecastIntervalCoverage), "", "", "≈ 0.80", ""],
    ["next basket", "HR@10", f3(r.hitRate10), `popularity ${f3(r.popularityHitRate10)}`, "popularity 0.231; item-kNN 0.296", "≥ 0.33", verdict(r.hitRate10 >= 0.33)],
    ["next basket", "NDCG@10", f3(r.ndcg10), `popularity ${f3(r.popularityNdcg10)}`, "popularity 0.034; item-kNN 0.060", "≥ 0.07", verdict(r.ndcg10 >= 0.07)],
    ["propensity (train 2011-08-01)", "ROC AUC", f3(r.propensityAuc), `recency alone ${f3(r.recencyAuc)}; logistic ${f3(r.logisticPeerAuc)}`, "recency 0.718; logistic 0.766; boosting 0.747", "≥ 0.78", verdict(r.propensityAuc >= 0.78)],
    ["propensity, test-set sampling noise", "standard error (DeLong)", f3(r.propensityAucStandardError), "", "", "", ""],
    ["propensity, ours − logistic peer (same customers)", "AUC difference ± SE", `${f3(r.aucGainOverLogisticPeer)} ± ${f3(r.aucGainOverLogisticPeerStandardError)}`, "", "", "", ""],
    ["propensity, 3 training cutoffs (not the protocol)", "ROC AUC", f3(r.propensityAucThreeCutoffs), "", "", "", ""],
    ["segmentation (RFM k-means)", "silhouette", f3(r.silhouette), "", "", "", ""],
    ["segmentation", "k (by silhouette)", String(r.segmentsK), r.segments.map((s) => `${s.key} ${s.size}`).join(", "), "", "", ""],
    ["lifetime value (2010-12-10 vs next year's spend)", "rank correlation", f3(r.lifetimeValueRankCorrelation), "", "", "", ""],
    ["lifetime value, one-order customers", "predicted ÷ spent", f3(r.lifetimeValueOneOrderRatio), "", "", "", ""],
  ];
  const header = ["benchmark", "metric", "solo-sales", "peers (this run)", "peers (published)", "target", "target met"];
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const checks = r.checks.map((c) => line([c.name, c.expected.toLocaleString("en-GB"), c.actual.toLocaleString("en-GB"), c.ok ? "ok" : "MISMATCH"]));
  const timings = Object.entries(r.timingsMs).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(", ");
  return [
    line(header),
    line(header.map(() => "---")),
    ...rows.map(line),
    "",
    line(["protocol check", "expected", "found", ""]),
    line(["---", "---", "---", "---"]),
    ...checks,
    "",
    `Timings: ${timings}; total ${(r.totalMs / 1000).toFixed(1)} s.`,
  ].join("\n");
}

async function main(): Promise<number> {
  const { dataDir, json } = parseArguments(process.argv.slice(2));
  const results = await runEngineBenchmarks(dataDir);
  process.stdout.write(`${renderTable(results)}\n`);
  if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof MissingDataError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);

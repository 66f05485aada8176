/**
 * `npm run bench:analytics [-- --json] [--data DIR] [--skip-postgres]`: the analytics engines on the
 * Online Retail data (forecast MASE, next-basket HR@10/NDCG@10, propensity AUC, segmentation
 * silhouette, with the cheap peers computed in the same run), then the whole import into a fresh
 * embedded database and into PostgreSQL, and the wall time of building the daily digest over it.
 * With --json the last line of stdout is one JSON object with every figure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type Database } from "../bot/database.ts";
import { buildDigest } from "../core/digest/build-digest.ts";
import { renderDigest } from "../core/digest/render-digest.ts";
import { createVegaChartRenderer } from "../adapters/charts/vega-chart-renderer.ts";
import { importOrderHistory } from "../core/imports/import-order-history.ts";
import { DEFAULT_INVENTORY_POLICY } from "../core/inventory/inventory-policy.ts";
import { refreshStockPlans } from "../core/inventory/refresh-stock-plans.ts";
import { runEngineBenchmarks } from "./lib/engine-benchmarks.ts";
import { onlineRetailFilesOrExit } from "../scripts/lib/online-retail.ts";
import { isPostgresReachable } from "./lib/postgres-reachable.ts";
import { readOnlineRetailHistory } from "../scripts/import-online-retail.ts";
import { createScratchPostgres } from "../test/helpers/test-database.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const json = args.includes("--json");
const skipPostgres = args.includes("--skip-postgres");

const postgresUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Digest as of the morning after the last day of data (2011-12-09). */
const DIGEST_AS_OF = new Date("2011-12-10T08:00:00Z");
/** The stock plan job's nightly run before it. */
const STOCK_PLANS_AT = new Date("2011-12-10T00:05:00Z");

async function measureDigest(database: Database) {
  const charts = createVegaChartRenderer();
  const runs: number[] = [];
  let sample = "";
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const digest = await buildDigest(database.prisma, { asOf: DIGEST_AS_OF, timeZone: "Europe/London", currency: "GBP" });
    const rendered = renderDigest(digest, "en");
    await charts.renderDigestChart(rendered.chart);
    runs.push((performance.now() - started) / 1000);
    sample = rendered.sections.map((s) => s.text).join("\n\n");
  }
  return { first: runs[0]!, median: [...runs].sort((a, b) => a - b)[1]!, sample };
}

async function importAndDigest(label: string, database: Database, files: string[]) {
  log(`${label}: importing ${files.length} files…`);
  const started = performance.now();
  const report = await importOrderHistory(database.prisma, readOnlineRetailHistory(files), { source: "online-retail", currency: "GBP", initialStock: 100, batchSize: 1000, onProgress: (n) => n % 100_000 === 0 && log(`  ${n.toLocaleString("en-GB")} lines`) });
  const importSeconds = (performance.now() - started) / 1000;
  // The shop works each product's demand forecast and reorder point out every night at 00:05 (and at
  // start); the digest at 08:00 reads them. Timed on its own, as the nightly job it is.
  log(`${label}: imported ${report.ordersImported} orders in ${importSeconds.toFixed(1)} s; the night's stock plans…`);
  const planStarted = performance.now();
  const plans = await refreshStockPlans({ db: database.prisma }, { at: STOCK_PLANS_AT, policy: DEFAULT_INVENTORY_POLICY, timeZone: "Europe/London", raiseAlerts: false });
  const stockPlanSeconds = (performance.now() - planStarted) / 1000;
  log(`${label}: ${plans.planned} stock plans in ${stockPlanSeconds.toFixed(1)} s; building the digest…`);
  const digest = await measureDigest(database);
  return { importSeconds, orders: report.ordersImported, lines: report.linesImported, stockPlanSeconds, plannedProducts: plans.planned, ...digest };
}

const { dataDir, files } = onlineRetailFilesOrExit(args, ROOT);

log("engines: running the protocols of ../shared/notes/benchmarks.md…");
const engines = await runEngineBenchmarks(dataDir);

const pgliteDir = mkdtempSync(path.join(tmpdir(), "solo-bench-"));
const pglite = await openDatabase({ kind: "pglite", dataDir: pgliteDir });
const onPglite = await importAndDigest("PGlite", pglite, files);
await pglite.close();
rmSync(pgliteDir, { recursive: true, force: true });

let onPostgres: Awaited<ReturnType<typeof importAndDigest>> | null = null;
if (!skipPostgres) {
  const reachable = await isPostgresReachable(postgresUrl);
  if (reachable) {
    const scratch = await createScratchPostgres(postgresUrl);
    const database = await openDatabase({ kind: "postgres", url: scratch.url });
    try {
      onPostgres = await importAndDigest("PostgreSQL", database, files);
    } finally {
      await database.close();
      await scratch.drop();
    }
  } else log(`PostgreSQL not reachable at ${postgresUrl}: skipped (set BENCH_DATABASE_URL).`);
}

const f3 = (x: number) => x.toFixed(3);
const s2 = (x: number) => `${x.toFixed(2)} s`;
const rows = [
  ["forecast MASE (12 origins)", f3(engines.forecastMase), `seasonal naive ${f3(engines.seasonalNaiveMase)}`, "≤ 1.15"],
  ["next basket HR@10", f3(engines.hitRate10), `popularity ${f3(engines.popularityHitRate10)}`, "≥ 0.33"],
  ["next basket NDCG@10", f3(engines.ndcg10), `popularity ${f3(engines.popularityNdcg10)}`, "≥ 0.07"],
  ["propensity ROC AUC (logistic + boosted trees)", `${f3(engines.propensityAuc)} (SE ${f3(engines.propensityAucStandardError)})`, `recency alone ${f3(engines.recencyAuc)}; logistic ${f3(engines.logisticPeerAuc)}`, "≥ 0.78"],
  ["propensity, ours − logistic peer on the same customers (paired DeLong)", `${f3(engines.aucGainOverLogisticPeer)} ± ${f3(engines.aucGainOverLogisticPeerStandardError)}`, "", ""],
  ["propensity ROC AUC, logistic part alone (the digest's scorer)", f3(engines.propensityAucLogistic), "", ""],
  ["segmentation silhouette", `${f3(engines.silhouette)} (k=${engines.segmentsK})`, "", ""],
  ["lifetime value at 2010-12-10 vs next year's spend, rank correlation", f3(engines.lifetimeValueRankCorrelation), "", ""],
  ["the same, one-order customers: predicted ÷ spent", f3(engines.lifetimeValueOneOrderRatio), "", ""],
  ["import, PGlite", s2(onPglite.importSeconds), `${onPglite.orders.toLocaleString("en-GB")} orders, ${onPglite.lines.toLocaleString("en-GB")} lines`, ""],
  ["stock forecasts and plans (the nightly job), PGlite", s2(onPglite.stockPlanSeconds), `${onPglite.plannedProducts.toLocaleString("en-GB")} products`, ""],
  ["digest, PGlite (first / median of 3)", `${s2(onPglite.first)} / ${s2(onPglite.median)}`, "", "≤ 2 s"],
  ...(onPostgres
    ? [
        ["import, PostgreSQL", s2(onPostgres.importSeconds), `${onPostgres.orders.toLocaleString("en-GB")} orders`, ""],
        ["stock forecasts and plans (the nightly job), PostgreSQL", s2(onPostgres.stockPlanSeconds), `${onPostgres.plannedProducts.toLocaleString("en-GB")} products`, ""],
        ["digest, PostgreSQL (first / median of 3)", `${s2(onPostgres.first)} / ${s2(onPostgres.median)}`, "", "≤ 2 s"],
      ]
    : []),
];
const out = process.stdout;
out.write(`| measure | solo-sales | peer (same run) | target |\n| --- | --- | --- | --- |\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`);
out.write(`\nprotocol checks: ${engines.checks.map((c) => `${c.name} ${c.ok ? "ok" : `MISMATCH (${c.actual} ≠ ${c.expected})`}`).join("; ")}\n`);
if (!json) out.write(`\nDigest over the full import (PGlite):\n${onPglite.sample}\n`);
if (json) {
  out.write(
    JSON.stringify({
      forecastMase: engines.forecastMase,
      seasonalNaiveMase: engines.seasonalNaiveMase,
      hitRate10: engines.hitRate10,
      ndcg10: engines.ndcg10,
      popularityHitRate10: engines.popularityHitRate10,
      popularityNdcg10: engines.popularityNdcg10,
      propensityAuc: engines.propensityAuc,
      propensityAucLogistic: engines.propensityAucLogistic,
      recencyAuc: engines.recencyAuc,
      propensityAucStandardError: engines.propensityAucStandardError,
      logisticPeerAuc: engines.logisticPeerAuc,
      aucGainOverLogisticPeer: engines.aucGainOverLogisticPeer,
      aucGainOverLogisticPeerStandardError: engines.aucGainOverLogisticPeerStandardError,
      silhouette: engines.silhouette,
      segmentsK: engines.segmentsK,
      lifetimeValueRankCorrelation: engines.lifetimeValueRankCorrelation,
      lifetimeValueOneOrderRatio: engines.lifetimeValueOneOrderRatio,
      digestSeconds: onPglite.first,
      digestSecondsMedian: onPglite.median,
      importSeconds: onPglite.importSeconds,
      stockPlanSeconds: onPglite.stockPlanSeconds,
      stockPlanSecondsPostgres: onPostgres?.stockPlanSeconds ?? null,
      digestSecondsPostgres: onPostgres?.first ?? null,
      digestSecondsPostgresMedian: onPostgres?.median ?? null,
      importSecondsPostgres: onPostgres?.importSeconds ?? null,
    }) + "\n",
  );
}

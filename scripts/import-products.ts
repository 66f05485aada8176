/**
 * `npm run import:products -- FILE.csv`: loads or updates a catalog from a CSV with a header row.
 * Columns (any order; sku, name, price and category required): sku, name, name_zh, description,
 * description_zh, category, category_zh, tags (comma-separated inside quotes), price (e.g. 12.50), currency,
 * stock, low_stock_threshold, consumable (yes/no), image_url, active (yes/no), lead_days (the supplier's
 * lead time in days, or "default"), min_order (the supplier's minimum order in units, or "none"). Quoted fields may hold
 * commas, doubled quotes and line breaks (as spreadsheets write them).
 * A product is matched by SKU: new ones are added, existing ones updated, so re-running is safe.
 * Every invalid row is reported with its line number and reason; valid rows still load.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inventoryPolicyFrom, loadConfig } from "../bot/config.ts";
import { refreshStockPlans } from "../core/inventory/refresh-stock-plans.ts";
import { openDatabase } from "../bot/database.ts";
import { isAppError } from "../core/errors.ts";
import { importProducts } from "../core/imports/import-products.ts";
import { parseProductCsv, type TProductCsv } from "../core/imports/parse-product-csv.ts";

export async function main(argv: string[]) {
  const file = argv.find((a) => !a.startsWith("--"));
  if (!file) {
    process.stderr.write("Usage: npm run import:products -- FILE.csv\n");
    process.exit(1);
  }
  let text: string;
  try {
    text = await readFile(path.resolve(file), "utf8");
  } catch {
    process.stderr.write(`Cannot read ${file}.\n`);
    process.exit(1);
  }
  let csv: TProductCsv;
  try {
    csv = parseProductCsv(text);
  } catch (error) {
    if (!isAppError(error)) throw error;
    process.stderr.write(`${file}: ${error.message}\n`);
    process.exit(1);
  }
  if (csv.columns.length === 0) {
    process.stderr.write("The file is empty; the first line must name the columns (sku,name,price,category,…).\n");
    process.exit(1);
  }
  const config = loadConfig(process.env);
  const database = await openDatabase(config.DATABASE_URL ? { kind: "postgres", url: config.DATABASE_URL } : { kind: "pglite", dataDir: config.DATA_DIR });
  try {
    const report = await importProducts(database.prisma, csv.records, { currency: config.SHOP_CURRENCY });
    // New lead times and minimum orders move the reorder points the shop's sales are checked against.
    await refreshStockPlans({ db: database.prisma }, { at: new Date(), policy: inventoryPolicyFrom(config), raiseAlerts: false, ...(config.TZ ? { timeZone: config.TZ } : {}) });
    process.stdout.write(`Added ${report.added}, updated ${report.updated} products; ${report.rejected.length} rows rejected.\n`);
    for (const r of report.rejected) process.stdout.write(`  line ${r.line}: ${r.reason}\n`);
    return report;
  } finally {
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}

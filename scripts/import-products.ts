/**
 * `npm run import:products -- FILE.csv`: loads or updates a catalog from a CSV with a header row.
 * Columns (any order; sku, name, price and category required): sku, name, name_zh, description,
 * description_zh, category, category_zh, tags (comma-separated inside quotes), price (e.g. 12.50), currency,
 * stock, low_stock_threshold, consumable (yes/no), image_url, active (yes/no).
 * A product is matched by SKU: new ones are added, existing ones updated, so re-running is safe.
 * Every invalid row is reported with its line number and reason; valid rows still load.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../bot/config.ts";
import { openDatabase } from "../bot/database.ts";
import { importProducts } from "../core/imports/import-products.ts";
import { parseCsvLine } from "../bench/lib/online-retail.ts";

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
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/).map((line, index) => ({ line: index + 1, fields: line.trim() ? parseCsvLine(line) : null }));
  const header = rows.shift();
  if (!header?.fields) {
    process.stderr.write("The file is empty; the first line must name the columns (sku,name,price,category,…).\n");
    process.exit(1);
  }
  const config = loadConfig(process.env);
  const database = await openDatabase(config.DATABASE_URL ? { kind: "postgres", url: config.DATABASE_URL } : { kind: "pglite", dataDir: config.DATA_DIR });
  try {
    const records = rows.filter((r) => r.fields).map((r) => ({ line: r.line, values: Object.fromEntries(header.fields!.map((name, i) => [name.trim().toLowerCase(), r.fields![i] ?? ""])) }));
    const report = await importProducts(database.prisma, records, { currency: config.SHOP_CURRENCY });
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

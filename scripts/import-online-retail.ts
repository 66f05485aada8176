/**
 * `npm run import:online-retail -- [FILE…]`: loads the UCI Online Retail CSVs (both years by
 * default, from ../shared/data/online-retail) into the shop's database as customers, products and
 * orders. Idempotent: a second run adds nothing. Prints what it imported and what it skipped, and why.
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";
import { loadConfig } from "../bot/config.ts";
import { openDatabase } from "../bot/database.ts";
import { importOrderHistory, type HistoryLine } from "../core/imports/import-order-history.ts";
import { MissingDataError, readOnlineRetailFile, resolveOnlineRetailFiles } from "./lib/online-retail.ts";
import { createProgressBar } from "./lib/progress-bar.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_ONLINE_RETAIL_DIR = path.resolve(ROOT, "../shared/data/online-retail");

export async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip())) {
    for (const byte of chunk as Buffer) if (byte === 10) count++;
  }
  return Math.max(0, count - 1);
}

/** The lines of the Online Retail files as order history, oldest file first. */
export async function* readOnlineRetailHistory(files: string[]): AsyncGenerator<HistoryLine> {
  for (const file of files) {
    for await (const line of readOnlineRetailFile(file)) {
      yield {
        invoiceRef: line.invoiceNo,
        productCode: line.stockCode,
        description: line.description,
        quantity: line.quantity,
        at: new Date(line.invoicedAtMs),
        unitPriceMinor: Math.round(line.unitPrice * 100),
        customerRef: line.customerId,
      };
    }
  }
}

export async function main(argv: string[]) {
  const files = argv.filter((a) => !a.startsWith("--"));
  let inputs: string[];
  try {
    inputs = files.length ? files.map((f) => path.resolve(f)) : resolveOnlineRetailFiles(DEFAULT_ONLINE_RETAIL_DIR);
  } catch (error) {
    if (error instanceof MissingDataError) {
      process.stderr.write(`${error.message}\nThe Online Retail data is expected in ${DEFAULT_ONLINE_RETAIL_DIR}; or name the CSV files: npm run import:online-retail -- FILE…\n`);
      process.exit(1);
    }
    throw error;
  }
  const config = loadConfig(process.env);
  const database = await openDatabase(config.DATABASE_URL ? { kind: "postgres", url: config.DATABASE_URL } : { kind: "pglite", dataDir: config.DATA_DIR });
  try {
    const total = (await Promise.all(inputs.map(countLines))).reduce((a, b) => a + b, 0);
    const bar = createProgressBar("importing", total);
    const started = Date.now();
    const report = await importOrderHistory(database.prisma, readOnlineRetailHistory(inputs), {
      source: "online-retail",
      currency: "GBP",
      initialStock: 100,
      onProgress: (n) => bar.update(n),
    });
    bar.done();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const out = process.stdout;
    out.write(`Read ${report.linesRead.toLocaleString("en-GB")} lines from ${inputs.length} file(s) in ${seconds} s.\n`);
    out.write(`Imported ${report.ordersImported.toLocaleString("en-GB")} orders (${report.cancelledOrdersImported.toLocaleString("en-GB")} cancelled, ${report.guestOrdersImported.toLocaleString("en-GB")} guest) with ${report.linesImported.toLocaleString("en-GB")} lines; ${report.customersCreated.toLocaleString("en-GB")} new customers, ${report.productsCreated.toLocaleString("en-GB")} new products, ${report.leadsCreated.toLocaleString("en-GB")} new leads.\n`);
    if (report.ordersAlreadyPresent > 0) out.write(`Already imported before (skipped): ${report.ordersAlreadyPresent.toLocaleString("en-GB")} orders.\n`);
    const skipped = Object.entries(report.skipped);
    out.write(skipped.length ? `Skipped lines:\n${skipped.map(([reason, n]) => `  ${n.toLocaleString("en-GB").padStart(9)}  ${reason}`).join("\n")}\n` : "Skipped no lines.\n");
    return report;
  } finally {
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}

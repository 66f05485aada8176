/**
 * `npm run bench:backup [-- --data DIR] [--json]`: how long a backup and a restore of the embedded
 * database take, how big the backup is and how much memory the process needs, on both years of the
 * Online Retail data imported into a fresh PGlite directory (../shared/data/online-retail).
 * Run it alone: the figures are wall time and peak memory of this process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createFileBackups } from "../bot/backups.ts";
import { openDatabase } from "../bot/database.ts";
import { restoreBackup } from "../bot/restore-backup.ts";
import { importOrderHistory } from "../core/imports/import-order-history.ts";
import { readOnlineRetailHistory } from "../scripts/import-online-retail.ts";
import { onlineRetailFilesOrExit } from "../scripts/lib/online-retail.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const log = (line: string) => process.stderr.write(`${line}\n`);
const { files } = onlineRetailFilesOrExit(args, ROOT);

const work = mkdtempSync(path.join(tmpdir(), "solo-bench-backup-"));
const mb = (bytes: number) => bytes / 1_048_576;
try {
  const shopDir = path.join(work, "shop");
  const database = await openDatabase({ kind: "pglite", dataDir: shopDir });
  log("importing both years into a fresh embedded database…");
  const report = await importOrderHistory(database.prisma, readOnlineRetailHistory(files), { source: "online-retail", currency: "GBP", initialStock: 100, batchSize: 1000 });
  const rssBefore = process.memoryUsage().rss;
  const backups = createFileBackups({ dumpDataDir: database.dumpDataDir!, dir: path.join(work, "backups"), keep: 1 });
  let started = performance.now();
  const backup = await backups.backUp(new Date());
  const backupSeconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  await database.close();
  started = performance.now();
  const restored = await restoreBackup({ file: backup.location, dataDir: path.join(work, "restored") });
  const restoreSeconds = (performance.now() - started) / 1000;
  if (restored.orders !== report.ordersImported) throw new Error(`restored ${restored.orders} orders, imported ${report.ordersImported}`);

  const result = {
    orders: restored.orders,
    backupMb: Number(mb(backup.bytes).toFixed(1)),
    backupSeconds: Number(backupSeconds.toFixed(2)),
    restoreSeconds: Number(restoreSeconds.toFixed(2)),
    rssBeforeBackupMb: Math.round(mb(rssBefore)),
    peakRssMb: Math.round(mb(peakRss)),
  };
  console.log("| measure | value |");
  console.log("| --- | --- |");
  console.log(`| backup of ${result.orders.toLocaleString("en-GB")} orders (gzipped) | ${result.backupMb} MB in ${result.backupSeconds} s |`);
  console.log(`| restore | ${result.restoreSeconds} s, all ${result.orders.toLocaleString("en-GB")} orders back |`);
  console.log(`| process memory after the import / peak (import and backup) | ${result.rssBeforeBackupMb} MB / ${result.peakRssMb} MB |`);
  if (args.includes("--json")) console.log(JSON.stringify(result));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * `npm run restore -- FILE`: puts a backup written by the `backup` command (or BACKUP_CRON) back as
 * the embedded database in DATA_DIR. Stop the shop first. The database it replaces is kept, moved
 * aside; migrations newer than the backup are applied when the shop starts.
 */
import { fileURLToPath } from "node:url";
import { loadConfig } from "../bot/config.ts";
import { restoreBackup } from "../bot/restore-backup.ts";

export async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith("--"));
  if (!file) {
    process.stderr.write("Usage: npm run restore -- data/backups/solo-sales-YYYYMMDDTHHMMSSZ.tar.gz\n");
    return 1;
  }
  const config = loadConfig(process.env);
  if (config.DATABASE_URL) {
    process.stderr.write("DATABASE_URL is set: the shop's data is on a PostgreSQL server. Restore it with that server's tools (pg_restore, psql).\n");
    return 1;
  }
  try {
    const report = await restoreBackup({ file, dataDir: config.DATA_DIR });
    if (report.replacedMovedTo) process.stdout.write(`The database it replaces was moved to ${report.replacedMovedTo}.\n`);
    process.stdout.write(`Restored ${file}: ${report.products} products, ${report.orders} orders, ${report.customers} customers. Start the shop with npm start.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}

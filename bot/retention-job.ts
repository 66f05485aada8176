/**
 * RETENTION_DAYS every night at 03:00 in TZ: expired message texts blanked, inactive customers
 * anonymised (core/retention) and backups older than the retention removed. Before the default
 * backup time (03:30), so that night's copy no longer holds what was just purged. Claimed once per
 * night across replicas (bot/scheduler.ts); a night missed while the shop was down is done at start,
 * on the very first start too: setting RETENTION_DAYS should not wait for the night.
 */
import { hostname } from "node:os";
import { createExpiredDataPurge } from "../core/retention/purge-expired-data.ts";
import type { BackupStore } from "../core/ports.ts";
import type { App } from "./app.ts";
import type { TConfig } from "./config.ts";
import { createScheduledJob } from "./scheduler.ts";

export const RETENTION_CRON = "0 3 * * *";

export function createRetentionJob(
  app: App,
  config: Pick<TConfig, "TZ"> & { RETENTION_DAYS: number },
  options: { owner?: string; retryEveryMs?: number; backups?: BackupStore } = {},
) {
  const backups = options.backups ?? app.backups;
  const purgeExpiredData = createExpiredDataPurge({ db: app.db, clock: app.clock, logger: app.logger });
  return createScheduledJob({
    db: app.db,
    clock: app.clock,
    logger: app.logger,
    job: "data-retention",
    cronExpression: RETENTION_CRON,
    catchUpOnFirstStart: true,
    ...(config.TZ ? { timezone: config.TZ } : {}),
    owner: options.owner ?? `${hostname()}:${process.pid}`,
    ...(options.retryEveryMs ? { retryEveryMs: options.retryEveryMs } : {}),
    run: async () => {
      const report = await purgeExpiredData({ retentionDays: config.RETENTION_DAYS });
      const removed = backups ? await backups.removeOlderThan(report.cutoff) : [];
      if (removed.length > 0) app.logger.info("expired backups removed", { removed });
      return { ...report, backupsRemoved: removed.length };
    },
  });
}

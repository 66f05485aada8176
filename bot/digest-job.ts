/**
 * The daily digest on its schedule (DIGEST_CRON in TZ), posted once per day to every publisher
 * however many replicas run, caught up at start when it was missed, retried when a post failed.
 */
import { hostname } from "node:os";
import { createVegaChartRenderer } from "../adapters/charts/vega-chart-renderer.ts";
import { publishDigestOnce } from "../core/digest/publish-digest.ts";
import type { App } from "./app.ts";
import { inventoryPolicyFrom, type TConfig } from "./config.ts";
import { createScheduledJob } from "./scheduler.ts";

export function createDigestJob(app: App, config: TConfig, options: { owner?: string; retryEveryMs?: number } = {}) {
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  const charts = createVegaChartRenderer();
  return createScheduledJob({
    db: app.db,
    clock: app.clock,
    logger: app.logger,
    job: "daily-digest",
    cronExpression: config.DIGEST_CRON,
    ...(config.TZ ? { timezone: config.TZ } : {}),
    owner,
    ...(options.retryEveryMs ? { retryEveryMs: options.retryEveryMs } : {}),
    run: ({ key, scheduledAt }) =>
      publishDigestOnce(
        { db: app.db, clock: app.clock, logger: app.logger, charts, publishers: () => app.digestPublishers(), currency: config.SHOP_CURRENCY, locale: config.OWNER_LOCALE, attributionDays: config.ATTRIBUTION_DAYS, inventory: inventoryPolicyFrom(config), ...(config.TZ ? { timeZone: config.TZ } : {}) },
        { asOf: scheduledAt, periodKey: key, owner },
      ),
  });
}

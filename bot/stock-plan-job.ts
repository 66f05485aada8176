/**
 * The stock plans on a timer: every product's reorder point is worked out again from its demand
 * forecast once at start and every night at 00:05 (TZ), after the day's sales are complete, and the
 * products that have come to need reordering are told to the owner (core/inventory/refresh-stock-plans.ts).
 * Replicas may all run it: the plans they write are the same, and each alert is claimed by one
 * conditional update, so the owner hears each once.
 */
import cron, { type ScheduledTask } from "node-cron";
import { refreshStockPlans } from "../core/inventory/refresh-stock-plans.ts";
import type { App } from "./app.ts";
import { inventoryPolicyFrom, type TConfig } from "./config.ts";

export function createStockPlanJob(app: App, config: TConfig) {
  let task: ScheduledTask | undefined;
  const run = async () => {
    const report = await refreshStockPlans({ db: app.db, notifier: app.notifier }, { at: app.clock.now(), policy: inventoryPolicyFrom(config), ...(config.TZ ? { timeZone: config.TZ } : {}) });
    app.logger.info("stock plans refreshed", report);
    return report;
  };
  const runLogged = () => run().catch((error: unknown) => app.logger.error("stock plans failed", { error: String(error) }));
  return {
    run,
    async start() {
      await runLogged();
      task = cron.schedule("5 0 * * *", () => void runLogged(), { name: "stock-plans", noOverlap: true, ...(config.TZ ? { timezone: config.TZ } : {}) });
    },
    async stop() {
      await task?.stop();
      await task?.destroy();
    },
  };
}

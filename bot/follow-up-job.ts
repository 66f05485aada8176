/**
 * Follow-ups on a timer: every ten minutes, reminders that have come due are sent
 * (core/follow-ups). Each cart or order is claimed in the database before its reminder goes out, so
 * replicas sharing a PostgreSQL database may all run this and still send each reminder once.
 */
import cron, { type ScheduledTask } from "node-cron";
import { sendDueFollowUps } from "../core/follow-ups/send-due-follow-ups.ts";
import { onlinePaymentChannelsFrom, shopProfileFrom, type App } from "./app.ts";
import type { TConfig } from "./config.ts";

export function createFollowUpJob(app: App, config: TConfig) {
  let task: ScheduledTask | undefined;
  const shop = shopProfileFrom(config);
  const run = () =>
    sendDueFollowUps(
      { db: app.db, messenger: app.messenger, logger: app.logger, paymentInstructions: shop.paymentInstructions, delivery: shop.delivery, onlinePaymentChannels: onlinePaymentChannelsFrom(config) },
      { now: app.clock.now(), cartAfterHours: config.FOLLOW_UP_CART_HOURS, unpaidAfterHours: config.FOLLOW_UP_UNPAID_HOURS, ...(config.TZ ? { timeZone: config.TZ } : {}) },
    );
  return {
    run,
    async start() {
      task = cron.schedule("*/10 * * * *", () => void run().catch((error) => app.logger.error("follow-ups failed", { error: String(error) })), { name: "follow-ups", noOverlap: true });
    },
    async stop() {
      await task?.stop();
      await task?.destroy();
    },
  };
}

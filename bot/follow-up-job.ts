/**
 * Follow-ups on a timer: every ten minutes, reminders that have come due are sent
 * (core/follow-ups), and unpaid orders past UNPAID_HOLD_HOURS release their stock (core/orders).
 * Each reminder is claimed in the database before it goes out, and each release is a conditional
 * status change, so replicas sharing a PostgreSQL database may all run this and still act once.
 */
import cron, { type ScheduledTask } from "node-cron";
import { sendDueFollowUps } from "../core/follow-ups/send-due-follow-ups.ts";
import { releaseUnpaidOrders } from "../core/orders/release-unpaid-orders.ts";
import { onlinePaymentChannelsFrom, shopProfileFrom, type App } from "./app.ts";
import type { TConfig } from "./config.ts";

export function createFollowUpJob(app: App, config: TConfig) {
  let task: ScheduledTask | undefined;
  const shop = shopProfileFrom(config);
  const run = async () => {
    const report = await sendDueFollowUps(
      { db: app.db, messenger: app.messenger, logger: app.logger, paymentInstructions: shop.paymentInstructions, delivery: shop.delivery, onlinePaymentChannels: onlinePaymentChannelsFrom(config) },
      { now: app.clock.now(), cartAfterHours: config.FOLLOW_UP_CART_HOURS, unpaidAfterHours: config.FOLLOW_UP_UNPAID_HOURS, ...(config.TZ ? { timeZone: config.TZ } : {}) },
    );
    // Unpaid orders past their hold give their stock back, in the same daytime as the reminders
    // (the customer is told; a few hours more of holding is better than a message at 3 a.m.).
    const released = report.quietHours ? [] : await releaseUnpaidOrders({ db: app.db, notifier: app.notifier, messenger: app.messenger, logger: app.logger }, { now: app.clock.now(), holdHours: config.UNPAID_HOLD_HOURS });
    return { ...report, released: released.length };
  };
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

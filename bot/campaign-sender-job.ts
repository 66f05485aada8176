/**
 * The campaign sender, wired to the app: its outbox in the app's database, its messages through the
 * channels registered with the app (Telegram registers itself before this starts), its pace from
 * the budget the Telegram adapter's replies share, its rules from the configuration. Started with
 * the shop (unless CAMPAIGN_SENDER_ENABLED=false) and stopped before the channels, so the messages
 * on their way are recorded while their channel still works.
 */
import { createCampaignSender, type CampaignSender, type CampaignSenderOptions } from "../core/campaigns/campaign-sender.ts";
import type { App } from "./app.ts";

export function createCampaignSenderJob(app: App, options: Partial<CampaignSenderOptions> = {}): CampaignSender {
  const sender = createCampaignSender(
    { db: app.db, clock: app.clock, currency: app.currency, ...(app.deliveryRules.timeZone ? { timeZone: app.deliveryRules.timeZone } : {}), messenger: app.messenger, notifier: app.notifier, logger: app.logger, pacer: app.pacer, busy: () => app.turnsInFlight() > 0 },
    { rules: app.deliveryRules, ...options },
  );
  app.onCampaignConfirmed(() => sender.wake());
  return sender;
}

/**
 * The outbox's housekeeping, run by every sender every second or so and safe to run in several
 * processes at once: scheduled campaigns whose time has come start (the status change is
 * conditional, so one process writes their rows), and a sending campaign with no row left pending or
 * claimed becomes sent, once (the same conditional update), and the owner gets its summary. An
 * automation (a campaign with a trigger) never becomes sent: it keeps sending while it is active.
 */
import type { Db } from "../db.ts";
import type { Clock, Logger, Notifier } from "../ports.ts";
import { readCampaignProgress } from "./read-campaign-progress.ts";
import { startCampaign } from "./send-campaign.ts";

export interface CampaignHousekeepingDeps {
  db: Db;
  clock: Clock;
  currency: string;
  timeZone?: string;
  notifier: Notifier;
  logger: Logger;
}

/** Starts the scheduled campaigns that are due; returns their ids. */
export async function startDueCampaigns(deps: CampaignHousekeepingDeps): Promise<number[]> {
  const due = await deps.db.campaign.findMany({ where: { status: "scheduled", scheduledAt: { lte: deps.clock.now() } }, orderBy: { id: "asc" } });
  const started: number[] = [];
  for (const campaign of due) {
    const result = await startCampaign(deps, campaign, { from: "scheduled" });
    if (result) {
      deps.logger.info("campaign started on schedule", { campaignId: campaign.id, recipients: result.recipients });
      started.push(campaign.id);
    }
  }
  return started;
}

/** Marks sending campaigns with nothing left to send as sent and tells the owner; returns their ids. */
export async function finishCampaigns(deps: CampaignHousekeepingDeps): Promise<number[]> {
  const now = deps.clock.now();
  const finished = await deps.db.$queryRaw<{ id: number; name: string }[]>`
    UPDATE "Campaign" c SET status = 'sent', "finishedAt" = CAST(${now.toISOString()} AS timestamp(3))
    WHERE c.status = 'sending' AND c."trigger" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "CampaignDelivery" d WHERE d."campaignId" = c.id AND d.status IN ('pending', 'claimed'))
    RETURNING c.id, c.name`;
  for (const campaign of finished) {
    const progress = await readCampaignProgress(deps.db, campaign.id);
    deps.logger.info("campaign sent", { campaignId: campaign.id, sent: progress.sent, failed: progress.failed, skipped: progress.skipped });
    await deps.notifier.notify({ type: "campaign_finished", campaignId: campaign.id, name: campaign.name, sent: progress.sent, failed: progress.failed, skipped: progress.skipped, reasons: progress.reasons });
  }
  return finished.map((c) => c.id);
}

/**
 * The owner stops a campaign (`campaign <id> cancel`): a draft or a scheduled one never goes out; one
 * that is sending stops at once, its rows still waiting marked skipped ("cancelled"). Messages already
 * out (or being sent this instant) stay as they are. One transaction: a sender that claims a row
 * meanwhile sees either the campaign sending and the row pending, or neither.
 */
import type { Campaign } from "../../prisma/generated/client.ts";
import { AppError } from "../errors.ts";
import { findCampaignOrRefuse, type CampaignDeps } from "./send-campaign.ts";

export async function cancelCampaign(deps: CampaignDeps, campaignId: number): Promise<{ campaign: Campaign; skipped: number; was: string }> {
  const now = deps.clock.now();
  const before = await findCampaignOrRefuse(deps.db, campaignId);
  if (before.trigger !== null) throw new AppError("INVALID_STATE", { message: `campaign ${campaignId} is an automation`, refusal: { kind: "campaignIsAutomation", id: campaignId } });
  const result = await deps.db.$transaction(async (tx) => {
    const moved = await tx.campaign.updateMany({ where: { id: campaignId, status: { in: ["draft", "scheduled", "sending"] } }, data: { status: "cancelled", finishedAt: now } });
    if (moved.count === 0) return null;
    const skipped = await tx.campaignDelivery.updateMany({ where: { campaignId, status: "pending" }, data: { status: "skipped", reason: "cancelled", nextAttemptAt: null } });
    return skipped.count;
  });
  const campaign = await findCampaignOrRefuse(deps.db, campaignId);
  if (result === null) throw new AppError("INVALID_STATE", { message: `campaign ${campaignId} is ${campaign.status}`, refusal: { kind: "campaignCannot", id: campaignId, status: campaign.status, action: "cancel" } });
  return { campaign, skipped: result, was: before.status };
}

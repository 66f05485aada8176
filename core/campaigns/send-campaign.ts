/**
 * The owner confirms a draft (`campaign <id> send`, the preview's Send button): a campaign with a
 * start time in the future is scheduled, any other starts sending now. Starting writes the outbox:
 * the audience is evaluated at that moment and one pending row is written per recipient, in the same
 * transaction as the status change, so a campaign is never "sending" with half its rows, and two
 * processes starting it (the owner's button and the schedule) write the rows once. The hold-out
 * (`holdout=`, 10 % by default) is drawn then from the recipients with the campaign's stored seed and
 * written as `held_out` rows, never sent: the same audience and seed give the same hold-out.
 */
import type { Campaign } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import { findCampaignRecipients } from "./campaign-audience.ts";
import { drawHoldout } from "./draw-holdout.ts";

export interface CampaignDeps {
  db: Db;
  clock: Clock;
  /** The shop's currency and zone, for audiences that name amounts (`clv>100`) or days (`no-order=60d`). */
  currency: string;
  timeZone?: string;
}

const OUTBOX_SLICE = 5_000;

export type TSendCampaignResult = { kind: "scheduled"; campaign: Campaign } | { kind: "started"; campaign: Campaign; recipients: number; heldOut: number };

export async function findCampaignOrRefuse(db: Db, id: number): Promise<Campaign> {
  const campaign = await db.campaign.findUnique({ where: { id } });
  if (!campaign) throw new AppError("NOT_FOUND", { message: `no campaign ${id}`, refusal: { kind: "campaignNotFound", id } });
  return campaign;
}

export async function sendCampaign(deps: CampaignDeps, campaignId: number): Promise<TSendCampaignResult> {
  const campaign = await findCampaignOrRefuse(deps.db, campaignId);
  const refuse = (status: string) => new AppError("INVALID_STATE", { message: `campaign ${campaignId} is ${status}`, refusal: { kind: "campaignCannot", id: campaignId, status, action: "send" } });
  if (campaign.trigger !== null) throw new AppError("INVALID_STATE", { message: `campaign ${campaignId} is an automation`, refusal: { kind: "campaignIsAutomation", id: campaignId } });
  if (campaign.status !== "draft") throw refuse(campaign.status);
  const now = deps.clock.now();
  if (campaign.scheduledAt && campaign.scheduledAt.getTime() > now.getTime()) {
    const moved = await deps.db.campaign.updateMany({ where: { id: campaignId, status: "draft" }, data: { status: "scheduled" } });
    if (moved.count === 0) throw refuse((await findCampaignOrRefuse(deps.db, campaignId)).status);
    return { kind: "scheduled", campaign: { ...campaign, status: "scheduled" } };
  }
  const started = await startCampaign(deps, campaign, { from: "draft", refuseEmpty: true });
  if (!started) throw refuse((await findCampaignOrRefuse(deps.db, campaignId)).status);
  return { kind: "started", ...started };
}

/**
 * Moves the campaign from `from` to sending and writes its outbox rows; null when another process
 * (or the owner) moved it first. With `refuseEmpty`, an audience with nobody to send to leaves the
 * campaign as it was and says so.
 */
export async function startCampaign(deps: CampaignDeps, campaign: Campaign, options: { from: "draft" | "scheduled"; refuseEmpty?: boolean }): Promise<{ campaign: Campaign; recipients: number; heldOut: number } | null> {
  // Evaluated before the status change and the rows: an audience may read much of the shop. (Run by
  // the owner's command, all of it is in the command's transaction, with its audit entry: on the
  // embedded database that holds other queries while the audience is read, once per campaign.)
  const { recipients } = await findCampaignRecipients(deps, campaign.audience);
  if (recipients.length === 0 && options.refuseEmpty) throw new AppError("INVALID_STATE", { message: `campaign ${campaign.id} has no recipients`, refusal: { kind: "campaignNoRecipients", id: campaign.id } });
  // The hold-out, drawn from the recipients with the campaign's stored seed: written as rows that are never sent.
  const heldOut = drawHoldout(recipients.map((r) => r.customerId), campaign.holdoutPercent / 100, campaign.holdoutSeed ?? `campaign-${campaign.id}`);
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const moved = await tx.campaign.updateMany({ where: { id: campaign.id, status: options.from }, data: { status: "sending", startedAt: now } });
    if (moved.count === 0) return null;
    let written = 0;
    // In slices: one statement's parameters are limited (PostgreSQL: 65,535).
    for (let i = 0; i < recipients.length; i += OUTBOX_SLICE) {
      const slice = recipients.slice(i, i + OUTBOX_SLICE);
      written += (await tx.campaignDelivery.createMany({
        data: slice.map((r) => ({ campaignId: campaign.id, customerId: r.customerId, channel: r.channel, externalId: r.externalId, createdAt: now, ...(heldOut.has(r.customerId) ? { status: "held_out" as const } : {}) })),
        skipDuplicates: true,
      })).count;
    }
    return { campaign: { ...campaign, status: "sending" as const, startedAt: now }, recipients: written - heldOut.size, heldOut: heldOut.size };
  });
}

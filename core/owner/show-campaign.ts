/**
 * One campaign as the owner sees it (`campaign <id>`, and the answer to `campaign new`): what it is,
 * whom it reaches and how long sending takes, where it stands (sent / failed / skipped, with the
 * reasons), and the message exactly as customers get it in each language (composed by the same
 * function the sender uses, for a real recipient of that language, with the product's photo and the
 * buttons written out), ending with what the owner can do next: Send (a draft), Cancel.
 */
import { DateTime } from "luxon";
import type { Campaign, Product } from "../../prisma/generated/client.ts";
import { findCampaignRecipients, type CampaignRecipient } from "../campaigns/campaign-audience.ts";
import { campaignTextFor, composeCampaignMessage } from "../campaigns/compose-campaign-message.ts";
import { endOfQuietTime, formatQuietHours, isQuietTime } from "../campaigns/quiet-hours.ts";
import { readCampaignProgress, type CampaignProgress } from "../campaigns/read-campaign-progress.ts";
import { findCampaignOrRefuse } from "../campaigns/send-campaign.ts";
import { holdoutSize } from "../campaigns/draw-holdout.ts";
import type { TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import type { OwnerButton, OwnerCommandContext, OwnerReply } from "./commands/define-command.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "./owner-console-deps.ts";
import { showAutomation } from "./show-automation.ts";
import { measureCampaign } from "../campaigns/measure-campaign.ts";
import { campaignLinkParameter } from "../attribution/campaign-tag.ts";
import { describeCampaignEffect } from "./describe-campaign-effect.ts";

/** A moment in the shop's time zone, as the owner typed it: "2026-12-24 10:00". */
export function formatShopTime(at: Date, timeZone?: string): string {
  return DateTime.fromMillis(at.getTime(), timeZone ? { zone: timeZone } : {}).toFormat("yyyy-MM-dd HH:mm");
}

/** "weekly limit reached 4, consent withdrawn 2" for one status's reasons. */
export function describeReasons(t: OwnerCommandContext["t"], progress: Pick<CampaignProgress, "reasons">, status: "skipped" | "failed" | "pending"): string | null {
  const list = progress.reasons.filter((r) => r.status === status).map((r) => `${t.campaign.reasons[r.reason] ?? r.reason} ${r.count}`);
  return list.length > 0 ? t.campaign.reasonsOf(status, list.join(", ")) : null;
}

/** The preview of one language: the heading, the message as sent, its buttons as text, the photo. */
export function previewIn(context: OwnerCommandContext, campaign: Campaign, product: Product | null, locale: TLocale, sample: CampaignRecipient | undefined): OwnerReply {
  const { t } = context;
  const message = composeCampaignMessage(campaign, product, { name: sample?.name ?? null, locale });
  const own = locale === "zh" ? campaign.textZh : campaign.textEn;
  const other: TLocale = locale === "zh" ? "en" : "zh";
  const lines = [
    t.campaign.previewHeading(t.campaign.languages[locale] ?? locale, sample?.name ? `${sample.name} (${t.customerRef(sample.customerId)})` : null),
    ...(own?.trim() ? [] : [t.campaign.fallbackNote(t.campaign.languages[other] ?? other)]),
    "",
    message.text,
    "",
    t.campaign.buttonsLine((message.buttons ?? []).flat().map((b) => b.label)),
  ];
  return { text: lines.join("\n"), ...(message.imageUrl ? { imageUrl: message.imageUrl } : {}) };
}

export async function showCampaign(context: OwnerCommandContext, campaignId: number): Promise<OwnerReply[]> {
  const { deps, t } = context;
  const settings = deps.campaigns ?? DEFAULT_CAMPAIGN_SETTINGS;
  const campaign = await findCampaignOrRefuse(deps.db, campaignId);
  // An automation's id shows the automation (its trigger and figures; it has no audience to send once).
  if (campaign.trigger !== null) return showAutomation(context, campaign.id);
  const product = campaign.productId ? await deps.db.product.findUnique({ where: { id: campaign.productId } }) : null;
  const progress = await readCampaignProgress(deps.db, campaign.id);
  // Whom it would reach now: for a campaign not yet started, and to pick each language's sample customer.
  const audience = await findCampaignRecipients({ db: deps.db, clock: deps.clock, currency: deps.currency, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) }, campaign.audience);
  const notStarted = campaign.status === "draft" || campaign.status === "scheduled";
  // Not started: those it would write to now, less the hold-out that would be drawn from them.
  const plannedHoldout = holdoutSize(audience.recipients.length, campaign.holdoutPercent / 100);
  const recipients = notStarted ? audience.recipients.length - plannedHoldout : progress.total;
  const now = deps.clock.now();
  const at = (d: Date) => formatShopTime(d, deps.timeZone);
  const quiet = settings.quietHours ? formatQuietHours(settings.quietHours) : null;
  const duration = (messages: number) => t.campaign.duration(messages / settings.ratePerSecond);

  const head: string[] = [t.campaign.title(campaign.id, campaign.name, t.campaign.statuses[campaign.status] ?? campaign.status)];
  head.push(t.campaign.audience(campaign.audience, audience.members, audience.optedIn, audience.recipients.length));
  if (campaign.productId) head.push(product ? t.campaign.product(product.sku, product.name, formatMoney(product.priceMinor, product.currency)) : t.campaign.productGone);
  head.push(t.campaign.link(campaignLinkParameter(campaign.id, product?.sku ?? null)));
  if (campaign.promoCode) head.push(t.campaign.promoCode(campaign.promoCode));
  if (notStarted) head.push(t.campaign.holdoutPlanned(campaign.holdoutPercent, plannedHoldout));
  else if (progress.heldOut > 0 || campaign.holdoutPercent > 0) head.push(t.campaign.holdoutKept(progress.heldOut, campaign.holdoutPercent));
  if (notStarted) {
    head.push(t.campaign.estimate(duration(recipients), settings.ratePerSecond, quiet, settings.maxPerWeek));
    if (campaign.scheduledAt) head.push(campaign.status === "scheduled" ? t.campaign.scheduledAt(at(campaign.scheduledAt)) : t.campaign.scheduledFor(at(campaign.scheduledAt)));
  } else {
    if (campaign.startedAt) head.push(t.campaign.startedAt(at(campaign.startedAt)));
    head.push(t.campaign.progress({ sent: progress.sent, total: progress.total, failed: progress.failed, skipped: progress.skipped, waiting: progress.pending + progress.claimed }));
    for (const status of ["skipped", "failed", "pending"] as const) {
      const line = describeReasons(t, progress, status);
      if (line) head.push(line);
    }
    if (campaign.status === "sending") {
      if (isQuietTime(now, settings.quietHours, deps.timeZone)) head.push(t.campaign.quietNow(at(endOfQuietTime(now, settings.quietHours, deps.timeZone))));
      else if (progress.pending > 0) head.push(t.campaign.timeLeft(duration(progress.pending)));
    }
    if (campaign.finishedAt) head.push(t.campaign.finishedAt(at(campaign.finishedAt)));
  }
  const measure = await measureCampaign({ db: deps.db, clock: deps.clock, currency: deps.currency, attributionDays: settings.attributionDays, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) }, campaign);
  const effect = measure ? [t.campaign.effect.heading(settings.attributionDays, measure.complete, at(measure.to)), ...describeCampaignEffect(t, measure, deps.currency)] : [];

  const sampleFor = (locale: TLocale) => audience.recipients.find((r) => (r.locale === "zh" ? "zh" : "en") === locale) ?? audience.recipients[0];
  const previews = (["en", "zh"] as const).filter((locale) => campaignTextFor(campaign, locale)).map((locale) => previewIn(context, campaign, product, locale, sampleFor(locale)));

  const buttons: OwnerButton[] = [];
  if (campaign.status === "draft" && recipients > 0) buttons.push({ label: campaign.scheduledAt ? t.campaign.scheduleButton : t.campaign.sendButton(recipients), command: { command: "campaignSend", campaignId: campaign.id }, style: "primary" });
  if (campaign.status !== "sent" && campaign.status !== "cancelled") buttons.push({ label: t.campaign.cancelButton, command: { command: "campaignCancel", campaignId: campaign.id }, style: "danger" });
  const confirm = campaign.status === "draft" && recipients > 0 ? [campaign.scheduledAt ? t.campaign.confirmScheduled(recipients, at(campaign.scheduledAt)) : t.campaign.confirm(recipients)] : [];
  return [
    { text: head.join("\n") },
    ...(effect.length > 0 ? [{ text: effect.join("\n") }] : []),
    ...previews,
    ...(buttons.length > 0 || confirm.length > 0 ? [{ text: confirm.join("\n") || t.campaign.showButton(campaign.id), buttons: [buttons] }] : []),
  ];
}

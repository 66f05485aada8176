/**
 * One automation as the owner sees it (`automation <id>`, and the answer to `automation new`): its
 * trigger in words and as typed, its audience, the rules it sends under, what it has sent (in all and
 * in the last 30 days, with the reasons for what it skipped), and its message exactly as customers
 * get it in each language (the campaign preview's function; a re-order reminder is shown with one of
 * the products customers re-order), then Pause / Resume and Delete.
 */
import type { Product } from "../../prisma/generated/client.ts";
import { ZAutomationTrigger, writeAutomationTrigger } from "../automations/automation-trigger.ts";
import { findAutomationOrRefuse } from "../automations/change-automation-status.ts";
import { cooldownDaysOf } from "../automations/run-automations.ts";
import { campaignTextFor } from "../campaigns/compose-campaign-message.ts";
import { formatQuietHours } from "../campaigns/quiet-hours.ts";
import { readCampaignProgress } from "../campaigns/read-campaign-progress.ts";
import { formatMoney } from "../money.ts";
import { measureAutomation } from "../campaigns/measure-campaign.ts";
import { describeCampaignEffect } from "./describe-campaign-effect.ts";
import type { OwnerButton, OwnerCommandContext, OwnerReply } from "./commands/define-command.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "./owner-console-deps.ts";
import { describeReasons, formatShopTime, previewIn } from "./show-campaign.ts";

const DAY_MS = 86_400_000;

export async function showAutomation(context: OwnerCommandContext, automationId: number): Promise<OwnerReply[]> {
  const { deps, t } = context;
  const settings = deps.campaigns ?? DEFAULT_CAMPAIGN_SETTINGS;
  const automation = await findAutomationOrRefuse(deps.db, automationId);
  const trigger = ZAutomationTrigger.parse(automation.trigger);
  const own = automation.productId ? await deps.db.product.findUnique({ where: { id: automation.productId } }) : null;
  // A re-order reminder without a product of its own is about each customer's product: shown with a consumable for sale.
  const sample: Product | null = own ?? (trigger.kind === "reorder" ? await deps.db.product.findFirst({ where: { consumable: true, active: true, stock: { gt: 0 } }, orderBy: { id: "asc" } }) : null);
  const progress = await readCampaignProgress(deps.db, automation.id);
  const recent = await deps.db.campaignDelivery.count({ where: { campaignId: automation.id, status: "sent", sentAt: { gt: new Date(deps.clock.now().getTime() - 30 * DAY_MS) } } });

  const head = [
    t.automation.title(automation.id, automation.name, t.automation.statuses[automation.status] ?? automation.status),
    t.automation.when(t.automation.trigger(trigger), writeAutomationTrigger(trigger)),
    t.automation.audience(automation.audience || null),
  ];
  if (own) head.push(t.campaign.product(own.sku, own.name, formatMoney(own.priceMinor, own.currency)));
  else if (automation.productId) head.push(t.campaign.productGone);
  else if (trigger.kind === "reorder") head.push(t.automation.reorderProduct);
  if (automation.status !== "cancelled") {
    head.push(t.automation.rules(formatShopTime(automation.startedAt ?? automation.createdAt, deps.timeZone), cooldownDaysOf(trigger), settings.quietHours ? formatQuietHours(settings.quietHours) : null, settings.maxPerWeek));
  }
  head.push(t.automation.counts({ sent: progress.sent, recent, failed: progress.failed, skipped: progress.skipped, waiting: progress.pending + progress.claimed }));
  for (const status of ["skipped", "failed", "pending"] as const) {
    const line = describeReasons(t, progress, status);
    if (line) head.push(line);
  }

  const months = await measureAutomation({ db: deps.db, clock: deps.clock, currency: deps.currency, attributionDays: settings.attributionDays, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) }, automation);
  const effect = months.flatMap(({ month, measure }) => [t.campaign.effect.month(month, measure.complete), ...describeCampaignEffect(t, measure, deps.currency).map((line) => `  ${line}`)]);
  const previews = (["en", "zh"] as const).filter((locale) => campaignTextFor(automation, locale)).map((locale) => previewIn(context, automation, sample, locale, undefined));
  const buttons: OwnerButton[] = [];
  if (automation.status === "sending") buttons.push({ label: t.automation.pauseButton, command: { command: "automationChange", automationId: automation.id, action: "pause" } });
  if (automation.status === "paused") buttons.push({ label: t.automation.resumeButton, command: { command: "automationChange", automationId: automation.id, action: "resume" }, style: "primary" });
  if (automation.status !== "cancelled") buttons.push({ label: t.automation.deleteButton, command: { command: "automationChange", automationId: automation.id, action: "delete" }, style: "danger" });
  return [{ text: head.join("\n") }, ...(effect.length > 0 ? [{ text: effect.join("\n") }] : []), ...previews, ...(buttons.length > 0 ? [{ text: t.automation.showButton(automation.id), buttons: [buttons] }] : [])];
}

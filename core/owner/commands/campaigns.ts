/** `campaigns`: the last 20 campaigns, newest first, with how far each has got. */
import { z } from "zod";
import { Prisma } from "../../../prisma/generated/client.ts";
import { formatShopTime } from "../show-campaign.ts";
import { measureCampaign } from "../../campaigns/measure-campaign.ts";
import { formatMoney } from "../../money.ts";
import { describeUpliftShort } from "../describe-campaign-effect.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "../owner-console-deps.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const campaignsCommand: OwnerCommand<"campaigns", TNoArgs> = {
  verb: "campaigns",
  words: ["campaigns"],
  usage: "campaigns",
  help: { en: "the campaigns, newest first, with their progress", zh: "营销活动列表（最新在前）及进度" },
  examples: ["campaigns"],
  ZArgs,
  mutates: false,
  read: () => ({ ok: true, args: {} }),
  write: () => "campaigns",
  async run({ deps, t }) {
    // Automations have their own list (`automations`).
    const campaigns = await deps.db.campaign.findMany({ where: { trigger: { equals: Prisma.AnyNull } }, orderBy: { id: "desc" }, take: 20 });
    if (campaigns.length === 0) return [{ text: t.campaign.none }];
    const counts = await deps.db.campaignDelivery.groupBy({ by: ["campaignId", "status"], where: { campaignId: { in: campaigns.map((c) => c.id) } }, _count: { _all: true } });
    const countOf = (id: number, status?: string) => counts.filter((c) => c.campaignId === id && (status === undefined || c.status === status)).reduce((sum, c) => sum + c._count._all, 0);
    const lines = campaigns.map((c) =>
      t.campaign.listLine({ id: c.id, name: c.name, status: t.campaign.statuses[c.status] ?? c.status, sent: countOf(c.id, "sent"), total: countOf(c.id), at: formatShopTime(c.startedAt ?? c.scheduledAt ?? c.createdAt, deps.timeZone) }),
    );
    // The ones that went out, side by side: what each caused against its own hold-out.
    const settings = deps.campaigns ?? DEFAULT_CAMPAIGN_SETTINGS;
    const measureDeps = { db: deps.db, clock: deps.clock, currency: deps.currency, attributionDays: settings.attributionDays, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) };
    const results: string[] = [];
    for (const c of campaigns.filter((c) => c.startedAt).slice(0, 10)) {
      const m = await measureCampaign(measureDeps, c);
      if (m) results.push(t.campaign.effect.listLine({ id: c.id, name: c.name, sent: m.sent, optedOut: m.optedOut, pressed: m.pressed, ordered: m.estimate.treated.ordered, revenue: formatMoney(m.estimate.treated.revenueMinor ?? 0, deps.currency), uplift: describeUpliftShort(t, m) }));
    }
    return [{
      text: [t.campaign.listHeading(campaigns.length), ...lines, ...(results.length > 0 ? ["", t.campaign.effect.listHeading(settings.attributionDays), ...results] : [])].join("\n"),
      buttons: campaigns.slice(0, 5).map((c) => [{ label: t.campaign.showButton(c.id), command: { command: "campaign" as const, campaignId: c.id } }]),
    }];
  },
};

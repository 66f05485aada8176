/** `campaigns`: the last 20 campaigns, newest first, with how far each has got. */
import { z } from "zod";
import { Prisma } from "../../../prisma/generated/client.ts";
import { formatShopTime } from "../show-campaign.ts";
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
    return [{
      text: [t.campaign.listHeading(campaigns.length), ...lines].join("\n"),
      buttons: campaigns.slice(0, 5).map((c) => [{ label: t.campaign.showButton(c.id), command: { command: "campaign" as const, campaignId: c.id } }]),
    }];
  },
};

/** `campaign <id>`: a campaign's preview as customers get it, its audience and timing, and while sending its progress. */
import { z } from "zod";
import { ZId } from "../read-command-words.ts";
import { showCampaign } from "../show-campaign.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ campaignId: ZId });

export const campaignCommand: OwnerCommand<"campaign", z.infer<typeof ZArgs>> = {
  verb: "campaign",
  words: ["campaign"],
  usage: "campaign <id>",
  help: { en: "a campaign: its preview in both languages, audience, timing and progress", zh: "查看营销活动：双语预览、受众、发送时间和进度" },
  examples: ["campaign 3"],
  ZArgs,
  mutates: false,
  read(words) {
    if (words.length !== 2 || !/^\d+$/.test(words[1]!.replace(/^#/, ""))) return words.length === 2 ? { ok: false, usage: "campaign <id>" } : null;
    return { ok: true, args: { campaignId: words[1]!.replace(/^#/, "") } };
  },
  write: ({ campaignId }) => `campaign ${campaignId}`,
  run: (context, { campaignId }) => showCampaign(context, campaignId),
};

/**
 * `campaign <id> send`: the owner confirms a draft they have seen (the preview's Send button is this
 * command). A draft with a start time is scheduled; any other starts sending now.
 */
import { z } from "zod";
import { campaignSubject } from "../../audit/record-audit-entry.ts";
import { sendCampaign } from "../../campaigns/send-campaign.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "../owner-console-deps.ts";
import { ZId } from "../read-command-words.ts";
import { formatShopTime } from "../show-campaign.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ campaignId: ZId });

export const campaignSendCommand: OwnerCommand<"campaignSend", z.infer<typeof ZArgs>> = {
  verb: "campaignSend",
  words: ["campaign"],
  usage: "campaign <id> send",
  help: { en: "send a draft campaign (or schedule it, when it has a start time)", zh: "发送草稿营销活动（有开始时间的则排期）" },
  examples: ["campaign 3 send"],
  ZArgs,
  mutates: true,
  read(words) {
    if (words.length !== 3 || !/^(send|go|发送)$/i.test(words[2]!)) return null;
    const id = words[1]!.replace(/^#/, "");
    return /^\d+$/.test(id) ? { ok: true, args: { campaignId: id } } : { ok: false, usage: "campaign <id> send" };
  },
  write: ({ campaignId }) => `campaign ${campaignId} send`,
  async run({ deps, t, audit }, { campaignId }) {
    const result = await sendCampaign(deps, campaignId);
    await audit({ subject: campaignSubject(campaignId), before: { status: "draft" }, after: { status: result.campaign.status, ...(result.kind === "started" ? { recipients: result.recipients } : {}) } });
    if (result.kind === "scheduled") return [{ text: t.campaign.scheduled(campaignId, formatShopTime(result.campaign.scheduledAt!, deps.timeZone)), buttons: [[{ label: t.campaign.showButton(campaignId), command: { command: "campaign", campaignId } }]] }];
    deps.wakeCampaignSender?.();
    const rate = (deps.campaigns ?? DEFAULT_CAMPAIGN_SETTINGS).ratePerSecond;
    return [{
      text: t.campaign.started(campaignId, result.recipients, t.campaign.duration(result.recipients / rate)),
      buttons: [[{ label: t.campaign.showButton(campaignId), command: { command: "campaign", campaignId } }, { label: t.campaign.cancelButton, command: { command: "campaignCancel", campaignId }, style: "danger" }]],
    }];
  },
};

/** `campaign <id> cancel`: a draft or scheduled campaign never goes out; one sending stops at once. */
import { z } from "zod";
import { campaignSubject } from "../../audit/record-audit-entry.ts";
import { cancelCampaign } from "../../campaigns/cancel-campaign.ts";
import { ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ campaignId: ZId });

export const campaignCancelCommand: OwnerCommand<"campaignCancel", z.infer<typeof ZArgs>> = {
  verb: "campaignCancel",
  words: ["campaign"],
  usage: "campaign <id> cancel",
  help: { en: "stop a campaign (what is not sent yet is not sent)", zh: "取消营销活动（尚未发出的不再发送）" },
  examples: ["campaign 3 cancel"],
  ZArgs,
  mutates: true,
  read(words) {
    if (words.length !== 3 || !/^(cancel|stop|取消)$/i.test(words[2]!)) return null;
    const id = words[1]!.replace(/^#/, "");
    return /^\d+$/.test(id) ? { ok: true, args: { campaignId: id } } : { ok: false, usage: "campaign <id> cancel" };
  },
  write: ({ campaignId }) => `campaign ${campaignId} cancel`,
  async run({ deps, t, audit }, { campaignId }) {
    const { campaign, skipped, was } = await cancelCampaign(deps, campaignId);
    await audit({ subject: campaignSubject(campaignId), before: { status: was }, after: { status: campaign.status, notSent: skipped } });
    return [{ text: t.campaign.cancelled(campaignId, skipped), buttons: [[{ label: t.campaign.showButton(campaignId), command: { command: "campaign", campaignId } }]] }];
  },
};

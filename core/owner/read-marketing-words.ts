/**
 * Campaigns and automations in the owner's plain words, English or Chinese: "how are my campaigns
 * doing?", "send campaign 3", "cancel campaign 3", "营销活动3发送", "pause automation 2", "恢复自动化2",
 * "show my automations", "新建一个营销活动". With a number, that one (and the action named); without,
 * the list; asked to write a new one, the answer is the command to type (a campaign's texts, audience
 * and trigger are not guessed from a sentence). Null when the words name neither.
 */
import type { OwnerMessages } from "../i18n/owner.ts";
import type { TOwnerCommand } from "./parse-owner-command.ts";

const AUTOMATION = /\bautomat(?:ion|ions|ed (?:messages?|reminders?))\b|自动化|自动消息|自动提醒/u;
const CAMPAIGN = /\bcampaigns?\b|\bbroadcasts?\b|\bmailshots?\b|营销活动|群发|推广活动/u;
const NEW = /\b(?:new|create|make|set ?up|write|add|draft)\b|新建|创建|建一个|写一个|新增|设置一个/u;
const SEND = /\b(?:send|launch|go ahead|confirm)\b|发送|发出|开始发|确认发/u;
const CANCEL = /\b(?:cancel|abort|stop|halt)\b|取消|停止|停发/u;
const PAUSE = /\b(?:pause|hold|suspend|stop|turn off|switch off)\b|暂停|停止|停用|关闭/u;
const RESUME = /\b(?:resume|restart|unpause|back on|re-?enable|switch on|turn on)\b|恢复|重新启用|继续|开启/u;
const DELETE = /\b(?:delete|remove)\b|删除|删掉/u;

export type TMarketingWords = { kind: "command"; command: TOwnerCommand } | { kind: "clarify"; text: (t: OwnerMessages["clarify"]) => string };

export function readMarketingWords(normalized: string, numbers: readonly number[]): TMarketingWords | null {
  const automation = AUTOMATION.test(normalized);
  if (!automation && !CAMPAIGN.test(normalized)) return null;
  const id = numbers.length === 1 ? numbers[0]! : undefined;
  const command = (value: TOwnerCommand): TMarketingWords => ({ kind: "command", command: value });
  if (automation) {
    if (id === undefined) return NEW.test(normalized) ? { kind: "clarify", text: (t) => t.newAutomation } : command({ command: "automations" });
    if (DELETE.test(normalized)) return command({ command: "automationChange", automationId: id, action: "delete" });
    if (RESUME.test(normalized)) return command({ command: "automationChange", automationId: id, action: "resume" });
    if (PAUSE.test(normalized)) return command({ command: "automationChange", automationId: id, action: "pause" });
    return command({ command: "automation", automationId: id });
  }
  if (id === undefined) return NEW.test(normalized) ? { kind: "clarify", text: (t) => t.newCampaign } : command({ command: "campaigns" });
  if (CANCEL.test(normalized) || DELETE.test(normalized)) return command({ command: "campaignCancel", campaignId: id });
  if (SEND.test(normalized)) return command({ command: "campaignSend", campaignId: id });
  return command({ command: "campaign", campaignId: id });
}

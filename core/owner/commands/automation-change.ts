/** `automation <id> pause|resume|delete`: the named transitions of `core/automations/change-automation-status.ts`. */
import { z } from "zod";
import { campaignSubject } from "../../audit/record-audit-entry.ts";
import { AUTOMATION_ACTIONS, changeAutomationStatus, type TAutomationAction } from "../../automations/change-automation-status.ts";
import { ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ automationId: ZId, action: z.enum(AUTOMATION_ACTIONS) });
const USAGE = "automation <id> pause|resume|delete";

/** The words for each action, Chinese included. */
const ACTION_WORDS: [RegExp, TAutomationAction][] = [
  [/^(pause|stop|暂停|停止)$/i, "pause"],
  [/^(resume|restart|unpause|start|恢复|继续|启用)$/i, "resume"],
  [/^(delete|remove|删除)$/i, "delete"],
];

export const automationChangeCommand: OwnerCommand<"automationChange", z.infer<typeof ZArgs>> = {
  verb: "automationChange",
  words: ["automation"],
  usage: USAGE,
  help: { en: "pause an automation, resume it (it acts on what happens from then on), or delete it", zh: "暂停、恢复（从恢复时起生效）或删除自动化" },
  examples: ["automation 4 pause", "automation 4 resume", "automation 4 delete"],
  ZArgs,
  mutates: true,
  read(words) {
    if (words.length !== 3) return null;
    const action = ACTION_WORDS.find(([pattern]) => pattern.test(words[2]!))?.[1];
    const id = words[1]!.replace(/^#/, "");
    if (!action) return null;
    return /^\d+$/.test(id) ? { ok: true, args: { automationId: id, action } } : { ok: false, usage: USAGE };
  },
  write: ({ automationId, action }) => `automation ${automationId} ${action}`,
  async run({ deps, t, audit }, { automationId, action }) {
    const { automation, was, skipped } = await changeAutomationStatus(deps, automationId, action);
    await audit({ subject: campaignSubject(automationId), before: { status: was }, after: { status: automation.status, notSent: skipped } });
    return [{ text: t.automation.changed(automationId, action, skipped), buttons: [[{ label: t.automation.showButton(automationId), command: { command: "automation", automationId } }]] }];
  },
};

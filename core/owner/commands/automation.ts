/** `automation <id>`: an automation's trigger, audience, rules, figures and message as customers get it. */
import { z } from "zod";
import { ZId } from "../read-command-words.ts";
import { showAutomation } from "../show-automation.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ automationId: ZId });

export const automationCommand: OwnerCommand<"automation", z.infer<typeof ZArgs>> = {
  verb: "automation",
  words: ["automation"],
  usage: "automation <id>",
  help: { en: "an automation: its trigger, audience, what it has sent, and its message in both languages", zh: "查看自动化：触发条件、受众、发送情况和双语消息" },
  examples: ["automation 4"],
  ZArgs,
  mutates: false,
  read(words) {
    if (words.length !== 2 || words[1]!.toLowerCase() === "new") return null;
    const id = words[1]!.replace(/^#/, "");
    return /^\d+$/.test(id) ? { ok: true, args: { automationId: id } } : { ok: false, usage: "automation <id>" };
  },
  write: ({ automationId }) => `automation ${automationId}`,
  run: (context, { automationId }) => showAutomation(context, automationId),
};

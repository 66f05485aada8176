/** `settings`: the shop's settings and the environment variables that set them. */
import { z } from "zod";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const settingsCommand: OwnerCommand<"settings", TNoArgs> = {
  verb: "settings",
  words: ["settings", "config"],
  usage: "settings",
  help: { en: "delivery charge, payment and shipping texts, schedules and channels, with the variables that set them", zh: "运费、付款与发货说明、定时任务和渠道，以及设置它们的环境变量" },
  examples: ["settings", "config"],
  ZArgs,
  mutates: false,
  read: () => ({ ok: true, args: {} }),
  write: () => "settings",
  async run({ deps, t }) {
    const settings = deps.settings ?? [];
    if (settings.length === 0) return [{ text: t.settings.none }];
    return [{ text: [t.settings.heading, ...settings.map((s) => `${s.name} (${s.variables.join(", ")}): ${s.value}`)].join("\n") }];
  },
};

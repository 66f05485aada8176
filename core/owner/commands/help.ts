/** `help`: every registered command's usage line and what it does, in the owner's language. */
import { z } from "zod";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const helpCommand: OwnerCommand<"help", TNoArgs> = {
  verb: "help",
  words: ["help", "?"],
  usage: "help",
  help: { en: "this list", zh: "本列表" },
  examples: ["help", "?"],
  ZArgs,
  mutates: false,
  intents: ["help"],
  quick: { label: { en: "Help", zh: "帮助" }, args: {} },
  read: () => ({ ok: true, args: {} }),
  write: () => "help",
  async run({ commands, locale, t }) {
    return [{ text: [t.help.heading, ...commands.map((c) => `  ${c.usage} — ${c.help[locale]}`)].join("\n") }];
  },
};

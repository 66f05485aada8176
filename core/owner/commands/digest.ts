/** `digest`: today's digest now, as the scheduled one reads. */
import { z } from "zod";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const digestCommand: OwnerCommand<"digest", TNoArgs> = {
  verb: "digest",
  words: ["digest"],
  usage: "digest",
  help: { en: "today's digest now", zh: "立即生成今日简报" },
  examples: ["digest"],
  ZArgs,
  mutates: false,
  intents: ["digest"],
  quick: { label: { en: "Digest", zh: "简报" }, args: {} },
  read: () => ({ ok: true, args: {} }),
  write: () => "digest",
  run: async ({ deps, t }) => (deps.analytics ? deps.analytics.digest() : [{ text: t.notAvailable("digest") }]),
};

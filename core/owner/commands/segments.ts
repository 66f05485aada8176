/** `segments`: customer segments by recency, frequency and spend (RFM), with advice for each. */
import { z } from "zod";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const segmentsCommand: OwnerCommand<"segments", TNoArgs> = {
  verb: "segments",
  words: ["segments"],
  usage: "segments",
  help: { en: "customer segments (RFM)", zh: "客户分群（RFM）" },
  examples: ["segments"],
  ZArgs,
  mutates: false,
  intents: ["segments"],
  quick: { label: { en: "Segments", zh: "分群" }, args: {} },
  read: () => ({ ok: true, args: {} }),
  write: () => "segments",
  run: async ({ deps, t }) => (deps.analytics ? deps.analytics.segments() : [{ text: t.notAvailable("segments") }]),
};

/** `hot [N]`: whom to follow up: the N customers (10) most likely to order within 14 days, and why. */
import { z } from "zod";
import { ZLimit } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ limit: ZLimit });

export const hotLeadsCommand: OwnerCommand<"hotLeads", z.infer<typeof ZArgs>> = {
  verb: "hotLeads",
  words: ["hot", "leads"],
  usage: "hot [N]",
  help: { en: "whom to follow up: the N customers (10) most likely to order within 14 days, and why", zh: "该跟进谁：14 天内最可能下单的 N 位客户（默认 10）及原因" },
  examples: ["hot", "hot 5", "hot leads 3", "leads hot"],
  ZArgs,
  mutates: false,
  read(words) {
    const first = words[0]?.toLowerCase();
    // "leads hot [N]" is this command; plain "leads …" is the leads list.
    if (first === "leads" && words[1]?.toLowerCase() !== "hot") return null;
    const rest = first === "leads" || words[1]?.toLowerCase() === "leads" ? words.slice(2) : words.slice(1);
    const limit = rest[0] === undefined ? { success: true as const, data: 10 } : ZLimit.safeParse(rest[0]);
    return limit.success && rest.length <= 1 ? { ok: true, args: { limit: limit.data } } : { ok: false, usage: "hot [1–50]" };
  },
  write: ({ limit }) => `hot ${limit}`,
  run: async ({ deps, t }, { limit }) => (deps.analytics ? deps.analytics.hotLeads(limit) : [{ text: t.notAvailable("hot") }]),
};

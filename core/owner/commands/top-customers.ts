/** `top [N]`: the N customers (10) worth most: lifetime value = spent so far + expected. */
import { z } from "zod";
import { ZLimit } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ limit: ZLimit });

export const topCustomersCommand: OwnerCommand<"topCustomers", z.infer<typeof ZArgs>> = {
  verb: "topCustomers",
  words: ["top", "clv"],
  usage: "top [N]",
  help: { en: "the N customers (10) worth most: lifetime value = spent so far + expected", zh: "最有价值的 N 位客户（默认 10）：终身价值 = 已消费 + 预计" },
  examples: ["top", "top 5", "top customers 3", "clv"],
  ZArgs,
  mutates: false,
  intents: ["top_customers"],
  fromWords: ({ numbers }) => ({ ok: true, args: { limit: numbers.find((n) => n >= 1 && n <= 50) ?? 10 } }),
  quick: { label: { en: "Top customers", zh: "重要客户" }, args: { limit: 10 } },
  read(words) {
    const rest = words[1]?.toLowerCase() === "customers" ? words.slice(2) : words.slice(1);
    const limit = rest[0] === undefined ? { success: true as const, data: 10 } : ZLimit.safeParse(rest[0]);
    return limit.success ? { ok: true, args: { limit: limit.data } } : { ok: false, usage: "top [1–50]" };
  },
  write: ({ limit }) => `top ${limit}`,
  run: async ({ deps, t }, { limit }) => (deps.analytics ? deps.analytics.topCustomers(limit) : [{ text: t.notAvailable("top") }]),
};

/** `sales [today|yesterday|7|30|90]`: revenue, orders and best sellers so far, against the period before. */
import { z } from "zod";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ period: z.union([z.literal("today"), z.literal("yesterday"), z.literal(7), z.literal(30), z.literal(90)]) });
const PERIODS: Record<string, z.infer<typeof ZArgs>["period"]> = { today: "today", yesterday: "yesterday", "7": 7, week: 7, "30": 30, month: 30, "90": 90, quarter: 90 };
const USAGE = "sales [today|yesterday|7|30|90]";

export const salesCommand: OwnerCommand<"sales", z.infer<typeof ZArgs>> = {
  verb: "sales",
  words: ["sales"],
  usage: USAGE,
  help: { en: "revenue, orders and best sellers so far, against the period before", zh: "至今的营业额、订单数和畅销商品，并与上一时段比较" },
  examples: ["sales", "sales yesterday", "sales 7", "sales month", "sales 90"],
  ZArgs,
  mutates: false,
  read(words) {
    const period = PERIODS[words[1]?.toLowerCase() ?? "today"];
    return period !== undefined && words.length <= 2 ? { ok: true, args: { period } } : { ok: false, usage: USAGE };
  },
  write: ({ period }) => `sales ${period}`,
  run: async ({ deps, t }, { period }) => (deps.analytics ? deps.analytics.sales(period) : [{ text: t.notAvailable("sales") }]),
};

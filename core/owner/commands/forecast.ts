/** `forecast [7|14|30]`: revenue and orders ahead, with an 80% interval. */
import { z } from "zod";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ days: z.union([z.literal(7), z.literal(14), z.literal(30)]).optional() });

export const forecastCommand: OwnerCommand<"forecast", z.infer<typeof ZArgs>> = {
  verb: "forecast",
  words: ["forecast"],
  usage: "forecast [7|14|30]",
  help: { en: "revenue and orders ahead, with an 80% interval", zh: "未来的营业额和订单预测，含 80% 区间" },
  examples: ["forecast", "forecast 14", "forecast 30"],
  ZArgs,
  mutates: false,
  intents: ["forecast"],
  fromWords({ numbers, normalized }) {
    // "Next month" is 30 days, "two weeks" / "fortnight" 14.
    const days = numbers.find((n): n is 7 | 14 | 30 => n === 7 || n === 14 || n === 30)
      ?? (/\bmonth\b|下个月|一个月|30天/.test(normalized) ? 30 : /\b(two weeks|fortnight)\b|两周|半个月|14天/.test(normalized) ? 14 : undefined);
    return { ok: true, args: days ? { days } : {} };
  },
  quick: { label: { en: "Forecast", zh: "预测" }, args: {} },
  read(words) {
    const days = words[1] === undefined ? 7 : Number(words[1]);
    return days === 7 || days === 14 || days === 30 ? { ok: true, args: { days } } : { ok: false, usage: "forecast [7|14|30]" };
  },
  write: ({ days }) => (days ? `forecast ${days}` : "forecast"),
  run: async ({ deps, t }, { days }) => (deps.analytics ? deps.analytics.forecast(days) : [{ text: t.notAvailable("forecast") }]),
};

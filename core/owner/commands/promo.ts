/** `promo CODE`: one promo code: its terms, where it stands, its uses, the revenue of its orders and the discount given. */
import { z } from "zod";
import { showPromo } from "../show-promo.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ code: z.string().trim().min(1).max(40) });

export const promoCommand: OwnerCommand<"promo", z.infer<typeof ZArgs>> = {
  verb: "promo",
  words: ["promo"],
  usage: "promo CODE",
  help: { en: "a promo code: its terms, uses, revenue and discount given", zh: "查看优惠码：条件、使用次数、销售额和已优惠金额" },
  examples: ["promo SPRING10"],
  ZArgs,
  mutates: false,
  read(words) {
    if (words.length !== 2 || words[1]!.toLowerCase() === "add") return null;
    return { ok: true, args: { code: words[1]! } };
  },
  write: ({ code }) => `promo ${code}`,
  run: (context, { code }) => showPromo(context, code),
};

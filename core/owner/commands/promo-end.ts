/** `promo CODE end`: the code applies to no new order from now; orders placed with it keep their discount. */
import { z } from "zod";
import { promoSubject } from "../../audit/record-audit-entry.ts";
import { endPromo } from "../../promos/end-promo.ts";
import { readPromoResults } from "../../promos/read-promo-results.ts";
import { showPromo } from "../show-promo.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ code: z.string().trim().min(1).max(40) });

export const promoEndCommand: OwnerCommand<"promoEnd", z.infer<typeof ZArgs>> = {
  verb: "promoEnd",
  words: ["promo"],
  usage: "promo CODE end",
  help: { en: "end a promo code (orders placed with it keep their discount)", zh: "停用优惠码（已下单的订单保留优惠）" },
  examples: ["promo SPRING10 end"],
  ZArgs,
  mutates: true,
  read(words) {
    if (words.length !== 3 || !/^(end|stop|停用|结束)$/i.test(words[2]!)) return null;
    return { ok: true, args: { code: words[1]! } };
  },
  write: ({ code }) => `promo ${code} end`,
  async run(context, { code }) {
    const { deps, t, audit } = context;
    const promo = await endPromo({ db: deps.db, at: deps.clock.now() }, code);
    await audit({ subject: promoSubject(promo.code), before: { endedAt: null }, after: { endedAt: promo.endedAt!.toISOString() } });
    const { orders } = await readPromoResults(deps.db, promo.id);
    return showPromo(context, promo.code, t.promo.ended(promo.code, orders));
  },
};

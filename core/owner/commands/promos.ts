/** `promos`: the promo codes, newest first, each with what it takes off, where it stands and its uses. */
import { z } from "zod";
import { formatMoney } from "../../money.ts";
import { promoLastMoment, promoStatus } from "../show-promo.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const promosCommand: OwnerCommand<"promos", TNoArgs> = {
  verb: "promos",
  words: ["promos"],
  usage: "promos",
  help: { en: "the promo codes, newest first, with where each stands and its uses", zh: "优惠码列表（最新在前），含状态和使用次数" },
  examples: ["promos"],
  ZArgs,
  mutates: false,
  read: (words) => (words.length === 1 ? { ok: true, args: {} } : { ok: false, usage: "promos" }),
  write: () => "promos",
  async run({ deps, t }) {
    const promos = await deps.db.promo.findMany({ orderBy: { id: "desc" }, take: 30 });
    if (promos.length === 0) return [{ text: t.promo.none }];
    const now = deps.clock.now();
    const lines = promos.map((p) => {
      const status = promoStatus(p, now);
      return t.promo.listLine({
        code: p.code,
        value: t.promo.value({ kind: p.kind, percent: p.value, amount: formatMoney(p.value, p.currency) }),
        status: t.promo.statuses[status] ?? status,
        uses: t.promo.uses(p.used, p.maxUses),
        until: promoLastMoment(p, deps.timeZone),
      });
    });
    return [{
      text: [t.promo.listHeading(promos.length), ...lines].join("\n"),
      buttons: [promos.slice(0, 5).map((p) => ({ label: t.promo.showButton(p.code), command: { command: "promo" as const, code: p.code } }))],
    }];
  },
};

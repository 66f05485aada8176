/** `funnel`: leads by funnel stage, now and reached (cumulative); the analytics' weekly funnel when wired. */
import { z } from "zod";
import { FUNNEL_STAGES } from "../../crm/funnel-stages.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const funnelCommand: OwnerCommand<"funnel", TNoArgs> = {
  verb: "funnel",
  words: ["funnel"],
  usage: "funnel",
  help: { en: "leads by funnel stage", zh: "按漏斗阶段统计线索" },
  examples: ["funnel"],
  ZArgs,
  mutates: false,
  intents: ["funnel"],
  quick: { label: { en: "Funnel", zh: "漏斗" }, args: {} },
  read: () => ({ ok: true, args: {} }),
  write: () => "funnel",
  async run({ deps, t }) {
    if (deps.analytics) return deps.analytics.funnel();
    const groups = await deps.db.lead.groupBy({ by: ["stage"], _count: { _all: true } });
    const counts = new Map(groups.map((g) => [g.stage, g._count._all]));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    // Reached = at this stage or further on (the funnel's cumulative view).
    let reached = total;
    const lines = FUNNEL_STAGES.map((stage) => {
      const line = `${stage.padEnd(8)} ${String(counts.get(stage) ?? 0).padStart(5)} ${t.funnel.now} · ${String(reached).padStart(5)} ${t.funnel.reached}`;
      reached -= counts.get(stage) ?? 0;
      return line;
    });
    return [{ text: [t.funnel.heading(total), ...lines].join("\n") }];
  },
};

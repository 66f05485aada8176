/** `automations`: the automations that are not deleted, with their trigger and how much each has sent. */
import { z } from "zod";
import { Prisma } from "../../../prisma/generated/client.ts";
import { ZAutomationTrigger } from "../../automations/automation-trigger.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});
const DAY_MS = 86_400_000;

export const automationsCommand: OwnerCommand<"automations", TNoArgs> = {
  verb: "automations",
  words: ["automations"],
  usage: "automations",
  help: { en: "the automations, with their triggers and what they have sent", zh: "自动化列表：触发条件和发送情况" },
  examples: ["automations"],
  ZArgs,
  mutates: false,
  read: () => ({ ok: true, args: {} }),
  write: () => "automations",
  async run({ deps, t }) {
    const automations = await deps.db.campaign.findMany({ where: { trigger: { not: Prisma.AnyNull }, status: { not: "cancelled" } }, orderBy: { id: "asc" }, take: 50 });
    if (automations.length === 0) return [{ text: t.automation.none }];
    const ids = automations.map((a) => a.id);
    const sent = await deps.db.campaignDelivery.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids }, status: "sent" }, _count: { _all: true } });
    const recent = await deps.db.campaignDelivery.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids }, status: "sent", sentAt: { gt: new Date(deps.clock.now().getTime() - 30 * DAY_MS) } }, _count: { _all: true } });
    const countIn = (groups: typeof sent, id: number) => groups.find((g) => g.campaignId === id)?._count._all ?? 0;
    const lines = automations.map((a) => {
      const trigger = ZAutomationTrigger.safeParse(a.trigger);
      return t.automation.listLine({ id: a.id, name: a.name, status: t.automation.statuses[a.status] ?? a.status, when: trigger.success ? t.automation.trigger(trigger.data) : "?", sent: countIn(sent, a.id), recent: countIn(recent, a.id) });
    });
    return [{
      text: [t.automation.listHeading(automations.length), ...lines].join("\n"),
      buttons: automations.slice(0, 5).map((a) => [{ label: t.automation.showButton(a.id), command: { command: "automation" as const, automationId: a.id } }]),
    }];
  },
};

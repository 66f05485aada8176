/** `audiences`: the saved audiences, each with its definition and how many fit it now. */
import { z } from "zod";
import { createAudienceFacts } from "../../audiences/audience-facts.ts";
import { writeAudienceDefinition } from "../../audiences/audience-definition.ts";
import { findAudienceMembers } from "../../audiences/find-audience-members.ts";
import { listAudiences } from "../../audiences/list-audiences.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const audiencesCommand: OwnerCommand<"audiences", TNoArgs> = {
  verb: "audiences",
  words: ["audiences"],
  usage: "audiences",
  help: { en: "the saved audiences and how many fit each now", zh: "已保存的受众，以及各自当前的人数" },
  examples: ["audiences"],
  ZArgs,
  mutates: false,
  read: () => ({ ok: true, args: {} }),
  write: () => "audiences",
  async run({ deps, t }) {
    const audiences = await listAudiences(deps.db);
    if (audiences.length === 0) return [{ text: t.audiences.none }];
    // One read of the customers and sales serves every audience: they are sized at the same moment.
    const at = deps.clock.now();
    const facts = createAudienceFacts(deps, at);
    const lines = [t.audiences.heading(audiences.length)];
    for (const audience of audiences) {
      if (!audience.definition) {
        lines.push(t.audiences.unreadable(audience.name));
        continue;
      }
      const { counts } = await findAudienceMembers(deps, audience.definition, at, { facts });
      lines.push(t.audiences.line({ name: audience.name, definition: writeAudienceDefinition(audience.definition), total: counts.total, optedIn: counts.optedIn, both: counts.optedInAndReachable }));
    }
    const buttons = audiences.slice(0, 5).map((a) => [{ label: a.name, command: { command: "audience" as const, audience: a.name } }]);
    return [{ text: lines.join("\n"), buttons }];
  },
};

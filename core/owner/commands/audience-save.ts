/** `audience save <name> <definition>`: keeps a definition under a name (replacing the one of that name), and says how many fit it now. */
import { z } from "zod";
import { audienceSubject } from "../../audit/record-audit-entry.ts";
import { writeAudienceDefinition } from "../../audiences/audience-definition.ts";
import { findAudienceMembers } from "../../audiences/find-audience-members.ts";
import { saveAudience } from "../../audiences/save-audience.ts";
import { textAfterWords } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ name: z.string().trim().min(1).max(200), definition: z.string().trim().min(1).max(1_000) });
const USAGE = "audience save <name> <definition>";
/** A name with spaces is quoted, straight or curly (Slack turns quotes curly). */
const QUOTED_NAME = /^["“「']([^"”」']+)["”」']\s*([\s\S]*)$/u;

export const audienceSaveCommand: OwnerCommand<"audienceSave", z.infer<typeof ZArgs>> = {
  verb: "audienceSave",
  words: ["audience"],
  usage: USAGE,
  help: { en: 'save an audience under a name (a name with spaces in quotes: "tea lovers")', zh: '以名称保存受众（含空格的名称请加引号："tea lovers"）' },
  examples: ["audience save lapsed no-order=60d", 'audience save "Lapsed tea lovers" no-order=60d and bought-category=Tea', "audience save zh-vip lang=zh and clv>200"],
  ZArgs,
  mutates: true,
  read(words, line) {
    if (words[1]?.toLowerCase() !== "save") return null;
    const rest = textAfterWords(line, 2);
    const quoted = QUOTED_NAME.exec(rest);
    const [name, definition] = quoted ? [quoted[1]!.trim(), quoted[2]!.trim()] : [rest.split(/\s+/)[0] ?? "", rest.replace(/^\S+\s*/, "")];
    return name && definition ? { ok: true, args: { name, definition } } : { ok: false, usage: USAGE };
  },
  write: ({ name, definition }) => `audience save ${/\s/.test(name) ? `"${name}"` : name} ${definition}`,
  async run({ deps, t, audit }, { name, definition }) {
    const saved = await saveAudience(deps.db, { name, definition, currency: deps.currency });
    await audit({ subject: audienceSubject(saved.name), after: { definition: writeAudienceDefinition(saved.definition), replaced: saved.replaced } });
    const { counts } = await findAudienceMembers(deps, saved.definition);
    return [{
      text: t.audiences.saved({ name: saved.name, definition: writeAudienceDefinition(saved.definition), total: counts.total, replaced: saved.replaced }),
      buttons: [[{ label: saved.name, command: { command: "audience", audience: saved.name } }]],
    }];
  },
};

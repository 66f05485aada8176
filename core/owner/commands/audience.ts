/**
 * `audience <name|definition>`: who is in an audience now: how many, how many of them opted in to
 * marketing and can be reached on a channel, and the first 20 with contact details, lifetime value
 * and last order. Plain words reach it too ("Who hasn't ordered in two months?", "两个月没下单的客户").
 */
import { z } from "zod";
import { writeAudienceDefinition } from "../../audiences/audience-definition.ts";
import { findAudienceMembers, type AudienceMember } from "../../audiences/find-audience-members.ts";
import { readAudienceWords } from "../../audiences/read-audience-words.ts";
import { resolveAudience } from "../../audiences/resolve-audience.ts";
import { localDate } from "../../digest/time-zone.ts";
import { describeRefusal, type OwnerMessages } from "../../i18n/owner.ts";
import { formatMoney } from "../../money.ts";
import { textAfterWords } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ audience: z.string().trim().min(1).max(1_000) });
/** How many members the answer lists. */
export const AUDIENCE_LIST_LIMIT = 20;

/** One member's line: who, how to reach them, what they are worth, when they last ordered. */
export function describeAudienceMember(t: OwnerMessages, member: AudienceMember, rank: number, shop: { currency: string; timeZone?: string }): string {
  const money = (minor: number) => formatMoney(minor, shop.currency);
  return t.audiences.member({
    rank,
    id: member.customerId,
    name: member.name ?? t.noName,
    contact: [member.email, member.phone].filter(Boolean).join(", ") || t.noContact,
    clv: member.lifetimeValueMinor === null ? "—" : money(member.lifetimeValueMinor),
    lastOrder: member.lastOrder ? t.audiences.lastOrder(localDate(member.lastOrder.at, shop.timeZone), money(member.lastOrder.totalMinor)) : t.audiences.noOrder,
    optedIn: member.marketingConsent,
    reachable: member.reachableOn.length > 0,
  });
}

export const audienceCommand: OwnerCommand<"audience", z.infer<typeof ZArgs>> = {
  verb: "audience",
  words: ["audience"],
  usage: "audience <name|definition>",
  help: {
    en: "who is in an audience now: how many, opted in, reachable, and the first 20 (definitions: README, Audiences)",
    zh: "受众当前有哪些人：人数、同意营销的人数、可联系的人数，以及前 20 位（定义写法见 README 的 Audiences 一节）",
  },
  examples: ["audience no-order=60d", "audience segment=at_risk and not bought=TEA-001 within=30d", "audience hot>0.4 or clv>100", "audience lapsed"],
  ZArgs,
  mutates: false,
  intents: ["audience"],
  async fromWords(words) {
    const audience = await readAudienceWords(words);
    return audience ? { ok: true, args: { audience } } : { ok: false, ask: (t) => t.whichAudience };
  },
  read(words, line) {
    const second = words[1]?.toLowerCase();
    // `audience save …` and `audience delete …` are their own commands.
    if (second === "save" || second === "delete") return null;
    const audience = textAfterWords(line, 1);
    return audience ? { ok: true, args: { audience } } : { ok: false, usage: "audience <name|definition>" };
  },
  write: ({ audience }) => `audience ${audience}`,
  async run({ deps, t, locale }, { audience }) {
    const resolved = await resolveAudience(deps.db, audience, { currency: deps.currency });
    if (!resolved.ok) return [{ text: describeRefusal(locale, resolved.refusal) }];
    const result = await findAudienceMembers(deps, resolved.definition);
    const { counts, members } = result;
    const shown = members.slice(0, AUDIENCE_LIST_LIMIT);
    const shop = { currency: deps.currency, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) };
    const lines = [
      t.audiences.title(resolved.name, writeAudienceDefinition(resolved.definition)),
      t.audiences.counts({ total: counts.total, optedIn: counts.optedIn, reachable: counts.reachable, both: counts.optedInAndReachable }),
      ...(shown.length === 0 ? [t.audiences.empty] : [t.audiences.first(shown.length, members.length), ...shown.map((m, i) => describeAudienceMember(t, m, i + 1, shop))]),
    ];
    const buttons = shown.slice(0, 3).map((m) => [{ label: t.customerButton(m.customerId), command: { command: "customer" as const, customerId: m.customerId } }]);
    return [{ text: lines.join("\n"), ...(buttons.length > 0 ? { buttons } : {}) }];
  },
};

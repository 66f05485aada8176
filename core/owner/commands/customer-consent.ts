/**
 * `customer <id> consent on|off`: the owner records a customer's marketing consent (they said so on
 * the phone, by email, at the market stall), kept with its time and "owner" as its source beside the
 * customer's own statements, whose history the answer shows.
 */
import { z } from "zod";
import { customerSubject } from "../../audit/record-audit-entry.ts";
import { recordConsent } from "../../crm/record-consent.ts";
import { formatOwnerDate, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ customerId: ZId, given: z.boolean() });
const USAGE = "customer <id> consent on|off";
const ON = /^(on|yes|true|given|opt-?in)$/i;
const OFF = /^(off|no|false|withdrawn|opt-?out)$/i;
/** How many of the customer's statements the answer lists. */
const HISTORY_SHOWN = 10;

export const customerConsentCommand: OwnerCommand<"customerConsent", z.infer<typeof ZArgs>> = {
  verb: "customerConsent",
  words: ["customer"],
  usage: USAGE,
  help: { en: "record a customer's consent to marketing messages (or its withdrawal), and see its history", zh: "记录客户是否同意接收营销消息（或撤回），并查看记录" },
  examples: ["customer 7 consent on", "customer 7 consent off"],
  ZArgs,
  mutates: true,
  read(words) {
    if (!/^consent$/i.test(words[2] ?? "")) return null;
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    const value = words[3] ?? "";
    if (!id.success || words.length > 4 || !(ON.test(value) || OFF.test(value))) return { ok: false, usage: USAGE };
    return { ok: true, args: { customerId: id.data, given: ON.test(value) } };
  },
  write: ({ customerId, given }) => `customer ${customerId} consent ${given ? "on" : "off"}`,
  async run({ deps, t, actor, audit }, { customerId, given }) {
    const { customer, changed } = await recordConsent({ db: deps.db }, { customerId, given, source: "owner", at: deps.clock.now(), actor });
    await audit({ subject: customerSubject(customerId), before: { marketingConsent: changed ? !given : given }, after: { marketingConsent: given } });
    const history = await deps.db.consentChange.findMany({ where: { customerId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: HISTORY_SHOWN });
    const who = `${t.customerButton(customer.id)} ${customer.name ?? t.noName}`;
    return [{
      text: [
        t.consent.set(who, given, changed),
        t.consent.historyHeading,
        ...history.map((h) => t.consent.line(formatOwnerDate(h.at), h.given, h.source, h.actor)),
      ].join("\n"),
      buttons: [[{ label: t.customerButton(customer.id), command: { command: "customer", customerId: customer.id } }]],
    }];
  },
};

/** `audit [N|customer <id>|product <sku>]`: the audit trail, newest first: who changed what, and from what to what. */
import { z } from "zod";
import { listAuditEntries } from "../../audit/list-audit-entries.ts";
import { productSubject, subjectsAboutCustomer } from "../../audit/record-audit-entry.ts";
import { formatOwnerDate, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  customerId: ZId.optional(),
  sku: z.string().min(1).max(64).optional(),
}).refine((a) => !(a.customerId !== undefined && a.sku !== undefined), "one customer or one product");
type TArgs = z.infer<typeof ZArgs>;
const USAGE = "audit [N|customer <id>|product <sku>]";
const DEFAULT_LIMIT = 20;
/** How much of a value one line shows. */
const VALUE_CHARS = 160;

function shown(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const json = JSON.stringify(value);
  return json.length > VALUE_CHARS ? `${json.slice(0, VALUE_CHARS - 1)}…` : json;
}

export const auditCommand: OwnerCommand<"audit", TArgs> = {
  verb: "audit",
  words: ["audit"],
  usage: USAGE,
  help: { en: "who changed what, newest first: the last N changes (20), or those about a customer or a product", zh: "谁改了什么，最新在前：最近 N 条（默认 20 条），或某位客户、某个商品的记录" },
  examples: ["audit", "audit 50", "audit customer 7", "audit product TEA-001", "audit customer 7 100"],
  ZArgs,
  mutates: false,
  read(words) {
    const [, first, second, third, ...rest] = words;
    if (first === undefined) return { ok: true, args: {} };
    const kind = first.toLowerCase();
    // `audit customer 7 [N]`, `audit product TEA-001 [N]`, `audit [N]`.
    const filter = kind === "customer" ? { customerId: second?.replace(/^#/, "") } : kind === "product" ? { sku: second } : null;
    const limit = filter ? third : first;
    if (rest.length > 0 || (filter ? second === undefined : second !== undefined)) return { ok: false, usage: USAGE };
    const args = ZArgs.safeParse({ ...filter, ...(limit !== undefined ? { limit } : {}) });
    return args.success ? { ok: true, args: args.data } : { ok: false, usage: USAGE };
  },
  write: ({ limit, customerId, sku }) => ["audit", ...(customerId !== undefined ? [`customer ${customerId}`] : []), ...(sku !== undefined ? [`product ${sku}`] : []), ...(limit !== undefined ? [String(limit)] : [])].join(" "),
  async run({ deps, t }, { limit, customerId, sku }) {
    // A product's entries are under its SKU as the catalog writes it ("tea-001" finds TEA-001's).
    const product = sku !== undefined ? await deps.db.product.findFirst({ where: { sku: { equals: sku, mode: "insensitive" } }, select: { sku: true } }) : null;
    const subjects = customerId !== undefined ? await subjectsAboutCustomer(deps.db, customerId) : sku !== undefined ? [productSubject(product?.sku ?? sku)] : undefined;
    const entries = await listAuditEntries(deps.db, { limit: limit ?? DEFAULT_LIMIT, ...(subjects ? { subjects } : {}) });
    const about = customerId !== undefined ? t.customerRef(customerId) : sku !== undefined ? product?.sku ?? sku : null;
    if (entries.length === 0) return [{ text: t.audit.none(about) }];
    return [{
      text: [
        t.audit.heading(entries.length, about),
        ...entries.map((e) => `${formatOwnerDate(e.at)} · ${e.actor} · ${e.action} · ${e.subject} · ${shown(e.before)} → ${shown(e.after)}`),
      ].join("\n"),
    }];
  },
};

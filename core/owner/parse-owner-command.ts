/**
 * The owner's command language, the same in the console, `npm run chat` and Slack's `/shop`:
 * a verb, arguments, and `key=value` fields (values with spaces in double quotes). Parsing is pure
 * and validated with zod; a malformed command gets a usage line, never an exception.
 */
import { z } from "zod";

export type TOwnerCommand =
  | { command: "help" }
  | { command: "settings" }
  | { command: "leads"; all: boolean }
  | { command: "lead"; leadId: number }
  | { command: "orders"; filter: "open" | "all" | "placed" | "paid" | "shipped" | "delivered" | "cancelled" | "today" | "yesterday" }
  /**
   * `force`: "order 12 shipped anyway", shipping an order that has no delivery address on file.
   * `trackingRef`: "order 12 shipped RM123456789GB", the parcel's tracking number or link.
   */
  | { command: "order"; orderId: number; to?: "paid" | "shipped" | "delivered" | "cancelled"; force?: boolean; trackingRef?: string }
  /** "order 12 tracking RM123…": the tracking number of an order, given or corrected after the fact. */
  | { command: "tracking"; orderId: number; trackingRef: string }
  /** "order 12 refunded [reference]": the money of a paid, cancelled order was given back. */
  | { command: "refund"; orderId: number; reference?: string }
  | { command: "refunds" }
  | { command: "stock"; lowOnly: boolean }
  | { command: "setStock"; sku: string; quantity: number }
  | { command: "restock"; sku: string; quantity: number }
  | { command: "productAdd"; fields: Record<string, string> }
  | { command: "productUpdate"; sku: string; fields: Record<string, string> }
  | { command: "customers"; query: string }
  | { command: "customer"; customerId: number }
  | { command: "funnel" }
  | { command: "inbox" }
  | { command: "reply"; conversationId: number; text: string }
  | { command: "resume"; conversationId: number }
  | { command: "forecast"; days?: 7 | 14 | 30 }
  | { command: "sales"; period: TSalesPeriod }
  | { command: "digest" }
  | { command: "segments" }
  | { command: "topCustomers"; limit: number }
  | { command: "hotLeads"; limit: number }
  | { command: "faqList" }
  | { command: "faqAdd"; question: string; answer: string }
  | { command: "faqRemove"; entryId: number }
  | { command: "backup" };

/** "today" and "yesterday" are calendar days in the shop's time zone; 7 and 30 are the last days up to now. */
export type TSalesPeriod = "today" | "yesterday" | 7 | 30;

const SALES_PERIODS: Record<string, TSalesPeriod> = { today: "today", yesterday: "yesterday", "7": 7, week: 7, "30": 30, month: 30 };

export type TParseResult = { ok: true; value: TOwnerCommand } | { ok: false; error: string };

export const OWNER_USAGE = [
  "help — this list",
  "leads [all] — newest leads with stage and contact",
  "lead <id> — one lead with its stage history",
  "orders [all|placed|paid|shipped|delivered|cancelled|today|yesterday] — open orders first; today/yesterday: placed that day",
  "order <id> [paid|shipped|delivered|cancel] — show or move an order (shipped anyway: with no address on file)",
  "order <id> shipped <tracking number or link> — ship and send the customer the tracking; order <id> tracking <…> — give or correct it later",
  "order <id> refunded [reference] — record that you gave back a cancelled order's payment; refunds — what is still owed",
  "stock [low] — stock levels",
  "stock <sku> <qty> — set stock; restock <sku> <qty> — add to stock",
  'product add sku=TEA-9 name="Jasmine tea" price=8.50 category=Tea stock=20 [description="…" tags=a,b name_zh=… category_zh=… image=https://…]',
  "product update <sku> price=9.00 [stock=… name=… description=… active=no …]",
  "customers <name, email or phone> — find customers; customer <id> — one customer",
  "funnel — leads by funnel stage",
  "inbox — conversations waiting for you; reply <conversation> <text>; resume <conversation>",
  "sales [today|yesterday|7|30] — revenue, orders and best sellers so far, against the period before",
  "forecast [7|14|30] — revenue and orders ahead, with an 80% interval",
  "digest — today's digest now; segments — customer segments (RFM)",
  "top [N] — the N customers (10) worth most: lifetime value = spent so far + expected",
  "hot [N] — whom to follow up: the N customers (10) most likely to order within 14 days, and why",
  "faq — your answers to common questions; faq add <question> | <answer>; faq remove <id>",
  "backup — a copy of the whole database now (kept under the data directory)",
  "settings — delivery charge, payment and shipping texts, schedules and channels, with the variables that set them",
];

/** The verbs {@link parseOwnerCommand} knows: a message starting with one is a typed command, not free text to interpret. */
export const OWNER_VERBS: ReadonlySet<string> = new Set([
  "help", "leads", "lead", "orders", "order", "stock", "restock", "product", "customers", "customer", "funnel", "inbox", "handoffs",
  "reply", "resume", "forecast", "sales", "digest", "segments", "top", "clv", "hot", "faq", "backup", "settings", "config", "refunds",
]);

const ZId = z.coerce.number().int().positive().max(2_147_483_647);
const ZQty = z.coerce.number().int().min(0).max(1_000_000);
/**
 * A carrier's tracking number ("RM123456789GB", "JD0002 2499 1234") or tracking link. Numbers always
 * have digits, which keeps a stray word ("order 12 shipped later") from being taken for one.
 */
export const ZTrackingRef = z.string().trim().min(3).max(200).refine((ref) => /\d/.test(ref) || /^https?:\/\/\S+$/i.test(ref), "a tracking number has digits, or is a link");

const ORDER_TARGETS: Record<string, "paid" | "shipped" | "delivered" | "cancelled"> = {
  paid: "paid", pay: "paid", shipped: "shipped", ship: "shipped", delivered: "delivered", deliver: "delivered", cancel: "cancelled", cancelled: "cancelled", canceled: "cancelled",
};

/** Splits `a b="c d" e` into words, keeping quoted values whole. */
export function tokenize(input: string): string[] {
  const tokens: string[] = [];
  const pattern = /([^\s"=]+=)?"([^"]*)"|(\S+)/g;
  for (const match of input.matchAll(pattern)) tokens.push(match[1] !== undefined ? match[1] + match[2] : match[2] !== undefined ? match[2] : match[3]!);
  return tokens;
}

function parseFields(tokens: string[]): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const token of tokens) {
    const eq = token.indexOf("=");
    if (eq > 0) fields[token.slice(0, eq).toLowerCase()] = token.slice(eq + 1);
    else rest.push(token);
  }
  return { fields, rest };
}

export function parseOwnerCommand(input: string): TParseResult {
  const tokens = tokenize(input.trim().replace(/^\/?shop\s+/i, "").replace(/^\//, ""));
  const verb = tokens[0]?.toLowerCase();
  const args = tokens.slice(1);
  const usage = (line: string): TParseResult => ({ ok: false, error: `Usage: ${line}` });
  switch (verb) {
    case undefined:
    case "help":
    case "?":
      return { ok: true, value: { command: "help" } };
    case "refunds":
      return { ok: true, value: { command: "refunds" } };
    case "settings":
    case "config":
      return { ok: true, value: { command: "settings" } };
    case "leads":
      if (args[0]?.toLowerCase() === "hot") return parseOwnerCommand(`hot ${args.slice(1).join(" ")}`);
      return { ok: true, value: { command: "leads", all: args[0]?.toLowerCase() === "all" } };
    case "lead": {
      const id = ZId.safeParse(args[0]);
      return id.success ? { ok: true, value: { command: "lead", leadId: id.data } } : usage("lead <id>");
    }
    case "orders": {
      const filter = (args[0]?.toLowerCase() ?? "open") as "open";
      return ["open", "all", "placed", "paid", "shipped", "delivered", "cancelled", "today", "yesterday"].includes(filter)
        ? { ok: true, value: { command: "orders", filter } }
        : usage("orders [all|placed|paid|shipped|delivered|cancelled|today|yesterday]");
    }
    case "order": {
      const id = ZId.safeParse(args[0]?.replace(/^#/, ""));
      if (!id.success) return usage("order <id> [paid|shipped|delivered|cancel]");
      if (args[1] === undefined) return { ok: true, value: { command: "order", orderId: id.data } };
      if (/^refund(ed)?$/i.test(args[1])) {
        const reference = args.slice(2).join(" ").trim();
        return { ok: true, value: { command: "refund", orderId: id.data, ...(reference ? { reference } : {}) } };
      }
      if (/^tracking$/i.test(args[1])) {
        const trackingRef = ZTrackingRef.safeParse(args.slice(2).join(" "));
        return trackingRef.success ? { ok: true, value: { command: "tracking", orderId: id.data, trackingRef: trackingRef.data } } : usage("order <id> tracking <tracking number or link>");
      }
      const to = ORDER_TARGETS[args[1].toLowerCase()];
      if (!to) return usage("order <id> [paid|shipped|delivered|cancel]");
      let rest = args.slice(2);
      const force = to === "shipped" && rest[0] !== undefined && ["anyway", "force"].includes(rest[0].toLowerCase());
      if (force) rest = rest.slice(1);
      if (rest.length === 0) return { ok: true, value: { command: "order", orderId: id.data, to, ...(force ? { force } : {}) } };
      // Only shipping carries more: the tracking number ("order 12 shipped [tracking] RM123456789GB").
      if (to !== "shipped") return usage("order <id> [paid|shipped|delivered|cancel]");
      if (rest[0]!.toLowerCase() === "tracking") rest = rest.slice(1);
      const trackingRef = ZTrackingRef.safeParse(rest.join(" "));
      if (!trackingRef.success) return usage("order <id> shipped [anyway] [tracking number or link]");
      return { ok: true, value: { command: "order", orderId: id.data, to, ...(force ? { force } : {}), trackingRef: trackingRef.data } };
    }
    case "stock": {
      if (args.length === 0 || args[0]?.toLowerCase() === "low") return { ok: true, value: { command: "stock", lowOnly: args[0]?.toLowerCase() === "low" } };
      const quantity = ZQty.safeParse(args[1]);
      return args[0] && quantity.success ? { ok: true, value: { command: "setStock", sku: args[0], quantity: quantity.data } } : usage("stock <sku> <quantity 0–1000000>");
    }
    case "restock": {
      const quantity = ZQty.safeParse(args[1]);
      return args[0] && quantity.success && quantity.data > 0 ? { ok: true, value: { command: "restock", sku: args[0], quantity: quantity.data } } : usage("restock <sku> <quantity 1–1000000>");
    }
    case "product": {
      const sub = args[0]?.toLowerCase();
      if (sub === "add") {
        const { fields } = parseFields(args.slice(1));
        return { ok: true, value: { command: "productAdd", fields } };
      }
      if (sub === "update") {
        const { fields, rest } = parseFields(args.slice(1));
        return rest[0] ? { ok: true, value: { command: "productUpdate", sku: rest[0], fields } } : usage("product update <sku> field=value …");
      }
      return usage('product add sku=… name="…" price=… category=… | product update <sku> field=value …');
    }
    case "customers": {
      const query = args.join(" ").trim();
      return query ? { ok: true, value: { command: "customers", query } } : usage("customers <name, email or phone>");
    }
    case "customer": {
      const id = ZId.safeParse(args[0]);
      return id.success ? { ok: true, value: { command: "customer", customerId: id.data } } : usage("customer <id>");
    }
    case "funnel": return { ok: true, value: { command: "funnel" } };
    case "inbox":
    case "handoffs": return { ok: true, value: { command: "inbox" } };
    case "reply": {
      const id = ZId.safeParse(args[0]);
      const text = input.trim().replace(/^\/?(shop\s+)?reply\s+\S+\s*/i, "");
      return id.success && text ? { ok: true, value: { command: "reply", conversationId: id.data, text } } : usage("reply <conversation> <text>");
    }
    case "resume": {
      const id = ZId.safeParse(args[0]);
      return id.success ? { ok: true, value: { command: "resume", conversationId: id.data } } : usage("resume <conversation>");
    }
    case "forecast": {
      const days = args[0] === undefined ? 7 : Number(args[0]);
      return days === 7 || days === 14 || days === 30 ? { ok: true, value: { command: "forecast", days } } : usage("forecast [7|14|30]");
    }
    case "sales": {
      const period = SALES_PERIODS[args[0]?.toLowerCase() ?? "today"];
      return period !== undefined && args.length <= 1 ? { ok: true, value: { command: "sales", period } } : usage("sales [today|yesterday|7|30]");
    }
    case "digest": return { ok: true, value: { command: "digest" } };
    case "segments": return { ok: true, value: { command: "segments" } };
    case "top":
    case "clv": {
      const rest = args[0]?.toLowerCase() === "customers" ? args.slice(1) : args;
      const limit = rest[0] === undefined ? { success: true as const, data: 10 } : z.coerce.number().int().min(1).max(50).safeParse(rest[0]);
      return limit.success ? { ok: true, value: { command: "topCustomers", limit: limit.data } } : usage("top [1–50]");
    }
    case "hot": {
      const rest = args[0]?.toLowerCase() === "leads" ? args.slice(1) : args;
      const limit = rest[0] === undefined ? { success: true as const, data: 10 } : z.coerce.number().int().min(1).max(50).safeParse(rest[0]);
      return limit.success && rest.length <= 1 ? { ok: true, value: { command: "hotLeads", limit: limit.data } } : usage("hot [1–50]");
    }
    case "faq": {
      const sub = args[0]?.toLowerCase();
      if (sub === undefined || sub === "list") return { ok: true, value: { command: "faqList" } };
      if (sub === "add") {
        // Everything after "faq add", split at the first "|": quotes are not needed (Slack turns them curly).
        const rest = input.trim().replace(/^\/?(shop\s+)?faq\s+add\s*/i, "");
        const bar = rest.indexOf("|");
        const unquote = (s: string) => s.trim().replace(/^["“”']+|["“”']+$/g, "").trim();
        return bar > 0 ? { ok: true, value: { command: "faqAdd", question: unquote(rest.slice(0, bar)), answer: unquote(rest.slice(bar + 1)) } } : usage("faq add <question> | <answer>");
      }
      if (sub === "remove" || sub === "delete" || sub === "rm") {
        const id = ZId.safeParse(args[1]);
        return id.success ? { ok: true, value: { command: "faqRemove", entryId: id.data } } : usage("faq remove <id>");
      }
      return usage("faq | faq add <question> | <answer> | faq remove <id>");
    }
    case "backup": return { ok: true, value: { command: "backup" } };
    default:
      return { ok: false, error: `I don't know "${verb}". Type help for the list of commands.` };
  }
}

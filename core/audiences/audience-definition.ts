/**
 * What an audience is once its words are read: a small tree of terms (who opted in, a segment, hot
 * leads, what they bought, when they last ordered, what they are worth, their language, their funnel
 * stage) joined by and / or / not. The parser (`parse-audience-definition.ts`) builds it, the
 * database keeps it as JSON (checked against {@link ZAudienceDefinition} on every read), and
 * {@link writeAudienceDefinition} writes it back as the text that reads the same, so the owner always
 * sees a definition in the language they type.
 *
 * The language, in short (README, "Audiences"):
 *
 * ```
 * definition := or
 * or         := and { "or" and }
 * and        := unary { ["and"] unary }          terms side by side mean "and"
 * unary      := "not" unary | "(" or ")" | term
 * term       := opted-in | everyone
 *             | segment=<key or name>             at_risk, "At risk", 流失风险
 *             | hot>0.4 | hot>=40%                chance to order within 14 days
 *             | bought=<SKU> [within=<days>]      ever, or within the last N days; never = not bought=…
 *             | bought-category=<name> [within=<days>]
 *             | no-order=<days>                   ordered before, but not in the last N days
 *             | clv>100 | spent>100               lifetime value / spent so far, in the shop's currency
 *             | lang=en|zh
 *             | stage=<stage> | stage>=<stage>    funnel stage (visitor … repeat)
 * days       := 30d | 8w | 30
 * ```
 */
import { z } from "zod";
import { FUNNEL_STAGES, type FunnelStage } from "../analytics/funnel/compute-funnel.ts";
import type { SegmentKey } from "../analytics/segments/segment-customers.ts";
import { minorUnitDigits } from "../money.ts";

/** The segment keys the segmentation engine names (core/analytics/segments), in the digest catalog's order. */
export const SEGMENT_KEYS = ["champions", "loyal", "promising", "new", "needs_attention", "at_risk", "hibernating", "lost"] as const satisfies readonly SegmentKey[];

/** Longest definition text read, and how deep parentheses and `not`s may nest: an owner's audience is a line, not a program. */
export const MAX_DEFINITION_LENGTH = 1_000;
export const MAX_DEFINITION_DEPTH = 20;
/** "within" and "no-order" reach back at most ten years. */
export const MAX_DAYS = 3_650;

/** A threshold: above it (`>`), or at least it (`>=`). */
type Threshold = {
  inclusive: boolean;
};

/** One condition on a customer. */
export type TAudienceTerm =
  | { kind: "everyone" }
  /** Customer.marketingConsent is on. */
  | { kind: "optedIn" }
  | { kind: "segment"; segment: SegmentKey }
  /** The lead scorer's chance to order within 14 days, 0…1. */
  | ({ kind: "hot"; probability: number } & Threshold)
  /** Bought the product (a sold order: placed or later, not cancelled), ever or within the last `withinDays` calendar days. */
  | { kind: "bought"; sku: string; withinDays?: number }
  | { kind: "boughtCategory"; category: string; withinDays?: number }
  /** Has a sold order, but none in the last `days` calendar days. */
  | { kind: "noOrder"; days: number }
  /** Lifetime value (spent so far + expected, the `top` command's figure) in minor units of `currency`. */
  | ({ kind: "clv"; amountMinor: number; currency: string } & Threshold)
  /** Spent so far (sold orders' totals) in minor units of `currency`. */
  | ({ kind: "spent"; amountMinor: number; currency: string } & Threshold)
  | { kind: "lang"; locale: "en" | "zh" }
  /** Lead.stage is `stage`, or with `orLater` that stage or a later one. */
  | { kind: "stage"; stage: FunnelStage; orLater: boolean };

/** An audience: terms joined by and / or / not. */
export type TAudienceDefinition =
  | TAudienceTerm
  | { kind: "and"; of: TAudienceDefinition[] }
  | { kind: "or"; of: TAudienceDefinition[] }
  | { kind: "not"; of: TAudienceDefinition };

const ZDays = z.number().int().min(1).max(MAX_DAYS);
const ZAmount = { amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), currency: z.string().regex(/^[A-Z]{3}$/), inclusive: z.boolean() };
const ZName = z.string().trim().min(1).max(200);

/** The stored form of an audience, checked on every read: a definition an older version wrote that no longer fits is refused, never guessed at. */
export const ZAudienceDefinition: z.ZodType<TAudienceDefinition> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("everyone") }).strict(),
    z.object({ kind: z.literal("optedIn") }).strict(),
    z.object({ kind: z.literal("segment"), segment: z.enum(SEGMENT_KEYS) }).strict(),
    z.object({ kind: z.literal("hot"), probability: z.number().min(0).max(1), inclusive: z.boolean() }).strict(),
    z.object({ kind: z.literal("bought"), sku: ZName, withinDays: ZDays.optional() }).strict(),
    z.object({ kind: z.literal("boughtCategory"), category: ZName, withinDays: ZDays.optional() }).strict(),
    z.object({ kind: z.literal("noOrder"), days: ZDays }).strict(),
    z.object({ kind: z.literal("clv"), ...ZAmount }).strict(),
    z.object({ kind: z.literal("spent"), ...ZAmount }).strict(),
    z.object({ kind: z.literal("lang"), locale: z.enum(["en", "zh"]) }).strict(),
    z.object({ kind: z.literal("stage"), stage: z.enum(FUNNEL_STAGES), orLater: z.boolean() }).strict(),
    z.object({ kind: z.literal("and"), of: z.array(ZAudienceDefinition).min(2) }).strict(),
    z.object({ kind: z.literal("or"), of: z.array(ZAudienceDefinition).min(2) }).strict(),
    z.object({ kind: z.literal("not"), of: ZAudienceDefinition }).strict(),
  ]),
);

/** A value as the lexer reads it back: bare when it has no space, quote, parenthesis or operator, quoted otherwise. */
function writeValue(value: string): string {
  if (value !== "" && !/[\s"'“”「」()（）=<>＝＞＜]/u.test(value)) return value;
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** Minor units as the plain decimal the parser reads ("100.00" for 10000 GBP, "500" for 500 JPY), without float rounding. */
function writeAmount(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const text = String(minor).padStart(digits + 1, "0");
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function writeTerm(term: TAudienceTerm): string {
  const op = (t: Threshold) => (t.inclusive ? ">=" : ">");
  const within = (days: number | undefined) => (days === undefined ? "" : ` within=${days}d`);
  switch (term.kind) {
    case "everyone": return "everyone";
    case "optedIn": return "opted-in";
    case "segment": return `segment=${term.segment}`;
    case "hot": return `hot${op(term)}${term.probability}`;
    case "bought": return `bought=${writeValue(term.sku)}${within(term.withinDays)}`;
    case "boughtCategory": return `bought-category=${writeValue(term.category)}${within(term.withinDays)}`;
    case "noOrder": return `no-order=${term.days}d`;
    case "clv": return `clv${op(term)}${writeAmount(term.amountMinor, term.currency)}`;
    case "spent": return `spent${op(term)}${writeAmount(term.amountMinor, term.currency)}`;
    case "lang": return `lang=${term.locale}`;
    case "stage": return `stage${term.orLater ? ">=" : "="}${term.stage}`;
  }
}

/** How tightly each node binds: a child that binds more loosely than its parent needs parentheses. */
const BINDING = { or: 1, and: 2, not: 3, term: 4 } as const;
const bindingOf = (d: TAudienceDefinition) => (d.kind === "or" || d.kind === "and" || d.kind === "not" ? BINDING[d.kind] : BINDING.term);

/**
 * The definition as text that parses back to the same tree (tested), with parentheses only where
 * and / or / not need them: `segment=at_risk and not bought=TEA-001 within=30d`.
 */
export function writeAudienceDefinition(definition: TAudienceDefinition): string {
  const child = (d: TAudienceDefinition, parent: number) => (bindingOf(d) < parent ? `(${writeAudienceDefinition(d)})` : writeAudienceDefinition(d));
  switch (definition.kind) {
    // An `and` inside an `or`'s list binds more tightly and needs none; the other way round it does.
    case "or": return definition.of.map((d) => child(d, BINDING.or + 1)).join(" or ");
    case "and": return definition.of.map((d) => child(d, BINDING.and + 1)).join(" and ");
    case "not": return `not ${child(definition.of, BINDING.not)}`;
    default: return writeTerm(definition);
  }
}

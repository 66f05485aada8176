/**
 * The audience definition language read as tables: what each line means, that it writes back as a
 * line that reads the same, and where and why a line that does not read stops, worded for the owner
 * in English and Chinese. No database.
 */
import { describe, expect, it } from "vitest";
import { writeAudienceDefinition, ZAudienceDefinition, type TAudienceDefinition } from "../../core/audiences/audience-definition.ts";
import { parseAudienceDefinition, type TAudienceSyntaxError } from "../../core/audiences/parse-audience-definition.ts";
import { describeRefusal } from "../../core/i18n/owner.ts";

const parse = (text: string, currency = "GBP") => parseAudienceDefinition(text, { currency });
const gbp = (amountMinor: number, inclusive = false) => ({ amountMinor, currency: "GBP", inclusive });
const boughtTea30: TAudienceDefinition = { kind: "bought", sku: "TEA-001", withinDays: 30 };

describe("reading audience definitions", () => {
  it.each<[string, TAudienceDefinition]>([
    ["opted-in", { kind: "optedIn" }],
    ["everyone", { kind: "everyone" }],
    ["segment=at_risk", { kind: "segment", segment: "at_risk" }],
    ['segment="At risk"', { kind: "segment", segment: "at_risk" }],
    ["segment=流失风险", { kind: "segment", segment: "at_risk" }],
    ["segment=Needs-Attention", { kind: "segment", segment: "needs_attention" }],
    ["segment = champions", { kind: "segment", segment: "champions" }],
    ["hot>0.4", { kind: "hot", probability: 0.4, inclusive: false }],
    ["hot>=40%", { kind: "hot", probability: 0.4, inclusive: true }],
    ["hot>.25", { kind: "hot", probability: 0.25, inclusive: false }],
    ["bought=TEA-001", { kind: "bought", sku: "TEA-001" }],
    ["bought=TEA-001 within=30d", boughtTea30],
    ['bought-category="Home Fragrance" within=4w', { kind: "boughtCategory", category: "Home Fragrance", withinDays: 28 }],
    ["bought-category=茶叶", { kind: "boughtCategory", category: "茶叶" }],
    ["no-order=60d", { kind: "noOrder", days: 60 }],
    ["no-order=60", { kind: "noOrder", days: 60 }],
    ["no-order=8w", { kind: "noOrder", days: 56 }],
    ["no-order=90天", { kind: "noOrder", days: 90 }],
    ["clv>100", { kind: "clv", ...gbp(10_000) }],
    ["clv>£49.50", { kind: "clv", ...gbp(4_950) }],
    ["spent>=1,000", { kind: "spent", ...gbp(100_000, true) }],
    ["lang=zh", { kind: "lang", locale: "zh" }],
    ["language=English", { kind: "lang", locale: "en" }],
    ["lang=中文", { kind: "lang", locale: "zh" }],
    ["stage=lead", { kind: "stage", stage: "lead", orLater: false }],
    ["stage>=cart", { kind: "stage", stage: "cart", orLater: true }],
    ['stage="Repeat buyers"', { kind: "stage", stage: "repeat", orLater: false }],
    ["stage=线索", { kind: "stage", stage: "lead", orLater: false }],
    ["segment=at_risk and not bought=TEA-001 within=30d", { kind: "and", of: [{ kind: "segment", segment: "at_risk" }, { kind: "not", of: boughtTea30 }] }],
    ["no-order=60d and lang=zh", { kind: "and", of: [{ kind: "noOrder", days: 60 }, { kind: "lang", locale: "zh" }] }],
    ["hot>0.4 or clv>100", { kind: "or", of: [{ kind: "hot", probability: 0.4, inclusive: false }, { kind: "clv", ...gbp(10_000) }] }],
    // and binds more tightly than or; parentheses say otherwise.
    ["opted-in or lang=zh and no-order=30d", { kind: "or", of: [{ kind: "optedIn" }, { kind: "and", of: [{ kind: "lang", locale: "zh" }, { kind: "noOrder", days: 30 }] }] }],
    ["(opted-in or lang=zh) and no-order=30d", { kind: "and", of: [{ kind: "or", of: [{ kind: "optedIn" }, { kind: "lang", locale: "zh" }] }, { kind: "noOrder", days: 30 }] }],
    // Terms side by side mean and; keywords in any case; not binds to the term after it.
    ["opted-in lang=zh", { kind: "and", of: [{ kind: "optedIn" }, { kind: "lang", locale: "zh" }] }],
    ["NOT (segment=lost OR segment=hibernating)", { kind: "not", of: { kind: "or", of: [{ kind: "segment", segment: "lost" }, { kind: "segment", segment: "hibernating" }] } }],
    ["not not opted-in", { kind: "not", of: { kind: "not", of: { kind: "optedIn" } } }],
    ["not opted-in and lang=en", { kind: "and", of: [{ kind: "not", of: { kind: "optedIn" } }, { kind: "lang", locale: "en" }] }],
    // Full-width operators and parentheses, and curly quotes, as Chinese keyboards and Slack write them.
    ["（opted-in or lang＝zh）", { kind: "or", of: [{ kind: "optedIn" }, { kind: "lang", locale: "zh" }] }],
    ["segment=“At risk”", { kind: "segment", segment: "at_risk" }],
  ])("%s", (text, expected) => {
    const result = parse(text);
    expect(result).toEqual({ ok: true, definition: expected });
    // Written back, it reads as the same tree.
    const written = writeAudienceDefinition(expected);
    expect(parse(written), written).toEqual({ ok: true, definition: expected });
  });

  it("reads amounts in the shop's currency, with its decimals", () => {
    expect(parse("clv>500", "JPY")).toEqual({ ok: true, definition: { kind: "clv", amountMinor: 500, currency: "JPY", inclusive: false } });
    expect(parse("spent>1.250", "KWD")).toEqual({ ok: true, definition: { kind: "spent", amountMinor: 1250, currency: "KWD", inclusive: false } });
    expect(parse("clv>12.5", "JPY")).toMatchObject({ ok: false, error: { kind: "badValue", term: "clv" } });
  });

  it("writes definitions with parentheses only where they are needed", () => {
    const written = (text: string) => {
      const result = parse(text);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return writeAudienceDefinition(result.definition);
    };
    expect(written("(segment=at_risk) AND (NOT bought=tea-001 within=30)")).toBe("segment=at_risk and not bought=tea-001 within=30d");
    expect(written("(opted-in or lang=zh) no-order=4w")).toBe("(opted-in or lang=zh) and no-order=28d");
    expect(written("not (opted-in and lang=zh)")).toBe("not (opted-in and lang=zh)");
    expect(written("hot>=50% or clv>£1,200")).toBe("hot>=0.5 or clv>1200.00");
    expect(written('bought-category="Home Fragrance"')).toBe('bought-category="Home Fragrance"');
  });

  // Where reading stops: the 0-based offset of the token, and what was found there.
  it.each<[string, TAudienceSyntaxError]>([
    ["", { kind: "empty" }],
    ["   ", { kind: "empty" }],
    ["lang=fr", { kind: "badValue", position: 5, found: "fr", term: "lang" }],
    ["no-order=60d and lang=fr", { kind: "badValue", position: 22, found: "fr", term: "lang" }],
    ["segment=vip", { kind: "badValue", position: 8, found: "vip", term: "segment" }],
    ["hot>1.5", { kind: "badValue", position: 4, found: "1.5", term: "hot" }],
    ["hot>40", { kind: "badValue", position: 4, found: "40", term: "hot" }],
    ["hot=0.4", { kind: "badOperator", position: 3, found: "=", term: "hot" }],
    ["segment>at_risk", { kind: "badOperator", position: 7, found: ">", term: "segment" }],
    ["clv<100", { kind: "badOperator", position: 3, found: "<", term: "clv" }],
    ["clv>lots", { kind: "badValue", position: 4, found: "lots", term: "clv" }],
    ["no-order=soon", { kind: "badValue", position: 9, found: "soon", term: "no-order" }],
    ["no-order=0d", { kind: "badValue", position: 9, found: "0d", term: "no-order" }],
    ["bought=TEA-001 within=soon", { kind: "badValue", position: 22, found: "soon", term: "within" }],
    ["bought=TEA-001 within>3d", { kind: "badOperator", position: 21, found: ">", term: "within" }],
    ["within=30d", { kind: "withinAlone", position: 0 }],
    ["opted-in within=30d", { kind: "withinAlone", position: 9 }],
    ["opted-in and", { kind: "unexpected", position: 12, found: "", expected: "term" }],
    ["not", { kind: "unexpected", position: 3, found: "", expected: "term" }],
    ["opted-in or or lang=zh", { kind: "unexpected", position: 12, found: "or", expected: "term" }],
    ["(opted-in or lang=zh", { kind: "unclosedParenthesis", position: 0 }],
    ["opted-in and (lang=zh or (no-order=30d)", { kind: "unclosedParenthesis", position: 13 }],
    ["opted-in)", { kind: "unexpected", position: 8, found: ")", expected: "andOr" }],
    ["()", { kind: "unexpected", position: 1, found: ")", expected: "term" }],
    ["(lang=zh =", { kind: "unexpected", position: 9, found: "=", expected: "closingParenthesis" }],
    ["favourite=tea", { kind: "unknownTerm", position: 0, found: "favourite" }],
    ["opted-in and lapsed", { kind: "unknownTerm", position: 13, found: "lapsed" }],
    ['segment="at risk', { kind: "unclosedQuote", position: 8 }],
    ["segment=", { kind: "unexpected", position: 8, found: "", expected: "value" }],
    ["segment at_risk", { kind: "unexpected", position: 8, found: "at_risk", expected: "operator" }],
    ['"opted-in"', { kind: "unexpected", position: 0, found: "opted-in", expected: "term" }],
    ["opted-in =", { kind: "unexpected", position: 9, found: "=", expected: "andOr" }],
    [`${"(".repeat(25)}opted-in${")".repeat(25)}`, { kind: "tooDeep", position: 20, max: 20 }],
    [`${"not ".repeat(30)}opted-in`, { kind: "tooDeep", position: 80, max: 20 }],
    ["opted-in and ".repeat(100), { kind: "tooLong", max: 1000 }],
  ])("refuses %j", (text, error) => {
    expect(parse(text)).toEqual({ ok: false, error });
  });

  it("says where and why in the owner's language, counting characters from 1", () => {
    const text = "no-order=60d and lang=fr";
    const result = parse(text);
    if (result.ok) throw new Error("parsed");
    expect(describeRefusal("en", { kind: "audienceInvalid", text, error: result.error })).toBe(`Can't read that audience at character ${text.indexOf("fr") + 1} ("fr"): lang= takes en or zh.`);
    expect(describeRefusal("zh", { kind: "audienceInvalid", text, error: result.error })).toBe(`无法读取这个受众定义，第 ${text.indexOf("fr") + 1} 个字符处（“fr”）：lang= 的值应为 en 或 zh。`);
    // Characters, not UTF-16 units: an emoji before the mistake counts once.
    const emoji = "stage=线索 and 🍵";
    const unknown = parse(emoji);
    if (unknown.ok) throw new Error("parsed");
    expect(describeRefusal("en", { kind: "audienceInvalid", text: emoji, error: unknown.error })).toMatch(/^Can't read that audience at character 14 \("🍵"\): "🍵" is not a term \(opted-in, everyone, segment=/);
    const end = parse("opted-in and");
    if (end.ok) throw new Error("parsed");
    expect(describeRefusal("en", { kind: "audienceInvalid", text: "opted-in and", error: end.error })).toMatch(/^Can't read that audience at the end: a term was expected \(opted-in, /);
    expect(describeRefusal("zh", { kind: "audienceInvalid", text: "", error: { kind: "empty" } })).toBe("无法读取这个受众定义：定义为空。");
  });

  it("stores only trees its schema accepts", () => {
    expect(ZAudienceDefinition.safeParse({ kind: "and", of: [{ kind: "optedIn" }, { kind: "not", of: { kind: "lang", locale: "zh" } }] }).success).toBe(true);
    expect(ZAudienceDefinition.safeParse({ kind: "and", of: [{ kind: "optedIn" }] }).success).toBe(false);
    expect(ZAudienceDefinition.safeParse({ kind: "segment", segment: "vip" }).success).toBe(false);
    expect(ZAudienceDefinition.safeParse({ kind: "hot", probability: 2, inclusive: false }).success).toBe(false);
    expect(ZAudienceDefinition.safeParse({ kind: "noOrder", days: 0 }).success).toBe(false);
    expect(ZAudienceDefinition.safeParse({ kind: "optedIn", extra: 1 }).success).toBe(false);
    expect(ZAudienceDefinition.safeParse({ kind: "dropTables" }).success).toBe(false);
  });
});

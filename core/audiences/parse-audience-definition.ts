/**
 * Reads an audience definition the owner typed (`segment=at_risk and not bought=TEA-001 within=30d`)
 * into its tree ({@link TAudienceDefinition}): a lexer that keeps each token's position, then a
 * recursive-descent parser over the grammar in `audience-definition.ts` (not binds tightest, then
 * and, then or; parentheses group). Pure: no database (whether a SKU or category exists is
 * `resolve-audience.ts`'s question). A definition that does not read comes back as a
 * {@link TAudienceSyntaxError} value with the character where reading stopped, for the owner's
 * language to word (core/i18n/owner.ts); it never throws.
 */
import { FUNNEL_STAGES, type FunnelStage } from "../analytics/funnel/compute-funnel.ts";
import type { SegmentKey } from "../analytics/segments/segment-customers.ts";
import { digestMessagesFor } from "../i18n/digest.ts";
import { parseMoney } from "../money.ts";
import { MAX_DAYS, MAX_DEFINITION_DEPTH, MAX_DEFINITION_LENGTH, SEGMENT_KEYS, ZAudienceDefinition, type TAudienceDefinition, type TAudienceTerm } from "./audience-definition.ts";

/** The terms that take a value, as typed (the left of `=` / `>`); `within` qualifies `bought`. */
export type TAudienceTermKey = "segment" | "hot" | "bought" | "bought-category" | "no-order" | "clv" | "spent" | "lang" | "stage" | "within";

/** What the parser expected where it stopped. */
export type TAudienceExpectation = "term" | "operator" | "value" | "andOr" | "closingParenthesis";

/**
 * Why a definition does not read, with the 0-based offset of the character where reading stopped
 * (`found` is the text there, "" at the end). Worded by `describeRefusal` (core/i18n/owner.ts).
 */
export type TAudienceSyntaxError =
  | { kind: "empty" }
  | { kind: "tooLong"; max: number }
  | { kind: "tooDeep"; position: number; max: number }
  | { kind: "unclosedQuote"; position: number }
  /** An opening parenthesis (at `position`) never closed. */
  | { kind: "unclosedParenthesis"; position: number }
  | { kind: "unexpected"; position: number; found: string; expected: TAudienceExpectation }
  | { kind: "unknownTerm"; position: number; found: string }
  | { kind: "badOperator"; position: number; found: string; term: TAudienceTermKey }
  | { kind: "badValue"; position: number; found: string; term: TAudienceTermKey }
  /** `within=` not right after a `bought=` or `bought-category=` term. */
  | { kind: "withinAlone"; position: number };

export type TAudienceParseResult = { ok: true; definition: TAudienceDefinition } | { ok: false; error: TAudienceSyntaxError };

type Op = "=" | ">" | ">=" | "<" | "<=";
type Token =
  | { type: "word"; value: string; quoted: boolean; position: number }
  | { type: "op"; value: Op; position: number }
  | { type: "open" | "close"; position: number }
  | { type: "end"; position: number };

/** Thrown inside the parser only, caught at its edge and returned as a value. */
class SyntaxStop extends Error {
  constructor(readonly error: TAudienceSyntaxError) {
    super(error.kind);
  }
}

/** Quotes a value may be written in (Slack turns straight quotes curly; Chinese keyboards type 「」), opening → closing. */
const QUOTES: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "”": "”" };
const OPEN = new Set(["(", "（"]);
const CLOSE = new Set([")", "）"]);
const OP_CHARS = new Set(["=", "＝", ">", "＞", "<", "＜"]);
const asciiOp = (c: string) => (c === "＝" ? "=" : c === "＞" ? ">" : c === "＜" ? "<" : c);

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (OPEN.has(c) || CLOSE.has(c)) {
      tokens.push({ type: OPEN.has(c) ? "open" : "close", position: i });
      i++;
    } else if (OP_CHARS.has(c)) {
      const first = asciiOp(c);
      const next = text[i + 1];
      const withEquals = first !== "=" && next !== undefined && asciiOp(next) === "=";
      tokens.push({ type: "op", value: (withEquals ? `${first}=` : first) as Op, position: i });
      i += withEquals ? 2 : 1;
    } else if (QUOTES[c] !== undefined) {
      const close = QUOTES[c]!;
      // A curly opening quote may be closed by a straight one (and the other way round).
      let end = i + 1;
      while (end < text.length && text[end] !== close && !(c === "“" && text[end] === '"') && !(c === '"' && text[end] === "”")) end++;
      if (end >= text.length) throw new SyntaxStop({ kind: "unclosedQuote", position: i });
      tokens.push({ type: "word", value: text.slice(i + 1, end).trim(), quoted: true, position: i });
      i = end + 1;
    } else {
      // A bare word runs to a space, a parenthesis or an operator; quotes inside it are its own (Men's).
      let end = i;
      while (end < text.length && !/\s/u.test(text[end]!) && !OPEN.has(text[end]!) && !CLOSE.has(text[end]!) && !OP_CHARS.has(text[end]!)) end++;
      tokens.push({ type: "word", value: text.slice(i, end), quoted: false, position: i });
      i = end;
    }
  }
  tokens.push({ type: "end", position: text.length });
  return tokens;
}

const TERM_KEYS: Record<string, TAudienceTermKey> = {
  segment: "segment",
  hot: "hot",
  bought: "bought",
  "bought-category": "bought-category",
  "bought_category": "bought-category",
  "no-order": "no-order",
  "no_order": "no-order",
  clv: "clv",
  spent: "spent",
  lang: "lang",
  language: "lang",
  stage: "stage",
  within: "within",
};
const OPTED_IN = new Set(["opted-in", "opted_in", "optedin", "opt-in", "subscribed"]);
const EVERYONE = new Set(["everyone", "everybody", "all"]);
/** Which operators each term takes. */
const OPERATORS: Record<Exclude<TAudienceTermKey, "within">, readonly Op[]> = {
  segment: ["="],
  hot: [">", ">="],
  bought: ["="],
  "bought-category": ["="],
  "no-order": ["="],
  clv: [">", ">="],
  spent: [">", ">="],
  lang: ["="],
  stage: ["=", ">="],
};

/** Case, spaces, hyphens and underscores aside: "At risk", "at-risk" and "AT_RISK" are one name. */
const fold = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/gu, "_");

/** Every way a segment may be named (its key, its English and Chinese labels), folded. */
const SEGMENT_NAMES = new Map<string, SegmentKey>();
for (const key of SEGMENT_KEYS) {
  SEGMENT_NAMES.set(fold(key), key);
  for (const locale of ["en", "zh"] as const) SEGMENT_NAMES.set(fold(digestMessagesFor(locale).segmentNames[key].label), key);
}
/** Every way a funnel stage may be named: its key, the digest's English and Chinese names, and the English without its plural. */
const STAGE_NAMES = new Map<string, FunnelStage>();
for (const stage of FUNNEL_STAGES) {
  STAGE_NAMES.set(fold(stage), stage);
  for (const locale of ["en", "zh"] as const) {
    const label = fold(digestMessagesFor(locale).stages[stage]);
    STAGE_NAMES.set(label, stage);
    STAGE_NAMES.set(label.replace(/s$/u, ""), stage);
  }
}
const LANGUAGES: Record<string, "en" | "zh"> = { en: "en", english: "en", 英文: "en", 英语: "en", zh: "zh", cn: "zh", chinese: "zh", 中文: "zh", 汉语: "zh", 华语: "zh" };

/** `30d`, `30 days`, `8w`, `30`, `30天`, `4周` → days; null otherwise. */
export function readDays(value: string): number | null {
  const match = /^(\d{1,5})\s*(d|days?|w|wks?|weeks?|天|日|周|星期)?$/iu.exec(value.trim());
  if (!match) return null;
  const weeks = /^(w|wk|wks|week|weeks|周|星期)$/iu.test(match[2] ?? "");
  const days = Number(match[1]) * (weeks ? 7 : 1);
  return days >= 1 && days <= MAX_DAYS ? days : null;
}

/** `0.4`, `.4`, `40%` → 0.4; null outside 0…1. */
function readProbability(value: string): number | null {
  const match = /^(\d{0,3}(?:\.\d{1,6})?)(%?)$/u.exec(value.trim());
  if (!match || match[1] === "" || match[1] === ".") return null;
  const number = Number(match[1]) / (match[2] ? 100 : 1);
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : null;
}

/**
 * Parses an audience definition. `currency` is the shop's (amounts in `clv>` and `spent>` are read
 * in it, into minor units, with as many decimals as it has).
 */
export function parseAudienceDefinition(text: string, options: { currency: string }): TAudienceParseResult {
  if (text.length > MAX_DEFINITION_LENGTH) return { ok: false, error: { kind: "tooLong", max: MAX_DEFINITION_LENGTH } };
  if (text.trim() === "") return { ok: false, error: { kind: "empty" } };
  try {
    const parser = new Parser(lex(text), options.currency);
    const definition = parser.parseDefinition();
    // The tree is the stored form: it must be what the schema says, or it is a parser bug, not the owner's.
    return { ok: true, definition: ZAudienceDefinition.parse(definition) };
  } catch (error) {
    if (error instanceof SyntaxStop) return { ok: false, error: error.error };
    throw error;
  }
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly currency: string,
  ) {}

  parseDefinition(): TAudienceDefinition {
    const definition = this.parseOr(0);
    const next = this.peek();
    if (next.type !== "end") throw this.unexpected(next, "andOr");
    return definition;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private take(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== "end") this.index++;
    return token;
  }

  private isKeyword(token: Token, word: "and" | "or" | "not" | "within"): boolean {
    return token.type === "word" && !token.quoted && token.value.toLowerCase() === word;
  }

  private unexpected(token: Token, expected: TAudienceExpectation): SyntaxStop {
    return new SyntaxStop({ kind: "unexpected", position: token.position, found: this.textOf(token), expected });
  }

  private textOf(token: Token): string {
    switch (token.type) {
      case "word": return token.value;
      case "op": return token.value;
      case "open": return "(";
      case "close": return ")";
      case "end": return "";
    }
  }

  private parseOr(depth: number): TAudienceDefinition {
    const of = [this.parseAnd(depth)];
    while (this.isKeyword(this.peek(), "or")) {
      this.take();
      of.push(this.parseAnd(depth));
    }
    return of.length === 1 ? of[0]! : { kind: "or", of };
  }

  /** Terms side by side, or joined by "and", until an "or", a closing parenthesis or the end. */
  private parseAnd(depth: number): TAudienceDefinition {
    const of = [this.parseUnary(depth)];
    for (;;) {
      const next = this.peek();
      if (this.isKeyword(next, "and")) {
        this.take();
        of.push(this.parseUnary(depth));
      } else if (next.type === "open" || (next.type === "word" && !this.isKeyword(next, "or"))) {
        of.push(this.parseUnary(depth));
      } else {
        break;
      }
    }
    return of.length === 1 ? of[0]! : { kind: "and", of };
  }

  private parseUnary(depth: number): TAudienceDefinition {
    const token = this.peek();
    if (depth >= MAX_DEFINITION_DEPTH) throw new SyntaxStop({ kind: "tooDeep", position: token.position, max: MAX_DEFINITION_DEPTH });
    if (this.isKeyword(token, "not")) {
      this.take();
      return { kind: "not", of: this.parseUnary(depth + 1) };
    }
    if (token.type === "open") {
      this.take();
      const inner = this.parseOr(depth + 1);
      const close = this.peek();
      if (close.type === "end") throw new SyntaxStop({ kind: "unclosedParenthesis", position: token.position });
      if (close.type !== "close") throw this.unexpected(close, "closingParenthesis");
      this.take();
      return inner;
    }
    return this.parseTerm();
  }

  private parseTerm(): TAudienceTerm {
    const token = this.take();
    if (token.type !== "word" || token.quoted || this.isKeyword(token, "and") || this.isKeyword(token, "or")) throw this.unexpected(token, "term");
    const word = token.value.toLowerCase();
    if (OPTED_IN.has(word)) return { kind: "optedIn" };
    if (EVERYONE.has(word)) return { kind: "everyone" };
    const key = TERM_KEYS[word];
    if (!key) throw new SyntaxStop({ kind: "unknownTerm", position: token.position, found: token.value });
    if (key === "within") throw new SyntaxStop({ kind: "withinAlone", position: token.position });
    const op = this.take();
    if (op.type !== "op") throw this.unexpected(op, "operator");
    if (!OPERATORS[key].includes(op.value)) throw new SyntaxStop({ kind: "badOperator", position: op.position, found: op.value, term: key });
    const value = this.take();
    if (value.type !== "word") throw this.unexpected(value, "value");
    const bad = () => new SyntaxStop({ kind: "badValue", position: value.position, found: value.value, term: key });
    const inclusive = op.value === ">=";
    switch (key) {
      case "segment": {
        const segment = SEGMENT_NAMES.get(fold(value.value));
        if (!segment) throw bad();
        return { kind: "segment", segment };
      }
      case "hot": {
        const probability = readProbability(value.value);
        if (probability === null) throw bad();
        return { kind: "hot", probability, inclusive };
      }
      case "bought":
      case "bought-category": {
        if (value.value === "") throw bad();
        const withinDays = this.parseWithin();
        const days = withinDays === undefined ? {} : { withinDays };
        return key === "bought" ? { kind: "bought", sku: value.value, ...days } : { kind: "boughtCategory", category: value.value, ...days };
      }
      case "no-order": {
        const days = readDays(value.value);
        if (days === null) throw bad();
        return { kind: "noOrder", days };
      }
      case "clv":
      case "spent": {
        const amountMinor = parseMoney(value.value, this.currency);
        if (amountMinor === null) throw bad();
        return { kind: key, amountMinor, currency: this.currency.toUpperCase(), inclusive };
      }
      case "lang": {
        const locale = LANGUAGES[value.value.trim().toLowerCase()];
        if (!locale) throw bad();
        return { kind: "lang", locale };
      }
      case "stage": {
        const stage = STAGE_NAMES.get(fold(value.value));
        if (!stage) throw bad();
        return { kind: "stage", stage, orLater: op.value === ">=" };
      }
    }
  }

  /** An optional `within=<days>` after a bought term. */
  private parseWithin(): number | undefined {
    if (!this.isKeyword(this.peek(), "within")) return undefined;
    this.take();
    const op = this.take();
    if (op.type !== "op") throw this.unexpected(op, "operator");
    if (op.value !== "=") throw new SyntaxStop({ kind: "badOperator", position: op.position, found: op.value, term: "within" });
    const value = this.take();
    if (value.type !== "word") throw this.unexpected(value, "value");
    const days = readDays(value.value);
    if (days === null) throw new SyntaxStop({ kind: "badValue", position: value.position, found: value.value, term: "within" });
    return days;
  }
}

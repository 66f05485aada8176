/**
 * Money is integer minor units (pence, cents, fen, fils) everywhere; these turn it into text and
 * back for any ISO 4217 currency, with the digits and symbol that `Intl.NumberFormat` (CLDR) knows:
 * 2 decimals for GBP, none for JPY, 3 for KWD.
 */

/** One formatter per currency: building an Intl.NumberFormat costs far more than using one. */
const FORMATTERS = new Map<string, Intl.NumberFormat>();
const isCurrencyCode = (code: string) => /^[A-Z]{3}$/.test(code);
/** Undefined for text that is not a 3-letter code (an owner's "pounds"), which Intl would throw on. */
function formatterFor(currency: string): Intl.NumberFormat | undefined {
  const code = currency.toUpperCase();
  if (!isCurrencyCode(code)) return undefined;
  let formatter = FORMATTERS.get(code);
  if (!formatter) {
    // en-US: thousands grouped with commas and a point before the decimals, as English and Chinese
    // both write amounts; the narrow symbol ("$" not "US$", "¥" not "CN¥") is what a shop's own
    // customers read.
    formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: code, currencyDisplay: "narrowSymbol" });
    FORMATTERS.set(code, formatter);
  }
  return formatter;
}

/**
 * Decimals of the currency's minor unit (2 for GBP, 0 for JPY and KRW, 3 for KWD and BHD): how many
 * minor units make one major unit, for parsing prices and for saying "3.95" or "500" in examples.
 */
export function minorUnitDigits(currency: string): number {
  return formatterFor(currency)?.resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as an exact decimal string ("1228.35" for 122835 with 2 digits): no float rounding. */
function majorDecimal(minor: number, digits: number): string {
  const abs = String(Math.abs(Math.round(minor))).padStart(digits + 1, "0");
  const major = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return minor < 0 ? `-${major}` : major;
}

/**
 * "£12.50" for (1250, "GBP"), "£1,228.35" for (122835, "GBP"), "¥1,200,000" for JPY: thousands
 * grouped, so a forecast of a few thousand pounds reads at a glance. Where the currency has no sign
 * of its own but letters (CHF, KWD, SEK's "kr"), the code follows the amount: "1,234.56 CHF".
 * Negative amounts keep their sign in front. (`parseMoney` reads all of these back.)
 */
export function formatMoney(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = minorUnitDigits(code);
  const formatter = formatterFor(code);
  if (!formatter) return `${majorDecimal(minor, digits)} ${code}`;
  const parts = formatter.formatToParts(majorDecimal(minor, digits) as Intl.StringNumericLiteral);
  const symbol = parts.find((p) => p.type === "currency")?.value ?? code;
  const number = parts.filter((p) => p.type !== "currency" && p.type !== "literal" && p.type !== "minusSign").map((p) => p.value).join("");
  const sign = minor < 0 ? "-" : "";
  return /\p{L}/u.test(symbol) && !/[^\p{L}]/u.test(symbol) ? `${sign}${number} ${code}` : `${sign}${symbol}${number}`;
}

/** Every sign an amount in `currency` may carry in front, longest first ("US$" before "$"). */
const SYMBOLS = new Map<string, string[]>();
function symbolsOf(code: string): string[] {
  const known = SYMBOLS.get(code);
  if (known) return known;
  const symbols = new Set(["£", "$", "€", "¥"]);
  for (const currencyDisplay of ["narrowSymbol", "symbol"] as const) {
    const part = new Intl.NumberFormat("en-US", { style: "currency", currency: code, currencyDisplay }).formatToParts(1).find((p) => p.type === "currency");
    if (part) symbols.add(part.value);
  }
  const sorted = [...symbols].sort((a, b) => b.length - a.length);
  SYMBOLS.set(code, sorted);
  return sorted;
}

/**
 * Parses an owner-typed price ("12.5", "£12.50", "1,299.00", "1,234.56 CHF", "1.250 KWD") into
 * minor units without floating point error, with as many decimals as the currency has and no more.
 * Returns null for anything that is not a plain non-negative amount.
 */
export function parseMoney(text: string, currency: string): number | null {
  const code = currency.toUpperCase();
  if (!isCurrencyCode(code)) return null;
  const digits = minorUnitDigits(code);
  let cleaned = text.trim();
  const codeAround = new RegExp(`^${code}\\s*|\\s*${code}$`, "i");
  cleaned = cleaned.replace(codeAround, "");
  for (const symbol of symbolsOf(code)) {
    if (cleaned.startsWith(symbol)) {
      cleaned = cleaned.slice(symbol.length).trimStart();
      break;
    }
  }
  cleaned = cleaned.replace(/,/g, "");
  const pattern = digits === 0 ? /^(\d{1,9})$/ : new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${digits}}))?$`);
  const match = pattern.exec(cleaned);
  if (!match) return null;
  const major = Number(match[1]);
  const minorPart = digits === 0 ? 0 : Number((match[2] ?? "").padEnd(digits, "0"));
  return major * 10 ** digits + minorPart;
}

/**
 * Money is integer minor units (pence, cents, fen) everywhere; these turn it into text and back.
 */
const SYMBOLS: Record<string, string> = { GBP: "£", USD: "$", EUR: "€", CNY: "¥", JPY: "¥" };
const ZERO_DECIMAL = new Set(["JPY", "KRW"]);

export function minorUnitDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

/**
 * "£12.50" for (1250, "GBP"), "£1,228.35" for (122835, "GBP"): thousands grouped with commas, as
 * English and Chinese both write them, so a forecast of a few thousand pounds reads at a glance.
 * Negative amounts keep their sign in front. (`parseMoney` reads the commas back.)
 */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const whole = String(digits === 0 ? abs : Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ",");
  const major = digits === 0 ? whole : `${whole}.${String(abs % 100).padStart(2, "0")}`;
  const symbol = SYMBOLS[currency.toUpperCase()];
  return symbol ? `${sign}${symbol}${major}` : `${sign}${major} ${currency.toUpperCase()}`;
}

/**
 * Parses an owner-typed price ("12.5", "£12.50", "1,299.00") into minor units without floating
 * point error. Returns null for anything that is not a plain non-negative amount.
 */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/^[£$€¥]/, "").replace(/,/g, "");
  const digits = minorUnitDigits(currency);
  const pattern = digits === 0 ? /^(\d{1,9})$/ : /^(\d{1,9})(?:\.(\d{1,2}))?$/;
  const match = pattern.exec(cleaned);
  if (!match) return null;
  const major = Number(match[1]);
  const minorPart = digits === 0 ? 0 : Number((match[2] ?? "").padEnd(2, "0"));
  return major * 10 ** digits + minorPart;
}

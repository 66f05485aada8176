import { describe, expect, it } from "vitest";
import { formatMoney, minorUnitDigits, parseMoney } from "../core/money.ts";

describe("money as text", () => {
  it("writes minor units with the currency's symbol, decimals and thousands grouped", () => {
    expect(formatMoney(0, "GBP")).toBe("£0.00");
    expect(formatMoney(5, "GBP")).toBe("£0.05");
    expect(formatMoney(99_999, "GBP")).toBe("£999.99");
    expect(formatMoney(100_000, "GBP")).toBe("£1,000.00");
    expect(formatMoney(122_835, "GBP")).toBe("£1,228.35");
    expect(formatMoney(-123_456_789, "EUR")).toBe("-€1,234,567.89");
    expect(formatMoney(1_200_000, "JPY")).toBe("¥1,200,000");
    expect(formatMoney(123_456, "CHF")).toBe("1,234.56 CHF");
  });

  it("reads back what it writes, and what an owner types", () => {
    for (const [minor, currency] of [[0, "GBP"], [122_835, "GBP"], [123_456_789, "USD"], [1_200_000, "JPY"], [999, "JPY"]] as const) {
      expect(parseMoney(formatMoney(minor, currency), currency)).toBe(minor);
    }
    expect(parseMoney("12.5", "GBP")).toBe(1250);
    expect(parseMoney("1,299.00", "GBP")).toBe(129_900);
    expect(parseMoney("12.345", "GBP")).toBeNull();
    expect(parseMoney("-3", "GBP")).toBeNull();
  });
});

describe("money in any ISO 4217 currency", () => {
  it("writes each currency with its own minor unit and sign", () => {
    expect(formatMoney(123_456, "EUR")).toBe("€1,234.56");
    expect(formatMoney(1_234_567, "JPY")).toBe("¥1,234,567");
    expect(formatMoney(50_000, "KRW")).toBe("₩50,000");
    expect(formatMoney(-5, "CHF")).toBe("-0.05 CHF");
    expect(formatMoney(1_234_567, "KWD")).toBe("1,234.567 KWD");
    expect(formatMoney(9_990, "INR")).toBe("₹99.90");
    expect(formatMoney(9_990, "SEK")).toBe("99.90 SEK");
    expect(formatMoney(9_990, "usd")).toBe("$99.90");
  });

  it("knows how many decimals each currency's minor unit has", () => {
    expect(minorUnitDigits("GBP")).toBe(2);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(minorUnitDigits("KRW")).toBe(0);
    expect(minorUnitDigits("KWD")).toBe(3);
    expect(minorUnitDigits("BHD")).toBe(3);
    expect(minorUnitDigits("CHF")).toBe(2);
  });

  it("reads amounts with exactly the currency's decimals, and reads back what it writes", () => {
    expect(parseMoney("1.250", "KWD")).toBe(1_250);
    expect(parseMoney("1.25", "KWD")).toBe(1_250);
    expect(parseMoney("1.2505", "KWD")).toBeNull();
    expect(parseMoney("1200", "JPY")).toBe(1_200);
    expect(parseMoney("1200.5", "JPY")).toBeNull();
    expect(parseMoney("CHF 12.50", "CHF")).toBe(1_250);
    expect(parseMoney("12.50 chf", "CHF")).toBe(1_250);
    expect(parseMoney("A$12.50", "AUD")).toBe(1_250);
    expect(parseMoney("₩50,000", "KRW")).toBe(50_000);
    for (const [minor, currency] of [[123_456, "CHF"], [1_234_567, "KWD"], [50_000, "KRW"], [123_456_789, "EUR"], [9_990, "SEK"], [1, "BHD"]] as const) {
      expect(parseMoney(formatMoney(minor, currency), currency)).toBe(minor);
    }
  });

  it("refuses a currency that is not a 3-letter code instead of throwing", () => {
    expect(parseMoney("12.50", "pounds")).toBeNull();
  });
});

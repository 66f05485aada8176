import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney } from "../core/money.ts";

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

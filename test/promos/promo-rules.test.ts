/**
 * The arithmetic and the reading of promo codes, with no database: a percentage is taken once per
 * order of the lines it covers and rounded half-up, an amount never exceeds them, and a code is
 * found in a customer's sentence in either language without taking addresses or quantities for one.
 */
import { describe, expect, it } from "vitest";
import { readPromoCodeMentions, ZPromoCode } from "../../core/promos/promo-code.ts";
import { applyToLines, discountOf, type PromoLine, type TPromoTerms } from "../../core/promos/promo-rules.ts";
import { parsePromoDate } from "../../core/promos/parse-promo-date.ts";

const terms = (over: Partial<TPromoTerms> = {}): TPromoTerms => ({
  code: "SPRING10", kind: "percent", value: 10, currency: "GBP", minMinor: null, startsAt: null, endsAt: null, maxUses: null, used: 0, perCustomer: null,
  audience: null, productSkus: [], category: null, endedAt: null, ...over,
});
const line = (sku: string, unitPriceMinor: number, quantity = 1, category = "Tea"): PromoLine => ({ sku, category, unitPriceMinor, quantity, currency: "GBP" });

describe("what a code takes off", () => {
  it("takes a percentage once of the sum, not per line: 10 % of £3.33 + £3.33 + £3.34 is £1.00 (per line it would be 3 × £0.33)", () => {
    const applied = applyToLines(terms(), [line("A", 333), line("B", 333), line("C", 334)]);
    expect(applied).toEqual({ ok: true, eligibleMinor: 1000, discountMinor: 100 });
    expect([333, 333, 334].map((p) => discountOf(terms(), p)).reduce((a, b) => a + b, 0)).toBe(99);
  });

  it("rounds half-up: 10 % of £10.05 is £1.01, of £10.04 is £1.00, 15 % of £0.10 is £0.02", () => {
    expect(discountOf(terms(), 1005)).toBe(101);
    expect(discountOf(terms(), 1004)).toBe(100);
    expect(discountOf(terms({ value: 15 }), 10)).toBe(2);
    expect(discountOf(terms({ value: 15 }), 9)).toBe(1);
  });

  it("never takes more than the lines it covers, nor anything below zero", () => {
    expect(discountOf(terms({ kind: "amount", value: 5_000 }), 1_200)).toBe(1_200);
    expect(discountOf(terms({ value: 100 }), 1_234)).toBe(1_234);
    expect(discountOf(terms(), 0)).toBe(0);
  });

  it("counts only the products or the category it covers, and its minimum against them", () => {
    const lines = [line("TEA-001", 1800, 2), line("MUG-001", 1600, 1, "Ceramics")];
    expect(applyToLines(terms({ productSkus: ["TEA-001"] }), lines)).toEqual({ ok: true, eligibleMinor: 3600, discountMinor: 360 });
    expect(applyToLines(terms({ category: "ceramics" }), lines)).toEqual({ ok: true, eligibleMinor: 1600, discountMinor: 160 });
    expect(applyToLines(terms({ category: "Candles" }), lines)).toEqual({ ok: false, problem: { kind: "notForTheseProducts" } });
    expect(applyToLines(terms({ productSkus: ["TEA-001"], minMinor: 4000 }), lines)).toEqual({ ok: false, problem: { kind: "belowMinimum", minMinor: 4000, eligibleMinor: 3600 } });
    expect(applyToLines(terms({ kind: "amount", value: 500, currency: "EUR" }), lines)).toEqual({ ok: false, problem: { kind: "notForTheseProducts" } });
  });
});

describe("finding a code in what the customer writes", () => {
  it.each([
    ["do you take spring10?", ["SPRING10"], "SPRING10"],
    ["Do you take SPRING10", ["SPRING10"], "SPRING10"],
    ["我有优惠码SPRING10", ["SPRING10"], "SPRING10"],
    ["优惠码：spring10 可以用吗", ["SPRING10"], "SPRING10"],
    ["my code is welcome", ["WELCOME"], "WELCOME"],
    ["I have a promo code: TEA-15", ["TEA-15"], "TEA-15"],
    ["spring10", ["SPRING10"], null],
    ["WELCOME", ["WELCOME"], null],
  ])("%s", (text, candidates, attempted) => {
    expect(readPromoCodeMentions(text)).toEqual({ candidates, attempted });
  });

  it.each(["12 Baker Street, London NW1 6XE", "I'd like 2 lavender soy candles", "welcome back", "2 jasmine tea and 1 earl grey", "我要两罐茉莉银针"])("finds none in %s", (text) => {
    expect(readPromoCodeMentions(text).candidates).toEqual([]);
  });

  it("reads the owner's codes in capitals, 4 to 20 characters with a letter", () => {
    expect(ZPromoCode.parse("spring10")).toBe("SPRING10");
    for (const bad of ["AB1", "12345", "SPRING 10", "X".repeat(21), "优惠10"]) expect(ZPromoCode.safeParse(bad).success, bad).toBe(false);
  });
});

describe("a code's dates in the shop's time zone", () => {
  const now = new Date("2026-11-20T10:00:00Z");
  it("starts a day at its first moment and ends it after its last, in the shop's zone", () => {
    expect(parsePromoDate("2026-12-01", "from", now, "Asia/Shanghai")?.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(parsePromoDate("2026-12-31", "until", now, "Europe/London")?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    // The day the clocks go forward in London is 23 hours long: until= that day ends at the next midnight.
    expect(parsePromoDate("2027-03-28", "until", now, "Europe/London")?.toISOString()).toBe("2027-03-28T23:00:00.000Z");
    expect(parsePromoDate("tomorrow", "from", now, "Europe/London")?.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(parsePromoDate("2026-12-01T09:30", "from", now, "Europe/London")?.toISOString()).toBe("2026-12-01T09:30:00.000Z");
    expect(parsePromoDate("next week", "from", now, "Europe/London")).toBeNull();
    expect(parsePromoDate("2026-13-01", "until", now, "Europe/London")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { estimateUplift, newcombeInterval, wilsonInterval } from "../../core/campaigns/estimate-uplift.ts";
import { studentTQuantile } from "../../core/lib/student-t.ts";

/** |actual − expected| ≤ half a unit of the published figure's last decimal (4 decimals). */
const closeTo4 = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.00005 + 1e-12);

describe("wilsonInterval", () => {
  // R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17 (1998) 857–872, Table I, method 3 (score, no continuity correction).
  const published: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [k, n, low, high] of published) {
    it(`gives Newcombe's published interval for ${k}/${n}: ${low} to ${high}`, () => {
      const interval = wilsonInterval(k, n);
      closeTo4(interval.low, low);
      closeTo4(interval.high, high);
    });
  }
});

describe("newcombeInterval", () => {
  // R. G. Newcombe, "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890, Table II, method 10
  // (hybrid score, no continuity correction), examples (a)–(h).
  const published: [string, number, number, number, number, number, number][] = [
    ["a", 56, 70, 48, 80, 0.0524, 0.3339],
    ["b", 9, 10, 3, 10, 0.1705, 0.809],
    ["c", 6, 7, 2, 7, 0.0582, 0.8062],
    ["d", 5, 56, 0, 29, -0.0381, 0.1926],
    ["e", 0, 10, 0, 20, -0.1611, 0.2775],
    ["f", 0, 10, 0, 10, -0.2775, 0.2775],
    ["g", 10, 10, 0, 20, 0.6791, 1],
    ["h", 10, 10, 0, 10, 0.6075, 1],
  ];
  for (const [example, k1, n1, k2, n2, low, high] of published) {
    it(`gives Table II (${example}): ${k1}/${n1} − ${k2}/${n2} → ${low} to ${high}`, () => {
      const { estimate, interval95 } = newcombeInterval(k1, n1, k2, n2);
      expect(estimate).toBeCloseTo(k1 / n1 - k2 / n2, 12);
      closeTo4(interval95!.low, low);
      closeTo4(interval95!.high, high);
    });
  }
});

describe("studentTQuantile", () => {
  // Printed t tables (0.975 column): 12.706, 4.303, 2.571, 2.228, 2.042, 1.980; the normal 1.960.
  it("gives the 0.975 quantiles of the printed tables", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3027, 4);
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.5706, 4);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.9799, 4);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.96, 4);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
  });
});

describe("estimateUplift", () => {
  it("measures a campaign on a table that can be checked by hand", () => {
    // 900 sent, 45 ordered (5 %); 100 kept out, 2 ordered (2 %). z = 1.959964, z² = 3.841459.
    // Wilson 45/900: centre (0.05 + z²/1800)/(1 + z²/900) = 0.0521341/1.0042683 = 0.0519125,
    //   half (z/1.0042683)·√(0.05·0.95/900 + z²/(4·900²)) = 1.951634·0.0073460 = 0.0143367 → 0.037576 to 0.066249.
    // Wilson 2/100: centre (0.02 + z²/200)/(1 + z²/100) = 0.0392073/1.0384146 = 0.0377569,
    //   half (z/1.0384146)·√(0.02·0.98/100 + z²/40000) = 1.887458·0.0170891 = 0.0322549 → 0.005502 to 0.070012.
    // Newcombe: low  = 0.03 − √((0.05 − 0.037576)² + (0.070012 − 0.02)²) = 0.03 − √0.00265556 = −0.021532,
    //           high = 0.03 + √((0.066249 − 0.05)² + (0.02 − 0.005502)²) = 0.03 + √0.00047422 = 0.051777.
    const result = estimateUplift({ treated: { people: 900, ordered: 45 }, holdout: { people: 100, ordered: 2 } });
    expect(result.treated.conversion).toBe(0.05);
    expect(result.holdout.conversion).toBe(0.02);
    expect(result.uplift!.estimate).toBeCloseTo(0.03, 12);
    expect(result.uplift!.interval95!.low).toBeCloseTo(-0.021532, 6);
    expect(result.uplift!.interval95!.high).toBeCloseTo(0.051777, 6);
    // Incremental orders: uplift × 900 = 27, interval −19.38 to 46.60.
    expect(result.incrementalOrders!.estimate).toBeCloseTo(27, 9);
    expect(result.incrementalOrders!.interval95!.low).toBeCloseTo(-19.3787, 3);
    expect(result.incrementalOrders!.interval95!.high).toBeCloseTo(46.5991, 3);
    expect(result.revenuePerPersonDifferenceMinor).toBeNull();
    expect(result.costMinor).toBeNull();
    expect(result.goal).toBeNull();
  });

  it("puts Welch's interval on revenue per person, the people not listed counting as zero", () => {
    // Treated: 4 people, revenues 0, 0, 10.00, 30.00 (mean 1000 minor units, variance
    //   ((−1000)² + (−1000)² + 0² + 2000²)/3 = 2,000,000); hold-out: 3 people, 0, 0, 6.00 (mean 200,
    //   variance ((−200)² + (−200)² + 400²)/2 = 120,000). SE² = 2e6/4 + 1.2e5/3 = 540,000;
    //   df = 540,000² / ((500,000)²/3 + (40,000)²/2) = 3.46593; t(0.975, 3.46593) = 2.95360;
    //   half-width 2.95360 · √540,000 = 2170.44 → 800 ± 2170.44 = −1370.44 to 2970.44
    //   (scipy.stats.ttest_ind(equal_var=False).confidence_interval() gives the same).
    const result = estimateUplift({
      treated: { people: 4, ordered: 2, revenuesMinor: [1000, 3000] },
      holdout: { people: 3, ordered: 1, revenuesMinor: [0, 600] },
      budgetMinor: 500,
      discountMinor: 300,
    });
    expect(result.treated.revenuePerPersonMinor).toBe(1000);
    expect(result.holdout.revenuePerPersonMinor).toBe(200);
    const difference = result.revenuePerPersonDifferenceMinor!;
    expect(difference.estimate).toBe(800);
    expect(difference.interval95!.low).toBeCloseTo(-1370.44, 2);
    expect(difference.interval95!.high).toBeCloseTo(2970.44, 2);
    // Incremental revenue: 800 × 4 = 3200, interval rounded outwards.
    expect(result.incrementalRevenueMinor).toEqual({ estimate: 3200, interval95: { low: -5482, high: 11882 } });
    // Cost = budget 500 + discount 300; return on spend = 3200 / 800 = 4.
    expect(result.costMinor).toBe(800);
    expect(result.returnOnSpend!.estimate).toBeCloseTo(4, 12);
    expect(result.returnOnSpend!.interval95!.low).toBeCloseTo((-1370.44 * 4) / 800, 3);
  });

  it("gives the effectiveness index per major unit of budget, naive and incremental", () => {
    // Budget £50.00; 45 of 900 ordered; the hold-out's 2 % says 27 of them were caused.
    const orders = estimateUplift({
      treated: { people: 900, ordered: 45 },
      holdout: { people: 100, ordered: 2 },
      budgetMinor: 5000,
      goal: { kind: "orders", target: 60 },
    });
    expect(orders.goal!.achieved).toBe(45);
    expect(orders.goal!.attainment).toBe(0.75);
    expect(orders.goal!.effectivenessIndex).toBeCloseTo(0.9, 12); // 45 orders ÷ £50
    expect(orders.goal!.incrementalEffectivenessIndex!.estimate).toBeCloseTo(0.54, 12); // 27 ÷ £50
    // Revenue: £120.00 from the treated group against a £50.00 budget is £2.40 per £1, in any currency digits.
    const revenue = estimateUplift({
      treated: { people: 10, ordered: 2, revenueMinor: 12000 },
      holdout: { people: 10, ordered: 1, revenueMinor: 2000 },
      budgetMinor: 5000,
      goal: { kind: "revenue", targetMinor: 24000 },
    });
    expect(revenue.goal!.attainment).toBe(0.5);
    expect(revenue.goal!.effectivenessIndex).toBeCloseTo(2.4, 12);
    expect(revenue.goal!.incrementalEffectivenessIndex).toEqual({ estimate: 2, interval95: null }); // (1200 − 200) × 10 / 5000
    const yen = estimateUplift({ treated: { people: 10, ordered: 2, revenueMinor: 12000 }, holdout: { people: 10, ordered: 1 }, budgetMinor: 5000, goal: { kind: "revenue", targetMinor: 24000 }, currencyDigits: 0 });
    expect(yen.goal!.effectivenessIndex).toBeCloseTo(2.4, 12);
    expect(yen.revenuePerPersonDifferenceMinor).toBeNull(); // no revenue for the hold-out
  });

  it("measures nothing against an empty hold-out", () => {
    const result = estimateUplift({ treated: { people: 500, ordered: 20, revenueMinor: 50_000 }, holdout: { people: 0, ordered: 0, revenueMinor: 0 }, budgetMinor: 1000 });
    expect(result.holdout.conversion).toBeNull();
    expect(result.uplift).toBeNull();
    expect(result.incrementalOrders).toBeNull();
    expect(result.revenuePerPersonDifferenceMinor).toBeNull();
    expect(result.returnOnSpend).toBeNull();
    expect(result.treated.revenuePerPersonMinor).toBe(100);
  });

  it("gives no revenue interval when nobody's revenue differs from anyone else's", () => {
    const result = estimateUplift({ treated: { people: 50, ordered: 0, revenuesMinor: [] }, holdout: { people: 5, ordered: 0, revenuesMinor: [] } });
    expect(result.revenuePerPersonDifferenceMinor).toEqual({ estimate: 0, interval95: null });
    expect(result.uplift!.interval95!.low).toBeLessThan(0);
    expect(result.uplift!.interval95!.high).toBeGreaterThan(0);
  });

  it("refuses counts that cannot be", () => {
    const bad = [
      { treated: { people: 10, ordered: 11 }, holdout: { people: 1, ordered: 0 } },
      { treated: { people: 2, ordered: 1, revenuesMinor: [1, 2, 3] }, holdout: { people: 1, ordered: 0 } },
      { treated: { people: 10, ordered: 1, revenuesMinor: [100, 200] }, holdout: { people: 1, ordered: 0 } },
      { treated: { people: 10, ordered: 1, revenuesMinor: [100], revenueMinor: 100 }, holdout: { people: 1, ordered: 0 } },
      { treated: { people: 10, ordered: 0, revenueMinor: 100 }, holdout: { people: 1, ordered: 0 } },
      { treated: { people: 10, ordered: 1, revenuesMinor: [12.5] }, holdout: { people: 1, ordered: 0 } },
      { treated: { people: -1, ordered: 0 }, holdout: { people: 1, ordered: 0 } },
    ];
    for (const input of bad) expect(() => estimateUplift(input)).toThrow(ZodError);
    expect(() => estimateUplift({ treated: { people: 10, ordered: 11 }, holdout: { people: 1, ordered: 0 } })).toThrow(/11 ordered out of 10 people/);
  });
});

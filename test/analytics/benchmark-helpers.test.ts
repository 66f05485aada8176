import { describe, expect, it } from "vitest";
import { compareRocAuc, computeMase, computeRankingMetrics, computeRocAuc, computeSpearman } from "../../bench/lib/metrics.ts";
import { isCleanSaleLine, parseCsvLine, parseInvoiceDate, type OnlineRetailLine } from "../../scripts/lib/online-retail.ts";

describe("parseCsvLine", () => {
  it("reads plain, quoted and escaped fields", () => {
    expect(parseCsvLine("536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6")).toEqual(["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6"]);
    expect(parseCsvLine('1,"SET 2 TEA TOWELS, I LOVE LONDON",3')).toEqual(["1", "SET 2 TEA TOWELS, I LOVE LONDON", "3"]);
    expect(parseCsvLine('1,"12"" PIZZA ""BOX""",3')).toEqual(["1", '12" PIZZA "BOX"', "3"]);
    expect(parseCsvLine("a,,c,")).toEqual(["a", "", "c", ""]);
    expect(parseCsvLine('"",x')).toEqual(["", "x"]);
  });

  it("parses the invoice date as UTC wall-clock time", () => {
    expect(new Date(parseInvoiceDate("2010-12-01 08:26:00")).toISOString()).toBe("2010-12-01T08:26:00.000Z");
    expect(parseInvoiceDate("yesterday")).toBeNaN();
  });
});

describe("isCleanSaleLine", () => {
  const line = (over: Partial<OnlineRetailLine>): OnlineRetailLine => ({
    invoiceNo: "536365",
    stockCode: "85123A",
    description: "",
    quantity: 6,
    invoiceDate: "2010-12-01 08:26:00",
    invoicedAtMs: 0,
    unitPrice: 2.55,
    customerId: null,
    country: "United Kingdom",
    ...over,
  });
  it("drops cancellations, returns and free lines", () => {
    expect(isCleanSaleLine(line({}))).toBe(true);
    expect(isCleanSaleLine(line({ invoiceNo: "C536379" }))).toBe(false);
    expect(isCleanSaleLine(line({ quantity: -1 }))).toBe(false);
    expect(isCleanSaleLine(line({ unitPrice: 0 }))).toBe(false);
  });
});

describe("benchmark metrics", () => {
  it("computes ROC AUC with ties as one half", () => {
    expect(computeRocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75);
    expect(computeRocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0.5);
  });

  it("gives DeLong's standard errors for one AUC and for a paired difference", () => {
    const labels = [0, 0, 1, 1] as const;
    const scores = [0.1, 0.4, 0.35, 0.8];
    // Positives beat 1/2 and 2/2 of the negatives; negatives are beaten by 2/2 and 1/2 of the positives:
    // each set of components has sample variance 0.125, so Var(AUC) = 0.125/2 + 0.125/2.
    const same = compareRocAuc(scores, scores, labels);
    expect(same.aucA).toBeCloseTo(0.75, 12);
    expect(same.standardErrorA).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(same.difference).toBe(0);
    expect(same.differenceStandardError).toBeCloseTo(0, 12);
    // The reversed scorer's components are 1 − ours: perfectly anti-correlated, so the difference's
    // standard error is twice each one's.
    const reversed = compareRocAuc(scores, scores.map((s) => -s), labels);
    expect(reversed.aucB).toBeCloseTo(0.25, 12);
    expect(reversed.difference).toBeCloseTo(0.5, 12);
    expect(reversed.differenceStandardError).toBeCloseTo(2 * Math.sqrt(0.125), 12);
    // All tied: every comparison is one half, so the AUC is 0.5 with no spread.
    const tied = compareRocAuc([1, 1, 1, 1], [2, 2, 2, 2], [0, 1, 0, 1]);
    expect(tied.aucA).toBe(0.5);
    expect(tied.standardErrorA).toBe(0);
    expect(() => compareRocAuc([1, 2], [1, 2], [0, 1])).toThrow(/two positives/);
  });

  it("computes the Spearman rank correlation with tied ranks averaged", () => {
    expect(computeSpearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBeCloseTo(1);
    expect(computeSpearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    // ranks a = 1, 2.5, 2.5, 4 and b = 1, 2, 3, 4: covariance 4.5 over sqrt(4.5 × 5)
    expect(computeSpearman([1, 5, 5, 9], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 10);
    expect(computeSpearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it("computes HR@k and NDCG@k with binary gains", () => {
    const relevant = new Set(["b", "z"]);
    const { hit, ndcg } = computeRankingMetrics(["a", "b", "c"], relevant, 10);
    expect(hit).toBe(1);
    expect(ndcg).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
    expect(computeRankingMetrics(["a"], relevant, 10)).toEqual({ hit: 0, ndcg: 0 });
  });

  it("scales the forecast error by the in-sample seasonal-naive error", () => {
    const history = [1, 2, 3, 4, 5, 6, 7, 3, 4, 5, 6, 7, 8, 9]; // |y_t − y_{t−7}| = 2 everywhere
    expect(computeMase(history, [10, 10], [11, 9])).toBeCloseTo(0.5);
  });
});

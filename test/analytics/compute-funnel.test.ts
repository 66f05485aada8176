import { describe, expect, it } from "vitest";
import { computeFunnel, FUNNEL_STAGES, type FunnelStageRecord } from "../../core/analytics/funnel/compute-funnel.ts";

let nextCustomer = 1;
/** `counts[s]` customers reach stage s (so counts must not increase), all on `day` (UTC, 2024). */
function cohort(day: string, counts: readonly number[]): FunnelStageRecord[] {
  const records: FunnelStageRecord[] = [];
  const size = counts[0]!;
  for (let c = 0; c < size; c++) {
    const customerId = nextCustomer++;
    FUNNEL_STAGES.forEach((stage, s) => {
      if (c < counts[s]!) records.push({ customerId, stage, at: new Date(`${day}T${String(8 + s).padStart(2, "0")}:00:00Z`) });
    });
  }
  return records;
}

describe("computeFunnel", () => {
  const records = [
    ...cohort("2024-02-10", [30, 22, 15, 7, 6, 6, 1]), // trailing window only
    ...cohort("2024-02-28", [10, 8, 5, 3, 2, 2, 1]), // trailing window and previous period
    ...cohort("2024-03-05", [20, 15, 10, 5, 2, 2, 0]), // the period
    ...cohort("2024-03-20", [50, 50, 50, 50, 50, 50, 50]), // after the period: ignored
  ];
  const report = computeFunnel({
    records,
    period: { start: new Date("2024-03-04T00:00:00Z"), end: new Date("2024-03-11T00:00:00Z") },
  });

  it("counts customers reaching each stage in the period and against the previous period", () => {
    expect(report.stages.map((s) => s.count)).toEqual([20, 15, 10, 5, 2, 2, 0]);
    expect(report.stages.map((s) => s.previousCount)).toEqual([10, 8, 5, 3, 2, 2, 1]);
    expect(report.stages.map((s) => s.change)).toEqual([10, 7, 5, 2, 0, 0, -1]);
    expect(report.previousPeriod.start.toISOString()).toBe("2024-02-26T00:00:00.000Z");
  });

  it("gives the conversion between consecutive stages", () => {
    expect(report.steps.map((s) => `${s.from}→${s.to}`)).toEqual([
      "visitor→engaged",
      "engaged→lead",
      "lead→cart",
      "cart→ordered",
      "ordered→paid",
      "paid→repeat",
    ]);
    const rates = report.steps.map((s) => s.rate);
    expect(rates[0]).toBeCloseTo(0.75);
    expect(rates[1]).toBeCloseTo(2 / 3);
    expect(rates[2]).toBeCloseTo(0.5);
    expect(rates[3]).toBeCloseTo(0.4);
    expect(rates[4]).toBeCloseTo(1);
    expect(rates[5]).toBeCloseTo(0);
    expect(report.steps[3]!.previousRate).toBeCloseTo(2 / 3);
    expect(report.steps[3]!.change).toBeCloseTo(0.4 - 2 / 3);
  });

  it("names as bottleneck the step that fell most against its trailing four-week rate", () => {
    // Trailing 28 days: 40 visitors, 30 engaged, 20 leads, 10 carts, 8 ordered, 8 paid, 2 repeat.
    expect(report.steps[3]!.trailingRate).toBeCloseTo(0.8);
    expect(report.steps[5]!.trailingRate).toBeCloseTo(0.25);
    expect(report.bottleneck?.from).toBe("cart");
    expect(report.bottleneck?.to).toBe("ordered");
    expect(report.bottleneck?.drop).toBeCloseTo(0.4);
  });

  it("has no bottleneck when no step fell", () => {
    const steady = computeFunnel({
      records: [...cohort("2024-05-01", [40, 20, 10, 5, 4, 4, 1]), ...cohort("2024-05-30", [10, 5, 3, 2, 2, 2, 1])],
      period: { start: new Date("2024-05-29T00:00:00Z"), end: new Date("2024-06-05T00:00:00Z") },
    });
    expect(steady.bottleneck).toBeNull();
  });

  it("counts a customer who skipped stages in every earlier stage", () => {
    const imported = computeFunnel({
      records: [{ customerId: "imported", stage: "paid", at: new Date("2024-01-03T10:00:00Z") }],
      period: { start: new Date("2024-01-01T00:00:00Z"), end: new Date("2024-01-08T00:00:00Z") },
    });
    expect(imported.stages.map((s) => s.count)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    const strict = computeFunnel({
      records: [{ customerId: "imported", stage: "paid", at: new Date("2024-01-03T10:00:00Z") }],
      period: { start: new Date("2024-01-01T00:00:00Z"), end: new Date("2024-01-08T00:00:00Z") },
      impliedStages: false,
    });
    expect(strict.stages.map((s) => s.count)).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(strict.steps[0]!.rate).toBeNull();
  });

  it("counts a stage once per customer, at its first reach", () => {
    const twice = computeFunnel({
      records: [
        { customerId: 1, stage: "cart", at: new Date("2024-01-02T10:00:00Z") },
        { customerId: 1, stage: "cart", at: new Date("2024-01-04T10:00:00Z") },
        { customerId: 1, stage: "cart", at: new Date("2023-12-28T10:00:00Z") },
      ],
      period: { start: new Date("2024-01-01T00:00:00Z"), end: new Date("2024-01-08T00:00:00Z") },
    });
    expect(twice.stages.find((s) => s.stage === "cart")!.count).toBe(0);
    expect(twice.stages.find((s) => s.stage === "cart")!.previousCount).toBe(1);
  });
});

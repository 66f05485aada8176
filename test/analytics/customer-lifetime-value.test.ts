import { describe, expect, it } from "vitest";
import { computeCustomerLifetimeValue } from "../../core/analytics/lifetime-value/compute-customer-lifetime-value.ts";

const DAY = 86_400_000;
const asOf = new Date("2024-06-01T00:00:00Z");
const daysAgo = (days: number): Date => new Date(asOf.getTime() - days * DAY);

describe("computeCustomerLifetimeValue", () => {
  it("matches a hand-computed case", () => {
    // Orders of 10.00, 20.00, 30.00, 90, 60 and 30 days ago; retention 0.5; prior shape 2, rate 1.
    // AOV = 2000; 2 repeat orders over 90 / 365 years → (2 + 2) / (1 + 0.246575) = 3.20879 orders a year;
    // lifetime 1 / (1 − 0.5) = 2 years; usual gap 30 days, last order 30 days ago → active probability 1.
    // predicted = 2000 × 3.20879 × 2 × 1 = 12,835.16 → 12,835; lifetime value = 6000 + 12,835.
    const report = computeCustomerLifetimeValue({
      orders: [
        { customerId: 1, at: daysAgo(90), totalMinor: 1000 },
        { customerId: 1, at: daysAgo(60), totalMinor: 2000 },
        { customerId: 1, at: daysAgo(30), totalMinor: 3000 },
      ],
      asOf,
      retention: 0.5,
      ratePrior: { shape: 2, rate: 1 },
    });
    expect(report.expectedLifetimeYears).toBe(2);
    const [customer] = report.customers;
    expect(customer).toMatchObject({
      customerId: 1,
      orders: 3,
      historicalValueMinor: 6000,
      averageOrderValueMinor: 2000,
      activeProbability: 1,
      expectedLifetimeYears: 2,
      predictedValueMinor: 12_835,
      lifetimeValueMinor: 18_835,
    });
    expect(customer!.ordersPerYear).toBeCloseTo(4 / (1 + 90 / 365), 10);
  });

  it("discounts a customer silent for longer than their usual gap", () => {
    // Gap 30 days, silent 120 days → active probability 30 / 120 = 0.25.
    const report = computeCustomerLifetimeValue({
      orders: [
        { customerId: "a", at: daysAgo(150), totalMinor: 1000 },
        { customerId: "a", at: daysAgo(120), totalMinor: 1000 },
      ],
      asOf,
      retention: 0.5,
      ratePrior: { shape: 2, rate: 1 },
    });
    const customer = report.customers[0]!;
    expect(customer.activeProbability).toBeCloseTo(0.25, 10);
    // 1000 × ((2 + 1) / (1 + 150 / 365) = 2.12621) × 2 × 0.25 = 1063.1
    expect(customer.predictedValueMinor).toBe(1063);
  });

  it("gives a customer who has just placed one order the shop's usual rate, not one order per 90 days", () => {
    // Twenty customers known for a year: ten bought once, ten seven times (six repeats).
    // Pooled rate m = 60 / 20 = 3 a year; spread v = (10 × (9 − 3) + 10 × (9 − 3)) / 20 = 6;
    // prior rate = m / v = 0.5 years, shape = 1.5. A newcomer's one order yesterday: 1.5 / (0.5 + 1/365).
    const orders = [
      ...Array.from({ length: 10 }, (_, i) => ({ customerId: `once-${i}`, at: daysAgo(365), totalMinor: 1000 })),
      ...Array.from({ length: 10 }, (_, i) =>
        Array.from({ length: 7 }, (_, k) => ({ customerId: `often-${i}`, at: daysAgo(365 - k * 50), totalMinor: 1000 })),
      ).flat(),
      { customerId: "new", at: daysAgo(1), totalMinor: 14_200 },
    ];
    const report = computeCustomerLifetimeValue({ orders, asOf, retention: 0.5 });
    expect(report.ratePrior.rate).toBeCloseTo(0.5, 10);
    expect(report.ratePrior.shape).toBeCloseTo(1.5, 10);
    const newcomer = report.customers.find((c) => c.customerId === "new")!;
    expect(newcomer.ordersPerYear).toBeCloseTo(1.5 / (0.5 + 1 / 365), 10);
    // The old formula, 1 / max(1 day, 90 days) × 365, said 4.06 a year: four times the £142.
    expect(newcomer.predictedValueMinor).toBeLessThan(14_200 * 3.1 * 2);
    // A steady customer keeps mostly their own rate: (1.5 + 6) / (0.5 + 1) = 5 a year.
    expect(report.customers.find((c) => c.customerId === "often-0")!.ordersPerYear).toBeCloseTo(5, 10);
  });

  it("uses the default prior while fewer than twenty customers can show the spread", () => {
    const report = computeCustomerLifetimeValue({ orders: [{ customerId: 1, at: daysAgo(100), totalMinor: 1000 }], asOf });
    expect(report.ratePrior).toEqual({ shape: 2, rate: 1 });
    expect(report.customers[0]!.ordersPerYear).toBeCloseTo(2 / (1 + 100 / 365), 10);
  });

  it("estimates retention from who came back, and ranks the top customers", () => {
    const orders = [
      // Active in the year before last: a, b, c, d. Came back in the last year: a, b, c.
      ...["a", "b", "c", "d"].map((customerId) => ({ customerId, at: daysAgo(500), totalMinor: 1000 })),
      { customerId: "a", at: daysAgo(10), totalMinor: 50_000 },
      { customerId: "b", at: daysAgo(100), totalMinor: 5000 },
      { customerId: "c", at: daysAgo(300), totalMinor: 1000 },
    ];
    const report = computeCustomerLifetimeValue({ orders, asOf, topCount: 2 });
    expect(report.retention).toBeCloseTo(0.75, 10);
    expect(report.expectedLifetimeYears).toBe(4);
    expect(report.top.map((c) => c.customerId)).toEqual(["a", "b"]);
  });

  it("caps the lifetime and ignores orders at or after asOf", () => {
    const report = computeCustomerLifetimeValue({
      orders: [
        { customerId: 1, at: daysAgo(10), totalMinor: 1000 },
        { customerId: 1, at: asOf, totalMinor: 1000 },
      ],
      asOf,
      retention: 0.99,
    });
    expect(report.expectedLifetimeYears).toBe(5);
    expect(report.customers[0]!.orders).toBe(1);
  });
});

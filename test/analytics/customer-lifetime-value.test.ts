import { describe, expect, it } from "vitest";
import { computeCustomerLifetimeValue } from "../../core/analytics/lifetime-value/compute-customer-lifetime-value.ts";

const DAY = 86_400_000;
const asOf = new Date("2024-06-01T00:00:00Z");
const daysAgo = (days: number): Date => new Date(asOf.getTime() - days * DAY);

describe("computeCustomerLifetimeValue", () => {
  it("matches a hand-computed case", () => {
    // Orders of 10.00, 20.00, 30.00, 90, 60 and 30 days ago; retention 0.5.
    // AOV = 2000; tenure 90 days → 3 / 90 × 365 = 12.1667 orders a year; lifetime 1 / (1 − 0.5) = 2 years;
    // usual gap 30 days, last order 30 days ago → active probability 1.
    // predicted = 2000 × 12.1667 × 2 × 1 = 48,666.67 → 48,667; lifetime value = 6000 + 48,667.
    const report = computeCustomerLifetimeValue({
      orders: [
        { customerId: 1, at: daysAgo(90), totalMinor: 1000 },
        { customerId: 1, at: daysAgo(60), totalMinor: 2000 },
        { customerId: 1, at: daysAgo(30), totalMinor: 3000 },
      ],
      asOf,
      retention: 0.5,
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
      predictedValueMinor: 48_667,
      lifetimeValueMinor: 54_667,
    });
    expect(customer!.ordersPerYear).toBeCloseTo(12.1667, 4);
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
    });
    const customer = report.customers[0]!;
    expect(customer.activeProbability).toBeCloseTo(0.25, 10);
    // 1000 × (2 / 150 × 365 = 4.8667) × 2 × 0.25 = 2433.33
    expect(customer.predictedValueMinor).toBe(2433);
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

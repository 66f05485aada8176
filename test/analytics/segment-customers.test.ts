import { describe, expect, it } from "vitest";
import { clusterKMeans } from "../../core/analytics/segments/cluster-k-means.ts";
import { computeSilhouette } from "../../core/analytics/segments/compute-silhouette.ts";
import { segmentCustomers, type SegmentOrderRecord } from "../../core/analytics/segments/segment-customers.ts";

const DAY = 86_400_000;
const asOf = new Date("2024-06-01T00:00:00Z");

/** 20 recent big spenders (ids 1–20) and 20 one-time small buyers from long ago (ids 101–120). */
function twoObviousGroups(): SegmentOrderRecord[] {
  const orders: SegmentOrderRecord[] = [];
  for (let c = 1; c <= 20; c++) {
    for (let k = 0; k < 10 + (c % 3); k++) {
      orders.push({ customerId: c, at: new Date(asOf.getTime() - (2 + (c % 4) + 20 * k) * DAY), totalMinor: 10_000 + 100 * c });
    }
  }
  for (let c = 101; c <= 120; c++) {
    orders.push({ customerId: c, at: new Date(asOf.getTime() - (300 + c - 100) * DAY), totalMinor: 500 + 10 * (c - 100) });
  }
  return orders;
}

describe("segmentCustomers", () => {
  it("finds two obvious groups and names them", () => {
    const result = segmentCustomers({ orders: twoObviousGroups(), asOf });
    expect(result.k).toBe(2);
    expect(result.silhouette).toBeGreaterThan(0.7);
    const [best, worst] = result.segments;
    expect(best!.key).toBe("champions");
    expect(best!.label).toEqual({ en: "Champions", zh: "核心客户" });
    expect(best!.size).toBe(20);
    expect(worst!.key).toBe("lost");
    expect(worst!.label.zh).toBe("已流失");
    const segmentOf = new Map(result.customers.map((c) => [c.customerId, c.segmentId]));
    for (let c = 1; c <= 20; c++) expect(segmentOf.get(c)).toBe(best!.id);
    for (let c = 101; c <= 120; c++) expect(segmentOf.get(c)).toBe(worst!.id);
  });

  it("names segments by how they stand in the shop, not only against each other", () => {
    // Repeat buyers (three orders, 20 days apart, last one 30–40 days ago) and one-time buyers of
    // 35–50 days ago: the second group is not "lost" just because it comes second of two.
    const orders: SegmentOrderRecord[] = [];
    for (let c = 1; c <= 30; c++) {
      const last = 30 + (c % 11);
      for (let k = 0; k < 3; k++) orders.push({ customerId: c, at: new Date(asOf.getTime() - (last + 20 * k) * DAY), totalMinor: 3_000 });
    }
    for (let c = 101; c <= 160; c++) orders.push({ customerId: c, at: new Date(asOf.getTime() - (35 + (c % 16)) * DAY), totalMinor: 2_500 });
    const result = segmentCustomers({ orders, asOf, maxK: 2 });
    const [repeat, once] = result.segments;
    expect(repeat!.size).toBe(30);
    expect(repeat!.key).toBe("loyal");
    expect(once!.size).toBe(60);
    expect(once!.key).toBe("hibernating");
    // Within the usual 20-day gap a segment scores 1 on recency; at twice the gap, ½.
    expect(repeat!.scores.frequency).toBeCloseTo(2 / 3, 5);
    expect(once!.scores.frequency).toBe(0);
    expect(once!.scores.recency).toBeCloseTo(20 / once!.average.recencyDays, 5);
  });

  it("gives the same segments on every run", () => {
    const a = segmentCustomers({ orders: twoObviousGroups(), asOf });
    const b = segmentCustomers({ orders: twoObviousGroups(), asOf });
    expect(b).toEqual(a);
  });

  it("reports RFM per customer, ignoring orders at or after asOf", () => {
    const result = segmentCustomers({
      orders: [
        { customerId: "a", at: new Date(asOf.getTime() - 10 * DAY), totalMinor: 1000 },
        { customerId: "a", at: new Date(asOf.getTime() - 40 * DAY), totalMinor: 500 },
        { customerId: "a", at: new Date(asOf.getTime() + DAY), totalMinor: 99_999 },
        { customerId: "b", at: new Date(asOf.getTime() - 200 * DAY), totalMinor: 300 },
        { customerId: "c", at: new Date(asOf.getTime() - 5 * DAY), totalMinor: 7000 },
      ],
      asOf,
    });
    const a = result.customers.find((c) => c.customerId === "a")!;
    expect(a).toMatchObject({ recencyDays: 10, orders: 2, monetaryMinor: 1500 });
    expect(result.k).toBe(2);
  });

  it("copes with no customers and with one", () => {
    expect(segmentCustomers({ orders: [], asOf }).segments).toEqual([]);
    const one = segmentCustomers({ orders: [{ customerId: 1, at: new Date(asOf.getTime() - DAY), totalMinor: 100 }], asOf });
    expect(one.k).toBe(1);
    expect(one.segments[0]!.size).toBe(1);
  });
});

describe("clusterKMeans and computeSilhouette", () => {
  const blobs: number[][] = [];
  for (const [cx, cy] of [
    [0, 0],
    [10, 0],
    [0, 10],
  ]) {
    for (let i = 0; i < 15; i++) blobs.push([cx! + (i % 5) * 0.1, cy! + Math.floor(i / 5) * 0.1]);
  }

  it("separates three blobs", () => {
    const result = clusterKMeans({ points: blobs, k: 3, seed: 3 });
    for (let blob = 0; blob < 3; blob++) {
      const labels = new Set(result.assignments.slice(blob * 15, blob * 15 + 15));
      expect(labels.size).toBe(1);
    }
    expect(new Set(result.assignments).size).toBe(3);
    expect(computeSilhouette({ points: blobs, assignments: result.assignments })).toBeGreaterThan(0.9);
  });

  it("scores a wrong clustering lower than the right one", () => {
    const right = clusterKMeans({ points: blobs, k: 3 }).assignments;
    const wrong = blobs.map((_, i) => i % 3);
    expect(computeSilhouette({ points: blobs, assignments: wrong })).toBeLessThan(
      computeSilhouette({ points: blobs, assignments: right }),
    );
  });

  it("samples deterministically on large sets", () => {
    const options = { points: blobs, assignments: clusterKMeans({ points: blobs, k: 3 }).assignments, sampleSize: 20, seed: 5 };
    expect(computeSilhouette(options)).toBe(computeSilhouette(options));
  });
});

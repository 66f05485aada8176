import { describe, expect, it } from "vitest";
import { buildContentSimilarity, tokenizeProductText } from "../../core/analytics/recommendations/build-content-similarity.ts";
import { buildItemSimilarity } from "../../core/analytics/recommendations/build-item-similarity.ts";
import { recommendForCustomer } from "../../core/analytics/recommendations/recommend-for-customer.ts";
import { recommendForProduct } from "../../core/analytics/recommendations/recommend-for-product.ts";
import type { BasketRecord, RecommendableProduct } from "../../core/analytics/recommendations/types.ts";

const asOf = new Date("2024-06-01T00:00:00Z");
const daysAgo = (days: number): Date => new Date(asOf.getTime() - days * 86_400_000);

const catalogue: RecommendableProduct[] = [
  { id: 1, stock: 10 }, // teapot
  { id: 2, stock: 10 }, // tea cups
  { id: 3, stock: 10, consumable: true }, // green tea
  { id: 4, stock: 10 }, // candle
  { id: 5, stock: 10 }, // lamp
  { id: 6, stock: 0 }, // silk scarf: out of stock
  { id: 7, stock: 10, active: false }, // retired mug
  { id: 8, stock: 10 }, // green tea cups (new, never sold)
];
const texts = [
  { id: 1, name: "Porcelain teapot", tags: ["tea"] },
  { id: 2, name: "Porcelain tea cups", description: "Set of four cups", tags: ["tea"] },
  { id: 3, name: "Green tea", nameZh: "绿茶", tags: ["tea"] },
  { id: 4, name: "Beeswax candle", tags: ["home"] },
  { id: 5, name: "Reading lamp", tags: ["home"] },
  { id: 6, name: "Silk scarf" },
  { id: 7, name: "Old mug" },
  { id: 8, name: "Green tea cups", description: "Set of two cups", tags: ["tea"] },
];

function history(): BasketRecord[] {
  const orders: BasketRecord[] = [];
  // Teapot and cups are bought together, often with the scarf (which has run out) and the mug.
  for (let c = 1; c <= 12; c++) orders.push({ customerId: c, productIds: [1, 2, 6, 7], at: daysAgo(40 + c) });
  // Candle and lamp go together.
  for (let c = 13; c <= 20; c++) orders.push({ customerId: c, productIds: [4, 5], at: daysAgo(10 + c) });
  // Tea is bought again and again, recently.
  for (let c = 21; c <= 35; c++) orders.push({ customerId: c, productIds: [3], at: daysAgo(c - 20) });
  return orders;
}

describe("recommendForCustomer", () => {
  const model = buildItemSimilarity({ orders: history(), asOf });

  it("recommends what is bought together with the customer's purchase", () => {
    const recommendations = recommendForCustomer({
      model,
      purchases: [{ productId: 1, at: daysAgo(3) }],
      products: catalogue,
      limit: 3,
    });
    expect(recommendations[0]!.productId).toBe(2);
    expect(recommendations[0]!.reason).toEqual({ kind: "bought-together", withProductId: 1 });
  });

  it("never recommends an out-of-stock or inactive product", () => {
    for (const purchases of [[{ productId: 1, at: daysAgo(3) }], [], [{ productId: 4, at: daysAgo(1) }]]) {
      const ids = recommendForCustomer({ model, purchases, products: catalogue, limit: 10 }).map((r) => r.productId);
      expect(ids).not.toContain(6);
      expect(ids).not.toContain(7);
    }
  });

  it("does not recommend what the customer already bought, unless it is consumable", () => {
    const ids = recommendForCustomer({
      model,
      purchases: [
        { productId: 1, at: daysAgo(3) },
        { productId: 3, at: daysAgo(3) },
      ],
      products: catalogue,
      limit: 10,
    }).map((r) => r.productId);
    expect(ids).not.toContain(1);
    expect(ids).toContain(3);
  });

  it("gives a newcomer what is popular now", () => {
    const recommendations = recommendForCustomer({ model, purchases: [], products: catalogue, limit: 2 });
    expect(recommendations[0]).toMatchObject({ productId: 3, reason: { kind: "popular" } });
  });

  it("weights the customer's latest purchases most", () => {
    const recommendations = recommendForCustomer({
      model,
      purchases: [
        { productId: 1, at: daysAgo(200) },
        { productId: 4, at: daysAgo(1) },
      ],
      products: catalogue,
      limit: 1,
      popularityWeight: 0,
    });
    expect(recommendations[0]!.productId).toBe(5);
  });

  it("adds look-alikes from content similarity", () => {
    const content = buildContentSimilarity({ products: texts });
    const ids = recommendForCustomer({
      model,
      content,
      contentWeight: 0.5,
      purchases: [{ productId: 2, at: daysAgo(1) }],
      products: catalogue,
      limit: 4,
    }).map((r) => r.productId);
    expect(ids).toContain(8);
  });
});

describe("recommendForProduct", () => {
  const model = buildItemSimilarity({ orders: history(), asOf });
  const content = buildContentSimilarity({ products: texts });

  it("suggests what is bought with the product, never the product itself or an unavailable one", () => {
    const ids = recommendForProduct({ model, content, productId: 1, products: catalogue, limit: 10 }).map((r) => r.productId);
    expect(ids[0]).toBe(2);
    expect(ids).not.toContain(1);
    expect(ids).not.toContain(6);
    expect(ids).not.toContain(7);
  });

  it("finds look-alikes for a product nobody has bought yet", () => {
    const recommendations = recommendForProduct({ model, content, productId: 8, products: catalogue, limit: 2 });
    expect(recommendations[0]).toMatchObject({ productId: 2, reason: { kind: "similar", toProductId: 8 } });
  });
});

describe("buildItemSimilarity", () => {
  it("is symmetric cosine over customers, ignoring orders at or after asOf", () => {
    const model = buildItemSimilarity({
      orders: [
        { customerId: "a", productIds: ["x", "y"], at: daysAgo(5) },
        { customerId: "b", productIds: ["x"], at: daysAgo(5) },
        { customerId: "c", productIds: ["x", "y", "z"], at: daysAgo(0) }, // at asOf: ignored
      ],
      asOf,
      customerDamping: 0,
    });
    const { similarity } = model;
    const x = similarity.indexOf.get("x")!;
    const y = similarity.indexOf.get("y")!;
    const row = (i: number): Map<number, number> => {
      const entries = new Map<number, number>();
      similarity.columns[i]!.forEach((j, k) => entries.set(j, similarity.values[i]![k]!));
      return entries;
    };
    // x bought by a, b; y by a: cos = 1 / √(2·1)
    expect(row(x).get(y)).toBeCloseTo(1 / Math.SQRT2, 6);
    expect(row(y).get(x)).toBeCloseTo(1 / Math.SQRT2, 6);
    expect(similarity.indexOf.has("z")).toBe(false);
    expect(model.popularity[x]).toBe(2);
  });

  it("lets views count, weakly", () => {
    const model = buildItemSimilarity({
      orders: [{ customerId: "a", productIds: ["x"], at: daysAgo(5) }],
      views: [{ customerId: "a", productId: "y", at: daysAgo(4) }],
      asOf,
    });
    expect(model.similarity.columns.map((row) => row.length)).toEqual([1, 1]);
    expect(model.popularity[model.similarity.indexOf.get("y")!]).toBe(0);
  });
});

describe("tokenizeProductText", () => {
  it("splits English words and Chinese characters and bigrams", () => {
    expect(tokenizeProductText("Green-tea cups, 2 x")).toEqual(["green", "tea", "cups"]);
    expect(tokenizeProductText("绿茶杯")).toEqual(["绿", "绿茶", "茶", "茶杯", "杯"]);
  });
});

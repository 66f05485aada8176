import { describe, expect, it } from "vitest";
import { matchProducts } from "../core/catalog/match-products.ts";
import { extractEntities } from "../core/nlu/extract-entities.ts";
import { DEMO_PRODUCTS } from "../prisma/demo-shop.ts";

const catalog = DEMO_PRODUCTS.map((p, i) => ({ id: i + 1, sku: p.sku, name: p.name, nameZh: p.nameZh ?? null, category: p.category, tags: p.tags ?? [] }));
const skuOf = (text: string, shownProductIds?: number[]) => matchProducts(text, catalog, shownProductIds ? { shownProductIds } : {}).map((m) => catalog[m.productId - 1]!.sku);

describe("quantities", () => {
  const cases: [string, number][] = [
    ["2", 2], ["I'd like 2 please", 2], ["two", 2], ["a couple of mugs", 2], ["a pair of candles", 2], ["a dozen", 12],
    ["两个", 2], ["三", 3], ["我要十二个", 12], ["二十五件", 25], ["3x teapot", 3], ["x3", 3], ["order 4 notebooks", 4],
  ];
  for (const [text, quantity] of cases) it(`reads "${text}" as ${quantity}`, () => expect(extractEntities(text).quantity).toBe(quantity));
  it("keeps nonsense quantities for the dialogue to refuse", () => {
    expect(extractEntities("0").quantity).toBe(0);
    expect(extractEntities("-1").quantity).toBe(-1);
    expect(extractEntities("1e9").quantity).toBe(1_000_000_000);
  });
});

describe("contact details and order numbers", () => {
  it("finds and validates emails", () => {
    expect(extractEntities("reach me at Anna.Lee@Example.com!").email).toBe("anna.lee@example.com");
    expect(extractEntities("my email is anna@").invalidEmail).toBe("anna@");
  });
  it("normalises phone numbers to E.164", () => {
    expect(extractEntities("call me on +44 7911 123456").phone).toBe("+447911123456");
    expect(extractEntities("07911 123456").phone).toBe("+447911123456");
    expect(extractEntities("我的电话是13800138000").phone).toBe("+8613800138000");
    expect(extractEntities("+86 138 0013 8000").phone).toBe("+8613800138000");
    expect(extractEntities("my number is 12345678").invalidPhone).toBe("12345678");
  });
  it("reads order numbers but not quantities as order numbers", () => {
    expect(extractEntities("where is order #15?").orderId).toBe(15);
    expect(extractEntities("status of order 12").orderId).toBe(12);
    expect(extractEntities("订单12到哪了").orderId).toBe(12);
    expect(extractEntities("order number 9").orderId).toBe(9);
    expect(extractEntities("I'd like to order 3 canvas tote bags")).toEqual({ quantity: 3 });
  });
});

describe("product mentions", () => {
  it("links names, plurals and typos to the catalog", () => {
    expect(skuOf("do you have the celadon teapot?")[0]).toBe("CER-001");
    expect(skuOf("lavender candles")[0]).toBe("CND-001");
    expect(skuOf("the celadn teapott")[0]).toBe("CER-001");
    expect(skuOf("CER-002 please")[0]).toBe("CER-002");
  });
  it("links Chinese names, by their distinctive part too", () => {
    expect(skuOf("青瓷茶壶多少钱")[0]).toBe("CER-001");
    expect(skuOf("龙井还有吗")[0]).toBe("TEA-004");
  });
  it("resolves 'the blue one' against the products just shown", () => {
    const shown = ["CER-002", "CER-003", "CER-004"].map((sku) => catalog.find((p) => p.sku === sku)!.id);
    expect(skuOf("the blue one", shown)).toEqual(["CER-002"]);
    expect(skuOf("no, the red one", shown)).toEqual(["CER-003"]);
  });
  it("finds nothing for unknown products", () => {
    expect(skuOf("quantum flux capacitor")).toEqual([]);
  });
});

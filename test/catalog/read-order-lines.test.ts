import { describe, expect, it } from "vitest";
import { readOrderLines } from "../../core/catalog/read-order-lines.ts";
import { DEMO_PRODUCTS } from "../../prisma/demo-shop.ts";

// The demo catalog with ids 1… in its order, as the matcher sees it.
const products = DEMO_PRODUCTS.map((p, i) => ({ id: i + 1, sku: p.sku, name: p.name, nameZh: p.nameZh ?? null, category: p.category, tags: p.tags ?? [] }));
const categories = [...new Map(DEMO_PRODUCTS.map((p) => [p.category, { category: p.category, categoryZh: p.categoryZh ?? null }])).values()];
const id = (sku: string) => products.find((p) => p.sku === sku)!.id;
const read = (text: string, options?: { referredProductId?: number }) => readOrderLines(text, products, categories, options);

describe("readOrderLines", () => {
  it("reads each product with its own quantity, one when none is written", () => {
    expect(read("I want 2 jasmine tea and 1 earl grey")).toEqual({ lines: [{ productId: id("TEA-001"), quantity: 2 }, { productId: id("TEA-003"), quantity: 1 }] });
    expect(read("earl grey, pu-erh and chamomile")).toEqual({ lines: [{ productId: id("TEA-003") }, { productId: id("TEA-002") }, { productId: id("TEA-005") }] });
    expect(read("I'd like a teapot and 4 red glaze cups")).toEqual({ lines: [{ productId: id("CER-001"), quantity: 1 }, { productId: id("CER-003"), quantity: 4 }] });
  });

  it("reads Chinese lists, and keeps a name that contains a separator whole", () => {
    expect(read("两罐茉莉银针和一个青瓷茶壶")).toEqual({ lines: [{ productId: id("TEA-001"), quantity: 2 }, { productId: id("CER-001"), quantity: 1 }] });
    // 和纸胶带 (washi tape) starts with 和 ("and"); Sea Salt & Sage is one candle, written with "&" or "and".
    expect(read("和纸胶带和蓝色斑点马克杯")).toEqual({ lines: [{ productId: id("STA-003") }, { productId: id("CER-002") }] });
    expect(read("a sea salt and sage candle and 2 mugs")).toEqual({ lines: [{ productId: id("CND-002"), quantity: 1 }, { productId: id("CER-002"), quantity: 2 }] });
    expect(read("sea salt and sage candle")).toBeNull();
  });

  it("leaves one piece naming a kind to choose, and reads '2 of those' as the product under discussion", () => {
    const linen = ["STA-001", "BAG-003", "HOM-003"].map(id).sort();
    const reading = read("2 of those and a linen one", { referredProductId: id("TEA-001") });
    expect(reading?.lines).toEqual([{ productId: id("TEA-001"), quantity: 2 }]);
    expect(reading?.open?.quantity).toBe(1);
    expect(reading?.open?.productIds.slice().sort()).toEqual(linen);
    // "a candle" names the Candles category (singular or plural): chosen from the category.
    const candle = read("2 of those and a candle", { referredProductId: id("TEA-001") });
    expect(candle?.open).toEqual({ productIds: [], category: { category: "Candles", categoryZh: "蜡烛" }, quantity: 1 });
    // Without a product under discussion "those" names nothing: one item is not a list.
    expect(read("2 of those and a candle")).toBeNull();
  });

  it("merges a product written twice", () => {
    expect(read("2 jasmine tea and 1 jasmine tea")).toEqual({ lines: [{ productId: id("TEA-001"), quantity: 3 }] });
  });

  it("is not a list: one product, two kinds to choose in, a negation, or pieces naming nothing", () => {
    expect(read("2 jasmine tea please")).toBeNull();
    expect(read("tea and candles")).toBeNull();
    expect(read("the earl grey, not the jasmine")).toBeNull();
    expect(read("the jasmine tea and thanks")).toBeNull();
    expect(read("两卷和纸")).toBeNull();
  });
});

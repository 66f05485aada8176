import { describe, expect, it } from "vitest";
import { closestMatches, describesAnotherThing, findNamedCategory, matchProducts, searchProducts } from "../core/catalog/match-products.ts";
import { extractEntities } from "../core/nlu/extract-entities.ts";
import { DEMO_PRODUCTS } from "../prisma/demo-shop.ts";

const catalog = DEMO_PRODUCTS.map((p, i) => ({ id: i + 1, sku: p.sku, name: p.name, nameZh: p.nameZh ?? null, category: p.category, tags: p.tags ?? [] }));
const searchedSkus = (text: string) => searchProducts(text, catalog).map((id) => catalog[id - 1]!.sku);
const skuOf = (text: string, shownProductIds?: number[]) => matchProducts(text, catalog, shownProductIds ? { shownProductIds } : {}).map((m) => catalog[m.productId - 1]!.sku);

describe("quantities", () => {
  const cases: [string, number][] = [
    ["2", 2], ["I'd like 2 please", 2], ["two", 2], ["a couple of mugs", 2], ["a pair of candles", 2], ["a dozen", 12],
    ["两个", 2], ["三", 3], ["我要十二个", 12], ["二十五件", 25], ["3x teapot", 3], ["x3", 3], ["order 4 notebooks", 4],
    ["I want a blue mug", 1], ["I'd like an Earl Grey", 1], ["please add a notebook", 1],
  ];
  for (const [text, quantity] of cases) it(`reads "${text}" as ${quantity}`, () => expect(extractEntities(text).quantity).toBe(quantity));
  it("keeps nonsense quantities for the dialogue to refuse", () => {
    expect(extractEntities("0").quantity).toBe(0);
    // "a" is one only after an ordering verb.
    expect(extractEntities("I have a question about the mug").quantity).toBeUndefined();
    expect(extractEntities("is there a teapot?").quantity).toBeUndefined();
    expect(extractEntities("-1").quantity).toBe(-1);
    expect(extractEntities("1e9").quantity).toBe(1_000_000_000);
    // A fraction stays a fraction: it was cut to 2, so "2.5 mugs" ordered two without a word.
    expect(extractEntities("I'd like 2.5 mugs").quantity).toBe(2.5);
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
    // Two runs of the name ("檀香" and "蜡烛") outweigh another candle's "蜡烛" alone: one product, not a choice of four.
    expect(closestMatches(matchProducts("檀香蜡烛能烧多久", catalog)).map((m) => catalog[m.productId - 1]!.sku)).toEqual(["CND-003"]);
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
  it("does not split two nouns that name one thing: a gift card is not the card wallet, a tea towel no tea", () => {
    expect(skuOf("I want to buy a gift card")).toEqual([]);
    expect(skuOf("a card holder please")).toEqual([]);
    expect(searchedSkus("do you sell gift cards?")).toEqual([]);
    expect(searchedSkus("do you have tea towels?")).toEqual([]);
    expect(searchedSkus("candle holders")).toEqual([]);
    expect(searchedSkus("jasmine tea")).toEqual(["TEA-001"]);
    // The product's own kind named with another noun is still that product, and both nouns in it are too.
    expect(searchedSkus("I'd like a coffee mug")).toEqual(["CER-002"]);
    expect(skuOf("the wallet for cards")[0]).toBe("BAG-002");
    expect(skuOf("2 tea cups please")[0]).toBe("CER-003");
    expect(skuOf("the tea tray")[0]).toBe("HOM-002");
    // After "for", two nouns say what the thing is for.
    expect(describesAnotherThing("anything for tea ceremonies?", catalog[0]!)).toBe(false);
    expect(describesAnotherThing("do you have candle holders?", catalog.find((p) => p.sku === "CND-001")!)).toBe(true);
    // Heads that count or pack: "tape sets" are the Washi Tape Set.
    expect(skuOf("3 washi tape sets please")[0]).toBe("STA-003");
  });
});

describe("positions in the list just shown", () => {
  const picks: [string, number, boolean][] = [
    ["the second one", 2, true], ["second", 2, true], ["the 2nd please", 2, true], ["number 3", 3, true], ["option 1", 1, true],
    ["the last one", -1, true], ["tell me about the first one", 1, false], ["I'll take 2 of the third one", 3, false],
    ["第二个", 2, true], ["第3款吧", 3, true], ["最后一个", -1, true], ["第一个怎么样", 1, false],
  ];
  for (const [text, position, alone] of picks) {
    it(`reads "${text}" as position ${position}${alone ? ", a pick on its own" : ""}`, () => {
      expect(extractEntities(text).ordinal).toEqual({ position, alone });
    });
  }
  it("does not read times, orders and 'a second' as positions, nor positions as quantities", () => {
    for (const text of ["just a second", "my first order", "first, how much is shipping?", "is this the first time you ship to France?", "第一次买", "第二天能到吗"]) {
      expect(extractEntities(text).ordinal, text).toBeUndefined();
    }
    expect(extractEntities("the second one").quantity).toBeUndefined();
    expect(extractEntities("第二个").quantity).toBeUndefined();
    expect(extractEntities("I'll take 2 of the third one").quantity).toBe(2);
  });
});

describe("prices", () => {
  const limits: [string, { atMost?: string; atLeast?: string; order?: string; currency?: string }][] = [
    ["candles under £20", { atMost: "20", currency: "GBP" }],
    ["a gift under 30 pounds", { atMost: "30", currency: "GBP" }],
    ["anything under 20?", { atMost: "20" }],
    ["less than £12.50", { atMost: "12.50", currency: "GBP" }],
    ["over £40", { atLeast: "40", currency: "GBP" }],
    ["between £10 and £20", { atLeast: "10", atMost: "20", currency: "GBP" }],
    ["£20-£10", { atLeast: "10", atMost: "20", currency: "GBP" }],
    ["what's the cheapest tea", { order: "lowest" }],
    ["anything cheaper?", { order: "cheaper" }],
    ["cheaper than £15", { atMost: "15", order: "lowest", currency: "GBP" }],
    ["your most expensive teapot", { order: "highest" }],
    ["20镑以下的蜡烛", { atMost: "20", currency: "GBP" }],
    ["三十元以内", { atMost: "30", currency: "CNY" }],
    ["不超过20镑", { atMost: "20", currency: "GBP" }],
    ["100元以上", { atLeast: "100", currency: "CNY" }],
    ["有没有便宜一点的", { order: "cheaper" }],
    ["under 50 dollars", { atMost: "50", currency: "USD" }],
    // Thousands grouped as the shop writes them are one amount; a comma before two digits is a decimal comma.
    ["anything under £1,000, please?", { atMost: "1000", currency: "GBP" }],
    ["between £1,000 and £2,500", { atLeast: "1000", atMost: "2500", currency: "GBP" }],
    ["over £1,299.50", { atLeast: "1299.50", currency: "GBP" }],
    ["under 12,50 euros", { atMost: "12.50", currency: "EUR" }],
    // "Around" is a fifth either side.
    ["a wedding gift around £50?", { atLeast: "40", atMost: "60", currency: "GBP" }],
    ["roughly £12.50", { atLeast: "10", atMost: "15", currency: "GBP" }],
    ["about 30 pounds", { atLeast: "24", atMost: "36", currency: "GBP" }],
    ["£20 or so", { atLeast: "16", atMost: "24", currency: "GBP" }],
    ["50镑左右的礼物", { atLeast: "40", atMost: "60", currency: "GBP" }],
    ["大概100块的茶", { atLeast: "80", atMost: "120", currency: "CNY" }],
  ];
  for (const [text, price] of limits) it(`reads "${text}"`, () => expect(extractEntities(text).price).toEqual(price));
  it("keeps counts, days and items out of prices, and prices out of quantities", () => {
    expect(extractEntities("more than 2 candles")).toEqual({ quantity: 2 });
    expect(extractEntities("within 3 days").price).toBeUndefined();
    expect(extractEntities("最多2个")).toEqual({ quantity: 2 });
    expect(extractEntities("candles under £20").quantity).toBeUndefined();
    expect(extractEntities("I want 3 candles under £20")).toEqual({ quantity: 3, price: { atMost: "20", currency: "GBP" } });
    // People, times and measures are not how many to buy.
    expect(extractEntities("is it big enough for 4 people?").quantity).toBeUndefined();
    expect(extractEntities("够4个人用吗").quantity).toBeUndefined();
    expect(extractEntities("够四个人用吗").quantity).toBeUndefined();
    expect(extractEntities("within 3 days").quantity).toBeUndefined();
    expect(extractEntities("用了4个月").quantity).toBeUndefined();
    expect(extractEntities("三个月").quantity).toBeUndefined();
    expect(extractEntities("3罐").quantity).toBe(3);
    expect(extractEntities("I'll take 2 for 2 people").quantity).toBe(2);
    expect(extractEntities("a 50 g tin, 2 please").quantity).toBe(2);
    // "about" without a currency is not a price.
    expect(extractEntities("what about 2?")).toEqual({ quantity: 2 });
    expect(extractEntities("I want about 3 candles")).toEqual({ quantity: 3 });
  });
});

describe("categories named in a message", () => {
  const categories = [...new Map(DEMO_PRODUCTS.map((p) => [p.category, { category: p.category, categoryZh: p.categoryZh ?? null }])).values()];
  const named = (text: string) => findNamedCategory(text, categories)?.category;
  it("finds a category by its English or Chinese name, or a Chinese name's first character on its own", () => {
    expect(named("show me tea")).toBe("Tea");
    expect(named("any candles under £10?")).toBe("Candles");
    expect(named("看看茶叶")).toBe("Tea");
    expect(named("20镑以下的茶")).toBe("Tea");
    expect(named("最便宜的茶是哪个")).toBe("Tea");
    expect(named("有包吗")).toBe("Bags");
    expect(named("有什么茶")).toBe("Tea");
    expect(named("你们有啥茶")).toBe("Tea");
  });
  it("does not take a category that only describes another thing", () => {
    expect(named("do you have tea towels?")).toBeUndefined();
    expect(named("any candle holders?")).toBeUndefined();
    expect(named("show me tea")).toBe("Tea");
  });
  it("does not take a category from inside another word", () => {
    expect(named("show me teapots")).toBeUndefined();
    expect(named("有茶壶吗")).toBeUndefined();
    expect(named("茶盘多少钱")).toBeUndefined();
    expect(named("有什么茶壶")).toBeUndefined();
  });
  it("forgives one typo in a category name of five letters or more, never in a short one", () => {
    expect(named("recomend a candel")).toBe("Candles");
    expect(named("show me stationary")).toBe("Stationery");
    expect(named("any ceramcs?")).toBe("Ceramics");
    expect(named("show me bugs")).toBeUndefined();
    expect(named("a candid question")).toBeUndefined();
  });
});

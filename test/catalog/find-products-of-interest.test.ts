import { describe, expect, it } from "vitest";
import { findProductsOfInterest, namesAnInterest } from "../../core/catalog/find-products-of-interest.ts";
import { DEMO_PRODUCTS } from "../../prisma/demo-shop.ts";

const products = DEMO_PRODUCTS.map((p, i) => ({ id: i + 1, name: p.name, category: p.category, tags: p.tags ?? [], description: p.description ?? null, nameZh: p.nameZh ?? null, categoryZh: p.categoryZh ?? null, descriptionZh: p.descriptionZh ?? null }));
const names = (text: string) => findProductsOfInterest(text, products).map((id) => products[id - 1]!.name);

describe("findProductsOfInterest", () => {
  it("finds the products whose words speak to the interest, by stem", () => {
    expect(names("a present for my dad who likes writing")).toEqual(["Brass Fountain Pen"]);
    expect(names("something for my sister, she travels a lot")).toEqual(["Blue Linen Drawstring Pouch"]);
    expect(names("my mum loves lavender")).toEqual(["Lavender Soy Candle"]);
    expect(names("she likes salads")).toEqual(["Stoneware Serving Bowl"]);
  });

  it("puts products sharing more of the words first", () => {
    const gongfu = names("a friend who likes gongfu tea");
    expect(gongfu.slice(0, 2).sort()).toEqual(["Bamboo Tea Tray", "Red Glaze Tea Cups (set of 4)"]);
    expect(gongfu).toContain("Jasmine Silver Needle Tea");
  });

  it("finds nothing in words about the occasion, the person or nothing at all", () => {
    expect(names("recommend something")).toEqual([]);
    expect(names("a birthday present for my boyfriend")).toEqual([]);
    expect(names("he loves cooking")).toEqual([]);
    expect(names("给我推荐点东西")).toEqual([]);
  });

  it("tells an interest nothing speaks to from a request that names none", () => {
    for (const plain of ["what do you recommend?", "what's popular?", "what's your bestseller?", "what are your top products", "something for a 30 year old woman", "I need a gift for a coworker", "something for my kids", "surprise me", "hello, I'm looking for a present for my mum", "给我推荐点东西"]) {
      expect([plain, namesAnInterest(plain)]).toEqual([plain, false]);
      expect(names(plain)).toEqual([]);
    }
    expect(namesAnInterest("he drinks a lot of coffee")).toBe(true);
    expect(names("he drinks a lot of coffee")).toEqual([]);
    expect(namesAnInterest("my dad likes writing")).toBe(true);
  });

  it("reads a Chinese request by the character pairs left once its asking words are cut out", () => {
    expect(names("有没有适合泡功夫茶的东西")).toEqual(["Bamboo Tea Tray", "Red Glaze Tea Cups (set of 4)"]);
    expect(names("有没有无咖啡因的")).toEqual(["Chamomile Honey Herbal Tea"]);
    expect(names("适合旅行的")).toEqual(["Blue Linen Drawstring Pouch"]);
    for (const plain of ["给我推荐点东西", "送妈妈的生日礼物"]) expect([plain, namesAnInterest(plain), names(plain)]).toEqual([plain, false, []]);
    expect(namesAnInterest("有什么适合送老人的礼物吗")).toBe(true);
  });
});

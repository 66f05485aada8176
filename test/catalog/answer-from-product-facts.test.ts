import { describe, expect, it } from "vitest";
import { answerFromProductFacts, answerOpenQuestion, withoutFactWords } from "../../core/catalog/answer-from-product-facts.ts";
import { createCustomer, createTestApp, textOf } from "../helpers/test-app.ts";
import { DEMO_PRODUCTS } from "../../prisma/demo-shop.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";

const demo = (sku: string) => {
  const p = DEMO_PRODUCTS.find((d) => d.sku === sku)!;
  return { description: p.description ?? null, descriptionZh: p.descriptionZh ?? null, tags: p.tags ?? [] };
};

describe("answerFromProductFacts", () => {
  it("quotes the description's sentence about size, material, care or contents", () => {
    expect(answerFromProductFacts("how big is it?", demo("CER-001"))).toEqual({ aspect: "size", evidence: ["A 500 ml celadon-glazed porcelain teapot with a stainless infuser."] });
    expect(answerFromProductFacts("what are the dimensions", demo("HOM-002"))?.evidence[0]).toContain("40 × 26 cm");
    expect(answerFromProductFacts("is it dishwasher safe?", demo("CER-001"))).toEqual({ aspect: "care", evidence: ["Dishwasher safe."] });
    expect(answerFromProductFacts("what is it made of?", demo("STA-002"))?.evidence[0]).toContain("solid brass");
    expect(answerFromProductFacts("does it have caffeine?", demo("TEA-005"))?.evidence[0]).toContain("Caffeine free");
  });

  it("tells how long a product burns or keeps, and still reads 'how long is it?' as a size", () => {
    expect(answerFromProductFacts("how long does it burn?", demo("CND-001"))).toEqual({ aspect: "duration", evidence: ["Burns for about 40 hours."] });
    expect(answerFromProductFacts("how many hours does it last", demo("CND-003"))?.evidence[0]).toContain("60 hours");
    expect(answerFromProductFacts("how long will it keep?", demo("TEA-002"))?.evidence[0]).toContain("Keeps improving for decades");
    expect(answerFromProductFacts("它能烧多久？", demo("CND-002"), "zh")?.evidence.join("")).toContain("燃烧约 45 小时");
    expect(answerFromProductFacts("how long is it?", demo("STA-001"))?.aspect).toBe("size");
    expect(answerFromProductFacts("how long does delivery take?", demo("CND-001"))).toBeNull();
  });

  it("reads an essential oil as a scent", () => {
    expect(answerFromProductFacts("does it smell strong?", demo("CND-001"))).toMatchObject({ aspect: "property", property: "scented", evidence: ["Hand-poured soy wax with French lavender oil in an amber glass jar."] });
  });

  it("answers in Chinese from the Chinese description", () => {
    const answer = answerFromProductFacts("这个多大？", demo("CER-001"), "zh");
    expect(answer?.aspect).toBe("size");
    expect(answer?.evidence.join("")).toMatch(/500/);
  });

  it("falls back to the product's tags for colour and material, and says when nothing is known", () => {
    expect(answerFromProductFacts("what colour is it?", { description: "A tote with a pocket.", tags: ["natural", "tote", "cotton"] })).toEqual({ aspect: "colour", evidence: ["natural"] });
    expect(answerFromProductFacts("what colours does it come in?", { description: "A tote with a pocket.", tags: ["tote"] })).toEqual({ aspect: "colour", evidence: [] });
  });

  it("reads 'does it come in blue?', 'is there a bigger one?' and '有红色的吗' as colour and size questions", () => {
    expect(answerFromProductFacts("does it come in blue?", demo("CER-001"))).toEqual({ aspect: "colour", evidence: ["A 500 ml celadon-glazed porcelain teapot with a stainless infuser."] });
    expect(answerFromProductFacts("can I get it in red?", demo("CER-002"))?.aspect).toBe("colour");
    expect(answerFromProductFacts("is there a bigger one?", demo("CER-002"))).toEqual({ aspect: "size", evidence: ["A 350 ml stoneware mug with a speckled cobalt glaze, thrown by a potter in Cornwall."] });
    expect(answerFromProductFacts("有红色的吗", demo("CER-002"), "zh")?.aspect).toBe("colour");
    expect(answerFromProductFacts("有大一点的吗", demo("CER-002"), "zh")?.aspect).toBe("size");
    // Not a colour question: "blue" in a product's name asked about by price.
    expect(answerFromProductFacts("how much is the blue mug?", demo("CER-002"))).toBeNull();
  });

  it("leaves other questions alone", () => {
    expect(answerFromProductFacts("how much is it?", demo("CER-001"))).toBeNull();
    expect(answerFromProductFacts("is it in stock", demo("CER-001"))).toBeNull();
    expect(answerFromProductFacts("tell me about the celadon teapot", demo("CER-001"))).toBeNull();
  });
});

describe("answerFromProductFacts: origin and yes/no properties", () => {
  it("quotes where a product comes from, in English and Chinese", () => {
    expect(answerFromProductFacts("where is it from?", demo("TEA-002"))).toEqual({ aspect: "origin", evidence: ["A 200 g pressed cake from Yunnan, aged eight years: earthy, smooth and sweet."] });
    expect(answerFromProductFacts("where was it made?", demo("CER-002"))?.evidence[0]).toContain("thrown by a potter in Cornwall");
    expect(answerFromProductFacts("which country is the tea from", demo("TEA-003"))?.evidence[0]).toContain("Ceylon black tea");
    expect(answerFromProductFacts("产地是哪里？", demo("TEA-004"), "zh")?.evidence[0]).toContain("杭州");
    expect(answerFromProductFacts("where is it from?", demo("CER-004"))).toEqual({ aspect: "origin", evidence: [] });
  });

  it("answers a yes/no property from a sentence or tag that says it, and says when nothing does", () => {
    expect(answerFromProductFacts("is it organic?", demo("BAG-001"))).toEqual({ aspect: "property", property: "organic", evidence: ["Heavy 16 oz organic cotton canvas with an inside pocket and long handles."] });
    expect(answerFromProductFacts("is it organic?", demo("TEA-001"))).toEqual({ aspect: "property", property: "organic", evidence: [] });
    expect(answerFromProductFacts("is it handmade?", demo("TEA-004"))?.evidence[0]).toContain("pan-fired by hand");
    expect(answerFromProductFacts("is the wallet hand made", demo("BAG-002"))?.evidence[0]).toContain("hand-stitched");
    expect(answerFromProductFacts("are they recycled?", demo("STA-004"))?.evidence[0]).toContain("100% recycled");
    expect(answerFromProductFacts("does it contain gluten?", demo("TEA-005"))).toEqual({ aspect: "property", property: "glutenFree", evidence: [] });
    expect(answerFromProductFacts("是有机的吗？", demo("BAG-001"), "zh")).toEqual({ aspect: "property", property: "organic", evidence: ["16 盎司加厚有机棉帆布，带内袋和长提手。"] });
    expect(answerFromProductFacts("does it smell nice?", demo("CND-004"))?.evidence[0]).toContain("gentle honey scent");
  });
});

describe("withoutFactWords", () => {
  it("takes out the property asked about, so it does not name a product", () => {
    expect(withoutFactWords("是手工的吗？")).not.toContain("手工");
    expect(withoutFactWords("is the jasmine tea organic?")).toContain("jasmine tea");
    expect(withoutFactWords("where is the pu-erh from?")).toContain("pu-erh");
  });

  it("finds a property the product's name says", () => {
    expect(answerFromProductFacts("is it handmade?", { ...demo("CER-005"), name: "Handmade Bud Vase" })).toEqual({ aspect: "property", property: "handmade", evidence: ["Handmade Bud Vase"] });
  });
});

describe("answerOpenQuestion", () => {
  const named = (sku: string) => {
    const p = DEMO_PRODUCTS.find((d) => d.sku === sku)!;
    return { ...demo(sku), name: p.name, category: p.category };
  };

  it("quotes the sentences sharing a content word with the question, and none when nothing does", () => {
    expect(answerOpenQuestion("does the notebook have lined pages?", named("STA-001"))).toEqual({ evidence: ["A5, 192 pages of 100 gsm dotted paper that takes fountain pen ink without bleeding."] });
    expect(answerOpenQuestion("is the pu-erh good for digestion?", named("TEA-002"))).toEqual({ evidence: [] });
    expect(answerOpenQuestion("does the tote bag have a zip?", named("BAG-001"))).toEqual({ evidence: [] });
  });

  it("reads Chinese questions by the character pairs the product's own name does not account for", () => {
    const zh = (sku: string) => {
      const p = DEMO_PRODUCTS.find((d) => d.sku === sku)!;
      return { ...demo(sku), name: p.name, nameZh: p.nameZh ?? null, categoryZh: p.categoryZh ?? null };
    };
    expect(answerOpenQuestion("笔记本的纸适合钢笔吗", zh("STA-001"))).toEqual({ evidence: ["A5，192 页 100 克点阵纸，钢笔书写不洇墨。"] });
    expect(answerOpenQuestion("普洱茶对消化好吗？", zh("TEA-002"))).toEqual({ evidence: [] });
    expect(answerOpenQuestion("这个普洱茶好喝吗", zh("TEA-002"))).toBeNull();
  });

  it("keeps a decimal number inside its sentence", () => {
    expect(answerFromProductFacts("how long does it burn?", demo("CND-003"))?.evidence.join(" ")).toBe("7.5 × 15 cm, 60 hours.");
  });

  it("leaves to the card what is not a question or asks nothing beyond the product", () => {
    expect(answerOpenQuestion("what is the pu-erh?", named("TEA-002"))).toBeNull();
    expect(answerOpenQuestion("is the lavender candle good?", named("CND-001"))).toBeNull();
    expect(answerOpenQuestion("how much is the teapot?", named("CER-001"))).toBeNull();
    expect(answerOpenQuestion("tell me about the lined notebook", named("STA-001"))).toBeNull();
  });

  it("answers in the chat with the owner one tap away when the description does not say", { timeout: 120_000 }, async () => {
    // The intent model from the suite's shared cache: trained once per run, not once more in this test.
    const ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
    try {
      const customer = createCustomer(ctx.app, "open-question");
      const replies = await customer.say("is the pu-erh good for digestion?");
      expect(textOf(replies)).toContain("Aged Pu-erh Cake — £32.00");
      expect(textOf(replies)).toMatch(/Our description of the Aged Pu-erh Cake doesn't say\. I can ask the owner for you\.$/);
      expect(replies.at(-1)?.buttons?.[0]?.[0]?.payload).toBe("h");
      expect(textOf(await customer.say("does the notebook have lined pages?"))).toMatch(/^From our description of the Linen Hardcover Notebook: A5, 192 pages of 100 gsm dotted paper/);
    } finally {
      await ctx.close();
    }
  });
});

import { describe, expect, it } from "vitest";
import { answerFromProductFacts } from "../../core/catalog/answer-from-product-facts.ts";
import { DEMO_PRODUCTS } from "../../prisma/demo-shop.ts";

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

  it("answers in Chinese from the Chinese description", () => {
    const answer = answerFromProductFacts("这个多大？", demo("CER-001"), "zh");
    expect(answer?.aspect).toBe("size");
    expect(answer?.evidence.join("")).toMatch(/500/);
  });

  it("falls back to the product's tags for colour and material, and says when nothing is known", () => {
    expect(answerFromProductFacts("what colour is it?", { description: "A tote with a pocket.", tags: ["natural", "tote", "cotton"] })).toEqual({ aspect: "colour", evidence: ["natural"] });
    expect(answerFromProductFacts("what colours does it come in?", { description: "A tote with a pocket.", tags: ["tote"] })).toEqual({ aspect: "colour", evidence: [] });
  });

  it("leaves other questions alone", () => {
    expect(answerFromProductFacts("how much is it?", demo("CER-001"))).toBeNull();
    expect(answerFromProductFacts("is it in stock", demo("CER-001"))).toBeNull();
    expect(answerFromProductFacts("tell me about the celadon teapot", demo("CER-001"))).toBeNull();
  });
});

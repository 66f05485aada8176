import { describe, expect, it } from "vitest";
import { isFreeFormProductQuestion } from "../../core/llm/is-free-form-question.ts";

const teapot = { sku: "CER-001", name: "Celadon Teapot", nameZh: "青瓷茶壶", category: "Ceramics", tags: ["green", "teapot", "porcelain"] };
const mug = { sku: "CER-002", name: "Blue Speckled Mug", nameZh: "蓝色斑点马克杯", category: "Ceramics", tags: ["blue", "mug", "stoneware"] };

describe("isFreeFormProductQuestion", () => {
  it.each([
    ["do you have the celadon teapot?", teapot],
    ["how much is the blue speckled mug?", mug],
    ["Celadon Teapot price please", teapot],
    ["is the teapot in stock", teapot],
    ["CER-001", teapot],
    ["青瓷茶壶多少钱", teapot],
    ["有没有蓝色马克杯", mug],
  ])("leaves a bare ask to the product card: %s", (text, product) => {
    expect(isFreeFormProductQuestion(text, product)).toBe(false);
  });

  it.each([
    ["is the teapot dishwasher safe?", teapot],
    ["would the blue mug survive a microwave", mug],
    ["这个适合送礼吗", teapot],
    ["马克杯能放微波炉吗", mug],
  ])("sends a real question to the model: %s", (text, product) => {
    expect(isFreeFormProductQuestion(text, product)).toBe(true);
  });
});

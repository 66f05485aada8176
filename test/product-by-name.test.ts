/**
 * A product named on its own, and "how many can I buy?" after it: its card and its stock, rather than
 * "how many?" or "did you mean to order or to ask?".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe("a product named on its own", () => {
  it("shows its card in Chinese ('青瓷茶壶', '薰衣草蜡烛', '蓝色杯子'), where it asked to order or ask, or which candle", async () => {
    for (const [text, name] of [["青瓷茶壶", "青瓷茶壶 — £48.00"], ["薰衣草蜡烛", "薰衣草大豆蜡烛 — £12.50"], ["蓝色杯子", "蓝色斑点马克杯 — £16.00"]] as const) {
      const replies = await createCustomer(ctx.app, `bare-${text}`, "zh").say(text);
      expect(textOf(replies)).toMatch(new RegExp(`^${name}\\n库存 \\d+ 件`));
      expect(replies[0]?.buttons?.flat().map((b) => b.label)).toContain("下单");
    }
  });

  it("still orders with ordering words or a 'please'", async () => {
    expect(textOf(await createCustomer(ctx.app, "bare-order-zh", "zh").say("我要薰衣草蜡烛"))).toContain("您想要几件薰衣草大豆蜡烛？");
    expect(textOf(await createCustomer(ctx.app, "bare-order-en").say("lavender soy candle please"))).toMatch(/How many of the Lavender Soy Candle|Please confirm your order/);
  });
});

describe("how many can I buy?", () => {
  it("gives the stock of the product just shown, with one tap to order", async () => {
    const customer = createCustomer(ctx.app, "how-many-left");
    await customer.say("do you have the lavender candle in stock?");
    const replies = await customer.say("how many can I buy?");
    expect(textOf(replies)).toMatch(/^The Lavender Soy Candle is in stock \(\d+ available\)\.$/);
    expect(replies[0]?.buttons?.flat().map((b) => b.payload)).toEqual([expect.stringMatching(/^o:\d+$/)]);
    const zh = createCustomer(ctx.app, "how-many-left-zh", "zh");
    await zh.say("青瓷茶壶");
    expect(textOf(await zh.say("还有多少"))).toMatch(/^青瓷茶壶有货（库存 \d+ 件）。$/);
  });

  it("offers to tell the customer when an out-of-stock product is back", async () => {
    const customer = createCustomer(ctx.app, "how-many-out");
    await customer.say("tell me about the envelopes");
    expect(textOf(await customer.say("how many are left?"))).toContain("I can tell you here as soon as it's back.");
  });
});

describe("a thing the shop does not sell, named with a word one of its products has", () => {
  it("is not ordered or listed as that product ('gift card' is not the Leather Card Wallet, 'tea towels' are no tea)", async () => {
    const giftCard = await createCustomer(ctx.app, "gift-card").say("I want to buy a gift card");
    expect(textOf(giftCard)).not.toContain("Wallet");
    expect(textOf(giftCard)).toContain("Which product would you like to order?");
    for (const text of ["do you sell gift cards?", "do you have candle holders?", "do you have tea towels?"]) {
      const replies = await createCustomer(ctx.app, `not-sold-${text}`).say(text);
      expect(textOf(replies)).toMatch(/^I couldn't find that product\. Here are our categories/);
    }
    // Still found: the product's own kind with another noun, or the thing the nouns are for.
    expect(textOf(await createCustomer(ctx.app, "coffee-mug").say("I'd like a coffee mug"))).toContain("1 × Blue Speckled Mug");
    expect(textOf(await createCustomer(ctx.app, "ceremony").say("anything for tea ceremonies?"))).toContain("Dragon Well Green Tea");
  });
});

/**
 * Questions that point at a product without naming it: "what's your cheapest tea?" names one, so "is
 * it organic?" is about that one; "does it smell strong?" under a list of candles asks which, and the
 * product picked next (a tap, its name or its place in the list) gets the answer to that question.
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

const idOf = (sku: string) => ctx.app.db.product.findUniqueOrThrow({ where: { sku } }).then((p) => p.id);

describe("questions about a product the customer did not name", () => {
  it("answers 'which one lasts the longest?' under a list with what each says, in English and Chinese", async () => {
    const customer = createCustomer(ctx.app, "which-longest");
    await customer.say("show me candles under £15");
    const replies = await customer.say("which lasts the longest?");
    expect(textOf(replies)).toBe([
      "What each says about its lifetime:",
      "• Beeswax Taper Candles (pair) — £9.00: not stated",
      "• Lavender Soy Candle — £12.50: Burns for about 40 hours.",
      "• Sea Salt & Sage Candle — £14.00: 45 hours.",
    ].join("\n"));
    expect(replies[0]?.buttons?.flat().map((b) => b.payload)).toEqual(await Promise.all(["CND-004", "CND-001", "CND-002"].map(async (sku) => `p:${await idOf(sku)}`)));
    expect(textOf(await customer.say("which one smells the best?"))).toMatch(/^Whether each is scented:\n• Beeswax Taper Candles \(pair\) — £9\.00: Smokeless, with a gentle honey scent\./);
    const zh = createCustomer(ctx.app, "which-longest-zh", "zh");
    await zh.say("看看蜡烛");
    expect(textOf(await zh.say("哪个最耐烧"))).toContain("• 檀香柱形蜡烛 — £16.50：高款柱形蜡烛，温暖檀香与香草，7.5 × 15 厘米，燃烧约 60 小时。");
  });

  it("answers 'the cheapest' with one product, which 'it' then means", async () => {
    const customer = createCustomer(ctx.app, "cheapest-en");
    const list = textOf(await customer.say("what's your cheapest tea?"));
    expect(list).toMatch(/^The cheapest is Chamomile Honey Herbal Tea at £7\.50\.\n\nTea — In stock, cheapest first:\n• Chamomile Honey Herbal Tea — £7\.50\n• Earl Grey/);
    expect(textOf(await customer.say("is it organic?"))).toContain("Our description of the Chamomile Honey Herbal Tea doesn't say whether it is organic");
    const order = textOf(await customer.say("I'll take 2"));
    expect(order).toContain("2 × Chamomile Honey Herbal Tea @ £7.50");
    expect(order).toContain("Total: £15.00");
  });

  it("names the most expensive in Chinese, and a range question stays a list", async () => {
    const customer = createCustomer(ctx.app, "dearest-zh", "zh");
    expect(textOf(await customer.say("最贵的蜡烛是哪个？"))).toMatch(/^最贵的是檀香柱形蜡烛，£16\.50。\n\n蜡烛 — /);
    const ranged = textOf(await customer.say("candles under £15"));
    expect(ranged).not.toMatch(/cheapest is|最便宜的是/);
  });

  it("asks which product a question under a list is about, then answers it for the product tapped", async () => {
    const customer = createCustomer(ctx.app, "which-tap");
    await customer.say("show me the candles");
    const asked = await customer.say("how long does it burn?");
    expect(textOf(asked)).toMatch(/^Which product do you mean\?\n• Beeswax Taper Candles/);
    const answer = await customer.press(`p:${await idOf("CND-001")}`);
    expect(answer[0]?.text).toBe("About the lifetime of the Lavender Soy Candle: Burns for about 40 hours.");
    // The question is used once: the next tap on a product just shows it.
    const card = textOf(await customer.press(`p:${await idOf("CND-002")}`));
    expect(card).toMatch(/^Sea Salt & Sage Candle — £14\.00/);
  });

  it("takes the product's name or its place in the list as the pick, in English and Chinese", async () => {
    const en = createCustomer(ctx.app, "which-name");
    await en.say("show me the candles");
    await en.say("how long does it burn?");
    expect((await en.say("the lavender one"))[0]?.text).toBe("About the lifetime of the Lavender Soy Candle: Burns for about 40 hours.");
    const zh = createCustomer(ctx.app, "which-place", "zh");
    await zh.say("看看蜡烛");
    expect(textOf(await zh.say("是手工做的吗？"))).toContain("您指的是哪一个商品？");
    expect((await zh.say("第二个"))[0]?.text).toBe("薰衣草大豆蜡烛是否手工制作？介绍里写道：手工浇注大豆蜡，法国薰衣草精油，琥珀玻璃罐，可燃烧约 40 小时。");
  });

  it("does not hold the question past the next message", async () => {
    const customer = createCustomer(ctx.app, "which-later");
    await customer.say("show me the candles");
    await customer.say("how long does it burn?");
    await customer.say("show me the tea");
    const card = await customer.press(`p:${await idOf("CND-001")}`);
    expect(card).toHaveLength(1);
    expect(card[0]!.text).toMatch(/^Lavender Soy Candle — £12\.50/);
  });

  it("answers 'can I get it in blue?' and 'is there a bigger one?' about the product shown, without ordering or fetching the owner", async () => {
    const customer = createCustomer(ctx.app, "variant-questions");
    // The whole name: its card, not a list of one.
    expect(textOf(await customer.say("show me the celadon teapot"))).toMatch(/^Celadon Teapot — £48\.00/);
    expect(textOf(await customer.say("can I get it in blue?"))).toMatch(/^About the colour of the Celadon Teapot: A 500 ml celadon-glazed porcelain teapot/);
    expect(textOf(await customer.say("is there a bigger one?"))).toMatch(/^About the size of the Celadon Teapot: A 500 ml/);
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "variant-questions" } } } } });
    expect(conversation.mode).toBe("bot");
    expect((conversation.state as { flow?: unknown }).flow).toBeUndefined();
    // "OK, I'll take it" is still an order.
    expect(textOf(await customer.say("ok I'll take it"))).toContain("How many of the Celadon Teapot");
  });
});

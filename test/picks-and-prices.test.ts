import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../core/messages.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

/** The "• Name — £12.50" lines of a product list, as [name, pence]. */
function listed(replies: Reply[]): [string, number][] {
  return [...textOf(replies).matchAll(/^• (.+) — £(\d+)\.(\d{2})$/gmu)].map((m) => [m[1]!, Number(m[2]) * 100 + Number(m[3])]);
}

async function handedOff(externalId: string): Promise<boolean> {
  const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId } } } } });
  return conversation.mode === "handoff";
}

describe("picking from the list just shown", () => {
  it("shows the product a customer picks by position, in English and Chinese, without handing off", async () => {
    const customer = createCustomer(ctx.app, "pick-en");
    await customer.say("show me candles");
    const shown = listed(customer.last).map(([name]) => name);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(textOf(await customer.say("the second one"))).toMatch(new RegExp(`^${shown[1]!.replace(/[()]/g, "\\$&")} — £`));
    expect(textOf(await customer.say("the last one"))).toContain(shown.at(-1)!);
    expect(await handedOff("pick-en")).toBe(false);

    const chinese = createCustomer(ctx.app, "pick-zh");
    await chinese.say("看看蜡烛");
    const shownZh = listed(chinese.last).map(([name]) => name);
    expect(textOf(await chinese.say("第三个"))).toContain(shownZh[2]!);
    expect(textOf(chinese.last)).toContain("库存");
  });

  it("orders the product picked by position, with the quantity said alongside", async () => {
    const customer = createCustomer(ctx.app, "pick-order");
    await customer.say("show me candles");
    const third = listed(customer.last)[2]!;
    expect(textOf(await customer.say("I'll take 2 of the third one"))).toContain(`2 × ${third[0]}`);
  });

  it("shows the list again for a position it does not have, and the categories when nothing was listed", async () => {
    const customer = createCustomer(ctx.app, "pick-missing");
    expect(textOf(await customer.say("the second one"))).toContain("Here are our categories");
    await customer.say("show me bags");
    const bags = listed(customer.last);
    const reply = await customer.say("number 9");
    expect(textOf(reply)).toContain(`I showed you ${bags.length} products`);
    expect(listed(reply)).toEqual(bags);
  });
});

describe("asking by price", () => {
  it("lists a category's in-stock products within a limit, cheapest first", async () => {
    const customer = createCustomer(ctx.app, "price-limit");
    const items = listed(await customer.say("any candles under £13?"));
    expect(items.map(([name]) => name)).toEqual(["Beeswax Taper Candles (pair)", "Lavender Soy Candle"]);
    expect(items.every(([, pence]) => pence <= 1300)).toBe(true);
  });

  it("reads 'around £15' as a range either side, in English and Chinese", async () => {
    const customer = createCustomer(ctx.app, "price-around");
    const items = listed(await customer.say("candles around £15"));
    expect(items.map(([name]) => name)).toEqual(["Lavender Soy Candle", "Sea Salt & Sage Candle", "Sandalwood Pillar Candle"]);
    expect(textOf(customer.last)).toContain("between £12.00 and £18.00");
    const zh = createCustomer(ctx.app, "price-around-zh");
    expect(textOf(await zh.say("有没有50镑左右的东西？"))).toContain("£40.00至£60.00之间");
  });

  it("finds the cheapest of a category, never an out-of-stock product", async () => {
    const customer = createCustomer(ctx.app, "price-cheapest");
    const teas = listed(await customer.say("what's the cheapest tea"));
    expect(teas[0]).toEqual(["Chamomile Honey Herbal Tea", 750]);
    expect(teas.map(([, p]) => p)).toEqual([...teas.map(([, p]) => p)].sort((a, b) => a - b));
    // The kraft envelopes (£6.00) are the cheapest product but out of stock.
    const anything = listed(await customer.say("what is the cheapest thing you have?"));
    expect(anything.length).toBeGreaterThan(0);
    expect(anything.map(([name]) => name)).not.toContain("Recycled Kraft Envelopes (20)");
  });

  it("answers 'anything cheaper?' with cheaper products of the one just discussed, and says when there are none", async () => {
    const customer = createCustomer(ctx.app, "price-cheaper");
    await customer.say("tell me about the sandalwood pillar candle");
    const cheaper = listed(await customer.say("anything cheaper?"));
    expect(textOf(customer.last)).toContain("Cheaper than Sandalwood Pillar Candle (£16.50)");
    expect(cheaper.length).toBe(3);
    expect(cheaper.every(([, pence]) => pence < 1650)).toBe(true);
    await customer.say("tell me about the chamomile honey herbal tea");
    expect(textOf(await customer.say("anything cheaper?"))).toMatch(/Washi Tape Set|already the cheapest/);
    // "Cheaper tea" after a bag: the teas, cheapest first, not teas cheaper than the bag.
    await customer.say("tell me about the blue linen drawstring pouch");
    const teas = listed(await customer.say("any cheaper tea?"));
    expect(textOf(customer.last)).not.toContain("Cheaper than Blue Linen Drawstring Pouch");
    expect(teas[0]).toEqual(["Chamomile Honey Herbal Tea", 750]);
    expect(teas.length).toBe(5);
  });

  it("answers 'which one is the cheapest?' about the list just shown, and 'cheaper than <product>' about that product", async () => {
    const customer = createCustomer(ctx.app, "price-list");
    await customer.say("show me ceramics");
    const ceramics = listed(customer.last).map(([name]) => name).sort();
    const cheapestFirst = listed(await customer.say("which one is the cheapest?"));
    expect(cheapestFirst.map(([name]) => name).sort()).toEqual(ceramics);
    expect(cheapestFirst[0]).toEqual(["Blue Speckled Mug", 1600]);
    const chinese = createCustomer(ctx.app, "price-list-zh");
    await chinese.say("看看蜡烛");
    expect(listed(await chinese.say("哪个最便宜")).map(([, pence]) => pence)).toEqual([900, 1250, 1400, 1650]);
    const cheaper = listed(await customer.say("anything cheaper than the sea salt and sage candle?"));
    expect(cheaper).toEqual([["Beeswax Taper Candles (pair)", 900], ["Lavender Soy Candle", 1250]]);
  });

  it("orders the cheapest of the list just shown on 'I'll take the cheapest one'", async () => {
    const customer = createCustomer(ctx.app, "price-take-cheapest");
    await customer.say("show me candles");
    expect(textOf(await customer.say("I'll take 2 of the cheapest one"))).toContain("Please confirm your order:\n2 × Beeswax Taper Candles (pair) @ £9.00");
    const other = createCustomer(ctx.app, "price-take-dearest");
    await other.say("show me ceramics");
    expect(textOf(await other.say("I'll take the most expensive one"))).toContain("How many of the Celadon Teapot would you like?");
  });

  it("says when nothing fits and offers the nearest product", async () => {
    const customer = createCustomer(ctx.app, "price-nothing");
    const reply = await customer.say("candles under £5");
    expect(textOf(reply)).toContain("I have nothing in stock up to £5.00");
    expect(listed(reply)).toEqual([["Beeswax Taper Candles (pair)", 900]]);
    // Between two bounds, the nearer side: candles cost £9–£16.50, so around £30 the £16.50 one.
    const around = await createCustomer(ctx.app, "price-nothing-around").say("candles around £30");
    expect(textOf(around)).toContain("I have nothing in stock between £24.00 and £36.00");
    expect(listed(around)).toEqual([["Sandalwood Pillar Candle", 1650]]);
    const over = await createCustomer(ctx.app, "price-nothing-over").say("candles over £40");
    expect(listed(over)).toEqual([["Sandalwood Pillar Candle", 1650]]);
  });

  it("keeps the price range of recommendations when the customer says what the person likes", async () => {
    const customer = createCustomer(ctx.app, "price-gift-likes");
    const first = listed(await customer.say("I'm looking for a birthday present for my sister, around £30"));
    expect(first.length).toBeGreaterThan(0);
    const narrowed = listed(await customer.say("she likes tea"));
    expect(narrowed).toEqual([["Aged Pu-erh Cake", 3200]]); // the only tea between £24 and £36
    const zh = createCustomer(ctx.app, "price-gift-likes-zh", "zh");
    await zh.say("想送朋友礼物，30镑左右");
    expect(listed(await zh.say("她喜欢茶"))).toEqual([["陈年普洱茶饼", 3200]]);
    // Without a price range before, "she likes tea" is not narrowed by one.
    const plain = createCustomer(ctx.app, "price-gift-likes-plain");
    await plain.say("can you recommend something?");
    expect(listed(await plain.say("she likes tea")).some(([, pence]) => pence < 2400)).toBe(true);
  });

  it("keeps recommendations to a budget", async () => {
    const customer = createCustomer(ctx.app, "price-gift");
    const items = listed(await customer.say("can you recommend a gift under 15 pounds?"));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every(([, pence]) => pence <= 1500)).toBe(true);
  });

  it("answers a Chinese price question in Chinese, within the category", async () => {
    const customer = createCustomer(ctx.app, "price-zh");
    const reply = await customer.say("20镑以下的茶有哪些");
    expect(textOf(reply)).toContain("茶叶");
    const items = listed(reply);
    expect(items.length).toBe(4);
    expect(items.every(([, pence]) => pence <= 2000)).toBe(true);
  });

  it("does not read another currency as the shop's", async () => {
    const customer = createCustomer(ctx.app, "price-currency");
    const reply = await customer.say("anything under 100 yuan?");
    expect(textOf(reply)).toContain("Our prices are in GBP");
    expect(listed(reply)[0]![1]).toBeLessThanOrEqual(listed(reply).at(-1)![1]);
  });

  it("treats a price question about one named product as a question about it", async () => {
    const customer = createCustomer(ctx.app, "price-one");
    expect(textOf(await customer.say("is the lavender soy candle under £20?"))).toMatch(/^Lavender Soy Candle — £12\.50/);
  });
});

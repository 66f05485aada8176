/**
 * An order with several products: "Add something else" on the confirmation, or "I'd also like …"
 * typed, keeps what was chosen; the items survive a question in between; one order is placed with
 * every line and the stock of each is taken; the cart reminder lists them all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFollowUpJob } from "../bot/follow-up-job.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ env: { TZ: "Europe/London" } });
});
afterAll(async () => {
  await ctx?.close();
});

const stockOf = async (sku: string) => (await ctx.app.db.product.findUniqueOrThrow({ where: { sku } })).stock;
const ordersOf = (session: string) =>
  ctx.app.db.order.findMany({ where: { customer: { identities: { some: { externalId: session } } } }, include: { lines: { include: { product: true } } } });

describe("orders with several products", () => {
  it("adds a second product with 'Add something else' and places one order with both lines", async () => {
    ctx.clock.set("2026-11-20T10:00:00Z");
    const [teapots, mugs] = [await stockOf("CER-001"), await stockOf("CER-002")];
    const customer = createCustomer(ctx.app, "multi-button");
    await customer.say("I want 1 celadon teapot");
    expect(textOf(customer.last)).toContain("1 × Celadon Teapot @ £48.00\nTotal: £48.00");
    expect(textOf(await customer.pressLabel("Add something else"))).toContain("Added: 1 item in this order so far");
    // A question in between does not lose the teapot.
    expect(textOf(await customer.say("do you ship to France?"))).toContain("5–10 days to most other countries");
    const confirmation = textOf(await customer.say("2 blue speckled mugs please"));
    expect(confirmation).toContain("Please confirm your order:\n1 × Celadon Teapot @ £48.00\n2 × Blue Speckled Mug @ £16.00\nTotal: £80.00");
    expect(textOf(await customer.pressLabel("Confirm"))).toMatch(/Order #\d+ is placed \(£80\.00\)/);

    const [order] = await ordersOf("multi-button");
    expect(order!.totalMinor).toBe(8_000);
    expect(order!.lines.map((l) => [l.product.sku, l.quantity]).sort()).toEqual([["CER-001", 1], ["CER-002", 2]]);
    expect([await stockOf("CER-001"), await stockOf("CER-002")]).toEqual([teapots - 1, mugs - 2]);
    // Placed: the next order starts empty.
    expect(textOf(await customer.say("I want 1 washi tape set"))).toContain("Please confirm your order:\n1 × Washi Tape Set @ £8.50\nTotal: £8.50");
    await customer.say("never mind");

    // Cancelling the order puts every line back on the shelf.
    await customer.say(`cancel order #${order!.id}`);
    expect(textOf(await customer.say("yes"))).toContain(`Order #${order!.id} is cancelled`);
    expect([await stockOf("CER-001"), await stockOf("CER-002")]).toEqual([teapots, mugs]);
  });

  it("takes 'I'd also like …' as another item, merges a product added twice, and 'no, the red one' still corrects", async () => {
    const customer = createCustomer(ctx.app, "multi-typed");
    await customer.say("I want 2 lavender soy candles");
    expect(textOf(await customer.say("I'd also like 1 earl grey blue flower"))).toContain("2 × Lavender Soy Candle @ £12.50\n1 × Earl Grey Blue Flower @ £9.50\nTotal: £34.50");
    expect(textOf(await customer.say("and 1 more lavender soy candle"))).toContain("3 × Lavender Soy Candle @ £12.50\n1 × Earl Grey Blue Flower @ £9.50\nTotal: £47.00");
    await customer.pressLabel("Add something else");
    await customer.pressLabel(/^Ceramics/);
    await customer.say("I'll take 1 of the blue one");
    expect(textOf(await customer.say("no, the red one"))).toContain("3 × Lavender Soy Candle @ £12.50\n1 × Earl Grey Blue Flower @ £9.50\n1 × Red Glaze Tea Cups (set of 4) @ £24.00\nTotal: £71.00");
    expect(textOf(await customer.say("what's in my cart?"))).toContain("Total: £71.00");
    expect(textOf(await customer.say("never mind"))).toContain("I've cancelled that");
    expect(textOf(await customer.say("I want 1 washi tape set"))).toContain("Please confirm your order:\n1 × Washi Tape Set @ £8.50\nTotal: £8.50");
  });

  it("never lets the order hold more of a product than its stock", async () => {
    const customer = createCustomer(ctx.app, "multi-stock");
    const chamomile = await stockOf("TEA-005");
    await customer.say(`I want ${chamomile} chamomile honey herbal tea`);
    await customer.pressLabel("Add something else");
    expect(textOf(await customer.say("1 chamomile honey herbal tea"))).toContain("out of stock");
  });

  it("shows a changed stock before placing: an item sold out meanwhile is dropped, the rest confirmed again", async () => {
    const customer = createCustomer(ctx.app, "multi-race");
    await customer.say("I want 1 bamboo tea tray");
    await customer.pressLabel("Add something else");
    await customer.say("I want 1 wool throw blanket");
    await ctx.app.owner.handle("stock HOM-001 0");
    const reply = textOf(await customer.pressLabel("Confirm"));
    expect(reply).toContain("Stock changed while you were choosing");
    expect(reply).toContain("1 × Bamboo Tea Tray @ £39.00\nTotal: £39.00");
    expect(reply).not.toContain("Wool Throw Blanket");
    expect(await ordersOf("multi-race")).toEqual([]);
    expect(textOf(await customer.pressLabel("Confirm"))).toMatch(/Order #\d+ is placed \(£39\.00\)/);
  });

  it("reminds of every item of an order left at confirmation", async () => {
    ctx.clock.set("2026-11-21T10:00:00Z");
    const customer = createCustomer(ctx.app, "multi-reminder");
    await customer.say("我要一个蓝色斑点马克杯");
    await customer.pressLabel("再选一件");
    await customer.say("再来两个薰衣草大豆蜡烛");
    expect(textOf(customer.last)).toContain("1 × 蓝色斑点马克杯 @ £16.00\n2 × 薰衣草大豆蜡烛 @ £12.50\n合计：£41.00");
    ctx.clock.set("2026-11-21T14:30:00Z");
    await createFollowUpJob(ctx.app, ctx.config).run();
    const reminders = (await ctx.app.db.message.findMany({ where: { direction: "outbound", conversation: { customer: { identities: { some: { externalId: "multi-reminder" } } } } } })).map((m) => m.text).filter((t) => t.startsWith("您之前准备下单"));
    expect(reminders).toEqual(["您之前准备下单：\n1 × 蓝色斑点马克杯 @ £16.00\n2 × 薰衣草大豆蜡烛 @ £12.50\n合计：£41.00\n需要帮您下单吗？商品仍有库存。"]);
  });

  it("answers 'I'll take 2' under a list with that list to pick from, each button ordering two", async () => {
    const customer = createCustomer(ctx.app, "multi-pick-list");
    await customer.say("do you have candles");
    const ask = await customer.say("I'll take 2");
    expect(textOf(ask)).toContain("Which one would you like 2 of?");
    expect(textOf(ask)).toContain("Lavender Soy Candle");
    expect(textOf(ask)).not.toContain("Washi Tape");
    expect(textOf(await customer.pressLabel("Sea Salt & Sage Candle"))).toContain("Please confirm your order:\n2 × Sea Salt & Sage Candle @ £14.00\nTotal: £28.00");
    await customer.say("never mind");
    // With no list shown, the categories as before.
    const fresh = createCustomer(ctx.app, "multi-pick-nothing");
    expect(textOf(await fresh.say("I'll take 2"))).toContain("Which product would you like to order?");
    // Chinese: the same list, in Chinese.
    const zh = createCustomer(ctx.app, "multi-pick-zh");
    await zh.say("有蜡烛吗");
    expect(textOf(await zh.say("我要两个"))).toContain("您想要哪一款（2 件）？");
  });

  it("shows the order as it stands when an old 'Add something else' is pressed", async () => {
    const customer = createCustomer(ctx.app, "multi-stale-add");
    const first = await customer.say("I want 1 washi tape set");
    const oldAdd = first[0]!.buttons!.flat().find((b) => b.label === "Add something else")!.payload;
    await customer.say("make it 3");
    const replies = await customer.press(oldAdd);
    expect(textOf(replies)).toContain("That button is from an earlier step");
    expect(textOf(replies)).toContain("3 × Washi Tape Set");
    await customer.say("never mind");
  });

  it("keeps an order waiting for confirmation through a side question, and in the cart when the customer moves on", async () => {
    const customer = createCustomer(ctx.app, "multi-side-question");
    await customer.say("I want 2 celadon teapots");
    const pay = await customer.say("how do I pay");
    expect(textOf(pay)).toContain("bank transfer");
    expect(textOf(pay)).toContain("Your order is still waiting for you to confirm:\n2 × Celadon Teapot @ £48.00\nTotal: £96.00");
    expect(pay.at(-1)!.buttons!.flat().map((b) => b.label)).toContain("Confirm");
    expect(textOf(await customer.say("confirm"))).toMatch(/Order #\d+ is placed \(£96\.00\)/);

    const browser = createCustomer(ctx.app, "multi-moves-on");
    await browser.say("I want 1 lavender soy candle");
    await browser.say("show me your teas");
    expect(textOf(await browser.say("what's in my cart?"))).toContain("1 × Lavender Soy Candle @ £12.50\nTotal: £12.50");
    await browser.say("never mind");
  });

  it("asks which line a bare '3' is for at the confirmation of several products, and sets only that one", async () => {
    const customer = createCustomer(ctx.app, "bare-quantity-lines");
    await customer.say("2 jasmine tea and 1 earl grey");
    const asked = await customer.say("3");
    expect(textOf(asked)).toBe("Which product should be 3?");
    const earlGrey = (await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } })).id;
    expect(asked[0]?.buttons?.flat().map((b) => b.label)).toEqual(["Jasmine Silver Needle Tea", "Earl Grey Blue Flower"]);
    const set = textOf(await customer.press(`sq:${earlGrey}:3`));
    expect(set).toContain("2 × Jasmine Silver Needle Tea @ £14.50\n3 × Earl Grey Blue Flower @ £9.50\nTotal: £57.50");
    expect(textOf(await customer.say("yes"))).toMatch(/Order #\d+ is placed \(£57\.50\)/);
    // The button of a confirmation that is gone changes nothing.
    expect(textOf(await customer.press(`sq:${earlGrey}:5`))).not.toContain("5 × Earl Grey");
    await customer.say("2 jasmine tea and 1 earl grey");
    expect(textOf(await customer.say("0"))).toBe('Please tell me a whole number between 1 and 99, e.g. "2".');
  });

  it("asks for a whole number on '2.5 mugs' instead of ordering two", async () => {
    const customer = createCustomer(ctx.app, "fraction");
    const asked = textOf(await customer.say("I'd like 2.5 blue speckled mugs"));
    expect(asked).toContain('Please tell me a whole number between 1 and 99, e.g. "2".');
    expect(asked).toContain("How many of the Blue Speckled Mug would you like?");
    expect(asked).not.toContain("Please confirm");
    expect(textOf(await customer.say("3"))).toContain("3 × Blue Speckled Mug @ £16.00");
  });

  it("takes one product out of the order on 'remove the …', in English and Chinese", async () => {
    const customer = createCustomer(ctx.app, "multi-remove");
    await customer.say("I want 2 lavender soy candles");
    await customer.say("I'd also like 1 earl grey blue flower");
    const removed = textOf(await customer.say("remove the candles"));
    expect(removed).toContain("Removed the Lavender Soy Candle.");
    expect(removed).toContain("Please confirm your order:\n1 × Earl Grey Blue Flower @ £9.50\nTotal: £9.50");
    // Something not in the order: said so, the order shown as it is.
    expect(textOf(await customer.say("remove the celadon teapot"))).toContain("That isn't in your order");
    expect(textOf(await customer.say("take the earl grey out"))).toContain("Removed the Earl Grey Blue Flower; your order is empty now.");
    expect(textOf(await customer.say("what's in my cart?"))).toContain("Your cart is empty");

    const zh = createCustomer(ctx.app, "multi-remove-zh");
    await zh.say("我要两个薰衣草大豆蜡烛");
    await zh.say("再来一个蓝花伯爵茶");
    const zhRemoved = textOf(await zh.say("蜡烛不要了"));
    expect(zhRemoved).toContain("已移除薰衣草大豆蜡烛。");
    expect(zhRemoved).toContain("1 × 蓝花伯爵茶");
    expect(textOf(await zh.say("确认"))).toMatch(/订单 #\d+ 已下单/);
  });

  it("takes a whole order typed step by step: category, product by one word, quantity, 'add something else'", async () => {
    const customer = createCustomer(ctx.app, "multi-typed-steps");
    expect(textOf(await customer.say("I'd like to order"))).toContain("Which product would you like to order?");
    expect(textOf(await customer.say("teas"))).toContain("Tea (page 1 of 1)");
    expect(textOf(await customer.say("the jasmine one"))).toContain("How many of the Jasmine Silver Needle Tea would you like?");
    expect(textOf(await customer.say("3"))).toContain("3 × Jasmine Silver Needle Tea @ £14.50");
    expect(textOf(await customer.say("add something else"))).toContain("Added: 1 item in this order so far");
    expect(textOf(await customer.say("candles"))).toContain("Candles (page 1 of 1)");
    expect(textOf(await customer.say("2 of the lavender"))).toContain("3 × Jasmine Silver Needle Tea @ £14.50\n2 × Lavender Soy Candle @ £12.50\nTotal: £68.50");
    expect(textOf(await customer.say("ok"))).toMatch(/Order #\d+ is placed \(£68\.50\)/);
    // A number first, then the product: the number is kept.
    const other = createCustomer(ctx.app, "multi-number-first");
    await other.say("I'd like to order");
    expect(textOf(await other.say("2"))).toContain("Which product would you like to order?");
    expect(textOf(await other.say("a wallet"))).toContain("2 × Leather Card Wallet @ £35.00");
    await other.say("never mind");
  });

  it("takes several products in one message, each with its own quantity, and asks only about a kind", async () => {
    const customer = createCustomer(ctx.app, "multi-one-message");
    expect(textOf(await customer.say("I want 2 jasmine tea and 1 earl grey"))).toContain("Please confirm your order:\n2 × Jasmine Silver Needle Tea @ £14.50\n1 × Earl Grey Blue Flower @ £9.50\nTotal: £38.50");
    // "also … and a candle": the mugs join at once, the candle is asked about, one tap adds one.
    const asked = await customer.say("also a candle and 2 mugs");
    expect(textOf(asked)).toContain("Added to your order: 2 × Blue Speckled Mug @ £16.00. Which one would you like as well?");
    expect(asked.flatMap((r) => r.buttons?.flat() ?? []).map((b) => b.label).sort()).toEqual(["Beeswax Taper Candles (pair)", "Lavender Soy Candle", "Sandalwood Pillar Candle", "Sea Salt & Sage Candle"]);
    expect(textOf(await customer.pressLabel("Lavender Soy Candle"))).toContain(
      "2 × Jasmine Silver Needle Tea @ £14.50\n1 × Earl Grey Blue Flower @ £9.50\n2 × Blue Speckled Mug @ £16.00\n1 × Lavender Soy Candle @ £12.50\nTotal: £83.00",
    );
    expect(textOf(await customer.pressLabel("Confirm"))).toMatch(/Order #\d+ is placed \(£83\.00\)/);
    const [order] = await ordersOf("multi-one-message");
    expect(order!.lines.map((l) => [l.product.sku, l.quantity]).sort()).toEqual([["CER-002", 2], ["CND-001", 1], ["TEA-001", 2], ["TEA-003", 1]]);

    // "Make it 3 mugs" on an order of several products sets the mugs to 3 and keeps the teapot.
    const setter = createCustomer(ctx.app, "multi-one-message-set");
    await setter.say("I'll take two mugs and the teapot");
    expect(textOf(await setter.say("make it 3 mugs"))).toContain("1 × Celadon Teapot @ £48.00\n3 × Blue Speckled Mug @ £16.00\nTotal: £96.00");
    await setter.say("never mind");

    // More than the stock: lowered to it, and said so (the chamomile has 3).
    const other = createCustomer(ctx.app, "multi-one-message-stock");
    const lowered = textOf(await other.say("I'd like 5 chamomile honey herbal tea and 1 sea salt & sage candle"));
    expect(lowered).toContain("We only have 3 Chamomile Honey Herbal Tea left, so I've put 3 in your order.");
    expect(lowered).toContain("3 × Chamomile Honey Herbal Tea @ £7.50\n1 × Sea Salt & Sage Candle @ £14.00\nTotal: £36.50");
    await other.say("never mind");

    const zh = createCustomer(ctx.app, "multi-one-message-zh");
    expect(textOf(await zh.say("我要两罐茉莉银针和一个青瓷茶壶"))).toContain("2 × 茉莉银针 @ £14.50\n1 × 青瓷茶壶 @ £48.00");
    await zh.say("算了");
  });
});

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

const stockOf = async (sku: string) => (await ctx.app.db.product.findUniqueOrThrow({ where: { sku } })).stock;

/** The products a recommendation's buttons ("p:<id>") open. */
async function productsOfButtons(replies: Reply[]) {
  const ids = replies[0]!.buttons!.flat().map((b) => Number(b.payload.slice(2)));
  return ctx.app.db.product.findMany({ where: { id: { in: ids } } });
}

describe("a customer on the console", () => {
  it("is greeted with the main menu", async () => {
    const customer = createCustomer(ctx.app, "greet");
    const replies = await customer.say("hello");
    expect(textOf(replies)).toContain("Welcome to Solo Home & Tea");
    expect(replies[0]?.buttons?.flat().map((b) => b.payload)).toEqual(["b", "r", "s", "h"]);
  });

  it("browses the catalog by category, page by page", async () => {
    const customer = createCustomer(ctx.app, "browser");
    const categories = await customer.say("show me what you sell");
    expect(categories[0]?.buttons?.flat().map((b) => b.label)).toEqual(expect.arrayContaining(["Ceramics (5)", "Tea (5)"]));
    const page1 = await customer.pressLabel("Ceramics");
    expect(textOf(page1)).toContain("Ceramics (page 1 of 1)");
    expect(textOf(page1)).toContain("Celadon Teapot — £48.00");
    expect(page1[0]?.buttons?.length).toBe(5);
  });

  it("finds products by kind when no category is named, and a category only when named as a word", async () => {
    const customer = createCustomer(ctx.app, "seeker");
    const teapots = await customer.say("show me teapots");
    expect(textOf(teapots)).toContain("Here is what I found:");
    expect(textOf(teapots)).toContain("Celadon Teapot — £48.00");
    expect(textOf(teapots)).not.toContain("Tea (page");
    // What was found is what "the first one" and "order it" now refer to.
    const ordering = await customer.say("I'd like to order it");
    expect(textOf(ordering)).toContain("Celadon Teapot");
    await customer.say("never mind");
    const tea = await customer.say("show me tea");
    expect(textOf(tea)).toContain("Tea (page 1 of 1)");
    expect(textOf(tea)).toContain("Dragon Well Green Tea — £18.00");
  });

  it("shows Chinese category names to a Chinese-speaking customer and finds a category by its Chinese name", async () => {
    const customer = createCustomer(ctx.app, "zh-browser");
    const categories = await customer.say("给我看看你们的商品");
    expect(categories[0]?.buttons?.flat().map((b) => b.label)).toEqual(expect.arrayContaining(["陶瓷 (5)", "茶叶 (5)"]));
    expect(categories[0]?.buttons?.flat().find((b) => b.label === "茶叶 (5)")?.payload).toBe("c:0:Tea");
    const tea = await customer.say("看看茶叶");
    expect(textOf(tea)).toContain("茶叶（第 1/1 页）");
    expect(textOf(tea)).toContain("西湖龙井 — £18.00");
  });

  it("pages through a category with more than one page", async () => {
    for (let i = 0; i < 4; i++) {
      await ctx.app.db.product.create({ data: { sku: `PG-${i}`, name: `Paging Mug ${i}`, category: "Paging", priceMinor: 500 + i, stock: 3 } });
    }
    for (let i = 4; i < 7; i++) {
      await ctx.app.db.product.create({ data: { sku: `PG-${i}`, name: `Paging Mug ${i}`, category: "Paging", priceMinor: 500 + i, stock: 3 } });
    }
    const customer = createCustomer(ctx.app, "pager");
    const first = await customer.press("c:0:Paging");
    expect(textOf(first)).toContain("page 1 of 2");
    const second = await customer.pressLabel("Next");
    expect(textOf(second)).toContain("page 2 of 2");
    expect(textOf(second)).toContain("Paging Mug 6");
    expect(second[0]?.buttons?.flat().some((b) => b.label.includes("Previous"))).toBe(true);
  });

  it("asks about a product and gets price, stock and description", async () => {
    const customer = createCustomer(ctx.app, "asker");
    const replies = await customer.say("do you have the lavender candle?");
    const text = textOf(replies);
    expect(text).toContain("Lavender Soy Candle — £12.50");
    expect(text).toContain("30 in stock");
    expect(text).toContain("French lavender oil");
  });

  it("orders two of a product, confirms, and the stock drops by two", async () => {
    const before = await stockOf("CER-002");
    const customer = createCustomer(ctx.app, "buyer");
    await customer.say("how much is the blue speckled mug?");
    const ask = await customer.say("I'll take 2 of them");
    expect(textOf(ask)).toContain("2 × Blue Speckled Mug");
    expect(textOf(ask)).toContain("Total: £32.00");
    expect(await stockOf("CER-002")).toBe(before);
    const placed = await customer.pressLabel("Confirm");
    expect(textOf(placed)).toMatch(/Order #\d+ is placed \(£32\.00\)/);
    expect(await stockOf("CER-002")).toBe(before - 2);
    const order = await ctx.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "buyer" } } } }, include: { lines: true, statusHistory: true } });
    expect(order.status).toBe("placed");
    expect(order.totalMinor).toBe(3200);
    expect(order.lines).toEqual([expect.objectContaining({ quantity: 2, unitPriceMinor: 1600 })]);
    expect(order.statusHistory.map((h) => h.toStatus)).toEqual(["placed"]);
  });

  it("asks only for what is missing: product, then quantity, then confirmation", async () => {
    const customer = createCustomer(ctx.app, "slots");
    const askProduct = await customer.say("I want to place an order");
    expect(textOf(askProduct)).toContain("Which product would you like to order?");
    const askQuantity = await customer.say("the celadon teapot");
    expect(textOf(askQuantity)).toContain("How many of the Celadon Teapot would you like? (6 available)");
    const confirm = await customer.say("two");
    expect(textOf(confirm)).toContain("2 × Celadon Teapot");
    const corrected = await customer.say("make it 3");
    expect(textOf(corrected)).toContain("3 × Celadon Teapot");
    const placed = await customer.say("yes");
    expect(textOf(placed)).toMatch(/Order #\d+ is placed \(£144\.00\)/);
  });

  it("answers size, colour and care questions from the description, and offers the owner when it is silent", async () => {
    const customer = createCustomer(ctx.app, "facts");
    await customer.say("how much is the celadon teapot");
    const size = await customer.say("how big is it?");
    expect(textOf(size)).toBe("About the size of the Celadon Teapot: A 500 ml celadon-glazed porcelain teapot with a stainless infuser.");
    expect(size[0]!.buttons!.flat().map((b) => b.label)).toContain("Order");
    expect(textOf(await customer.say("is it dishwasher safe?"))).toBe("About the care of the Celadon Teapot: Dishwasher safe.");
    const silent = await customer.say("is the brass fountain pen dishwasher safe?");
    expect(textOf(silent)).toContain("Our description of the Brass Fountain Pen doesn't mention its care. I can ask the owner for you.");
    expect(silent.at(-1)!.buttons![0]![0]!.label).toBe("Ask the owner");
    expect(silent[0]!.text).toContain("Brass Fountain Pen — £42.00");
    const zh = createCustomer(ctx.app, "facts-zh");
    await zh.say("青瓷茶壶多少钱");
    expect(textOf(await zh.say("这个多大？"))).toMatch(/^关于青瓷茶壶的尺寸：.*500/);
  });

  it("answers where a product is from and whether it is organic or recycled, or says the description does not", async () => {
    const customer = createCustomer(ctx.app, "facts-properties");
    const organic = await customer.say("is the jasmine tea organic?");
    expect(textOf(organic)).toContain("Our description of the Jasmine Silver Needle Tea doesn't say whether it is organic. I can ask the owner for you.");
    expect(organic.at(-1)!.buttons![0]![0]!.label).toBe("Ask the owner");
    expect(textOf(await customer.say("where is it from?"))).toContain("Our description of the Jasmine Silver Needle Tea doesn't mention its origin.");
    expect(textOf(await customer.say("where is the pu-erh from?"))).toContain("About the origin of the Aged Pu-erh Cake: A 200 g pressed cake from Yunnan");
    expect(textOf(await customer.say("is the canvas tote bag organic?"))).toContain("Is the Canvas Tote Bag organic? Our description says: Heavy 16 oz organic cotton canvas");
    // Asked right after a card, however unsure the classifier: about that product.
    await customer.say("how much is the blue speckled mug?");
    expect(textOf(await customer.say("what sizes?"))).toContain("About the size of the Blue Speckled Mug: A 350 ml stoneware mug");
    // "Big enough for 4 people?" is a size question, not an order of four; "how many cups" is about the teapot, not the cups.
    await customer.say("do you have anything in green?");
    const enough = textOf(await customer.say("the teapot, is it big enough for 4 people?"));
    expect(enough).toContain("About the size of the Celadon Teapot: A 500 ml celadon-glazed porcelain teapot");
    expect(enough).not.toContain("confirm");
    expect(textOf(await customer.say("how many cups does it make?"))).toContain("Our description of the Celadon Teapot doesn't mention its contents.");
    // A one-sentence description still gets its yes/no answer above the card.
    const recycled = await customer.say("are the kraft envelopes recycled?");
    expect(recycled[0]!.text).toBe("Is the Recycled Kraft Envelopes (20) made from recycled material? Our description says: Twenty C6 envelopes made from 100% recycled kraft paper.");
    const zh = createCustomer(ctx.app, "facts-properties-zh");
    await zh.say("帆布托特包多少钱");
    expect(textOf(await zh.say("是有机的吗？"))).toContain("帆布托特包是否有机？介绍里写道：16 盎司加厚有机棉帆布");
    // "手工" (handmade) asked about the tea just shown is about the tea, not the 手工小花瓶 (Handmade Bud Vase).
    await zh.say("龙井多少钱？");
    expect(textOf(await zh.say("是手工的吗？"))).toContain("西湖龙井是否手工制作？介绍里写道：杭州明前龙井，手工炒制，栗香浓郁，50 克。");
  });

  it("tells the owner when a customer says they have paid, without marking the order paid", async () => {
    // Nothing to pay yet: not a payment claim (the classifier's answer stands).
    expect(textOf(await createCustomer(ctx.app, "paid-claim-no-order").say("I paid"))).not.toContain("let the owner know you've paid");
    const customer = createCustomer(ctx.app, "paid-claim");
    await customer.say("I want 1 washi tape set");
    const id = Number(/Order #(\d+)/.exec(textOf(await customer.say("yes")))?.[1]);
    const before = ctx.app.feed.after(0).length;
    // The address asked for at the order is still missing: asked again with the thanks.
    expect(textOf(await customer.say("I've paid"))).toBe(`Thank you! I've let the owner know you've paid £8.50 for order #${id}. They'll confirm here as soon as it shows in the account.\nWhere should we send it? Reply with your name and full postal address (street, town, postcode).`);
    const told = ctx.app.feed.after(0).slice(before).map((item) => item.text);
    expect(told).toEqual([`Customer ${(await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).customerId} says they have paid order #${id} (£8.50). When it is in your account: order ${id} paid`]);
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).status).toBe("placed");
    expect(textOf(await customer.say("Ann Lee, 1 High St, Leeds LS1 1AA"))).toContain(`Order #${id} will go to:`);
    // Once the owner has marked it paid, "I've paid" hears that it is.
    await ctx.app.owner.handle(`order ${id} paid`);
    expect(textOf(await customer.say("I have paid"))).toBe(`Thank you! Order #${id} is already marked as paid.`);
    // "I paid but …" is a problem, not a payment claim.
    expect(textOf(await customer.say("I paid but it says unpaid"))).not.toContain("let the owner know you've paid");
    const zh = createCustomer(ctx.app, "paid-claim-zh");
    await zh.say("我要一个和纸胶带套装");
    await zh.say("确认");
    expect(textOf(await zh.say("我已经付款了"))).toMatch(/^谢谢！已通知店主您已为订单 #\d+ 付款 £8\.50。/);
    // With no order at all: not a complaint's apology, but the owner offered to check.
    const stranger = createCustomer(ctx.app, "paid-claim-no-order");
    const noOrder = await stranger.say("I've paid");
    expect(textOf(noOrder)).toBe("I can't find an order of yours that is waiting for payment. If you paid for something, send me the order number, or I can ask the owner to check.");
    expect(noOrder[0]?.buttons?.flat().map((b) => b.payload)).toEqual(["s", "h"]);
    // The plainest way to say it, and a question that only sounds like it.
    const plain = createCustomer(ctx.app, "paid-claim-zh-plain");
    await plain.say("我要一个和纸胶带套装");
    await plain.say("确认");
    expect(textOf(await plain.say("我付款了吗"))).not.toContain("已通知店主您已为订单");
    expect(textOf(await plain.say("我付款了"))).toMatch(/^谢谢！已通知店主您已为订单 #\d+ 付款 £8\.50。/);
  });

  it("answers a discount question with the owner's FAQ answer or an offer to ask them, never as an order", async () => {
    const customer = createCustomer(ctx.app, "discount");
    const asked = await customer.say("can I get a discount if I buy 3?");
    expect(textOf(asked)).toBe("Prices in the chat are the shop's prices; discounts are the owner's call. I can ask the owner for you.");
    expect(asked[0]!.buttons![0]![0]!.label).toBe("Ask the owner");
    // An order waiting for confirmation stays waiting below the answer.
    await customer.say("I want 2 lavender soy candles");
    const waiting = textOf(await customer.say("any discount code?"));
    expect(waiting).toContain("discounts are the owner's call");
    expect(waiting).toContain("2 × Lavender Soy Candle @ £12.50");
    expect(textOf(await customer.say("yes"))).toMatch(/Order #\d+ is placed \(£25\.00\)/);
    // With the owner's answer in the FAQ, that answer.
    await ctx.app.owner.handle("faq add Do you give discounts? | 10% off orders of 5 items or more, applied by the owner.");
    expect(textOf(await createCustomer(ctx.app, "discount-faq").say("do you give discounts for bulk orders?"))).toBe("10% off orders of 5 items or more, applied by the owner.");
    expect(textOf(await createCustomer(ctx.app, "discount-zh").say("有优惠吗？"))).toBe("聊天里显示的是店铺定价，折扣需要店主决定。我可以帮您问问店主。");
  });

  it("reads an unsure 'when will it arrive?' as delivery times, or as the order once there is one", async () => {
    const customer = createCustomer(ctx.app, "arrive");
    expect(textOf(await customer.say("when will it arrive?"))).toContain("2–4 working days");
    await customer.say("I want 1 washi tape set");
    const placed = textOf(await customer.say("yes"));
    const id = Number(/Order #(\d+)/.exec(placed)?.[1]);
    expect(textOf(await customer.say("when will it arrive?"))).toContain(`Order #${id}: placed, awaiting payment`);
  });

  it("refuses to sell more than is in stock and asks again", async () => {
    const customer = createCustomer(ctx.app, "greedy");
    const stock = await stockOf("HOM-001");
    const replies = await customer.say(`I want to buy ${stock + 1} wool throw blankets`);
    expect(textOf(replies)).toContain(`we only have ${stock} Wool Throw Blanket left`);
    expect(await stockOf("HOM-001")).toBe(stock);
  });

  it("cannot confirm with an old confirmation button after the order changed", async () => {
    const customer = createCustomer(ctx.app, "stale");
    const first = await customer.say("order 1 linen hardcover notebook");
    const oldConfirm = first[0]!.buttons!.flat().find((b) => b.label === "Confirm")!.payload;
    await customer.say("make it 2");
    const replies = await customer.press(oldConfirm);
    // The old button confirms nothing; the order as it stands now comes back with its current buttons.
    expect(textOf(replies)).toContain("That button is from an earlier step");
    expect(textOf(replies)).toContain("2 × Linen Hardcover Notebook");
    const currentConfirm = replies.at(-1)!.buttons!.flat().find((b) => b.label === "Confirm")!.payload;
    expect(currentConfirm).not.toBe(oldConfirm);
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: "stale" } } } } })).toBe(0);
    // Confirmed with the current button; a second tap (a double tap) names the order and places nothing more.
    const placed = textOf(await customer.press(currentConfirm));
    const orderId = Number(/Order #(\d+) is placed/.exec(placed)?.[1]);
    expect(orderId).toBeGreaterThan(0);
    expect(textOf(await customer.press(currentConfirm))).toContain(`Order #${orderId} is already placed`);
    expect(textOf(await customer.press(oldConfirm))).toContain("no order waiting for confirmation");
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: "stale" } } } } })).toBe(1);
  });

  it("checks the status of its order and cancels it, getting the stock back", async () => {
    const customer = createCustomer(ctx.app, "canceller");
    const before = await stockOf("BAG-001");
    await customer.say("I'd like to order 3 canvas tote bags");
    const placed = await customer.say("yes please");
    const orderId = Number(/Order #(\d+)/.exec(textOf(placed))?.[1]);
    expect(await stockOf("BAG-001")).toBe(before - 3);
    const status = await customer.say(`what's the status of order ${orderId}?`);
    expect(textOf(status)).toContain(`Order #${orderId}: placed, awaiting payment`);
    const ask = await customer.say("I want to cancel my order");
    expect(textOf(ask)).toContain(`Cancel order #${orderId}?`);
    const cancelled = await customer.pressLabel("Yes, cancel it");
    expect(textOf(cancelled)).toContain(`Order #${orderId} is cancelled`);
    expect(await stockOf("BAG-001")).toBe(before);
    const again = await customer.press(`xy:${orderId}`);
    expect(textOf(again)).toContain(`Order #${orderId} is cancelled`);
    expect(await stockOf("BAG-001")).toBe(before);
  });

  it("never shows or cancels another customer's order", async () => {
    const alice = createCustomer(ctx.app, "alice");
    await alice.say("order 1 brass fountain pen");
    const placed = await alice.say("confirm");
    const orderId = Number(/Order #(\d+)/.exec(textOf(placed))?.[1]);
    const mallory = createCustomer(ctx.app, "mallory");
    const peek = await mallory.say(`status of order ${orderId}`);
    expect(textOf(peek)).not.toContain("Brass");
    expect(textOf(peek)).toContain("couldn't find that order");
    const forged = await mallory.press(`xy:${orderId}`);
    expect(textOf(forged)).toContain("couldn't find that order");
    const order = await ctx.app.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.status).toBe("placed");
  });

  it("leaves an email, becomes a lead and the owner is told", async () => {
    const customer = createCustomer(ctx.app, "lead-email");
    const replies = await customer.say("you can reach me at Anna.Lee@Example.com");
    expect(textOf(replies)).toContain("I've saved anna.lee@example.com");
    const lead = await ctx.app.db.lead.findFirstOrThrow({ where: { customer: { email: "anna.lee@example.com" } }, include: { history: true } });
    expect(lead.stage).toBe("lead");
    expect(lead.history.map((h) => h.toStage)).toEqual(["visitor", "lead"]);
    expect(ctx.app.feed.after(0).some((i) => i.text.includes("anna.lee@example.com"))).toBe(true);
  });

  it("leaves a phone number, normalised; an invalid one is refused politely", async () => {
    const customer = createCustomer(ctx.app, "lead-phone");
    const bad = await customer.say("my number is 12345");
    expect(textOf(bad)).toMatch(/doesn't look right|email address or phone number/);
    const good = await customer.say("call me on 07911 123456");
    expect(textOf(good)).toContain("+447911123456");
    const customerRow = await ctx.app.db.customer.findFirstOrThrow({ where: { phone: "+447911123456" } });
    expect(customerRow.phone).toBe("+447911123456");
  });

  it("keeps recommendations to the category the customer names", async () => {
    const customer = createCustomer(ctx.app, "recommend-tea");
    const replies = await customer.say("I'm looking for a present for my mum, she loves tea");
    expect(textOf(replies)).toContain("You might like these");
    const products = await productsOfButtons(replies);
    expect(products.length).toBeGreaterThan(0);
    expect(products.map((p) => p.category)).toEqual(products.map(() => "Tea"));
  });

  it("recommends what fits the interest the customer describes, then others of its kind", async () => {
    const customer = createCustomer(ctx.app, "recommend-interest");
    const replies = await customer.say("hello, I'm looking for a present for my dad who likes writing");
    expect(textOf(replies)).toContain("You might like these:\n• Brass Fountain Pen — £42.00");
    const products = await productsOfButtons(replies);
    expect(products.map((p) => p.category)).toEqual(products.map(() => "Stationery"));
    // A kind word only one product carries names it ("pen" is too short to name it by spelling alone).
    expect(textOf(await customer.say("how much is the pen?"))).toMatch(/^Brass Fountain Pen — £42\.00\n\d+ in stock/);
    const traveller = createCustomer(ctx.app, "recommend-interest-travel");
    expect(textOf(await traveller.say("something for my sister, she travels a lot"))).toContain("You might like these:\n• Blue Linen Drawstring Pouch — £11.00");
    // An interest nothing in the shop speaks to is said plainly, not passed off as a match.
    const coffee = createCustomer(ctx.app, "recommend-interest-none");
    const favourites = await coffee.say("I'm looking for a gift for my dad, he drinks a lot of coffee");
    expect(textOf(favourites)).toMatch(/^I couldn't find anything in the shop that speaks to that, so here are some of our favourites:\n• /);
    expect((await productsOfButtons(favourites)).length).toBeGreaterThan(0);
    // Phrasings the classifier could not place were "out of scope"; an interest makes them a recommendation.
    const writer = createCustomer(ctx.app, "recommend-interest-unplaced");
    expect(textOf(await writer.say("hi, do you have anything for someone who likes writing?"))).toContain("You might like these:\n• Brass Fountain Pen — £42.00");
    // Kinds named in a request for recommendations come first: the teapot and the cups, not a tea.
    const kinds = await createCustomer(ctx.app, "recommend-kinds").say("I'm looking for a teapot and some cups");
    expect(textOf(kinds)).toMatch(/^You might like these:\n• Celadon Teapot — £48\.00\n• Red Glaze Tea Cups \(set of 4\) — £24\.00\n/);
    const gardener = createCustomer(ctx.app, "recommend-interest-gardening");
    expect(textOf(await gardener.say("my dad likes gardening"))).toMatch(/^I couldn't find anything in the shop that speaks to that, so here are some of our favourites:\n• /);
  });

  it("finds products whose descriptions speak to a request that names no product or kind", async () => {
    const zh = createCustomer(ctx.app, "browse-interest-zh", "zh");
    const replies = await zh.say("有没有适合泡功夫茶的东西");
    expect(textOf(replies)).toMatch(/^为您找到这些商品：\n• 竹制茶盘 — £39\.00\n• 红釉茶杯（四只装） — £24\.00$/);
    const en = createCustomer(ctx.app, "browse-interest-en");
    expect(textOf(await en.say("do you have anything for gongfu brewing?"))).toContain("• Red Glaze Tea Cups (set of 4) — £24.00");
  });

  it("reads a budget as recommendations within it, in English and Chinese", async () => {
    const customer = createCustomer(ctx.app, "recommend-budget");
    const replies = await customer.say("my budget is £20");
    expect(textOf(replies)).toMatch(/^You might like these:\n• /);
    const products = await productsOfButtons(replies);
    expect(products.length).toBeGreaterThan(0);
    expect(products.every((p) => p.priceMinor <= 2000 && p.stock > 0)).toBe(true);
    const zh = createCustomer(ctx.app, "recommend-budget-zh", "zh");
    await zh.say("你们有什么适合送妈妈的礼物吗？");
    const within = await zh.say("预算10镑以内");
    expect(textOf(within)).toMatch(/^您可能会喜欢：\n• /);
    expect((await productsOfButtons(within)).every((p) => p.priceMinor <= 1000)).toBe(true);
  });

  it("gets popular recommendations, in stock only", async () => {
    const customer = createCustomer(ctx.app, "recommend");
    const replies = await customer.say("can you recommend something?");
    expect(textOf(replies)).toContain("You might like these");
    const products = await productsOfButtons(replies);
    expect(products.length).toBeGreaterThan(0);
    expect(products.every((p) => p.stock > 0)).toBe(true);
  });

  it("asks for a human: the conversation is flagged and the bot steps back", async () => {
    const customer = createCustomer(ctx.app, "needs-human");
    const replies = await customer.say("can I talk to a real person please");
    expect(textOf(replies)).toContain("asked the owner to join");
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "needs-human" } } } } });
    expect(conversation.mode).toBe("handoff");
    expect(textOf(await customer.say("hello?"))).toContain("will reply here soon");
    expect(await customer.say("anyone?")).toEqual([]);
    expect(ctx.app.feed.after(0).some((i) => i.text.includes(`conversation ${conversation.id}`))).toBe(true);
  });

  it("answers in Chinese when the customer writes Chinese", async () => {
    const customer = createCustomer(ctx.app, "zh");
    const greeting = await customer.say("你好");
    expect(textOf(greeting)).toContain("欢迎光临");
    const product = await customer.say("龙井茶多少钱？");
    expect(textOf(product)).toContain("西湖龙井 — £18.00");
    expect(textOf(product)).toContain("库存");
    await customer.say("我要两个");
    const placed = await customer.say("确认");
    expect(textOf(placed)).toMatch(/订单 #\d+ 已下单/);
  });

  it("keeps the conversation log with intents and confidences", async () => {
    const customer = createCustomer(ctx.app, "logged");
    await customer.say("hi there");
    const messages = await ctx.app.db.message.findMany({ where: { conversation: { customer: { identities: { some: { externalId: "logged" } } } } }, orderBy: { id: "asc" } });
    expect(messages.map((m) => m.direction)).toEqual(["inbound", "outbound"]);
    expect(messages[0]).toMatchObject({ text: "hi there", intent: "greeting" });
    expect(messages[0]!.confidence).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe("dialogue", () => {
  it("carries the product over: 'how much is it?' after a product was discussed", async () => {
    const customer = createCustomer(ctx.app, "context");
    await customer.say("tell me about the brass fountain pen");
    expect(textOf(await customer.say("how much is it?"))).toContain("Brass Fountain Pen — £42.00");
  });

  it("takes a correction of the product: 'no, the red one'", async () => {
    const customer = createCustomer(ctx.app, "correction");
    await customer.press("c:0:Ceramics");
    await customer.say("I'll take 2 of the blue one");
    expect(textOf(customer.last)).toContain("2 × Blue Speckled Mug");
    expect(textOf(await customer.say("no, the red one"))).toContain("2 × Red Glaze Tea Cups (set of 4)");
  });

  it("changes only the quantity on 'make it 2', whatever was listed before ('make' is not 'cake')", async () => {
    const customer = createCustomer(ctx.app, "make-it");
    await customer.press("c:0:Tea"); // lists the Aged Pu-erh Cake among others
    await customer.say("I want 3 lavender candles");
    expect(textOf(customer.last)).toContain("3 × Lavender Soy Candle");
    expect(textOf(await customer.say("make it 2"))).toContain("2 × Lavender Soy Candle");
  });

  it.each([
    ["yes", "en", true],
    ["cancel it", "en", true],
    ["no, keep it", "en", false],
    ["是的，取消", "zh", true],
    ["取消", "zh", true],
    ["不用了", "zh", false],
  ])("answers 'cancel order #N?' typed: %s", async (answer, locale, cancels) => {
    const customer = createCustomer(ctx.app, `typed-cancel-${answer}`);
    await customer.say(locale === "zh" ? "我要买一个蓝色马克杯" : "I want 1 blue speckled mug");
    await customer.say(locale === "zh" ? "确认" : "yes");
    const order = await ctx.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: `typed-cancel-${answer}` } } } } });
    expect(textOf(await customer.say(locale === "zh" ? "我想取消订单" : "I want to cancel my order"))).toContain(`#${order.id}`);
    const reply = textOf(await customer.say(answer));
    const after = await ctx.app.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.status).toBe(cancels ? "cancelled" : "placed");
    expect(reply).toContain(`#${order.id}`);
    // Answered once: a second "yes" is not another cancellation question's answer.
    expect(textOf(await customer.say(locale === "zh" ? "是的" : "yes"))).not.toContain(`#${order.id} is cancelled`);
  });

  it("drops a half-finished order on 'never mind' and places nothing", async () => {
    const customer = createCustomer(ctx.app, "nevermind");
    await customer.say("I want to order the stoneware serving bowl");
    expect(textOf(await customer.say("never mind"))).toContain("I've cancelled that");
    expect(textOf(await customer.say("yes"))).not.toMatch(/Order #\d+ is placed/);
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: "nevermind" } } } } })).toBe(0);
  });

  it("asks for contact details and takes them in the next message", async () => {
    const customer = createCustomer(ctx.app, "contact-slot");
    expect(textOf(await customer.say("I'd like to leave my contact details"))).toContain("email address or phone number");
    expect(textOf(await customer.say("it's sam@example.org"))).toContain("I've saved sam@example.org");
  });

  const customerRecord = (externalId: string) => ctx.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId } } } });

  it("keeps an order waiting when a name and email are given at its confirmation; a typed 'confirm' places it", async () => {
    const customer = createCustomer(ctx.app, "contact-at-confirm");
    await customer.say("I want 1 celadon teapot");
    expect(textOf(customer.last)).toContain("1 × Celadon Teapot");
    const reply = textOf(await customer.say("my name is Anna, email anna@example.com"));
    expect(reply).toContain("Thank you, Anna! I've saved anna@example.com");
    expect(reply).toContain("still waiting for you to confirm");
    expect(textOf(await customer.say("confirm"))).toMatch(/Order #\d+ is placed/);
    const saved = await customerRecord("contact-at-confirm");
    expect({ name: saved.name, email: saved.email }).toEqual({ name: "Anna", email: "anna@example.com" });
    expect(await ctx.app.db.order.count({ where: { customerId: saved.id } })).toBe(1);
  });

  it("keeps a name given on its own and, when contact details were asked for, asks for them again", async () => {
    const customer = createCustomer(ctx.app, "name-alone");
    await customer.say("I'd like to leave my contact details");
    const reply = await customer.say("my name is tom o'neil");
    expect(textOf(reply)).toContain("Thank you, Tom O'Neil! And your email address or phone number");
    expect(reply[0]?.requestContact).toBeDefined();
    expect(textOf(await customer.say("tom@example.org"))).toContain("I've saved tom@example.org");
    const saved = await customerRecord("name-alone");
    expect({ name: saved.name, email: saved.email }).toEqual({ name: "Tom O'Neil", email: "tom@example.org" });
    // A name alone with nothing open is acknowledged, with the menu.
    const other = createCustomer(ctx.app, "name-hello");
    const hello = await other.say("Hi, my name is Priya");
    expect(textOf(hello)).toContain("Nice to meet you, Priya!");
    expect(hello[0]?.buttons).toBeDefined();
    expect((await customerRecord("name-hello")).name).toBe("Priya");
  });

  it("reads a Chinese name with a phone number, and handles a request after a name", async () => {
    const customer = createCustomer(ctx.app, "name-zh", "zh");
    expect(textOf(await customer.say("我叫王小明，电话13800138000"))).toContain("谢谢，王小明！已保存 +8613800138000");
    const saved = await customerRecord("name-zh");
    expect({ name: saved.name, phone: saved.phone }).toEqual({ name: "王小明", phone: "+8613800138000" });
    const english = createCustomer(ctx.app, "name-then-order");
    expect(textOf(await english.say("My name is Li, I want 2 lavender candles"))).toContain("2 × Lavender Soy Candle");
    expect((await customerRecord("name-then-order")).name).toBe("Li");
  });

  it("places the cart on 'checkout' after the customer moved on from its confirmation", async () => {
    const customer = createCustomer(ctx.app, "checkout-word");
    await customer.say("I want 2 lavender candles");
    await customer.say("show me the tea"); // moves on: the candles wait in the cart
    const shown = textOf(await customer.say("checkout"));
    expect(shown).toContain("Please confirm your order");
    expect(shown).toContain("2 × Lavender Soy Candle");
    expect(textOf(await customer.say("confirm"))).toMatch(/Order #\d+ is placed \(£25\.00\)/);
    // With an empty cart "checkout" is not a placed order.
    const empty = createCustomer(ctx.app, "checkout-empty");
    expect(textOf(await empty.say("checkout"))).not.toMatch(/Please confirm your order|is placed/);
  });

  it("recommends within a category when asked '有什么茶推荐吗？' (not the category list)", async () => {
    const customer = createCustomer(ctx.app, "recommend-tea-zh", "zh");
    const reply = await customer.say("有什么茶推荐吗？");
    expect(textOf(reply)).toContain("您可能会喜欢");
    const ids = reply.flatMap((r) => r.buttons?.flat() ?? []).map((b) => Number(/^p:(\d+)$/.exec(b.payload)?.[1]));
    expect(ids.length).toBeGreaterThan(0);
    const products = await ctx.app.db.product.findMany({ where: { id: { in: ids } } });
    expect(products.map((p) => p.category)).toEqual(products.map(() => "Tea"));
  });

  it("offers the category's products on 'I want a candle' (a kind, not a product), one tap to order", async () => {
    const customer = createCustomer(ctx.app, "order-a-kind");
    const reply = await customer.say("I want a candle");
    expect(textOf(reply)).toContain("Which one would you like to order?");
    const buttons = reply.flatMap((r) => r.buttons?.flat() ?? []);
    const candles = await ctx.app.db.product.findMany({ where: { category: "Candles", active: true, stock: { gt: 0 } } });
    expect(buttons.map((b) => b.label).sort()).toEqual(candles.map((c) => c.name).sort());
    await customer.pressLabel("Lavender Soy Candle");
    expect(textOf(customer.last)).toContain("How many of the Lavender Soy Candle");
    // "3 candles": the number goes with the pick.
    const three = createCustomer(ctx.app, "order-three-of-a-kind");
    expect(textOf(await three.say("I'd like 3 candles"))).toContain("Which one would you like 3 of?");
    await three.pressLabel("Sea Salt & Sage Candle");
    expect(textOf(three.last)).toContain("3 × Sea Salt & Sage Candle");
  });

  it("reads '2 blue mugs and a notebook' sent while it asks how many notebooks as the whole order", async () => {
    const customer = createCustomer(ctx.app, "several-at-quantity");
    expect(textOf(await customer.say("I want to buy the notebook"))).toContain("How many of the Linen Hardcover Notebook");
    const reply = textOf(await customer.say("2 blue mugs and a notebook"));
    expect(reply).toContain("2 × Blue Speckled Mug");
    expect(reply).toContain("1 × Linen Hardcover Notebook");
  });

  it("does not take 'cancel the notebook' for the product to order while choosing one", async () => {
    const customer = createCustomer(ctx.app, "cancel-while-choosing");
    await customer.say("I want to buy something");
    expect(textOf(await customer.say("actually cancel the notebook"))).not.toContain("How many of the Linen Hardcover Notebook");
  });

  it("explains that part of a placed order cannot be cancelled here, and offers the whole order or the owner", async () => {
    const customer = createCustomer(ctx.app, "cancel-part");
    await customer.say("I'd like 2 blue mugs and a notebook");
    expect(textOf(await customer.say("yes"))).toMatch(/Order #\d+ is placed/);
    const order = await ctx.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "cancel-part" } } } }, orderBy: { id: "desc" } });
    for (const text of ["cancel the notebook", "remove one mug from my order"]) {
      const reply = await customer.say(text);
      expect(textOf(reply)).toContain(`Order #${order.id} holds:`);
      expect(textOf(reply)).toContain("I can't take part of a placed order off here");
      expect(reply[0]?.buttons?.flat().map((b) => b.payload)).toEqual([`x:${order.id}`, "h"]);
    }
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("placed");

    // A second order holding only the candle: "cancel the candle" asks about that one, not "which order?".
    await customer.say("I want 1 lavender soy candle");
    await customer.say("yes");
    const second = await ctx.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "cancel-part" } } } }, orderBy: { id: "desc" } });
    expect(second.id).not.toBe(order.id);
    expect(textOf(await customer.say("please cancel the lavender candle"))).toContain(`Cancel order #${second.id}?`);
    // Naming everything the order holds is the whole order.
    const single = createCustomer(ctx.app, "cancel-all-of-it");
    await single.say("I want 2 blue mugs");
    await single.say("yes");
    expect(textOf(await single.say("cancel the mugs"))).toMatch(/Cancel order #\d+\?/);
  });

  it("answers pictures and punctuation kindly, never counting them as not understood; 👍 confirms", async () => {
    const customer = createCustomer(ctx.app, "emoji");
    expect(textOf(await customer.say("👍"))).toBe("😊 Anything else I can help with?");
    expect(textOf(await customer.say("???"))).toContain("What can I help you with?");
    expect(textOf(await customer.say("😡"))).toContain("What can I help you with?");
    expect(textOf(await customer.say("🙏🏻"))).toBe("😊 Anything else I can help with?");
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "emoji" } } } } });
    expect({ mode: conversation.mode, streak: conversation.lowConfidenceStreak }).toEqual({ mode: "bot", streak: 0 });
    // At a confirmation, a thumbs-up is a yes; anything else pictured keeps the order waiting.
    await customer.say("I want 2 lavender soy candles");
    expect(textOf(await customer.say("😊"))).toContain("still waiting for you to confirm");
    expect(textOf(await customer.say("👍"))).toMatch(/Order #\d+ is placed \(£25\.00\)/);
  });

  it("shows the card of a product named with its category word ('show me the lavender candle'), the page for the category alone", async () => {
    const customer = createCustomer(ctx.app, "browse-named-product");
    expect(textOf(await customer.say("show me the lavender candle"))).toMatch(/^Lavender Soy Candle — £12\.50/);
    expect(textOf(await customer.say("show me the candles"))).toContain("Candles (page 1 of 1)");
  });

  it("says a placed order cannot grow when asked to add to it, and starts a new one", async () => {
    const customer = createCustomer(ctx.app, "add-to-placed");
    await customer.say("I want 1 blue speckled mug");
    const id = Number(/Order #(\d+) is placed/.exec(textOf(await customer.say("yes")))?.[1]);
    const reply = await customer.say("can I add a candle to my order?");
    expect(reply[0]?.text).toBe(`Order #${id} is already placed, so I can't add to it here: this will be a new order (or cancel #${id} and order everything together).`);
    expect(textOf(reply.slice(1))).toContain("Which one would you like to order?\n• Beeswax Taper Candles (pair)");
    const zh = createCustomer(ctx.app, "add-to-placed-zh", "zh");
    await zh.say("我要买一个蓝色斑点马克杯");
    await zh.say("确认");
    expect(textOf(await zh.say("可以把一个蜡烛加到订单里吗"))).toContain("已经下单，无法在这里追加商品");
  });

  it("answers 'how many do you have?' while asking how many with the question and its stock again", async () => {
    const customer = createCustomer(ctx.app, "stock-question");
    expect(textOf(await customer.say("I want to buy the celadon teapot"))).toMatch(/^How many of the Celadon Teapot would you like\? \(\d+ available\)$/);
    expect(textOf(await customer.say("how many do you have?"))).toMatch(/^How many of the Celadon Teapot would you like\? \(\d+ available\)$/);
    expect(textOf(await customer.say("2"))).toContain("2 × Celadon Teapot");
  });

  it("offers a human after failing to understand twice in a row", async () => {
    const customer = createCustomer(ctx.app, "confused");
    await customer.say("what is the capital of mongolia");
    const second = await customer.say("what's the weather like on mars tomorrow");
    expect(textOf(second)).toContain("asked the owner to join");
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "confused" } } } } });
    expect(conversation.mode).toBe("handoff");
  });
});

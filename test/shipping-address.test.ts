/**
 * Where an order goes: asked right after the order is placed, taken from the next message that
 * reads as an address (not from a question or a shopping list in between), kept for the next
 * order, changeable until the order ships, shown to the owner.
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

const orderId = (text: string) => Number(/Order #(\d+) is placed/.exec(text)?.[1]);
const addressOf = async (id: number) => (await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).shippingAddress;

describe("delivery addresses", () => {
  it("saves an email given while the address is awaited, and asks for the address again", async () => {
    const customer = createCustomer(ctx.app, "email-before-address");
    await customer.say("I want 1 celadon teapot");
    const id = orderId(textOf(await customer.say("yes")));
    const replies = await customer.say("my email is bob@example.com");
    expect(textOf(replies)).toContain("I've saved bob@example.com");
    expect(textOf(replies)).toContain("Where should we send it?");
    expect(replies.flatMap((r) => r.buttons?.flat() ?? [])).toEqual([]);
    expect(textOf(await customer.say("Bob Smith, 1 High Street, Leeds LS1 1AA"))).toContain(`Order #${id} will go to:`);
    expect(await addressOf(id)).toBe("Bob Smith, 1 High Street, Leeds LS1 1AA");
  });

  it("asks where to send an order, waits through a question, and takes the address", async () => {
    const customer = createCustomer(ctx.app, "address-en");
    await customer.say("I want 1 celadon teapot");
    const placed = textOf(await customer.say("yes"));
    expect(placed).toContain("Where should we send it? Reply with your name and full postal address");
    const id = orderId(placed);
    expect(textOf(await customer.say("how do I pay?"))).toContain("bank transfer");
    // A shopping list with commas and numbers is not an address.
    expect(textOf(await customer.say("2 blue speckled mugs, 3 lavender soy candles, 1 bamboo tea tray"))).not.toContain("will go to");
    expect(await addressOf(id)).toBeNull();
    expect(textOf(await ctx.app.owner.handle("orders"))).toMatch(new RegExp(`#${id} PLACED .* — no address yet$`, "m"));
    await customer.say("never mind");
    const saved = textOf(await customer.say("Anna Lee\n12 Baker Street\nLondon NW1 6XE"));
    expect(saved).toBe(`Thank you! Order #${id} will go to:\nAnna Lee\n12 Baker Street\nLondon NW1 6XE`);
    expect(await addressOf(id)).toBe("Anna Lee\n12 Baker Street\nLondon NW1 6XE");
    expect(ctx.app.feed.after(0).some((i) => i.text === `Order #${id} ships to: Anna Lee, 12 Baker Street, London NW1 6XE`)).toBe(true);
    expect(textOf(await ctx.app.owner.handle(`order ${id}`))).toContain("Ship to: Anna Lee, 12 Baker Street, London NW1 6XE");
    expect(textOf(await ctx.app.owner.handle("orders"))).toMatch(new RegExp(`#${id} PLACED .*\\d{4}-\\d{2}-\\d{2}[^\\n]*$`, "m"));
    expect(textOf(await ctx.app.owner.handle("orders"))).not.toMatch(new RegExp(`#${id} PLACED .*no address yet`));
  });

  it("uses the saved address for the next order, and takes a new one given in words", async () => {
    const customer = createCustomer(ctx.app, "address-again");
    await customer.say("I want 1 washi tape set");
    await customer.say("yes");
    await customer.say("Tom Hart, 3 Mill Lane, York YO1 7HH");
    await customer.say("I want 1 lavender soy candle");
    const placed = textOf(await customer.say("yes"));
    expect(placed).toContain("We'll send it to:\nTom Hart, 3 Mill Lane, York YO1 7HH\nIf that has changed");
    const id = orderId(placed);
    expect(await addressOf(id)).toBe("Tom Hart, 3 Mill Lane, York YO1 7HH");
    expect(ctx.app.feed.after(0).some((i) => i.text.includes(`New order #${id}`) && i.text.includes("ships to Tom Hart, 3 Mill Lane, York YO1 7HH"))).toBe(true);
    expect(textOf(await customer.say("my new address is Flat 2, 5 High St, Leeds LS1 4AB"))).toContain(`Order #${id} will go to:\nFlat 2, 5 High St, Leeds LS1 4AB`);
    expect(await addressOf(id)).toBe("Flat 2, 5 High St, Leeds LS1 4AB");
    const order = await ctx.app.db.order.findUniqueOrThrow({ where: { id } });
    expect(textOf(await ctx.app.owner.handle(`customer ${order.customerId}`))).toContain("Address: Flat 2, 5 High St, Leeds LS1 4AB");
  });

  it("changes the address on request until the order ships, then says it cannot", async () => {
    const customer = createCustomer(ctx.app, "address-change");
    await customer.say("I want 1 bamboo tea tray");
    const id = orderId(textOf(await customer.say("yes")));
    await customer.say("Mia Wong, 8 Rose Road, Bath BA1 1AA");
    expect(textOf(await customer.say("can I change the delivery address?"))).toBe(`Send me the new address for order #${id} (name and full postal address).`);
    await customer.say("Mia Wong, 10 Rose Road, Bath BA1 1AB");
    expect(await addressOf(id)).toBe("Mia Wong, 10 Rose Road, Bath BA1 1AB");
    await ctx.app.owner.handle(`order ${id} shipped`);
    expect(textOf(await customer.say("I need to change my address"))).toContain("You have no order waiting to be sent");
    // Given with no order waiting: kept for the next order, the shipped one unchanged.
    expect(textOf(await customer.say("my address is 1 New Street, Bath BA2 2BB"))).toBe("Thank you! You have no order waiting to be sent, so I'll send your next order to:\n1 New Street, Bath BA2 2BB");
    expect(await addressOf(id)).toBe("Mia Wong, 10 Rose Road, Bath BA1 1AB");
    await customer.say("I want 1 bamboo tea tray");
    expect(textOf(await customer.say("yes"))).toContain("We'll send it to:\n1 New Street, Bath BA2 2BB");
  });

  it("keeps an address sent before any order, in English or Chinese, and uses it for the order", async () => {
    const customer = createCustomer(ctx.app, "address-first");
    expect(textOf(await customer.say("my address is Sam Lee, 3 Mill Lane, York YO1 7HH"))).toContain("I'll send your next order to:\nSam Lee, 3 Mill Lane, York YO1 7HH");
    await customer.say("I want 1 washi tape set");
    const placed = textOf(await customer.say("yes"));
    expect(placed).toContain("We'll send it to:\nSam Lee, 3 Mill Lane, York YO1 7HH");
    expect(await addressOf(orderId(placed))).toBe("Sam Lee, 3 Mill Lane, York YO1 7HH");

    const zh = createCustomer(ctx.app, "address-first-zh");
    await zh.say("你好");
    expect(textOf(await zh.say("北京市朝阳区建国路88号 100022"))).toBe("谢谢！您目前没有待发货的订单，下一个订单将寄往：\n北京市朝阳区建国路88号 100022");
    expect((await ctx.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId: "address-first-zh" } } } })).address).toBe("北京市朝阳区建国路88号 100022");
  });

  it("takes a Chinese address and answers in Chinese; refuses one too long, storing nothing", async () => {
    const customer = createCustomer(ctx.app, "address-zh");
    await customer.say("我要一个蓝色斑点马克杯");
    const placed = textOf(await customer.say("确认"));
    expect(placed).toContain("请问寄到哪里");
    const id = orderId(placed.replace(/订单 #(\d+) 已下单/, "Order #$1 is placed"));
    expect(textOf(await customer.say(`王芳，上海市浦东新区${"世纪大道".repeat(130)}100号`))).toBe("地址太长了（最多 500 个字符）。");
    expect(await addressOf(id)).toBeNull();
    expect(textOf(await customer.say("王芳，上海市浦东新区世纪大道100号，200120"))).toBe(`谢谢！订单 #${id} 将寄往：\n王芳，上海市浦东新区世纪大道100号，200120`);
  });

  it("takes 'my name is …' with the address as the name on it, and a name alone as the answer to half the question", async () => {
    const customer = createCustomer(ctx.app, "address-with-name-zh", "zh");
    await customer.say("我要一个蓝色斑点马克杯");
    const id = orderId(textOf(await customer.say("确认")).replace(/订单 #(\d+) 已下单/, "Order #$1 is placed"));
    expect(textOf(await customer.say("我叫李雷，北京市朝阳区建国路88号"))).toBe(`谢谢！订单 #${id} 将寄往：\n李雷，北京市朝阳区建国路88号`);
    expect(await addressOf(id)).toBe("李雷，北京市朝阳区建国路88号");
    expect((await ctx.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId: "address-with-name-zh" } } } })).name).toBe("李雷");

    const english = createCustomer(ctx.app, "address-name-first");
    await english.say("I want 1 blue speckled mug");
    const second = orderId(textOf(await english.say("yes")));
    expect(textOf(await english.say("my name is Anna Lee"))).toBe("Nice to meet you, Anna Lee! I've noted your name for the owner.\nWhere should we send it? Reply with your name and full postal address (street, town, postcode).");
    expect(await addressOf(second)).toBeNull();
    await english.say("4 Park Lane, Oxford OX1 2AB");
    expect(await addressOf(second)).toBe("4 Park Lane, Oxford OX1 2AB");
  });

  it("keeps an address given while choosing for that order instead of reading its house number as a quantity", async () => {
    const customer = createCustomer(ctx.app, "address-mid-order");
    expect(textOf(await customer.say("I'd like the celadon teapot"))).toContain("How many of the Celadon Teapot would you like?");
    const kept = await customer.say("Jane Smith, 4 Park Lane, Oxford OX1 2AB");
    expect(textOf(kept)).toContain("Thank you! I'll send this order to:\nJane Smith, 4 Park Lane, Oxford OX1 2AB");
    expect(textOf(kept)).toContain("How many of the Celadon Teapot would you like?");
    expect(textOf(kept)).not.toContain("4 × Celadon Teapot");
    // "Yes" to "how many?" is one; the confirmation says so before anything is placed.
    expect(textOf(await customer.say("yes"))).toContain("Please confirm your order:\n1 × Celadon Teapot @ £48.00");
    const placed = textOf(await customer.say("yes"));
    expect(placed).toContain("We'll send it to:\nJane Smith, 4 Park Lane, Oxford OX1 2AB");
    expect(await addressOf(orderId(placed))).toBe("Jane Smith, 4 Park Lane, Oxford OX1 2AB");
  });
});

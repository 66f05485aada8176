/**
 * Ordering again: "same again", "和上次一样", or the Order again button under "My orders" puts an
 * earlier order's lines up for confirmation at today's prices, as far as the stock goes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createTestApp, textOf, ordersOfSession } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const ordersOf = (externalId: string) => ordersOfSession(ctx.app, externalId);

async function placeFirstOrder(customer: ReturnType<typeof createCustomer>, text: string) {
  await customer.say(text);
  const placed = textOf(await customer.say("yes"));
  return Number(/(?:Order|订单) #(\d+)/.exec(placed)?.[1]);
}

describe("ordering again", () => {
  it("says there is nothing to repeat before a first order", async () => {
    const replies = await createCustomer(ctx.app, "no-history").say("same again please");
    expect(textOf(replies)).toBe("You have no earlier order to repeat yet. What would you like?");
    expect(replies[0]?.buttons?.flat().map((b) => b.payload)).toEqual(["b", "r", "s", "h"]);
  });

  it("puts the last order up for confirmation on 'same again', and places it as a new order", async () => {
    const customer = createCustomer(ctx.app, "repeat-en");
    const first = await placeFirstOrder(customer, "I want 2 jasmine silver needle teas and 1 washi tape set");
    await customer.say("Ann Lee, 1 High St, Leeds LS1 1AA");
    const again = textOf(await customer.say("same again please"));
    expect(again).toBe(`Order #${first} again, at today's prices:\nPlease confirm your order:\n2 × Jasmine Silver Needle Tea @ £14.50\n1 × Washi Tape Set @ £8.50\nTotal: £37.50`);
    expect(textOf(await customer.say("yes"))).toMatch(/Order #\d+ is placed \(£37\.50\)/);
    const orders = await ordersOf("repeat-en");
    expect(orders).toHaveLength(2);
    expect(orders[1]!.lines.map((l) => l.quantity)).toEqual(orders[0]!.lines.map((l) => l.quantity));
  });

  it("offers Order again under My orders, and takes only as many as are in stock", async () => {
    const customer = createCustomer(ctx.app, "repeat-button");
    const first = await placeFirstOrder(customer, "I want 3 celadon teapots");
    await customer.say("Bo Chen, 2 Low St, York YO1 7HH");
    await ctx.app.owner.handle("stock CER-001 1");
    const orders = await customer.say("my orders");
    const button = orders[0]?.buttons?.flat().find((b) => b.label === `Order again #${first}`);
    expect(button?.payload).toBe(`ra:${first}`);
    const again = textOf(await customer.press(button!.payload));
    expect(again).toContain("We only have 1 Celadon Teapot left, so I've put 1 in your order.");
    expect(again).toContain("1 × Celadon Teapot @ £48.00");
    await ctx.app.owner.handle("stock CER-001 0");
    await customer.say("cancel");
    expect(textOf(await customer.press(`ra:${first}`))).toBe(`Sorry, Celadon Teapot is out of stock right now.\nNothing from order #${first} is in stock right now.`);
  });

  it("repeats in Chinese, and never another customer's order", async () => {
    const customer = createCustomer(ctx.app, "repeat-zh", "zh");
    const first = await placeFirstOrder(customer, "我要两罐茉莉银针");
    await customer.say("张三 上海市浦东新区世纪大道100号 200120");
    expect(textOf(await customer.say("和上次一样"))).toMatch(new RegExp(`^再来一单 #${first}，按今天的价格：\\n请确认您的订单：\\n2 × 茉莉银针 @ £14\\.50`));
    const stranger = createCustomer(ctx.app, "stranger");
    expect(textOf(await stranger.press(`ra:${first}`))).toBe("You have no earlier order to repeat yet. What would you like?");
  });
});

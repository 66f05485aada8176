/**
 * Changing an order in words: finishing after "add something else" without losing the order, asking
 * where it is or cancelling it before it is placed, changing one line of several by its kind, adding
 * a product named in Chinese by colour and kind, and asking to change an order already placed.
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

describe("changing an order in words", () => {
  for (const [id, finish] of [["done-no", "no thanks"], ["done-all", "that's all"], ["done-ok", "ok"], ["done-zh", "就这些"]] as const) {
    it(`'${finish}' to "what else would you like?" shows the order to confirm, and keeps it`, async () => {
      const customer = createCustomer(ctx.app, id);
      await customer.say("I want 2 jasmine teas");
      expect(textOf(await customer.say("add something else"))).toContain("What else would you like?");
      const shown = textOf(await customer.say(finish));
      expect(shown).toMatch(/^(Please confirm your order:|请确认您的订单：)\n2 × /);
      expect(shown).toContain("£29.00");
      expect(textOf(await customer.say("confirm"))).toMatch(/Order #\d+ is placed \(£29\.00\)|订单 #\d+ 已下单（£29\.00）/);
      expect((await ordersOf(id)).map((o) => o.totalMinor)).toEqual([2900]);
    });
  }

  it("adds on 'also 2 mugs', '2 more', '再来两个', and takes 'I want 2 mugs and a teapot' as the order said again", async () => {
    const customer = createCustomer(ctx.app, "more-of-same");
    await customer.say("2 blue speckled mugs please");
    expect(textOf(await customer.say("also 2 mugs"))).toContain("4 × Blue Speckled Mug @ £16.00\nTotal: £64.00");
    expect(textOf(await customer.say("2 more"))).toContain("6 × Blue Speckled Mug @ £16.00\nTotal: £96.00");
    expect(textOf(await customer.say("make it 3"))).toContain("3 × Blue Speckled Mug @ £16.00\nTotal: £48.00");
    const restated = textOf(await customer.say("I want 2 blue mugs and a teapot"));
    expect(restated).toContain("2 × Blue Speckled Mug @ £16.00\n1 × Celadon Teapot @ £48.00\nTotal: £80.00");
    expect(textOf(await customer.say("also 2 mugs and a washi tape set"))).toContain("4 × Blue Speckled Mug @ £16.00\n1 × Celadon Teapot @ £48.00\n1 × Washi Tape Set @ £8.50");
    const zh = createCustomer(ctx.app, "more-of-same-zh", "zh");
    await zh.say("我要两个马克杯");
    expect(textOf(await zh.say("再来两个"))).toContain("4 × 蓝色斑点马克杯 @ £16.00");
  });

  it("answers a question naming another product at the confirmation without swapping it in; 'instead' swaps", async () => {
    const customer = createCustomer(ctx.app, "question-at-confirm");
    await customer.say("I want a lavender candle");
    const answered = textOf(await customer.say("is the chamomile tea caffeine free?"));
    expect(answered).toContain("Caffeine free");
    // The answer, then the order as it was, still waiting for its yes.
    expect(answered).toMatch(/\nYour order is still waiting for you to confirm:\n1 × Lavender Soy Candle @ £12\.50\nTotal: £12\.50$/);
    expect(textOf(await customer.say("can I have the sandalwood candle instead?"))).toMatch(/^Please confirm your order:\n1 × Sandalwood Pillar Candle @ £16\.50\nTotal: £16\.50/);
    expect(textOf(await customer.say("confirm"))).toMatch(/Order #\d+ is placed \(£16\.50\)/);
  });

  it("offers the products of a kind named in everyday Chinese ('杯子'), and '不要杯子了' keeps the order", async () => {
    const customer = createCustomer(ctx.app, "kind-zh", "zh");
    await customer.say("我要两包蓝花伯爵茶");
    const offered = await customer.say("再加一个杯子");
    expect(textOf(offered)).toMatch(/^您指的是哪一个商品？\n• 蓝色斑点马克杯 — £16\.00\n• 红釉茶杯（四只装） — £24\.00/);
    expect(textOf(await customer.say("不要杯子了"))).toMatch(/^请确认您的订单：\n2 × 蓝花伯爵茶 @ £9\.50\n合计：£19\.00/);
    const browsing = createCustomer(ctx.app, "kind-zh-browse", "zh");
    const listed = textOf(await browsing.say("有杯子吗"));
    expect(listed).toContain("蓝色斑点马克杯");
    expect(listed).toContain("红釉茶杯（四只装）");
  });

  it("drops the product whose quantity is being asked when the customer takes it back", async () => {
    const customer = createCustomer(ctx.app, "remove-pending");
    await customer.say("I want 2 jasmine teas");
    expect(textOf(await customer.say("and the teapot"))).toContain("How many of the Celadon Teapot");
    const removed = textOf(await customer.say("actually remove the teapot"));
    expect(removed).toMatch(/^Removed the Celadon Teapot\.\nPlease confirm your order:\n2 × Jasmine Silver Needle Tea @ £14\.50\nTotal: £29\.00/);
    expect(await ctx.app.db.conversation.count({ where: { mode: "handoff", customer: { identities: { some: { externalId: "remove-pending" } } } } })).toBe(0);
  });

  it("does not order 'the first two' asked about in a question", async () => {
    const customer = createCustomer(ctx.app, "question-not-order");
    await customer.say("she loves tea, budget about £40");
    const reply = textOf(await customer.say("what's the difference between the first two?"));
    expect(reply).not.toContain("Please confirm your order");
    expect(await ordersOf("question-not-order")).toEqual([]);
    const state = (await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "question-not-order" } } } } })).state as { cart: unknown[]; flow?: unknown };
    expect(state.cart).toEqual([]);
    expect(state.flow).toBeUndefined();
  });

  it("reads Chinese yes-words run together ('好的确认', '可以，下单吧') as a yes", async () => {
    for (const [id, yes] of [["yes-zh-1", "好的确认"], ["yes-zh-2", "可以，下单吧"]] as const) {
      const customer = createCustomer(ctx.app, id, "zh");
      await customer.say("我想买一个普洱茶饼");
      expect(textOf(await customer.say(yes))).toMatch(/^谢谢！订单 #\d+ 已下单（£32\.00）/);
      expect((await ordersOf(id)).map((o) => o.totalMinor)).toEqual([3200]);
    }
  });

  it("offers the owner for a wholesale quantity instead of calling it a typo", async () => {
    const customer = createCustomer(ctx.app, "bulk");
    const replies = await customer.say("I want 1000 mugs");
    expect(replies[0]).toEqual({ text: "I can take up to 99 of a product here. For a bigger order the owner arranges it with you (and can talk about the price): tap below, or tell me a smaller quantity.", buttons: [[{ label: "Ask the owner", payload: "h" }]] });
    expect(replies[1]!.text).toMatch(/^How many of the Blue Speckled Mug would you like\? \(\d+ available\)$/);
    expect(textOf(await customer.say("2"))).toContain("2 × Blue Speckled Mug");
  });

  it("keeps the order on 'nice' or 'noted' at its confirmation, and drops it on 'actually no'", async () => {
    const customer = createCustomer(ctx.app, "not-a-no");
    await customer.say("I want 2 jasmine teas");
    for (const word of ["nice", "noted"]) expect(textOf(await customer.say(word))).not.toContain("I've cancelled that");
    expect(textOf(await customer.say("confirm"))).toMatch(/Order #\d+ is placed \(£29\.00\)/);
    const other = createCustomer(ctx.app, "actually-no");
    await other.say("I want 2 jasmine teas");
    expect(textOf(await other.say("actually no"))).toBe("OK, I've cancelled that. Anything else?");
    expect(await ordersOf("actually-no")).toEqual([]);
  });

  it("takes only the line named off an order not yet placed ('cancel the cups', '不要茶杯了')", async () => {
    const en = createCustomer(ctx.app, "cancel-line-en");
    await en.say("I want the tea tray");
    await en.say("1");
    await en.say("add 2 red cups too");
    const left = textOf(await en.say("cancel the cups"));
    expect(left).toMatch(/^Removed the Red Glaze Tea Cups \(set of 4\)\.\nPlease confirm your order:\n1 × Bamboo Tea Tray @ £39\.00\nTotal: £39\.00$/);
    const zh = createCustomer(ctx.app, "cancel-line-zh", "zh");
    await zh.say("我要一个竹制茶盘");
    await zh.say("再要四个红釉茶杯");
    const zhLeft = textOf(await zh.say("我改主意了，不要茶杯了"));
    expect(zhLeft).toContain("1 × 竹制茶盘 @ £39.00");
    expect(zhLeft).not.toContain("红釉茶杯（四只装） @");
  });

  it("still drops the order on 'cancel' there", async () => {
    const customer = createCustomer(ctx.app, "done-cancel");
    await customer.say("I want 2 jasmine teas");
    await customer.say("add something else");
    expect(textOf(await customer.say("cancel"))).toBe("OK, I've cancelled that. Anything else?");
    expect(textOf(await customer.say("where is my order?"))).toContain("You have no orders yet");
  });

  it("answers 'where is my order?' before it is placed with the order waiting, and 'cancel the order' drops it", async () => {
    const customer = createCustomer(ctx.app, "not-placed");
    await customer.say("I want 2 jasmine teas");
    const status = textOf(await customer.say("where is my order?"));
    expect(status).toMatch(/^Your order is still waiting for you to confirm:\n2 × Jasmine Silver Needle Tea @ £14\.50\nTotal: £29\.00$/);
    expect(textOf(await customer.say("cancel the order"))).toBe("OK, I've cancelled that. Anything else?");
    expect(await ordersOf("not-placed")).toEqual([]);
    expect(textOf(await customer.say("what's in my cart?"))).not.toContain("Jasmine");
  });

  it("shows a cart left after a goodbye as the order to confirm when asked where it is", async () => {
    const customer = createCustomer(ctx.app, "cart-status", "zh");
    await customer.say("我想买两包茉莉花茶");
    await customer.say("谢谢，再见");
    const status = await customer.say("我的订单到哪了");
    expect(textOf(status)).toMatch(/^您的订单还在等您确认：\n2 × 茉莉银针 @ £14\.50/);
    expect(textOf(await customer.press(status.at(-1)!.buttons![0]![0]!.payload))).toMatch(/订单 #\d+ 已下单/);
  });

  it("changes the one line of several a kind word means, in English and Chinese", async () => {
    const en = createCustomer(ctx.app, "line-en");
    await en.say("I want 2 jasmine teas");
    // "a blue mug" is one: no "how many?" first.
    expect(textOf(await en.say("add a blue mug too"))).toContain("1 × Blue Speckled Mug");
    const changed = textOf(await en.say("can you make it 3 teas?"));
    expect(changed).toContain("3 × Jasmine Silver Needle Tea @ £14.50");
    expect(changed).toContain("1 × Blue Speckled Mug @ £16.00");
    expect(changed).toContain("Total: £59.50");

    const zh = createCustomer(ctx.app, "line-zh", "zh");
    await zh.say("我想买两包茉莉花茶");
    const added = textOf(await zh.say("再加一个蓝色杯子"));
    expect(added).toContain("1 × 蓝色斑点马克杯 @ £16.00");
    expect(added).toContain("合计：£45.00");
    const zhChanged = textOf(await zh.say("茶改成三包"));
    expect(zhChanged).toContain("3 × 茉莉银针 @ £14.50");
    expect(zhChanged).toContain("1 × 蓝色斑点马克杯 @ £16.00");
  });

  it("says a placed order cannot be changed here, with its lines, the cancellation and the owner", async () => {
    const customer = createCustomer(ctx.app, "placed-change");
    await customer.say("I want 2 jasmine teas");
    await customer.say("yes");
    const [order] = await ordersOf("placed-change");
    const reply = await customer.say("can I change it to 3?");
    expect(textOf(reply)).toBe(`Order #${order!.id} is already placed:\n2 × Jasmine Silver Needle Tea @ £14.50\nI can't change a placed order here. I can cancel it (then order again what you want), or ask the owner to change it.`);
    expect(reply[0]!.buttons!.flat().map((b) => b.payload)).toEqual([`x:${order!.id}`, "h"]);
    // Nothing changed.
    expect((await ordersOf("placed-change"))[0]!.lines.map((l) => l.quantity)).toEqual([2]);
    expect(textOf(await customer.say("change my address"))).toContain(`new address for order #${order!.id}`);
    const zh = createCustomer(ctx.app, "placed-change-zh", "zh");
    await zh.say("我想买两包茉莉花茶");
    await zh.say("确认");
    expect(textOf(await zh.say("改成三包"))).toMatch(/^订单 #\d+ 已经下单：\n2 × 茉莉银针 @ £14\.50\n已下的订单无法在这里修改。/);
  });
});

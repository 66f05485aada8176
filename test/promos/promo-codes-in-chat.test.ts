/**
 * Promo codes from both sides, on the demo shop: the owner creates codes (amounts in the shop's
 * currency, dates in its zone), a customer types one in a sentence (either language) or taps it, sees
 * it on the confirmation as a line of its own, and the order carries it (the owner's `order <id>`, the
 * customer's "my orders"); every refusal is said with its reason; a cancelled order gives its use back;
 * `promo CODE` adds up what the code did.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFollowUpJob } from "../../bot/follow-up-job.ts";
import { createCustomer, createTestApp, lastMessageToSession, textOf } from "../helpers/test-app.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, env: { TZ: "Europe/London" } });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const owner = (line: string) => ctx.app.owner.handle(line).then(textOf);
const promoOf = (code: string) => ctx.app.db.promo.findUniqueOrThrow({ where: { code } });
const orderOf = (id: number) => ctx.app.db.order.findUniqueOrThrow({ where: { id } });
const placedId = (text: string) => Number(/(?:Order|订单) #(\d+)/.exec(text)?.[1]);

describe("promo codes, created by the owner", () => {
  it("are refused with the reason when a field does not read", async () => {
    expect(await owner("promo add TEA-001 percent=10")).toBe("TEA-001 is a product's SKU: customers typing it would be asking for the product. Pick another code.");
    expect(await owner("promo add AB1 percent=10")).toContain(`"AB1" can't be a promo code`);
    expect(await owner("promo add SPRING10")).toBe("Say what the code takes off: percent=10 or amount=5 (one of them).");
    expect(await owner("promo add SPRING10 percent=10 amount=5")).toBe("Say what the code takes off: percent=10 or amount=5 (one of them).");
    expect(await owner("promo add SPRING10 percent=150")).toContain('"150" is not a percentage');
    expect(await owner("promo add SPRING10 amount=five")).toContain("amount=five is not an amount");
    expect(await owner("promo add SPRING10 percent=10 until=2026-11-19")).toBe("That until= has passed: the code would never apply.");
    expect(await owner("promo add SPRING10 percent=10 from=2026-12-10 until=2026-12-01")).toBe("until= must be after from=.");
    expect(await owner("promo add SPRING10 percent=10 until=soon")).toContain("until=soon is not a date");
    expect(await owner("promo add SPRING10 percent=10 products=NOPE-1")).toBe("No product with SKU NOPE-1.");
    expect(await owner("promo add SPRING10 percent=10 category=Shoes")).toBe('No category "Shoes" in the catalog.');
    expect(await owner("promo add SPRING10 percent=10 products=TEA-001 category=Tea")).toBe("Give products= or category=, not both.");
    expect(await owner("promo add SPRING10 percent=10 audience=lapsed")).toContain('No saved audience "lapsed"');
    expect(await owner("promo add SPRING10 percent=10 uses=0")).toBe("uses=0: give a whole number, 1 or more.");
    expect(await ctx.app.db.promo.count()).toBe(0);
  });

  it("stores amounts in minor units and dates as whole days in the shop's zone, and reads them back", async () => {
    const created = await owner("promo add tea5 amount=4.50 min=30 category=tea from=2026-12-01 until=2026-12-31 uses=100 per_customer=1");
    expect(created.split("\n")).toEqual([
      "Promo code TEA5 created. Customers type it in the chat (any case), or tap it under a campaign with code=TEA5.",
      "Promo code TEA5 — not started yet",
      "£4.50 off · only the Tea category · when what it covers comes to £30.00 or more · for everyone",
      "from 2026-12-01 00:00 until 2026-12-31 23:59 (shop time)",
      "used 0 of 100 · at most 1 use per customer",
      "Orders with it: 0 · revenue £0.00 · discount given £0.00",
    ]);
    expect(await promoOf("TEA5")).toMatchObject({ kind: "amount", value: 450, minMinor: 3000, category: "Tea", maxUses: 100, perCustomer: 1, startsAt: new Date("2026-12-01T00:00:00Z"), endsAt: new Date("2027-01-01T00:00:00Z") });
    expect(await owner("promo add TEA5 percent=10")).toBe("Promo code TEA5 already exists: promo TEA5 shows it. Pick another code.");
  });
});

describe("a customer with a code", () => {
  it("hears the owner's answer to \"any discounts?\" while no code is live for everyone, then the live codes", async () => {
    const asked = textOf(await createCustomer(ctx.app, "deal-hunter").say("any discounts?"));
    expect(asked).toContain("discounts are the owner's call");
    await owner("promo add SPRING10 percent=10");
    await owner('promo add VIP20 percent=20 audience="lang=zh"');
    const now = await createCustomer(ctx.app, "deal-hunter-2").say("any discounts?");
    expect(textOf(now)).toBe("Codes you can use now:\n• SPRING10: 10% off\nType the code (or tap it) and I'll take it off your order.");
    expect(now[0]!.buttons).toEqual([[{ label: "Use SPRING10", payload: "pc:SPRING10" }]]);
    expect(textOf(await createCustomer(ctx.app, "deal-hunter-zh").say("有优惠吗？"))).toBe("现在可用的优惠码：\n• SPRING10：优惠 10%\n输入优惠码（或点按）即可在订单中扣减。");
  });

  it("types it in a sentence: the confirmation shows the discount on its own line, and the order, the owner and \"my orders\" carry it", async () => {
    const customer = createCustomer(ctx.app, "spring-en");
    expect(textOf(await customer.say("I want 2 lavender candles"))).toContain("Total: £25.00");
    const applied = await customer.say("do you take spring10?");
    expect(applied[0]!.text).toBe("Code SPRING10 applied (10% off): £2.50 off this order.");
    expect(applied[1]!.text).toBe("Please confirm your order:\n2 × Lavender Soy Candle @ £12.50\nCode SPRING10: −£2.50\nTotal: £22.50");
    const placed = textOf(await customer.say("yes"));
    expect(placed).toMatch(/^Thank you! Order #\d+ is placed \(£22\.50, code SPRING10 −£2\.50\)\./);
    const id = placedId(placed);
    expect(await orderOf(id)).toMatchObject({ totalMinor: 2250, discountMinor: 250, promoId: (await promoOf("SPRING10")).id });
    expect((await promoOf("SPRING10")).used).toBe(1);
    expect(await owner(`order ${id}`)).toContain("  2 × Lavender Soy Candle (CND-001) @ £12.50\n  code SPRING10 −£2.50\n");
    expect(textOf(await customer.say("where is my order?"))).toContain(`Order #${id}: placed, awaiting payment — £22.50, code SPRING10 −£2.50 (20 Nov 2026)`);
  });

  it("types it in Chinese before ordering: it waits for the order, and is taken off it", async () => {
    const customer = createCustomer(ctx.app, "spring-zh");
    expect(textOf(await customer.say("我有优惠码SPRING10"))).toBe("已记下优惠码 SPRING10（优惠 10%），确认订单时会为您扣减。");
    const confirm = textOf(await customer.say("我要一个青瓷茶壶"));
    expect(confirm).toContain("优惠码 SPRING10：−£4.80");
    expect(confirm).toContain("合计：£43.20");
    const placed = textOf(await customer.say("确认"));
    expect(placed).toContain("（£43.20，优惠码 SPRING10 −£4.80）");
    expect(await orderOf(placedId(placed))).toMatchObject({ totalMinor: 4320, discountMinor: 480 });
  });

  it("taps it under the list of codes", async () => {
    const customer = createCustomer(ctx.app, "spring-tap");
    await customer.say("I'd like the blue speckled mug");
    await customer.say("1");
    const tapped = await customer.press("pc:SPRING10");
    expect(tapped[0]!.text).toBe("Code SPRING10 applied (10% off): £1.60 off this order.");
    expect(tapped[1]!.text).toContain("Total: £14.40");
    // A forged or malformed payload is a stale button, not an error.
    expect(textOf(await customer.press("pc:NO SUCH"))).toContain("button");
  });
});

describe("a code that does not apply, refused with the reason", () => {
  const tryCode = async (session: string, order: string | null, code: string, locale?: string) => {
    const customer = createCustomer(ctx.app, session, locale);
    if (order) await customer.say(order);
    return customer.say(code);
  };

  it("unknown", async () => {
    const replies = await tryCode("no-such", "I want 1 lavender candle", "my code is NOPE99");
    expect(replies[0]!.text).toBe("I don't know the code NOPE99. Please check how it's spelt (codes are letters and digits, like SPRING10).");
    // The order is still there, unchanged, to confirm.
    expect(replies[1]!.text).toContain("Total: £12.50");
    expect(textOf(await tryCode("no-such-zh", null, "我有优惠码NOPE99", "zh"))).toContain("没有找到优惠码 NOPE99");
  });

  it("not yet valid, and later (in the shop's calendar) valid", async () => {
    const replies = await tryCode("too-early", "I want 3 jasmine silver needle tea", "TEA5");
    expect(replies[0]!.text).toBe("Code TEA5 can't be used yet: it starts on 1 Dec 2026.");
  });

  it("below the minimum of what it covers", async () => {
    await owner("promo add CANDLE30 amount=5 min=30 category=Candles");
    const replies = await tryCode("too-little", "I want 1 lavender candle", "candle30");
    expect(replies[0]!.text).toBe("Code CANDLE30 needs Candles coming to £30.00 or more: £17.50 to go.");
  });

  it("not for these products", async () => {
    const replies = await tryCode("wrong-things", "I want 1 celadon teapot", "CANDLE30");
    expect(replies[0]!.text).toBe("Code CANDLE30 is only for Candles, and nothing in your order is.");
    const zh = await tryCode("wrong-things-zh", "我要一个青瓷茶壶", "优惠码 CANDLE30", "zh");
    expect(zh[0]!.text).toBe("优惠码 CANDLE30 仅限蜡烛类商品，您的订单中没有适用的商品。");
  });

  it("not for this customer (an audience they are not in)", async () => {
    const replies = await tryCode("not-vip", "I want 1 lavender candle", "VIP20");
    expect(replies[0]!.text).toBe("Sorry, code VIP20 isn't one you can use.");
    // A Chinese-speaking customer is in it, at the moment they use it.
    const zh = await tryCode("vip-zh", "我要一个薰衣草大豆蜡烛", "VIP20", "zh");
    expect(zh[0]!.text).toBe("已使用优惠码 VIP20（优惠 20%）：本单优惠 £2.50。");
  });

  it("used up, and used by this customer already", async () => {
    await owner("promo add ONCE1 amount=1 uses=1");
    await owner("promo add MINE1 amount=1 per_customer=1");
    const first = createCustomer(ctx.app, "first-comer");
    await first.say("I want 1 lavender candle");
    await first.say("ONCE1");
    await first.say("yes");
    expect((await promoOf("ONCE1")).used).toBe(1);
    expect((await tryCode("second-comer", "I want 1 lavender candle", "ONCE1"))[0]!.text).toBe("Sorry, code ONCE1 has been used up.");

    const regular = createCustomer(ctx.app, "regular");
    await regular.say("I want 1 lavender candle");
    await regular.say("MINE1");
    await regular.say("yes");
    await regular.say("I want 1 lavender candle");
    expect((await regular.say("MINE1"))[0]!.text).toBe("You've already used code MINE1; it can't be used again.");
  });

  it("expired: past its last day, or ended by the owner", async () => {
    await owner("promo add TODAY5 amount=5 until=today");
    const customer = createCustomer(ctx.app, "late");
    await customer.say("I want 1 celadon teapot");
    expect((await customer.say("TODAY5"))[0]!.text).toContain("Code TODAY5 applied");
    // Midnight in London: the code's last day is over, and the confirmation says so as the order waits.
    ctx.clock.set("2026-11-21T00:00:00Z");
    try {
      const waiting = await customer.say("show me my cart");
      expect(textOf(waiting)).toContain("Sorry, code TODAY5 has expired.");
      expect(textOf(waiting)).toContain("Total: £48.00");
      expect((await tryCode("later", "I want 1 celadon teapot", "TODAY5"))[0]!.text).toBe("Sorry, code TODAY5 has expired.");
    } finally {
      ctx.clock.set("2026-11-20T10:00:00Z");
    }
    expect(await owner("promo SPRING10 end")).toContain("Promo code SPRING10 ended: it applies to no new order. 2 orders placed with it keep their discount.");
    expect(await owner("promo SPRING10 end")).toBe("Promo code SPRING10 has already ended.");
    expect((await tryCode("after-end", "I want 1 celadon teapot", "spring10"))[0]!.text).toBe("Sorry, code SPRING10 has expired.");
  });
});

describe("a cancelled order", () => {
  it("gives its use back, so the next customer can have it", async () => {
    await owner("promo add LAST1 percent=50 uses=1 per_customer=1");
    const first = createCustomer(ctx.app, "cancels");
    await first.say("I want 1 lavender candle");
    await first.say("LAST1");
    const id = placedId(textOf(await first.say("yes")));
    expect((await promoOf("LAST1")).used).toBe(1);
    expect((await tryLast("blocked"))[0]!.text).toBe("Sorry, code LAST1 has been used up.");
    await first.say(`cancel order ${id}`);
    await first.say("yes");
    expect((await orderOf(id)).status).toBe("cancelled");
    expect((await promoOf("LAST1")).used).toBe(0);
    // The cancelled order keeps what it was; the code is free again, for them as for anyone.
    expect(await orderOf(id)).toMatchObject({ discountMinor: 625, totalMinor: 625 });
    const next = await tryLast("next-in-line");
    expect(next[0]!.text).toBe("Code LAST1 applied (50% off): £6.25 off this order.");

    async function tryLast(session: string) {
      const customer = createCustomer(ctx.app, session);
      await customer.say("I want 1 lavender candle");
      return customer.say("LAST1");
    }
  });
});

describe("two customers confirming at once for a code's last use", () => {
  it("places one order with it; the other is told it was used up and sees their order again, not placed", async () => {
    await owner("promo add DUEL1 amount=2 uses=1");
    const [ann, bob] = [createCustomer(ctx.app, "duel-ann"), createCustomer(ctx.app, "duel-bob")];
    await ann.say("I want 1 lavender candle");
    await bob.say("I want 1 blue speckled mug");
    await ann.say("DUEL1");
    await bob.say("DUEL1");
    // Both were shown the discount; both say yes at the same moment (on PostgreSQL the turns overlap).
    const answers = (await Promise.all([ann.say("yes"), bob.say("yes")])).map(textOf);
    const placed = answers.filter((a) => /is placed/.test(a));
    const refused = answers.filter((a) => !/is placed/.test(a));
    expect(placed).toHaveLength(1);
    expect(placed[0]).toContain("code DUEL1 −£2.00");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^Sorry, code DUEL1 has been used up\.\nSo your order isn't placed yet\. Here it is again:\nPlease confirm your order:\n1 × .+\nTotal: £(12\.50|16\.00)$/);
    expect((await promoOf("DUEL1")).used).toBe(1);
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: { in: ["duel-ann", "duel-bob"] } } } } } })).toBe(1);
  });
});

describe("promos and promo CODE, for the owner", () => {
  it("list every code and add up what one did: uses, revenue, discount given", async () => {
    const list = await owner("promos");
    expect(list.split("\n")[0]).toMatch(/^Promo codes, newest first \(\d+\):$/);
    expect(list).toContain("SPRING10 — 10% off — ended — used 2 times (no limit)");
    expect(list).toContain("TEA5 — £4.50 off — not started yet — used 0 of 100 — until 2026-12-31 23:59");
    const spring = await owner("promo spring10");
    expect(spring).toContain("Orders with it: 2 · revenue ");
    const orders = await ctx.app.db.order.findMany({ where: { promo: { code: "SPRING10" }, status: { not: "cancelled" } } });
    const revenue = orders.reduce((s, o) => s + o.totalMinor, 0);
    const discount = orders.reduce((s, o) => s + o.discountMinor, 0);
    expect(spring).toContain(`revenue £${(revenue / 100).toFixed(2)} · discount given £${(discount / 100).toFixed(2)}`);
    expect(await owner("promo NOPE99")).toBe("No promo code NOPE99. Type promos to see them.");
  });
});

describe("the reminder of an order left at its confirmation", () => {
  it("shows the code's discount, so its total is what Confirm charges", async () => {
    await owner("promo add LATER10 percent=10");
    const customer = createCustomer(ctx.app, "forgetful");
    await customer.say("I want 2 blue speckled mugs");
    await customer.say("LATER10");
    const nonce = customer.last[1]!.buttons!.flat().find((b) => b.payload.startsWith("ok:"))!.payload;
    ctx.clock.set("2026-11-20T15:00:00Z");
    try {
      expect((await createFollowUpJob(ctx.app, ctx.config).run())).toMatchObject({ carts: expect.any(Number) });
      expect(await lastMessageToSession(ctx.app, "forgetful")).toBe("You were about to order:\n2 × Blue Speckled Mug @ £16.00\nCode LATER10: −£3.20\nTotal: £28.80\nShall I place it? It's still in stock.");
      expect(textOf(await customer.press(nonce))).toMatch(/Order #\d+ is placed \(£28\.80, code LATER10 −£3\.20\)/);
    } finally {
      ctx.clock.set("2026-11-20T10:00:00Z");
    }
  });
});

describe("a customer's data", () => {
  it("exports the codes their orders redeemed, and erasure keeps them on the anonymous orders", async () => {
    const identity = await ctx.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "spring-en" } } });
    const [reply] = await ctx.app.owner.answer(`customer ${identity.customerId} export`);
    const exported = JSON.parse(reply!.file!.content) as { orders: { promoCode: string | null; discountMinor: number; totalMinor: number }[] };
    expect(exported.orders).toEqual([expect.objectContaining({ promoCode: "SPRING10", discountMinor: 250, totalMinor: 2250 })]);
    await owner(`customer ${identity.customerId} erase confirm`);
    const [order] = await ctx.app.db.order.findMany({ where: { customerId: identity.customerId }, include: { promo: true } });
    // The accounts and the code's figures still add up: the order keeps its code and discount, without a name.
    expect(order).toMatchObject({ discountMinor: 250, totalMinor: 2250, promo: { code: "SPRING10" } });
    expect(await owner("promo SPRING10")).toContain("Orders with it: 2 ·");
  });
});

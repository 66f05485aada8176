/**
 * A shop that charges for delivery (DELIVERY_FEE, FREE_DELIVERY_FROM): the charge is shown before the
 * customer confirms, stored on the order inside its total, told to the owner, and stated by the
 * default shipping answer; a shop without a fee keeps delivery in its prices and shows nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../bot/config.ts";
import { shopProfileFrom } from "../bot/app.ts";
import { createFollowUpJob } from "../bot/follow-up-job.ts";
import { deliveryChargeFor } from "../core/orders/delivery-charge.ts";
import { createCustomer, createTestApp, textOf, ordersOfSession } from "./helpers/test-app.ts";

describe("deliveryChargeFor", () => {
  it("charges the flat fee below the free-delivery threshold, nothing from it, nothing without a fee", () => {
    const policy = { feeMinor: 395, freeFromMinor: 5000 };
    expect(deliveryChargeFor(4999, policy)).toBe(395);
    expect(deliveryChargeFor(5000, policy)).toBe(0);
    expect(deliveryChargeFor(100, { feeMinor: 395, freeFromMinor: null })).toBe(395);
    expect(deliveryChargeFor(100, { feeMinor: 0, freeFromMinor: null })).toBe(0);
  });
});

describe("delivery settings", () => {
  it("reads the fee and the threshold in the shop's currency, and refuses what is not an amount", () => {
    const shop = shopProfileFrom(loadConfig({ DELIVERY_FEE: "3.95", FREE_DELIVERY_FROM: "£50" }));
    expect(shop.delivery).toEqual({ feeMinor: 395, freeFromMinor: 5000 });
    expect(() => loadConfig({ DELIVERY_FEE: "three pounds" })).toThrow(/DELIVERY_FEE: must be an amount in GBP such as 3\.95/);
    expect(() => loadConfig({ SHOP_CURRENCY: "JPY", DELIVERY_FEE: "3.95" })).toThrow(/DELIVERY_FEE: must be an amount in JPY such as 500/);
    expect(() => loadConfig({ FREE_DELIVERY_FROM: "50" })).toThrow(ConfigError);
    expect(() => loadConfig({ FREE_DELIVERY_FROM: "50" })).toThrow(/FREE_DELIVERY_FROM: needs DELIVERY_FEE/);
  });

  it("states the charge in the default shipping answer, and that delivery is in the prices without one", () => {
    const charged = shopProfileFrom(loadConfig({ DELIVERY_FEE: "3.95", FREE_DELIVERY_FROM: "50" }));
    expect(charged.shippingAndReturns.en).toMatch(/^Delivery: £3\.95 \(free on orders from £50\.00\): 2–4 working days/);
    expect(charged.shippingAndReturns.zh).toMatch(/^运费：£3\.95（订单满 £50\.00 免运费）。英国境内/);
    const included = shopProfileFrom(loadConfig({}));
    expect(included.delivery).toEqual({ feeMinor: 0, freeFromMinor: null });
    expect(included.shippingAndReturns.en).toMatch(/^Delivery is included in our prices: /);
    // The owner's own text wins.
    expect(shopProfileFrom(loadConfig({ DELIVERY_FEE: "3.95", SHIPPING_INFO: "Royal Mail, £3.95." })).shippingAndReturns.en).toBe("Royal Mail, £3.95.");
  });
});

describe("ordering in a shop that charges for delivery", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { DELIVERY_FEE: "3.95", FREE_DELIVERY_FROM: "50" } });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const ordersOf = (externalId: string) => ordersOfSession(ctx.app, externalId);

  it("shows the charge and the total with it before the customer confirms, and stores both on the order", async () => {
    const customer = createCustomer(ctx.app, "small-order");
    const shown = textOf(await customer.say("I want a blue speckled mug"));
    expect(shown).toContain("1 × Blue Speckled Mug @ £16.00\nDelivery: £3.95 (free on orders from £50.00: £34.00 to go)\nTotal: £19.95");
    // The question about delivery at the confirmation is answered, and the order waits as it was
    // ("free" once swapped the mug for the caffeine-free tea).
    const asked = textOf(await customer.say("how much more for free delivery?"));
    expect(asked).toContain("Your order is still waiting for you to confirm:\n1 × Blue Speckled Mug @ £16.00\nDelivery: £3.95 (free on orders from £50.00: £34.00 to go)");
    expect(textOf(await customer.say("confirm"))).toMatch(/Order #\d+ is placed \(£19\.95\)/);
    const [order] = await ordersOf("small-order");
    expect(order).toMatchObject({ totalMinor: 1995, deliveryMinor: 395 });
    const notice = ctx.app.feed.after(0).map((i) => i.notification).find((n) => n?.type === "new_order" && n.orderId === order!.id);
    expect(notice).toMatchObject({ totalMinor: 1995, lines: ["1 × Blue Speckled Mug", "delivery £3.95"] });
    const ownerView = textOf(await ctx.app.owner.handle(`order ${order!.id}`));
    expect(ownerView).toContain("  delivery £3.95");
  });

  it("says in Chinese how much is left to free delivery", async () => {
    const customer = createCustomer(ctx.app, "small-order-zh", "zh");
    expect(textOf(await customer.say("我要一个青瓷茶壶"))).toContain("运费：£3.95（订单满 £50.00 免运费，还差 £2.00）\n合计：£51.95");
  });

  it("delivers free from the threshold, in Chinese too", async () => {
    const customer = createCustomer(ctx.app, "big-order", "zh");
    const shown = textOf(await customer.say("我要两个陈年普洱茶饼"));
    expect(shown).toContain("运费：免费\n合计：£64.00");
    await customer.say("确认");
    const [order] = await ordersOf("big-order");
    expect(order).toMatchObject({ totalMinor: 6400, deliveryMinor: 0 });
  });

  it("answers \"how much is delivery?\" with the charge", async () => {
    const customer = createCustomer(ctx.app, "asks-delivery");
    expect(textOf(await customer.say("how much is shipping?"))).toMatch(/Delivery: £3\.95 \(free on orders from £50\.00\)/);
  });

  it("tells the owner the charge on `settings` and on \"what's my delivery fee?\", never a secret", async () => {
    const settings = textOf(await ctx.app.owner.handle("settings"));
    expect(settings).toContain("Delivery charge (DELIVERY_FEE, FREE_DELIVERY_FROM): £3.95 per order, free from £50.00");
    expect(settings).toContain("Telegram (TELEGRAM_BOT_TOKEN): off (set TELEGRAM_BOT_TOKEN)");
    expect(settings).toMatch(/^Shipping and returns \(SHIPPING_INFO\): Delivery: £3\.95 \(free on orders from £50\.00\).*\(default text\)$/m);
    expect(textOf(await ctx.app.owner.handleText("what's my delivery fee?"))).toBe(settings);
    expect(textOf(await ctx.app.owner.handleText("运费是多少"))).toBe(settings);
    // "Order 12 shipping charge" names an order: not the settings.
    expect(textOf(await ctx.app.owner.handleText("what was the shipping charge on order 12?"))).not.toContain("Shop settings");
  });

  it("shows the charge in the reminder of an order left at its confirmation", async () => {
    const customer = createCustomer(ctx.app, "left-at-confirm");
    await customer.say("I want a lavender candle");
    ctx.clock.set("2026-11-20T15:00:00Z");
    await createFollowUpJob(ctx.app, ctx.config).run();
    const identity = await ctx.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "left-at-confirm" } } });
    const sent = await ctx.app.db.message.findMany({ where: { direction: "outbound", conversation: { customerId: identity.customerId } }, orderBy: { id: "asc" } });
    expect(sent.at(-1)?.text).toBe("You were about to order:\n1 × Lavender Soy Candle @ £12.50\nDelivery: £3.95 (free on orders from £50.00: £37.50 to go)\nTotal: £16.45\nShall I place it? It's still in stock.");
  });
});

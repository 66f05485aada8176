/**
 * Browsing beyond the catalog pages: two products side by side, products like one product (the
 * recommender's item-to-item and content similarity), and the newest products.
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

const buttonsOf = (replies: { buttons?: { label: string; payload: string }[][] }[]) => replies.flatMap((r) => r.buttons?.flat() ?? []);
const idOf = (sku: string) => ctx.app.db.product.findUniqueOrThrow({ where: { sku } }).then((p) => p.id);

describe("comparing, similar products and what's new", () => {
  it("puts two named products side by side with one tap to order either, then answers 'which one is cheaper?' among them", async () => {
    const customer = createCustomer(ctx.app, "compare-en");
    const reply = await customer.say("what's the difference between the jasmine tea and the dragon well?");
    const text = textOf(reply);
    expect(text).toMatch(/^Side by side:\n• Jasmine Silver Needle Tea — £14\.50 \(\d+ in stock\)\n {2}Young silver-needle buds/);
    expect(text).toContain("• Dragon Well Green Tea — £18.00");
    expect(text).toContain("Spring-picked Longjing");
    expect(buttonsOf(reply).map((b) => b.payload)).toEqual([`o:${await idOf("TEA-001")}`, `o:${await idOf("TEA-004")}`]);
    const cheaper = textOf(await customer.say("which one is cheaper?"));
    expect(cheaper).toBe("The cheaper one is Jasmine Silver Needle Tea at £14.50.\n\nIn stock, cheapest first:\n• Jasmine Silver Needle Tea — £14.50\n• Dragon Well Green Tea — £18.00");
    // The comparison's order button still works after the price answer.
    expect(textOf(await customer.press(`o:${await idOf("TEA-004")}`))).toContain("How many of the Dragon Well Green Tea");
  });

  it("compares in Chinese, and leaves a price question to the price answer", async () => {
    const customer = createCustomer(ctx.app, "compare-zh", "zh");
    const text = textOf(await customer.say("茉莉银针和西湖龙井有什么区别"));
    expect(text).toMatch(/^对比一下：\n• 茉莉银针 — £14\.50（库存 \d+ 件）/);
    expect(text).toContain("您想要哪一款？");
    expect(textOf(await customer.say("哪个更便宜"))).not.toContain("对比一下");
  });

  it("shows products like the one named, never itself and never out of stock", async () => {
    const candle = await idOf("CND-001");
    const envelopes = await idOf("STA-004"); // out of stock in the demo shop
    const customer = createCustomer(ctx.app, "similar-en");
    const reply = await customer.say("do you have anything similar to the lavender candle?");
    expect(textOf(reply)).toMatch(/^If you like the Lavender Soy Candle, you might also like:\n• /);
    const ids = buttonsOf(reply).map((b) => Number(/^p:(\d+)$/.exec(b.payload)?.[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(candle);
    expect(ids).not.toContain(envelopes);
    const shown = await ctx.app.db.product.findMany({ where: { id: { in: ids } } });
    expect(shown.every((p) => p.active && p.stock > 0)).toBe(true);
    // "Anything like it?" after a product card: that product.
    const other = createCustomer(ctx.app, "similar-after-card");
    await other.say("tell me about the celadon teapot");
    expect(textOf(await other.say("anything like it?"))).toContain("If you like the Celadon Teapot");
  });

  it("lists the newest products on 'what's new?', but not for 'what's new with my order?'", async () => {
    expect(textOf(await ctx.app.owner.handle('product add sku=NEW-1 name="Matcha Whisk" price=14.00 category=Tea stock=5'))).toContain("NEW-1");
    const customer = createCustomer(ctx.app, "whats-new");
    expect(textOf(await customer.say("what's new?"))).toMatch(/^Newest in the shop:\n• Matcha Whisk — £14\.00/);
    expect(textOf(await customer.say("有什么新品"))).toMatch(/^本店最新上架：\n• Matcha Whisk/);
    expect(textOf(await customer.say("what's new with my order?"))).not.toContain("Newest in the shop");
  });
});

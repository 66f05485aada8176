/**
 * "What goes with the teapot?": what customers bought with it, before products merely like it
 * (those were all the shop offered, under "if you like the teapot, you might also like").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
  // Three customers buy the teapot with washi tape: nothing in their descriptions is alike.
  for (const id of ["pair-1", "pair-2", "pair-3"]) {
    const customer = createCustomer(ctx.app, id);
    await customer.say("I want 1 celadon teapot and 1 washi tape set");
    expect(textOf(await customer.say("yes"))).toMatch(/Order #\d+ is placed/);
  }
});
afterAll(async () => {
  await ctx?.close();
});

describe("what goes with a product", () => {
  it("puts what was bought with it first, in English and Chinese", async () => {
    const reply = textOf(await createCustomer(ctx.app, "asks-en").say("what goes well with the celadon teapot?"));
    expect(reply).toMatch(/^To go with the Celadon Teapot:\n• Washi Tape Set — £8\.50\n/);
    expect(textOf(await createCustomer(ctx.app, "asks-buy-with").say("what do other customers buy with the teapot?"))).toMatch(/^To go with the Celadon Teapot:\n• Washi Tape Set/);
    const zh = textOf(await createCustomer(ctx.app, "asks-zh", "zh").say("什么和青瓷茶壶搭配"));
    expect(zh).toMatch(/^和青瓷茶壶搭配：\n• 和纸胶带套装 — £8\.50\n/);
  });

  it("still answers 'anything similar' with products like it as well", async () => {
    const reply = textOf(await createCustomer(ctx.app, "asks-similar").say("anything similar to the celadon teapot?"));
    expect(reply).toMatch(/^If you like the Celadon Teapot, you might also like:\n/);
    expect(reply).toContain("Red Glaze Tea Cups (set of 4)");
  });
});

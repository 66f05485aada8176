import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const counts = async () => ({
  orders: await ctx.app.db.order.count(),
  lines: await ctx.app.db.orderLine.count(),
  stock: (await ctx.app.db.product.aggregate({ _sum: { stock: true } }))._sum.stock,
  products: await ctx.app.db.product.count(),
});

describe("bad input from customers", () => {
  const strange: [string, string][] = [
    ["empty", ""],
    ["whitespace", "   \n\t "],
    ["100 KB", "candle ".repeat(15_000)],
    ["emoji", "😀🕯️🍵🙏"],
    ["right-to-left", "مرحبا، هل لديكم شموع؟"],
    ["control characters", "\u0000\u0007hello\u001b[31m\u202Eevil"],
    ["SQL-looking", "'; DROP TABLE \"Product\"; --"],
    ["unknown product", "do you sell quantum flux capacitors?"],
    ["mixed script", "我想要 lavender candle 两个 please"],
  ];
  for (const [name, text] of strange) {
    it(`answers ${name} text politely without writing anything half`, async () => {
      const before = await counts();
      const replies = await createCustomer(ctx.app, `bad-${name}`).say(text);
      expect(replies.length).toBeGreaterThan(0);
      expect(textOf(replies).length).toBeGreaterThan(0);
      expect(textOf(replies)).not.toMatch(/something went wrong/i);
      expect(await counts()).toEqual(before);
    });
  }

  it("answers a forged button carrying NUL bytes politely, and stores it without them", async () => {
    const customer = createCustomer(ctx.app, "nul-button");
    const replies = await customer.press("p:\u00001\u0000");
    expect(textOf(replies)).not.toMatch(/something went wrong/i);
    expect(textOf(replies).length).toBeGreaterThan(0);
    const stored = await ctx.app.db.message.findFirstOrThrow({ where: { direction: "inbound", conversation: { customer: { identities: { some: { externalId: "nul-button" } } } } } });
    expect(stored.payload).toBe("p:1");
    expect(stored.text).not.toContain("\u0000");
  });

  it("keeps a 100 KB message, cut to a sane length, in the log", async () => {
    await createCustomer(ctx.app, "long-log").say("x".repeat(100_000));
    const message = await ctx.app.db.message.findFirstOrThrow({ where: { direction: "inbound", conversation: { customer: { identities: { some: { externalId: "long-log" } } } } } });
    expect(message.text.length).toBeLessThanOrEqual(4_000);
  });

  it("refuses quantities 0, -1 and 1e9, and understands two and 三", async () => {
    const customer = createCustomer(ctx.app, "quantities");
    await customer.say("I want to order the celadon teapot");
    for (const bad of ["0", "-1", "1e9", "1000000000"]) {
      const replies = await customer.say(bad);
      expect(textOf(replies)).toMatch(/whole number between 1 and 99|only have \d+|I can take up to 99 of a product here/);
    }
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: "quantities" } } } } })).toBe(0);
    expect(textOf(await customer.say("two"))).toContain("2 × Celadon Teapot");
    // Chinese in, Chinese out.
    expect(textOf(await customer.say("三"))).toContain("3 × 青瓷茶壶");
  });

  it("treats forged, oversized and unknown button payloads as stale", async () => {
    const customer = createCustomer(ctx.app, "forger");
    for (const payload of ["q:1:100000", "q:abc:2", "p:-5", "zz:1", "ok:UPPER", "c:0:" + "x".repeat(200), "xy:99999999999", "i:../../etc", "a:abc", "a:-1", "a:99999", "sq:1:0", "sq:1:100", "sq:x:2", "sq:1:3"]) {
      const replies = await customer.press(payload);
      expect(textOf(replies)).toMatch(/button has expired|no order waiting|couldn't find/);
    }
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: "forger" } } } } })).toBe(0);
    expect(await ctx.app.db.stockAlert.count({ where: { customer: { identities: { some: { externalId: "forger" } } } } })).toBe(0);
  });

  it("answers an invalid inbound message without throwing", async () => {
    const replies = await ctx.app.customer.handle({ channel: "console", externalUserId: "" } as never);
    expect(textOf(replies)).toContain("Sorry");
    expect(ctx.logger.lines.some((l) => l.message === "inbound message rejected")).toBe(true);
  });

  it("survives a broken dialogue state stored on the conversation", async () => {
    const customer = createCustomer(ctx.app, "broken-state");
    await customer.say("hi");
    await ctx.app.db.conversation.updateMany({ where: { customer: { identities: { some: { externalId: "broken-state" } } } }, data: { state: { flow: { kind: "order", awaiting: "nonsense" }, shownProductIds: "not a list" } } });
    expect(textOf(await customer.say("hello"))).toContain("Welcome");
  });
});

describe("bad input from the owner", () => {
  it("never crashes on odd commands", async () => {
    for (const command of ["order", "order abc", "order 1 teleport", "stock TEA-001 99999999999", "product", "product add", "reply", "customers", "lead x", '"unterminated', "\u0000"]) {
      const text = textOf(await ctx.app.owner.handle(command));
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/failed on our side/);
    }
  });
});

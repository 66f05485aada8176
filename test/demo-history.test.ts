/**
 * The demo shop's made-up history: written once into a fresh demo catalog, the same for the same
 * day, marked as demo, consistent (order totals are their lines), leaving the stock alone, and
 * enough for every owner analytics command to answer from it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoHistory } from "../prisma/demo-history.ts";
import { createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let summary: Awaited<ReturnType<typeof seedDemoHistory>>;
let stockBefore: number[];
beforeAll(async () => {
  ctx = await createTestApp();
  stockBefore = (await ctx.app.db.product.findMany({ orderBy: { id: "asc" } })).map((p) => p.stock);
  summary = await seedDemoHistory(ctx.app.db, { now: ctx.clock.now() });
});
afterAll(async () => {
  await ctx?.close();
});

describe("the demo shop's history", () => {
  it("writes months of orders, buyers and visitors who did not buy, all marked as demo", async () => {
    expect(summary.orders).toBeGreaterThan(300);
    expect(summary.customers).toBeGreaterThan(150);
    expect(summary.prospects).toBeGreaterThan(summary.customers);
    const customers = await ctx.app.db.customer.findMany({ select: { name: true, email: true, address: true, _count: { select: { orders: true } } } });
    expect(customers.length).toBe(summary.customers + summary.prospects);
    expect(customers.every((c) => c.name?.endsWith("(demo)"))).toBe(true);
    expect(customers.every((c) => c.email === null || c.email.endsWith("@example.com"))).toBe(true);
    // Buyers have a made-up address (on every order too, so the owner's lists read like a shop's); visitors none.
    expect(customers.every((c) => (c._count.orders > 0 ? /Example Road|示例路/.test(c.address ?? "") : c.address === null))).toBe(true);
    expect(await ctx.app.db.order.count({ where: { shippingAddress: null } })).toBe(0);
  });

  it("is consistent: totals are their lines, nothing is in the future, the stock is untouched", async () => {
    const orders = await ctx.app.db.order.findMany({ include: { lines: true } });
    expect(orders).toHaveLength(summary.orders);
    for (const order of orders) {
      expect(order.totalMinor).toBe(order.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0));
      expect(order.placedAt!.getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime());
    }
    expect((await ctx.app.db.product.findMany({ orderBy: { id: "asc" } })).map((p) => p.stock)).toEqual(stockBefore);
    // Busier at the weekend, as the generator intends.
    const perWeekday = Array.from({ length: 7 }, () => 0);
    for (const order of orders) perWeekday[order.placedAt!.getUTCDay()]!++;
    expect(perWeekday[6]!).toBeGreaterThan(perWeekday[1]!);
  });

  it("is written once: a database with customers gets nothing more", async () => {
    expect(await seedDemoHistory(ctx.app.db, { now: ctx.clock.now() })).toEqual({ customers: 0, orders: 0, prospects: 0 });
    expect(await ctx.app.db.order.count()).toBe(summary.orders);
  });

  it("gives every owner analytics command something to show", async () => {
    const owner = (command: string) => ctx.app.owner.handle(command).then(textOf);
    expect(await owner("forecast")).toMatch(/From 1\d\d days of history/);
    expect(await owner("segments")).toMatch(/k=\d/);
    expect((await owner("top 5")).split("\n").filter((l) => /^\d\. #\d+ .+ \(demo\) — expected £/.test(l))).toHaveLength(5);
    const digest = await owner("digest");
    expect(digest).toMatch(/Hottest leads[^\n]*\n• .+ \(demo\)/);
    // Reasons name amounts in the shop's currency.
    expect(digest).toMatch(/Spent £\d+\.\d{2} in total/);
    // `hot` lists whom to follow up, in the digest's order of hottest leads, with the same reasons.
    const hot = await owner("hot 3");
    expect(hot).toMatch(/^The 3 customers most likely to order within 14 days \(trained on this shop's history\):\n1\. #\d+ /);
    const hotNames = [...hot.matchAll(/^\d\. #\d+ (.+ \(demo\)) — (\d+)% · /gm)];
    expect(hotNames).toHaveLength(3);
    const digestNames = [...digest.matchAll(/^• (.+ \(demo\))(?: \([^)]*@[^)]*\))? — (\d+)%/gm)].slice(0, 3);
    expect(hotNames.map((m) => [m[1], m[2]])).toEqual(digestNames.map((m) => [m[1], m[2]]));
    expect(Number(hotNames[0]![2])).toBeGreaterThanOrEqual(Number(hotNames[2]![2]));
  });
});

/**
 * Unpaid orders do not hold stock for ever: after UNPAID_HOLD_HOURS (48 by default, after the 24-hour
 * reminder) an order placed and not paid is cancelled, its stock returned and its customer told, once,
 * even when two processes run the job at the same moment; a paid order is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFollowUpJob } from "../bot/follow-up-job.ts";
import { changeOrderStatus } from "../core/orders/change-order-status.ts";
import { createCustomer, createTestApp, lastMessageToSession, placeOrderInChat, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ env: { TZ: "Europe/London" } });
});
afterAll(async () => {
  await ctx?.close();
});

const job = () => createFollowUpJob(ctx.app, ctx.config);
const stockOf = async (sku: string) => (await ctx.app.db.product.findUniqueOrThrow({ where: { sku } })).stock;
const statusOf = async (id: number) => (await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).status;

describe("unpaid orders past their hold", () => {
  it("are cancelled after 48 hours, once across two processes, their stock returned and the customer told; a paid one stays", async () => {
    ctx.clock.set("2026-11-20T10:00:00Z");
    const teapots = await stockOf("CER-001");
    const unpaid = await placeOrderInChat(ctx.app, "hold-unpaid", "I want 2 celadon teapots");
    const paid = await placeOrderInChat(ctx.app, "hold-paid", "I want 1 celadon teapot");
    await changeOrderStatus({ db: ctx.app.db, notifier: ctx.app.notifier }, { orderId: paid.id, to: "paid", actor: "owner", at: ctx.clock.now() });
    expect(await stockOf("CER-001")).toBe(teapots - 3);

    // 47 hours on: still held.
    ctx.clock.set("2026-11-22T09:00:00Z");
    expect(await job().run()).toMatchObject({ released: 0 });
    expect(await statusOf(unpaid.id)).toBe("placed");

    // 49 hours on, two replicas at once: one releases it.
    ctx.clock.set("2026-11-22T11:00:00Z");
    const runs = await Promise.all([job().run(), job().run()]);
    expect(runs.map((r) => r.released).sort()).toEqual([0, 1]);
    expect(await statusOf(unpaid.id)).toBe("cancelled");
    expect(await statusOf(paid.id)).toBe("paid");
    expect(await stockOf("CER-001")).toBe(teapots - 1);
    expect(await ctx.app.db.orderStatusChange.count({ where: { orderId: unpaid.id, toStatus: "cancelled", actor: "system" } })).toBe(1);
    expect(await lastMessageToSession(ctx.app, "hold-unpaid")).toBe(`Order #${unpaid.id} was not paid within 48 hours, so we have cancelled it and put its items back on the shelf. Tap below if you would still like them.`);
    const told = await ctx.app.db.message.count({ where: { text: { startsWith: `Order #${unpaid.id} was not paid` } } });
    expect(told).toBe(1);
    expect(await job().run()).toMatchObject({ released: 0 });
  });

  it("are left alone at night and with UNPAID_HOLD_HOURS=0", async () => {
    ctx.clock.set("2026-11-24T10:00:00Z");
    const order = await placeOrderInChat(ctx.app, "hold-night", "我要一个青瓷茶壶", { locale: "zh" });
    ctx.clock.set("2026-11-27T02:00:00Z");
    expect(await job().run()).toMatchObject({ quietHours: true, released: 0 });
    ctx.clock.set("2026-11-27T10:00:00Z");
    expect(await createFollowUpJob(ctx.app, { ...ctx.config, UNPAID_HOLD_HOURS: 0 }).run()).toMatchObject({ released: 0 });
    expect(await statusOf(order.id)).toBe("placed");
    expect(await job().run()).toMatchObject({ released: 1 });
    expect(await lastMessageToSession(ctx.app, "hold-night")).toMatch(new RegExp(`^订单 #${order.id} 在 48 小时内未付款`));
  });
});

describe("the number of unpaid orders a customer may hold", () => {
  it("refuses a third unpaid order politely, keeps it waiting and takes no stock; after paying one it goes through", async () => {
    ctx.clock.set("2026-12-01T10:00:00Z");
    const session = "cap-unpaid";
    const first = await placeOrderInChat(ctx.app, session, "I want 1 lavender soy candle");
    await placeOrderInChat(ctx.app, session, "I want 1 lavender soy candle");
    const customer = createCustomer(ctx.app, session);
    const before = await stockOf("CND-001");
    await customer.say("I want 1 lavender soy candle");
    const refused = textOf(await customer.say("yes"));
    expect(refused).toContain("You already have 2 orders waiting for payment");
    expect(await stockOf("CND-001")).toBe(before);
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: session } } } } })).toBe(2);

    await changeOrderStatus({ db: ctx.app.db, notifier: ctx.app.notifier }, { orderId: first.id, to: "paid", actor: "owner", at: ctx.clock.now() });
    expect(textOf(await customer.say("yes"))).toMatch(/Order #\d+ is placed/);
    expect(await stockOf("CND-001")).toBe(before - 1);
  });
});

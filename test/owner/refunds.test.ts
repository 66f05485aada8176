/**
 * Refunds: a paid order the owner cancels owes the customer their money. The refund happens outside
 * the shop; `order N refunded [reference]` records it (once), tells the customer, and `refunds` lists
 * what is still owed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRefund } from "../../core/orders/record-refund.ts";
import { createTestApp, lastMessageToSession, placeOrderInChat, textOf } from "../helpers/test-app.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
});
afterAll(async () => {
  await ctx?.close();
});

const owner = (command: string) => ctx.app.owner.handle(command).then(textOf);

const placeOrder = (session: string, text: string, locale?: string) => placeOrderInChat(ctx.app, session, text, locale ? { locale } : {});
const lastMessageTo = (session: string) => lastMessageToSession(ctx.app, session);

describe("refunds", () => {
  it("lists a cancelled paid order as owed, records its refund once, and tells the customer", async () => {
    const { customer, id } = await placeOrder("refund-en", "I want 2 jasmine silver needle teas");
    await owner(`order ${id} paid`);
    expect(await owner(`order ${id} cancel`)).toContain(`refund the customer through the way they paid, then record it with \`order ${id} refunded\``);
    expect(await owner(`order ${id}`)).toContain("Refund due: £29.00");
    const owed = await ctx.app.owner.handle("refunds");
    expect(textOf(owed)).toMatch(new RegExp(`^Refunds owed \\(1, £29\\.00\\):\\n#${id} £29\\.00 — \\(no name\\) \\(customer \\d+\\)$`));
    expect(owed[0]?.buttons?.flat().map((b) => b.payload)).toEqual([`order ${id} refunded`]);

    expect(await owner(`order ${id} refunded BT-2211`)).toBe(`Order #${id}: refund of £29.00 recorded (BT-2211). The customer was told.`);
    expect(await lastMessageTo("refund-en")).toBe(`Your refund of £29.00 for order #${id} has been sent. It can take a few days to reach you.`);
    expect(await owner(`order ${id} refunded`)).toBe(`Order #${id}'s refund was already recorded on 2026-11-20 10:00 (BT-2211).`);
    expect(await owner("refunds")).toBe(`No refunds owed.\nRecorded:\n#${id} £29.00 — (no name) (customer ${(await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).customerId}) — refunded 2026-11-20 10:00 (BT-2211)`);
    expect(await owner(`order ${id}`)).toContain("Refunded: 2026-11-20 10:00 (BT-2211)");
    expect(textOf(await customer.say("my orders"))).toContain(`Order #${id}: cancelled, refunded — £29.00`);
    const events = await ctx.app.db.event.count({ where: { type: "order_refunded" } });
    expect(events).toBe(1);
  });

  it("refuses an order not cancelled or never paid, and leaves it unchanged", async () => {
    const { id } = await placeOrder("refund-open", "I want 1 washi tape set");
    expect(await owner(`order ${id} refunded`)).toBe(`Order #${id} is placed, not cancelled: cancel it first (order ${id} cancel), which returns its stock, then record the refund.`);
    await owner(`order ${id} cancel`);
    expect(await owner(`order ${id} refunded`)).toBe(`Order #${id} was never paid: there is nothing to refund.`);
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).refundedAt).toBeNull();
  });

  it("records one refund when two are recorded at once", async () => {
    const { id } = await placeOrder("refund-race", "I want 1 lavender soy candle");
    await owner(`order ${id} paid`);
    await owner(`order ${id} cancel`);
    const at = new Date("2026-11-20T11:00:00Z");
    const results = await Promise.all([recordRefund({ db: ctx.app.db }, { orderId: id, at, reference: "A" }), recordRefund({ db: ctx.app.db }, { orderId: id, at, reference: "B" })]);
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(await ctx.app.db.event.count({ where: { type: "order_refunded", data: { path: ["orderId"], equals: id } } })).toBe(1);
  });

  it("understands plain words in English and Chinese, and tells a Chinese customer in Chinese", async () => {
    const { id } = await placeOrder("refund-zh", "我要一罐茉莉银针", "zh");
    await owner(`order ${id} paid`);
    await owner(`order ${id} cancel`);
    expect(await ctx.app.owner.handleText("which refunds are owed?").then(textOf)).toContain(`#${id} £14.50`);
    expect(await ctx.app.owner.handleText(`订单${id}已退款`).then(textOf)).toBe(`Order #${id}: refund of £14.50 recorded. The customer was told.`);
    expect(await lastMessageTo("refund-zh")).toBe(`订单 #${id} 的退款 £14.50 已退回，到账可能需要几天。`);
  });
});

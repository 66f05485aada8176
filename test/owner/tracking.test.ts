/**
 * Tracking numbers: the owner ships with one (`order N shipped RM…`, or in plain English or Chinese),
 * gives or corrects it later (`order N tracking …`), and the customer gets it in their language, in
 * the "shipped" message and in My orders.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOwnerCommand } from "../../core/owner/parse-owner-command.ts";
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
/** What the owner writes in plain words (Slack mentions, the console): interpreted, then run. */
const ownerSays = (text: string) => ctx.app.owner.handleText(text).then(textOf);

/** An order placed in the chat, with its delivery address given (shipping one without asks first). */
const placeOrder = (session: string, text: string, locale?: string) =>
  placeOrderInChat(ctx.app, session, text, { ...(locale ? { locale } : {}), address: locale === "zh" ? "张三 北京市朝阳区建国路88号 100022" : "Sam Lee, 10 High St, Bath BA1 1AA" });
const lastMessageTo = (session: string) => lastMessageToSession(ctx.app, session);

describe("the tracking command", () => {
  it("reads a tracking number or link after shipped (with anyway), or on its own; nothing else after a status", () => {
    expect(parseOwnerCommand("order 12 shipped RM123456789GB")).toEqual({ ok: true, value: { command: "order", orderId: 12, to: "shipped", trackingRef: "RM123456789GB" } });
    expect(parseOwnerCommand("order 12 shipped anyway tracking JD 0002 2499")).toEqual({ ok: true, value: { command: "order", orderId: 12, to: "shipped", force: true, trackingRef: "JD 0002 2499" } });
    expect(parseOwnerCommand("order 12 tracking https://track.example/RM1")).toEqual({ ok: true, value: { command: "tracking", orderId: 12, trackingRef: "https://track.example/RM1" } });
    expect(parseOwnerCommand("order 12 shipped")).toEqual({ ok: true, value: { command: "order", orderId: 12, to: "shipped" } });
    expect(parseOwnerCommand("order 12 paid RM1234").ok).toBe(false);
    expect(parseOwnerCommand("order 12 tracking").ok).toBe(false);
    expect(parseOwnerCommand(`order 12 tracking ${"1".repeat(201)}`).ok).toBe(false);
    // A word is no tracking number: digits or a link.
    expect(parseOwnerCommand("order 12 shipped later").ok).toBe(false);
    expect(parseOwnerCommand("order 12 tracking soon").ok).toBe(false);
  });
});

describe("tracking numbers", () => {
  it("go to the customer with the shipped message, in My orders, and on the owner's order view", async () => {
    const { customer, id } = await placeOrder("track-en", "I want 2 jasmine silver needle teas");
    expect(await owner(`order ${id} shipped RM123456789GB`)).toContain(`Order #${id}: placed → shipped.`);
    expect(await lastMessageTo("track-en")).toBe(`Order #${id}: shipped — £29.00 (20 Nov 2026)\nTracking: RM123456789GB`);
    expect(textOf(await customer.say("where is my order?"))).toContain(`Order #${id}: shipped, tracking RM123456789GB — £29.00`);
    expect(await owner(`order ${id}`)).toContain("Tracking: RM123456789GB");

    // Corrected later: saved, and the customer gets the new one.
    expect(await owner(`order ${id} tracking https://track.example/RM9`)).toBe(`Order #${id}: tracking https://track.example/RM9 (was RM123456789GB). The customer was told.`);
    expect(await lastMessageTo("track-en")).toBe(`Tracking for order #${id}: https://track.example/RM9`);
    // "Shipped" again with a number, for an order already shipped: the number is what is new.
    expect(await owner(`order ${id} shipped RM555`)).toBe(`Order #${id}: tracking RM555 (was https://track.example/RM9). The customer was told.`);
  });

  it("given before shipping, wait for the shipped message; a cancelled order takes none", async () => {
    const { id } = await placeOrder("track-early", "I want 1 washi tape set");
    expect(await owner(`order ${id} tracking RM777`)).toBe(`Order #${id}: tracking RM777. The customer gets it when you mark the order shipped.`);
    expect(await lastMessageTo("track-early")).not.toContain("RM777");
    expect(await owner(`order ${id} shipped`)).not.toContain("To send the customer a tracking number");
    expect(await lastMessageTo("track-early")).toContain("\nTracking: RM777");

    const { id: cancelled } = await placeOrder("track-cancelled", "I want 1 washi tape set");
    await owner(`order ${cancelled} cancel`);
    expect(await owner(`order ${cancelled} tracking RM888`)).toBe(`Order #${cancelled} is cancelled: nothing goes out to track.`);
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id: cancelled } })).trackingRef).toBeNull();
  });

  it("are read from the owner's plain words, and reach a Chinese customer in Chinese", async () => {
    const { customer, id } = await placeOrder("track-zh", "我想买一个马克杯", "zh");
    expect(await ownerSays(`订单${id}已发货，快递单号SF1234567890`)).toContain(`Order #${id}: placed → shipped.`);
    expect(await lastMessageTo("track-zh")).toMatch(new RegExp(`^订单 #${id}：已发货 — £16\\.00（.+）\\n快递单号：SF1234567890$`));
    expect(textOf(await customer.say("我的订单"))).toContain("已发货，快递单号 SF1234567890");

    const { id: other } = await placeOrder("track-words", "I want 1 washi tape set");
    // Shipped without one (the Slack button does): the reply says how to send it.
    expect(await owner(`order ${other} shipped`)).toContain(`To send the customer a tracking number: \`order ${other} tracking <number or link>\`.`);
    expect(await ownerSays(`the tracking number for order ${other} is RM 12 34 56.`)).toBe(`Order #${other}: tracking RM 12 34 56. The customer was told.`);
    expect(await ownerSays("tracking RM1234")).toContain("Which order is it for?");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe("dialogue", () => {
  it("carries the product over: 'how much is it?' after a product was discussed", async () => {
    const customer = createCustomer(ctx.app, "context");
    await customer.say("tell me about the brass fountain pen");
    expect(textOf(await customer.say("how much is it?"))).toContain("Brass Fountain Pen — £42.00");
  });

  it("takes a correction of the product: 'no, the red one'", async () => {
    const customer = createCustomer(ctx.app, "correction");
    await customer.press("c:0:Ceramics");
    await customer.say("I'll take 2 of the blue one");
    expect(textOf(customer.last)).toContain("2 × Blue Speckled Mug");
    expect(textOf(await customer.say("no, the red one"))).toContain("2 × Red Glaze Tea Cups (set of 4)");
  });

  it("changes only the quantity on 'make it 2', whatever was listed before ('make' is not 'cake')", async () => {
    const customer = createCustomer(ctx.app, "make-it");
    await customer.press("c:0:Tea"); // lists the Aged Pu-erh Cake among others
    await customer.say("I want 3 lavender candles");
    expect(textOf(customer.last)).toContain("3 × Lavender Soy Candle");
    expect(textOf(await customer.say("make it 2"))).toContain("2 × Lavender Soy Candle");
  });

  it.each([
    ["yes", "en", true],
    ["cancel it", "en", true],
    ["no, keep it", "en", false],
    ["是的，取消", "zh", true],
    ["取消", "zh", true],
    ["不用了", "zh", false],
  ])("answers 'cancel order #N?' typed: %s", async (answer, locale, cancels) => {
    const customer = createCustomer(ctx.app, `typed-cancel-${answer}`);
    await customer.say(locale === "zh" ? "我要买一个蓝色马克杯" : "I want 1 blue speckled mug");
    await customer.say(locale === "zh" ? "确认" : "yes");
    const order = await ctx.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: `typed-cancel-${answer}` } } } } });
    expect(textOf(await customer.say(locale === "zh" ? "我想取消订单" : "I want to cancel my order"))).toContain(`#${order.id}`);
    const reply = textOf(await customer.say(answer));
    const after = await ctx.app.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.status).toBe(cancels ? "cancelled" : "placed");
    expect(reply).toContain(`#${order.id}`);
    // Answered once: a second "yes" is not another cancellation question's answer.
    expect(textOf(await customer.say(locale === "zh" ? "是的" : "yes"))).not.toContain(`#${order.id} is cancelled`);
  });

  it("drops a half-finished order on 'never mind' and places nothing", async () => {
    const customer = createCustomer(ctx.app, "nevermind");
    await customer.say("I want to order the stoneware serving bowl");
    expect(textOf(await customer.say("never mind"))).toContain("I've cancelled that");
    expect(textOf(await customer.say("yes"))).not.toMatch(/Order #\d+ is placed/);
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: "nevermind" } } } } })).toBe(0);
  });

  it("asks for contact details and takes them in the next message", async () => {
    const customer = createCustomer(ctx.app, "contact-slot");
    expect(textOf(await customer.say("I'd like to leave my contact details"))).toContain("email address or phone number");
    expect(textOf(await customer.say("it's sam@example.org"))).toContain("I've saved sam@example.org");
  });

  it("offers a human after failing to understand twice in a row", async () => {
    const customer = createCustomer(ctx.app, "confused");
    await customer.say("what is the capital of mongolia");
    const second = await customer.say("what's the weather like on mars tomorrow");
    expect(textOf(second)).toContain("asked the owner to join");
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "confused" } } } } });
    expect(conversation.mode).toBe("handoff");
  });
});

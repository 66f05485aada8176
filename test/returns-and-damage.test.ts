/**
 * After the order: goods that arrived broken or wrong go to the owner as a complaint (in English
 * and Chinese), a return request on a sent order gets the policy and one tap to the owner, and a
 * question about what would happen ("what if it arrives broken?") stays a question.
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

const conversationOf = async (externalId: string) => {
  const identity = await ctx.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId } } });
  return ctx.app.db.conversation.findFirstOrThrow({ where: { customerId: identity.customerId } });
};

async function shippedOrder(externalId: string): Promise<{ customer: ReturnType<typeof createCustomer>; orderId: number }> {
  const customer = createCustomer(ctx.app, externalId);
  await customer.say("I want a blue mug");
  await customer.say("1");
  const orderId = Number(/Order #(\d+)/.exec(textOf(await customer.say("yes")))?.[1]);
  await customer.say("Jane Smith, 4 Park Lane, Oxford OX1 2AB");
  await ctx.app.owner.handle(`order ${orderId} paid`);
  await ctx.app.owner.handle(`order ${orderId} shipped`);
  return { customer, orderId };
}

describe("returns and damaged goods", () => {
  it("hands 'it arrived broken' to the owner as a complaint", async () => {
    const { customer } = await shippedOrder("broken-en");
    expect(textOf(await customer.say("the mug arrived broken"))).toBe("I'm sorry to hear that. I've passed this to the owner, who will look into it personally and reply here.");
    const conversation = await conversationOf("broken-en");
    expect(conversation.mode).toBe("handoff");
    expect(conversation.handoffReason).toBe("complaint");
    const zh = createCustomer(ctx.app, "broken-zh", "zh");
    expect(textOf(await zh.say("收到的杯子碎了"))).toContain("我已转告店主");
    expect((await conversationOf("broken-zh")).mode).toBe("handoff");
  });

  it("answers a return request on a sent order with the policy and one tap to the owner", async () => {
    const { customer, orderId } = await shippedOrder("return-en");
    const replies = await customer.say("I want to return the mug");
    expect(replies[0]!.text).toContain("Unused items can be returned within 30 days");
    expect(replies[1]).toEqual({ text: `To send back something from order #${orderId}, the owner arranges the return with you: tap below and they'll reply here.`, buttons: [[{ label: "Ask the owner", payload: "h" }]] });
    // Nothing is handed over until the customer asks.
    expect((await conversationOf("return-en")).mode).toBe("bot");
    await customer.press("h");
    expect((await conversationOf("return-en")).mode).toBe("handoff");
  });

  it("keeps questions about what would happen, and returns without a sent order, to the policy", async () => {
    const customer = createCustomer(ctx.app, "what-if");
    expect(textOf(await customer.say("what if it arrives broken?"))).toContain("Unused items can be returned within 30 days");
    expect(textOf(await customer.say("can I return things?"))).not.toContain("owner arranges the return");
    expect((await conversationOf("what-if")).mode).toBe("bot");
  });
});

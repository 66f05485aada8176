/**
 * A customer asking in the chat for their data or its erasure: recorded, the customer told what
 * happens next, the owner notified once per open request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleServer } from "../adapters/console/web-server.ts";
import { consoleServicesFor } from "../bot/channel-services.ts";
import type { OwnerNotification } from "../core/ports.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let server: ReturnType<typeof createConsoleServer>;
let consoleUrl: string;
const TOKEN = "data-requests-owner-token";
const OWNER = { authorization: `Bearer ${TOKEN}` };
beforeAll(async () => {
  ctx = await createTestApp();
  server = createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0, ownerToken: TOKEN });
  consoleUrl = (await server.listen()).url;
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

async function customerIdOf(session: string) {
  return (await ctx.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: session } } })).customerId;
}

const dataRequestNotices = (customerId: number) =>
  ctx.app.feed.after(0).flatMap((item) => (item.notification?.type === "data_request" && item.notification.customerId === customerId ? [item as { text: string; notification: Extract<OwnerNotification, { type: "data_request" }> }] : []));

describe("a customer asking for their data to be deleted", () => {
  it("is told what happens next, the request is recorded and the owner notified once", async () => {
    const customer = createCustomer(ctx.app, "erase-me");
    await customer.say("hi, I'm Dana");
    const reply = textOf(await customer.say("please delete my data"));
    expect(reply).toMatch(/passed your request to delete your personal data to the owner/);
    const customerId = await customerIdOf("erase-me");
    const requests = await ctx.app.db.dataRequest.findMany({ where: { customerId } });
    expect(requests).toMatchObject([{ kind: "erasure", requestedAt: ctx.clock.now(), answeredAt: null, answer: null, answeredBy: null }]);
    const notices = dataRequestNotices(customerId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.notification).toMatchObject({ request: "erasure", requestId: requests[0]!.id, channel: "console" });
    expect(notices[0]!.text).toContain(`asks you to delete their data (customer ${customerId})`);

    // The same request again while it is open: the customer is reassured, nothing new for the owner.
    ctx.clock.advance(60_000);
    expect(textOf(await customer.say("delete my account!"))).toMatch(/already with the owner/);
    expect(await ctx.app.db.dataRequest.count({ where: { customerId } })).toBe(1);
    expect(dataRequestNotices(customerId)).toHaveLength(1);
  });

  it("is answered in Chinese, and does not stop an order waiting for its confirmation", async () => {
    const customer = createCustomer(ctx.app, "erase-me-zh", "zh");
    await customer.say("我想买2个薰衣草蜡烛");
    const reply = textOf(await customer.say("删除我的数据"));
    expect(reply).toMatch(/已将您删除个人数据的请求转交店主/);
    const customerId = await customerIdOf("erase-me-zh");
    expect(await ctx.app.db.dataRequest.count({ where: { customerId, kind: "erasure", answeredAt: null } })).toBe(1);
    expect(dataRequestNotices(customerId)).toHaveLength(1);
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customerId } });
    expect((conversation.state as { flow?: { kind: string } }).flow?.kind).toBe("order");
  });
});

describe("a customer asking what data the shop has about them", () => {
  it("is told the owner will send a copy, and an erasure asked later is a request of its own", async () => {
    const customer = createCustomer(ctx.app, "access-me");
    expect(textOf(await customer.say("what data do you have about me?"))).toMatch(/asked the owner for a copy of the personal data/);
    expect(textOf(await customer.say("send me a copy of my data"))).toMatch(/request for a copy of your data is already with the owner/);
    const customerId = await customerIdOf("access-me");
    expect(textOf(await customer.say("forget me"))).toMatch(/passed your request to delete/);
    expect((await ctx.app.db.dataRequest.findMany({ where: { customerId }, orderBy: { id: "asc" } })).map((r) => r.kind)).toEqual(["access", "erasure"]);
    expect(dataRequestNotices(customerId).map((n) => n.notification.request)).toEqual(["access", "erasure"]);
  });

  it("is answered in Chinese", async () => {
    const customer = createCustomer(ctx.app, "access-me-zh", "zh");
    expect(textOf(await customer.say("你们有我的哪些数据"))).toMatch(/已请店主为您准备一份/);
    expect(dataRequestNotices(await customerIdOf("access-me-zh"))).toHaveLength(1);
  });
});

describe("the owner answering from the console's feed", () => {
  /** The owner pane's feed, as the page polls it. */
  async function feed() {
    const res = await fetch(`${consoleUrl}/api/owner/notifications?after=0`, { headers: OWNER });
    return ((await res.json()) as { items: { text: string; buttons?: { label: string; payload: string }[] }[] }).items;
  }
  /** A button pressed in the page: its payload sent as the owner's command. */
  async function press(payload: string) {
    const res = await fetch(`${consoleUrl}/api/owner/command`, { method: "POST", headers: { ...OWNER, "content-type": "application/json" }, body: JSON.stringify({ text: payload }) });
    return ((await res.json()) as { replies: { text: string; buttons?: { label: string; payload: string }[][] }[] }).replies;
  }

  it("answers an access request with the Export button, and an erasure with Erase and its confirmation", async () => {
    const customer = createCustomer(ctx.app, "console-rights");
    await customer.say("what information do you hold on me?");
    const customerId = await customerIdOf("console-rights");
    const item = (await feed()).find((i) => i.text.includes(`asks for a copy of their data (customer ${customerId})`))!;
    expect(item.buttons?.map((b) => [b.label, b.payload])).toEqual([["Export", `customer ${customerId} export`], ["Erase", `customer ${customerId} erase`], ["Open customer", `customer ${customerId}`]]);

    const exported = await press(item.buttons![0]!.payload);
    expect(exported[0]!.text).toContain(`Everything held about customer #${customerId}`);
    expect(await ctx.app.db.dataRequest.findMany({ where: { customerId } })).toMatchObject([{ kind: "access", answer: "exported", answeredBy: "console", answeredAt: ctx.clock.now() }]);

    // Asked again once answered: a new request, and the owner hears of it again.
    await customer.say("delete my data");
    const erase = (await feed()).filter((i) => i.text.includes(`asks you to delete their data (customer ${customerId})`)).at(-1)!.buttons!.find((b) => b.label === "Erase")!;
    const preview = await press(erase.payload);
    expect(await ctx.app.db.dataRequest.count({ where: { customerId, answeredAt: null } })).toBe(1);
    const confirm = preview[0]!.buttons!.flat().find((b) => b.payload === `customer ${customerId} erase confirm`)!;
    expect((await press(confirm.payload))[0]!.text).toContain(`Customer #${customerId} erased`);
    expect((await ctx.app.db.dataRequest.findMany({ where: { customerId }, orderBy: { id: "asc" } })).map((r) => [r.kind, r.answer, r.answeredBy])).toEqual([["access", "exported", "console"], ["erasure", "erased", "console"]]);
  });

  it("answers nothing when the customer never asked", async () => {
    const customer = createCustomer(ctx.app, "never-asked");
    await customer.say("hello");
    const customerId = await customerIdOf("never-asked");
    await press(`customer ${customerId} export`);
    expect(await ctx.app.db.dataRequest.count({ where: { customerId } })).toBe(0);
  });
});

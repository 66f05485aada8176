import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "../../core/digest/build-digest.ts";
import { renderDigest } from "../../core/digest/render-digest.ts";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/create-slack-adapter.ts";
import { slackEvent, slashCommand } from "../fakes/slack-web-api.ts";
import { slackServicesFor } from "../../bot/channel-services.ts";
import { blocksText, buttonsOf, CHANNEL, commandValue, OWNER, startSlackHarness, STRANGER, type SlackHarness } from "./slack-harness.ts";

// One app, one fake Slack and one HTTP-mode adapter for the file (a database and a model cost seconds).
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.close();
});

describe("Slack for the owner", () => {

  /** A console customer orders `quantity` of a product; returns the order id. */
  async function placeOrder(session: string, sku: string, quantity: number) {
    const product = await h.app.db.product.findUniqueOrThrow({ where: { sku } });
    await h.app.customer.handle({ channel: "console", externalUserId: session, payload: `o:${product.id}` });
    const confirm = await h.app.customer.handle({ channel: "console", externalUserId: session, payload: `q:${product.id}:${quantity}` });
    const nonce = confirm.flatMap((r) => r.buttons?.flat() ?? []).find((b) => b.payload.startsWith("ok:"))!.payload;
    await h.app.customer.handle({ channel: "console", externalUserId: session, payload: nonce });
    // The address the assistant asks for next: the owner is asked before shipping an order without one.
    await h.app.customer.handle({ channel: "console", externalUserId: session, text: "Jane Smith, 4 Park Lane, Oxford OX1 2AB" });
    const identity = await h.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: session } } });
    return (await h.app.db.order.findFirstOrThrow({ where: { customerId: identity.customerId }, orderBy: { id: "desc" } })).id;
  }

  it("acknowledges /shop at once and answers on the response_url after the work", async () => {
    const held = h.slack.holdResponses();
    const { response, responseUrl } = await h.shop("help");
    // The HTTP answer (Slack's 3-second acknowledgement) came back while the reply is still held.
    expect(response.status).toBe(200);
    expect(h.slack.responses.find((r) => r.url === responseUrl)).toBeUndefined();
    held.release();
    const reply = await h.slack.waitForResponse(responseUrl);
    expect(reply.body.response_type).toBe("ephemeral");
    expect(blocksText(reply.body)).toContain("leads [all]");
    expect(reply.problems).toEqual([]);
  });

  it("refuses a request with a forged signature, a stale timestamp or the wrong secret, and logs it", async () => {
    const responseUrl = h.slack.responseUrl();
    const request = slashCommand({ text: "orders all", userId: OWNER, channelId: CHANNEL, responseUrl });
    const results = await Promise.all([
      h.send(request, { signature: `v0=${"0".repeat(64)}` }),
      h.send(request, { ageSeconds: 10 * 60 }),
      h.send(request, { secret: "not-the-signing-secret-at-all-00" }),
    ]);
    expect(results.map((r) => r.status)).toEqual([401, 401, 401]);
    await h.adapter.idle();
    expect(h.slack.responses.filter((r) => r.url === responseUrl)).toEqual([]);
    const warnings = h.logger.lines.filter((l) => l.level === "warn" && l.message.includes("Failed to verify authenticity"));
    expect(warnings.some((l) => l.message.includes("signature mismatch"))).toBe(true);
    expect(warnings.some((l) => l.message.includes("stale"))).toBe(true);
  });

  it("politely refuses someone who is not the owner, and logs the attempt", async () => {
    const { responseUrl } = await h.shop("orders all", STRANGER);
    const reply = await h.slack.waitForResponse(responseUrl);
    expect(reply.body.text).toMatch(/only the shop's owner/);
    expect(reply.body.blocks).toBeUndefined();
    expect(h.logger.lines.some((l) => l.message === "slack: refused a non-owner" && l.context?.user === STRANGER)).toBe(true);
    // A button pressed by a stranger does nothing either.
    const orderId = await placeOrder("stranger-test", "TEA-003", 1);
    const press = await h.press("shop_cmd:0", commandValue(`order ${orderId} cancel`), STRANGER);
    expect((await h.slack.waitForResponse(press.responseUrl)).body.text).toMatch(/only the shop's owner/);
    expect((await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("placed");
  });

  it("runs order commands and their buttons, telling the customer", async () => {
    const orderId = await placeOrder("buyer-1", "TEA-004", 1);
    const paid = await h.shop(`order ${orderId} paid`);
    const reply = await h.slack.waitForResponse(paid.responseUrl);
    expect(blocksText(reply.body)).toContain(`Order #${orderId}: placed → paid`);
    const ship = buttonsOf(reply.body).find((b) => b.value === commandValue(`order ${orderId} shipped`));
    expect(ship?.text).toBe("Mark shipped");
    // "Mark shipped" opens a form for the tracking number; submitting it ships and answers where the button was.
    const pressed = await h.press(ship!.action_id, ship!.value);
    expect(pressed.response.status).toBe(200);
    await h.adapter.idle();
    const form = h.slack.callsTo("views.open").at(-1)!;
    const view = form.params.view as { callback_id: string; private_metadata: string; title: { text: string }; blocks: { block_id: string; element: { action_id: string } }[] };
    expect(view.title.text).toBe(`Ship order #${orderId}`);
    expect((await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("paid");
    const submitted = await h.submit(view.callback_id, view.private_metadata, { [view.blocks[0]!.block_id]: { [view.blocks[0]!.element.action_id]: "RM123456789GB" } });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe("");
    const answer = blocksText((await h.slack.waitForResponse(pressed.responseUrl)).body);
    expect(answer).toContain("paid → shipped");
    expect(answer).toContain("Tracking: RM123456789GB");
    expect(await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "shipped", trackingRef: "RM123456789GB" });
  });

  it("refuses a word for a tracking number in the form, ships with none when left empty, and ships at once when the form cannot open", async () => {
    const orderId = await placeOrder("buyer-form", "TEA-002", 1);
    await h.press("shop_cmd:0", commandValue(`order ${orderId} shipped`));
    await h.adapter.idle();
    const view = h.slack.callsTo("views.open").at(-1)!.params.view as { callback_id: string; private_metadata: string };
    const refused = await h.submit(view.callback_id, view.private_metadata, { tracking: { tracking_input: "soon" } });
    expect(await refused.json()).toEqual({ response_action: "errors", errors: { tracking: "A tracking number has digits, or is a link (https://…)." } });
    expect((await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("placed");
    // A stranger's submission (a forged or shared form) does nothing.
    await h.submit(view.callback_id, view.private_metadata, { tracking: { tracking_input: null } }, STRANGER);
    await h.adapter.idle();
    expect((await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("placed");
    await h.submit(view.callback_id, view.private_metadata, { tracking: { tracking_input: null } });
    await h.adapter.idle();
    expect(await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "shipped", trackingRef: null });

    const other = await placeOrder("buyer-form-2", "TEA-002", 1);
    h.slack.failNext("views.open", { error: "expired_trigger_id" });
    const pressed = await h.press("shop_cmd:0", commandValue(`order ${other} shipped`));
    expect(blocksText((await h.slack.waitForResponse(pressed.responseUrl)).body)).toContain(`Order #${other}: placed → shipped.`);
    expect(h.logger.lines.some((l) => l.message.includes("could not open the shipping form"))).toBe(true);
  });

  it("opens a form for /shop campaign new, refuses it without a message, and answers the submitted form with the campaign's preview", async () => {
    const { responseUrl } = await h.shop("campaign new");
    await h.adapter.idle();
    const view = h.slack.callsTo("views.open").at(-1)!.params.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe("new_campaign");
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(["name", "audience", "text", "textZh", "product", "at", "holdout"]);
    const refused = await h.submit(view.callback_id, view.private_metadata, { name: { name: "Winter" }, audience: { audience: "opted-in" }, text: { text: null }, textZh: { textZh: null } });
    expect(await refused.json()).toEqual({ response_action: "errors", errors: { text: "Write the message in English or Chinese (or both)." } });
    const before = await h.app.db.campaign.count();
    // A stranger's submission does nothing.
    await h.submit(view.callback_id, view.private_metadata, { name: { name: "Forged" }, audience: { audience: "opted-in" }, text: { text: "Hi" } }, STRANGER);
    await h.adapter.idle();
    expect(await h.app.db.campaign.count()).toBe(before);
    await h.submit(view.callback_id, view.private_metadata, { name: { name: "Winter tea" }, audience: { audience: "opted-in" }, text: { text: "Hi {first_name}, the winter teas are in." }, textZh: { textZh: null }, product: { product: "TEA-001" }, at: { at: null }, holdout: { holdout: "20%" } });
    const preview = blocksText((await h.slack.waitForResponse(responseUrl)).body);
    expect(preview).toMatch(/Campaign #\d+ "Winter tea" — draft/);
    expect(await h.app.db.campaign.findFirstOrThrow({ where: { name: "Winter tea" } })).toMatchObject({ status: "draft", holdoutPercent: 20, textEn: "Hi {first_name}, the winter teas are in." });
  });

  it("answers forecast, digest and funnel within Slack's limits", async () => {
    for (const [command, expected] of [["forecast", /Forecast for the next 7 days/], ["digest", /Daily digest/], ["funnel", /Funnel/]] as const) {
      const { responseUrl } = await h.shop(command);
      const reply = await h.slack.waitForResponse(responseUrl);
      expect(reply.problems).toEqual([]);
      expect(blocksText(reply.body)).toMatch(expected);
    }
  });

  it("adds and updates products, restocks and finds customers", async () => {
    const run = async (text: string) => blocksText((await h.slack.waitForResponse((await h.shop(text)).responseUrl)).body);
    expect(await run('product add sku=MUG-9 name="Slack & <Mug>" price=12.50 category=Teaware stock=3')).toContain("Added MUG-9 Slack &amp; &lt;Mug&gt; — £12.50");
    expect(await run("restock MUG-9 7")).toMatch(/MUG-9 .*stock 3 → 10/);
    expect(await run("product update MUG-9 price=13.00")).toContain("£13.00");
    await h.app.customer.handle({ channel: "console", externalUserId: "findme", text: "my email is findme@example.com" });
    expect(await run("customers findme@example")).toContain("findme@example.com");
  });

  it("understands the same requests as a plain-English or Chinese @mention, answering in the thread", async () => {
    const first = await placeOrder("buyer-2", "TEA-001", 1);
    const second = await placeOrder("buyer-3", "TEA-001", 1);
    await h.event({ type: "app_mention", user: OWNER, channel: CHANNEL, ts: "1700000300.000100", text: `<@U0SHOPBOT> please mark order ${first} as shipped` });
    await h.event({ type: "app_mention", user: OWNER, channel: CHANNEL, ts: "1700000300.000200", text: `<@U0SHOPBOT> 订单${second}已发货` });
    await h.event({ type: "app_mention", user: OWNER, channel: CHANNEL, ts: "1700000300.000300", text: "<@U0SHOPBOT> restock jasmine silver needle tea with 12" });
    await h.adapter.idle();
    const inThread = (ts: string) => h.slack.callsTo("chat.postMessage").find((c) => c.params.thread_ts === ts)!;
    expect(blocksText(inThread("1700000300.000100").params)).toContain(`Order #${first}: placed → shipped`);
    expect(blocksText(inThread("1700000300.000200").params)).toContain(`Order #${second}: placed → shipped`);
    expect(blocksText(inThread("1700000300.000300").params)).toMatch(/TEA-001 Jasmine Silver Needle Tea: stock \d+ → \d+/);
    expect((await h.app.db.order.findMany({ where: { id: { in: [first, second] } } })).map((o) => o.status)).toEqual(["shipped", "shipped"]);
  });

  it("processes a retried event once, and refuses a stranger's mention in private", async () => {
    const event = { type: "app_mention", user: OWNER, channel: CHANNEL, ts: "1700000400.000100", text: "<@U0SHOPBOT> funnel" };
    const first = await h.event(event);
    await h.event(event, first.eventId);
    await h.event({ type: "app_mention", user: STRANGER, channel: CHANNEL, ts: "1700000400.000200", text: "<@U0SHOPBOT> show me all customers" });
    await h.adapter.idle();
    expect(h.slack.callsTo("chat.postMessage").filter((c) => c.params.thread_ts === "1700000400.000100")).toHaveLength(1);
    expect(h.slack.callsTo("chat.postMessage").filter((c) => c.params.thread_ts === "1700000400.000200")).toEqual([]);
    const refusal = h.slack.callsTo("chat.postEphemeral").find((c) => c.params.user === STRANGER);
    expect(refusal?.params.text).toMatch(/only the shop's owner/);
  });

  it("keeps a long answer within Slack's limits (≤ 50 blocks, sections ≤ 3,000 characters)", async () => {
    await h.app.db.product.createMany({
      data: Array.from({ length: 400 }, (_, i) => ({ sku: `BULK-${i}`, name: `Bulk <item> & "thing" *${i}* ${"long name ".repeat(6)}`, category: "Bulk", priceMinor: 100 + i, stock: i % 7 })),
    });
    const { responseUrl } = await h.shop("stock");
    const reply = await h.slack.waitForResponse(responseUrl);
    expect(reply.problems).toEqual([]);
    const blocks = reply.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3_000);
    expect(blocksText(reply.body)).toContain("&lt;item&gt; &amp;");
    expect(blocksText(reply.body)).not.toContain("<item>");
  });

  it("posts new orders, low stock, new leads and payments to the owner channel with buttons", async () => {
    await h.app.customer.handle({ channel: "console", externalUserId: "lead-1", text: "my email is lead1@example.com" });
    const orderId = await placeOrder("buyer-4", "TEA-005", 2);
    await h.shop(`order ${orderId} paid`);
    await h.adapter.idle();
    const posts = h.slack.callsTo("chat.postMessage").filter((c) => c.params.channel === CHANNEL && !c.params.thread_ts);
    const find = (pattern: RegExp) => posts.find((c) => pattern.test(String(c.params.text)));
    const order = find(new RegExp(`New order #${orderId}`))!;
    expect(buttonsOf(order.params).map((b) => b.text)).toEqual(["Mark paid", "Mark shipped", "Show order", "Open customer"]);
    // The console buyer has no name: the owner is told which customer, not "a guest".
    const buyer = await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(String(order.params.text)).toContain(`New order #${orderId} from customer ${buyer.customerId} —`);
    expect(find(/Low stock: TEA-005/)).toBeDefined();
    expect(find(/New lead #\d+/)).toBeDefined();
    expect(find(new RegExp(`Payment received for order #${orderId}`))).toBeDefined();
    expect(posts.every((c) => c.status === 200 && c.response.ok === true)).toBe(true);
  });

  it("logs a failed notification and lets the sale go through", async () => {
    h.slack.failNext("chat.postMessage", { error: "channel_not_found" });
    const orderId = await placeOrder("buyer-5", "TEA-003", 1);
    expect((await h.app.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("placed");
    expect(h.logger.lines.some((l) => l.message === "slack: could not post a notification" && String(l.context?.error).includes("channel_not_found"))).toBe(true);
  });

  it("posts the daily digest and its chart to the owner channel", async () => {
    const digest = renderDigest(await buildDigest(h.app.db, { asOf: h.clock.now(), currency: "GBP" }), "en");
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await h.adapter.digestPublisher.publishDigest(digest, png);
    const post = h.slack.callsTo("chat.postMessage").find((c) => String(c.params.text).startsWith("Daily digest"))!;
    expect(post.params.channel).toBe(CHANNEL);
    expect(post.response.ok).toBe(true);
    expect(JSON.stringify(post.params.blocks)).toContain(digest.title);
    expect(h.slack.uploads).toHaveLength(1);
    expect(h.slack.uploads[0]!.pngSignature).toBe(true);
    expect(h.slack.callsTo("files.completeUploadExternal")[0]).toMatchObject({ params: { channel_id: CHANNEL }, response: { ok: true } });
  });

  it("uploads a customer's data export to the owner channel, and erases only once the danger button is pressed", async () => {
    await h.app.customer.handle({ channel: "console", externalUserId: "export-1", text: "my name is Wilhelmina Export, wilhelmina@example.org" });
    const identity = await h.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "export-1" } } });
    const uploadsBefore = h.slack.uploads.length;
    const exported = await h.shop(`customer ${identity.customerId} export`);
    const answer = blocksText((await h.slack.waitForResponse(exported.responseUrl)).body);
    expect(answer).toContain(`Everything held about customer #${identity.customerId}`);
    expect(answer).toContain(`customer-${identity.customerId}.json is in the shop's channel.`);
    // The document itself goes to the owner channel as a file, not into the chat's text.
    expect(answer).not.toContain("wilhelmina@example.org");
    expect(h.slack.uploads).toHaveLength(uploadsBefore + 1);
    expect(h.slack.uploads.at(-1)!.body.toString("utf8")).toContain('"email": "wilhelmina@example.org"');
    expect(h.slack.callsTo("files.completeUploadExternal").at(-1)).toMatchObject({ params: { channel_id: CHANNEL }, response: { ok: true } });

    const asked = await h.shop(`customer ${identity.customerId} erase`);
    const preview = (await h.slack.waitForResponse(asked.responseUrl)).body;
    expect((await h.app.db.customer.findUniqueOrThrow({ where: { id: identity.customerId } })).erasedAt).toBeNull();
    const erase = buttonsOf(preview).find((b) => b.value === commandValue(`customer ${identity.customerId} erase confirm`));
    expect(erase?.text).toBe(`Erase customer #${identity.customerId}`);
    expect(JSON.stringify(preview.blocks)).toContain('"style":"danger"');
    const pressed = await h.press(erase!.action_id, erase!.value);
    expect(blocksText((await h.slack.waitForResponse(pressed.responseUrl)).body)).toContain(`Customer #${identity.customerId} erased`);
    expect(await h.app.db.customer.findUniqueOrThrow({ where: { id: identity.customerId } })).toMatchObject({ name: null, email: null });
    // The audit trail names the Slack user who did each.
    const trail = await h.app.db.auditEntry.findMany({ where: { subject: `customer:${identity.customerId}` }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.action, e.actor])).toEqual([["customerExport", `slack:${OWNER}`], ["customerErase", `slack:${OWNER}`]]);
  });

  it("refuses a button whose value is not a command", async () => {
    const { responseUrl } = await h.press("shop_cmd:0", "   ");
    expect((await h.slack.waitForResponse(responseUrl)).body.text).toMatch(/not valid/);
    const resume = await h.press("handoff_resume", "1; DROP TABLE");
    expect(resume.response.status).toBe(200);
    await h.adapter.idle();
    expect(h.logger.lines.some((l) => l.message.includes("resume button with an invalid conversation"))).toBe(true);
  });
});

describe("Slack over Socket Mode (no public URL)", () => {
  // A second process of the same app, connected over Socket Mode instead of HTTP.
  let socket: SlackAdapter;
  beforeAll(async () => {
    socket = createSlackAdapter({
      botToken: h.slack.botToken,
      mode: { kind: "socket", appToken: h.slack.appToken },
      apiUrl: h.slack.apiUrl,
      ownerIds: [OWNER],
      channelId: CHANNEL,
      logger: h.logger,
      ...slackServicesFor(h.app),
      retries: 0,
    });
    expect(await socket.start()).toEqual({ mode: "socket" });
    await h.slack.socketConnected();
  });
  afterAll(async () => {
    await socket.stop();
  });

  it("opens the connection with the app token through SLACK_API_URL", () => {
    expect(h.slack.callsTo("apps.connections.open")).toHaveLength(1);
    expect(h.slack.callsTo("apps.connections.open")[0]!.response.ok).toBe(true);
  });

  it("acknowledges /shop on the socket and answers on the response_url, for the owner only", async () => {
    const responseUrl = h.slack.responseUrl();
    const command = Object.fromEntries(new URLSearchParams(slashCommand({ text: "stock low", userId: OWNER, channelId: CHANNEL, responseUrl }).body));
    const ack = await h.slack.sendEnvelope("slash_commands", command);
    expect(ack.envelope_id).toMatch(/^env-/);
    expect(blocksText((await h.slack.waitForResponse(responseUrl)).body)).toMatch(/TEA-005/);

    const strangerUrl = h.slack.responseUrl();
    await h.slack.sendEnvelope("slash_commands", Object.fromEntries(new URLSearchParams(slashCommand({ text: "orders", userId: STRANGER, channelId: CHANNEL, responseUrl: strangerUrl }).body)));
    expect((await h.slack.waitForResponse(strangerUrl)).body.text).toMatch(/only the shop's owner/);
  });

  it("receives mentions as events over the socket", async () => {
    const { body } = slackEvent({ type: "app_mention", user: OWNER, channel: CHANNEL, ts: "1700000900.000100", text: "<@U0SHOPBOT> help" });
    await h.slack.sendEnvelope("events_api", JSON.parse(body) as Record<string, unknown>);
    const reply = await h.slack.waitForCall("chat.postMessage", (c) => c.params.thread_ts === "1700000900.000100");
    expect(blocksText(reply.params)).toContain("Commands:");
  });
});

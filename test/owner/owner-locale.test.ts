/**
 * The owner reads the shop in OWNER_LOCALE: answers, help, usage lines, questions back, quick
 * buttons and notifications, in the console and in Slack. English stays the default.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleServer } from "../../adapters/console/web-server.ts";
import { consoleServicesFor } from "../../bot/channel-services.ts";
import { createTestApp, placeOrderInChat, textOf } from "../helpers/test-app.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";
import { blocksText, buttonsOf, CHANNEL, startSlackHarness, type SlackHarness } from "../slack/slack-harness.ts";

describe("the owner's console in Chinese (OWNER_LOCALE=zh)", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, env: { OWNER_LOCALE: "zh" } });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const owner = (line: string) => ctx.app.owner.handle(line).then(textOf);

  it("answers commands, usage lines and unknown words in Chinese", async () => {
    expect((await owner("help")).split("\n")[0]).toBe("命令：");
    expect(await owner("forecast 9")).toBe("用法：forecast [7|14|30]");
    expect(await owner("sing")).toBe("没有“sing”这个命令。输入 help 查看所有命令。");
    expect(await owner("order 999999")).toBe("没有订单 #999999。");
    expect(await owner("forecast")).toMatch(/^未来 7 天预测：营业额 /);
    expect(await owner("faq")).toMatch(/^您的回答（顾客用自己的话问到这些问题时会收到）：\n#1 /);
  });

  it("moves an order in Chinese, while the customer keeps their own language", async () => {
    const { customer, id } = await placeOrderInChat(ctx.app, "zh-owner-1", "I want 1 bamboo tea tray", { address: "Jane Smith, 4 Park Lane, Oxford OX1 2AB" });
    const paid = await ctx.app.owner.handle(`order ${id} paid`);
    expect(paid[0]?.text).toBe(`订单 #${id}：已下单 → 已付款。`);
    expect(paid[1]?.buttons?.flat().map((b) => [b.label, b.payload])).toEqual([["标记为已发货", `order ${id} shipped`], ["标记为已送达", `order ${id} delivered`], ["取消", `order ${id} cancel`]]);
    expect(textOf(await customer.say(`where is order ${id}?`))).toContain("paid, being prepared");
  });

  it("refuses a change the shop cannot make in Chinese", async () => {
    const { id } = await placeOrderInChat(ctx.app, "zh-owner-3", "I want 1 bamboo tea tray");
    expect(await owner(`order ${id} delivered`)).toBe(`订单 #${id} 当前为已下单，不能改为已送达。`);
    expect(await owner(`order ${id} refunded`)).toBe(`订单 #${id} 当前为已下单，尚未取消：请先取消（order ${id} cancel，库存会退回），再记录退款。`);
    expect(await owner("stock NOPE-1 5")).toBe("没有 SKU 为 NOPE-1 的商品。");
    expect(await owner("restock TEA-001 999999")).toBe("这样库存会超过 1000000。");
    expect(await owner("faq remove 9999")).toBe("没有第 9999 条问答。输入 faq 查看全部。");
  });

  it("tells the owner of a new order in Chinese in the console feed", async () => {
    const before = ctx.app.feed.after(0).length;
    const { id } = await placeOrderInChat(ctx.app, "zh-owner-2", "I want 1 bamboo tea tray");
    const order = await ctx.app.db.order.findUniqueOrThrow({ where: { id } });
    expect(ctx.app.feed.after(0).slice(before).map((i) => i.text)).toContain(`新订单 #${id}，来自客户 ${order.customerId}：1 × Bamboo Tea Tray — £39.00`);
  });

  it("asks back in Chinese when plain words leave something out", async () => {
    expect(await ctx.app.owner.handleText("mark the order as shipped").then(textOf)).toBe("哪个订单？例如：`order 12 shipped`。");
  });

  it("labels the console's quick buttons in Chinese", async () => {
    const server = createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0, ownerToken: "owner-locale-test-token" });
    const { url } = await server.listen();
    try {
      const res = await fetch(`${url}/api/owner/quick`, { headers: { authorization: "Bearer owner-locale-test-token" } });
      const body = (await res.json()) as { buttons: { label: string; payload: string }[] };
      expect(body.buttons.slice(0, 3)).toEqual([{ label: "帮助", payload: "help" }, { label: "线索", payload: "leads" }, { label: "订单", payload: "orders" }]);
    } finally {
      await server.close();
    }
  });
});

describe("the owner's console in English by default", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("answers, labels buttons and notifies in English", async () => {
    expect(ctx.app.owner.locale).toBe("en");
    expect((await ctx.app.owner.handle("help").then(textOf)).split("\n")[0]).toBe("Commands:");
    expect(ctx.app.owner.quickButtons()[0]).toEqual({ label: "Help", payload: "help" });
    const { id } = await placeOrderInChat(ctx.app, "en-owner-1", "I want 1 bamboo tea tray");
    expect(ctx.app.feed.after(0).some((i) => i.text.startsWith(`New order #${id} from customer `))).toBe(true);
  });
});

describe("the owner's Slack in Chinese (OWNER_LOCALE=zh)", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ env: { OWNER_LOCALE: "zh" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers /shop, posts notifications and labels buttons in Chinese", async () => {
    const help = await h.shop("help");
    expect(blocksText((await h.slack.waitForResponse(help.responseUrl)).body)).toMatch(/^命令：/);
    const { id } = await placeOrderInChat(h.app, "zh-slack-1", "I want 1 bamboo tea tray");
    await h.adapter.idle();
    const posted = await h.slack.waitForCall("chat.postMessage", (c) => c.params.channel === CHANNEL && String(c.params.text).startsWith(`新订单 #${id}`));
    expect(buttonsOf(posted.params).map((b) => b.text)).toEqual(["标记已付款", "标记已发货", "查看订单", "查看客户"]);
    const paid = await h.shop(`order ${id} paid`);
    expect(blocksText((await h.slack.waitForResponse(paid.responseUrl)).body)).toContain(`订单 #${id}：已下单 → 已付款。`);
    const stranger = await h.shop("orders", "U0STRANGER");
    expect((await h.slack.waitForResponse(stranger.responseUrl)).body.text).toMatch(/^抱歉，只有店主可以在这里操作。/);
  });
});

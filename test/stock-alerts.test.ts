/**
 * "Tell me when it's back": a customer waits for an out-of-stock product and is told in their chat,
 * once, when the owner restocks it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendStockAlerts } from "../core/inventory/send-stock-alerts.ts";
import type { CustomerMessenger } from "../core/ports.ts";
import type { Reply } from "../core/messages.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const owner = (command: string) => ctx.app.owner.handle(command).then(textOf);
const productBySku = (sku: string) => ctx.app.db.product.findUniqueOrThrow({ where: { sku } });
const customerOf = (externalId: string) => ctx.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId } } } });
async function chatLog(externalId: string) {
  const customer = await customerOf(externalId);
  return ctx.app.db.message.findMany({ where: { conversation: { customerId: customer.id }, direction: "outbound" }, orderBy: { id: "asc" } });
}

describe("back-in-stock alerts", () => {
  it("offers to tell the customer, keeps one request, and tells them once when the owner restocks", async () => {
    const envelopes = await productBySku("STA-004"); // out of stock in the demo shop
    expect(envelopes.stock).toBe(0);
    const customer = createCustomer(ctx.app, "alert-en");
    const offer = await customer.say("when will the envelopes be back?");
    expect(textOf(offer)).toContain("The Recycled Kraft Envelopes (20) is out of stock right now");
    expect(offer[0]?.buttons?.[0]).toEqual([{ label: "Tell me when it's back", payload: `a:${envelopes.id}` }]);
    expect(await ctx.app.db.stockAlert.count({ where: { productId: envelopes.id } })).toBe(0); // asked when, not to be told
    expect(textOf(await customer.press(`a:${envelopes.id}`))).toBe("I'll tell you here as soon as the Recycled Kraft Envelopes (20) is back in stock.");
    expect(textOf(await customer.say("notify me when the envelopes are back in stock"))).toContain("You're already on the list");
    expect(await ctx.app.db.stockAlert.count({ where: { productId: envelopes.id } })).toBe(1);

    const zh = createCustomer(ctx.app, "alert-zh", "zh");
    await zh.say("我想买信封");
    expect(textOf(await zh.say("到货通知我"))).toBe("再生牛皮纸信封（20 个）一到货，我就在这里通知您。");

    expect(await owner("digest")).toMatch(/• STA-004 Recycled Kraft Envelopes \(20\): 0 \(≤ \d+\), [^\n]*, 2 customers waiting for it/);
    expect(await owner("stock low")).toMatch(/STA-004 +0 LOW {2}Recycled Kraft Envelopes \(20\) — £6\.00 · 2 waiting/);
    expect(await owner("restock STA-004 10")).toBe("STA-004 Recycled Kraft Envelopes (20): stock 0 → 10. Told 2 customers waiting for it that it is back.");
    expect((await chatLog("alert-en")).at(-1)?.text).toBe("Good news: the Recycled Kraft Envelopes (20) is back in stock (£6.00, 10 available).");
    expect((await chatLog("alert-zh")).at(-1)?.text).toBe("好消息：再生牛皮纸信封（20 个）已到货（£6.00，库存 10 件）。");
    const alerts = await ctx.app.db.stockAlert.findMany({ where: { productId: envelopes.id } });
    expect(alerts.every((a) => a.notifiedAt !== null)).toBe(true);
    // Told once: the next restock tells nobody, and a question now hears it is in stock.
    expect(await owner("restock STA-004 5")).toBe("STA-004 Recycled Kraft Envelopes (20): stock 10 → 15.");
    expect(textOf(await customer.say("are the envelopes back in stock?"))).toBe("The Recycled Kraft Envelopes (20) is in stock (15 available).");
  });

  it("does not read 'I'll come back later' as a question about stock", async () => {
    const customer = createCustomer(ctx.app, "alert-not-asked");
    await customer.say("tell me about the celadon teapot");
    const later = textOf(await customer.say("ok, I'll come back later"));
    expect(later).not.toMatch(/is in stock|out of stock right now/);
    expect(await ctx.app.db.stockAlert.count({ where: { customer: { identities: { some: { externalId: "alert-not-asked" } } } } })).toBe(0);
  });

  it("shows the button on an out-of-stock card and when ordering it, and tells after 'product update … stock='", async () => {
    const blanket = await productBySku("HOM-001");
    await owner("stock HOM-001 0");
    const customer = createCustomer(ctx.app, "alert-card");
    const card = await customer.press(`p:${blanket.id}`);
    expect(card[0]?.buttons?.flat().map((b) => b.payload)).toEqual([`a:${blanket.id}`, `c:0:${blanket.category}`]);
    const ordering = await customer.press(`o:${blanket.id}`);
    expect(textOf(ordering)).toContain("Wool Throw Blanket");
    expect(ordering[0]?.buttons?.[0]?.[0]?.payload).toBe(`a:${blanket.id}`);
    await customer.press(`a:${blanket.id}`);
    expect(await owner("product update HOM-001 stock=3")).toContain("Told 1 customer waiting for it that it is back.");
  });

  it("tells each waiting customer once when two restocks run at the same time", async () => {
    const pen = await productBySku("STA-002");
    await owner("stock STA-002 0");
    for (const id of ["race-a", "race-b", "race-c"]) await createCustomer(ctx.app, id).press(`a:${pen.id}`);
    await ctx.app.db.product.update({ where: { id: pen.id }, data: { stock: 4 } });
    const sent: string[] = [];
    const messenger: CustomerMessenger = {
      async send(target, replies: Reply[]) {
        sent.push(`${target.externalUserId}: ${replies.map((r) => r.text).join(" ")}`);
        return true;
      },
    };
    const deps = { db: ctx.app.db, messenger, logger: ctx.logger };
    const counts = await Promise.all([sendStockAlerts(deps, { productId: pen.id, at: new Date() }), sendStockAlerts(deps, { productId: pen.id, at: new Date() })]);
    expect(counts[0]! + counts[1]!).toBe(3);
    expect(sent.map((s) => s.split(":")[0]).sort()).toEqual(["race-a", "race-b", "race-c"]);
  });
});

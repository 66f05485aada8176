/**
 * A customer's data rights, from the owner's side: `customer <id> export` hands over everything held
 * about them as one JSON document; `customer <id> erase` asks first, then removes every personal
 * field for good in one transaction, keeping the anonymous orders the accounts and figures need.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../prisma/generated/client.ts";
import { ZCustomerExport, type TCustomerExport } from "../core/customers/export-customer-data.ts";
import { PERSONAL_DATA } from "../core/customers/personal-data.ts";
import { withoutTexts } from "../core/customers/erase-customer-data.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";
import { createCustomerWithPersonalData, textColumns, whereFound, type CustomerWithPersonalData } from "./helpers/customer-with-personal-data.ts";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let zara: CustomerWithPersonalData;
let otto: CustomerWithPersonalData;
beforeAll(async () => {
  ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
  zara = await createCustomerWithPersonalData(ctx.app, "zaraqx", "+44 7911 123461");
  otto = await createCustomerWithPersonalData(ctx.app, "ottovw", "+44 7911 123582");
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const owner = (line: string) => ctx.app.owner.handle(line).then(textOf);

async function exportOf(customerId: number): Promise<TCustomerExport> {
  const [reply] = await ctx.app.owner.answer(`customer ${customerId} export`);
  expect(reply?.file, reply?.text).toMatchObject({ name: `customer-${customerId}.json`, mimeType: "application/json" });
  return ZCustomerExport.parse(JSON.parse(reply!.file!.content));
}

describe("customer <id> export", () => {
  it("hands over everything held about the customer as one JSON document", async () => {
    const data = await exportOf(zara.customerId);
    expect(data.schemaVersion).toBe(1);
    expect(data.exportedAt).toBe(ctx.clock.now().toISOString());
    expect(data.customer).toMatchObject({ id: zara.customerId, name: "Zaraqx Quillfeather", email: "zaraqx.quillfeather@example.org", phone: "+447911123461", erasedAt: null });
    expect(data.customer.address).toContain("zaraqx Marigold Crescent");
    expect(data.consent).toEqual({ marketing: false, givenAt: null, history: [] });
    expect(data.channelIdentities).toEqual([expect.objectContaining({ channel: "console", externalId: zara.session, username: "zaraqx_handle", displayName: "zaraqx Display" })]);
    const messages = data.conversations.flatMap((c) => c.messages);
    expect(messages.map((m) => m.text)).toContain("my parrot zaraqxbang adores oolong");
    expect(messages.find((m) => m.attachment !== null)?.attachment).toMatchObject({ fileName: "zaraqx-passport-scan.pdf" });
    expect(data.conversations[0]).toMatchObject({ mode: "handoff", handoffReason: "zaraqx Quillfeather is upset" });
    expect(data.orders.map((o) => o.id)).toEqual(zara.orderIds);
    const [shipped, refunded] = data.orders;
    expect(shipped).toMatchObject({ status: "shipped", trackingRef: "RMzaraqx991122334GB", totalMinor: 2500, currency: "GBP", lines: [{ sku: "CND-001", quantity: 2, unitPriceMinor: 1250 }] });
    expect(shipped!.shippingAddress).toContain("12 zaraqx Marigold Crescent");
    expect(shipped!.statusHistory.map((h) => h.to)).toEqual(["placed", "paid", "shipped"]);
    expect(refunded).toMatchObject({ status: "cancelled", paymentRef: "pay-zaraqx-55210", refundRef: "refund-zaraqx-77" });
    expect(data.lead?.stageChanges.map((s) => s.to)).toEqual(expect.arrayContaining(["lead", "paid"]));
    expect(data.events.map((e) => e.type)).toEqual(expect.arrayContaining(["contact_left", "order_placed", "order_paid", "order_refunded", "stock_alert_requested", "handoff_requested"]));
    expect(data.stockAlerts).toEqual([expect.objectContaining({ sku: "STA-004", notifiedAt: null })]);
    expect(data.followUps).toEqual([expect.objectContaining({ kind: "unpaid_order", subject: `order:${refunded!.id}` })]);
    // Nobody else's data.
    expect(JSON.stringify(data)).not.toContain("ottovw");
  });

  it("shows the document in the console, and says when there is no such customer", async () => {
    const text = await owner(`customer ${zara.customerId} export`);
    expect(text.split("\n")[0]).toMatch(new RegExp(`^Everything held about customer #${zara.customerId}: 2 orders, 1 conversation, \\d+ messages, \\d+ events \\(customer-${zara.customerId}\\.json\\)\\.$`));
    expect(JSON.parse(text.slice(text.indexOf("{")))).toMatchObject({ customer: { id: zara.customerId } });
    expect(await owner("customer 99999 export")).toBe("No customer #99999.");
    expect(await owner("customer 7 export now")).toBe("Usage: customer <id> export");
    // Plain `customer 7` is still the customer's card.
    expect(await owner(`customer ${zara.customerId}`)).not.toContain("Everything held");
  });
});

describe("which columns hold personal data", () => {
  it("classifies every column of every model, and nothing else", () => {
    const models = Object.values(Prisma.ModelName);
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual([...models].sort());
    for (const model of models) {
      const columns = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!);
      expect(columns.length, model).toBeGreaterThan(0);
      expect(Object.keys(PERSONAL_DATA[model]!).sort(), `${model}: classify every column in core/customers/personal-data.ts`).toEqual([...columns].sort());
    }
  });

  it("keeps an event's numbers and drops its texts", () => {
    expect(withoutTexts({ reason: "Ann called", orderId: 4, price: { maxMinor: 2000, order: "asc" }, productIds: [1, 2], ok: true })).toEqual({ orderId: 4, price: { maxMinor: 2000 }, productIds: [1, 2], ok: true });
    expect(withoutTexts({ reason: "Ann" })).toBeUndefined();
    expect(withoutTexts(["a", "b"])).toBeUndefined();
  });
});

describe("customer <id> erase", () => {
  it("says what will go and what stays, and changes nothing until confirmed", async () => {
    const [preview] = await ctx.app.owner.answer(`customer ${zara.customerId} erase`);
    expect(preview?.text).toContain(`Erasing customer #${zara.customerId} removes for good`);
    expect(preview?.text).toContain("Their 2 orders");
    expect(preview?.text).toContain(`customer ${zara.customerId} export`);
    expect(preview?.buttons).toEqual([[{ label: `Erase customer #${zara.customerId}`, command: { command: "customerErase", customerId: zara.customerId, confirm: true }, style: "danger" }]]);
    expect((await ctx.app.db.customer.findUniqueOrThrow({ where: { id: zara.customerId } })).erasedAt).toBeNull();
    for (const needle of zara.needles) expect(await whereFound(ctx.app.db, needle), needle).not.toEqual([]);
    expect(await owner("customer 99999 erase")).toBe("No customer #99999.");
    expect(await owner(`customer ${zara.customerId} erase please`)).toBe("Usage: customer <id> erase");
  });

  it("erases every personal string from every table, keeps the figures, and leaves other customers alone", async () => {
    const figures = async () => Promise.all(["sales 30", "funnel", "segments"].map((line) => owner(line)));
    const revenue = async () => (await ctx.app.db.order.aggregate({ where: { status: { in: ["paid", "shipped", "delivered"] } }, _sum: { totalMinor: true } }))._sum.totalMinor;
    const [figuresBefore, revenueBefore] = [await figures(), await revenue()];
    const rowsBefore = { orders: await ctx.app.db.order.count(), lines: await ctx.app.db.orderLine.count(), events: await ctx.app.db.event.count(), messages: await ctx.app.db.message.count() };
    // The console's confirm button: the command line it carries.
    const erased = await owner(`customer ${zara.customerId} erase confirm`);
    expect(erased).toMatch(new RegExp(`^Customer #${zara.customerId} erased: 1 chat account and 1 back-in-stock request deleted, \\d+ messages emptied; 2 orders kept, anonymous\\.`));

    // Every personal string is gone from every text column of every table.
    expect((await textColumns(ctx.app.db)).length).toBeGreaterThan(20);
    for (const needle of zara.needles) expect(await whereFound(ctx.app.db, needle), needle).toEqual([]);
    // The figures add up as before: same revenue, same orders, lines and events.
    expect(await revenue()).toBe(revenueBefore);
    expect(revenueBefore).toBeGreaterThan(0);
    expect(await figures()).toEqual(figuresBefore);
    expect({ orders: await ctx.app.db.order.count(), lines: await ctx.app.db.orderLine.count(), events: await ctx.app.db.event.count(), messages: await ctx.app.db.message.count() }).toEqual(rowsBefore);
    // The row stays, anonymous; their orders are still theirs.
    const customer = await ctx.app.db.customer.findUniqueOrThrow({ where: { id: zara.customerId }, include: { orders: true, identities: true, stockAlerts: true, conversations: true } });
    expect(customer).toMatchObject({ name: null, email: null, phone: null, address: null, externalRef: null, marketingConsent: false, erasedAt: ctx.clock.now(), identities: [], stockAlerts: [] });
    expect(customer.orders.map((o) => o.id).sort()).toEqual([...zara.orderIds].sort());
    expect(customer.conversations[0]).toMatchObject({ mode: "bot", handoffThreadRef: null, handoffReason: null, state: {} });
    // The audit trail keeps who did what to their orders, not the values (a tracking number, a refund's reference).
    const about = await ctx.app.db.auditEntry.findMany({ where: { subject: { in: zara.orderIds.map((id) => `order:${id}`) } } });
    expect(about.length).toBeGreaterThanOrEqual(4);
    expect(about.every((e) => e.before === null && e.after === null)).toBe(true);
    const erasure = await ctx.app.db.auditEntry.findFirstOrThrow({ where: { action: "customerErase", subject: `customer:${zara.customerId}` } });
    expect(erasure).toMatchObject({ actor: "console", before: { orders: 2, identities: 1 }, after: { erasedAt: ctx.clock.now().toISOString() } });
    const event = await ctx.app.db.event.findFirstOrThrow({ where: { customerId: zara.customerId, type: "handoff_requested", data: { path: ["orderId"], equals: zara.orderIds[0]! } } });
    expect(event.data).toEqual({ orderId: zara.orderIds[0] });

    // Otto's data is untouched.
    for (const needle of otto.needles) expect(await whereFound(ctx.app.db, needle), needle).not.toEqual([]);
    expect(await exportOf(otto.customerId)).toMatchObject({ customer: { name: "Ottovw Quillfeather", erasedAt: null } });
  });

  it("erases once, exports what is left, and a new message from the same chat starts a new customer", async () => {
    expect(await owner(`customer ${zara.customerId} erase confirm`)).toBe(`Customer #${zara.customerId}'s data was already erased on 2026-11-20 10:00.`);
    expect(await owner(`customer ${zara.customerId} erase`)).toBe(`Customer #${zara.customerId}'s data was already erased on 2026-11-20 10:00.`);
    const left = await exportOf(zara.customerId);
    expect(left.customer).toMatchObject({ name: null, email: null, erasedAt: ctx.clock.now().toISOString() });
    expect(left.channelIdentities).toEqual([]);
    expect(left.orders.map((o) => o.totalMinor)).toEqual([2500, 4800]);

    const again = createCustomer(ctx.app, zara.session);
    expect(textOf(await again.say("hi"))).not.toContain("zaraqx");
    const identity = await ctx.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: zara.session } } });
    expect(identity.customerId).not.toBe(zara.customerId);
    expect(await ctx.app.db.order.count({ where: { customerId: identity.customerId } })).toBe(0);
  });
});

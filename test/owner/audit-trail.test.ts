/**
 * The audit trail: every owner command that changes data (or hands a customer's data out) writes an
 * entry, with who and when, in the same transaction as the change; a command that only reads writes
 * none. The registry says which is which (`mutates`), and this file runs each command to hold it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyOwnerCommand } from "../../core/owner/commands/define-command.ts";
import { OWNER_COMMANDS } from "../../core/owner/commands/index.ts";
import { parseOwnerCommand } from "../../core/owner/parse-owner-command.ts";
import { createCustomer, createTestApp, placeOrderInChat, textOf } from "../helpers/test-app.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";

const REGISTRY: readonly AnyOwnerCommand[] = OWNER_COMMANDS;
const ACTOR = "slack:U0AUDIT1";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
/** For each command that changes data, a line that succeeds on the demo shop with the orders and chats made below. */
let changing: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
  const { id: toPay } = await placeOrderInChat(ctx.app, "audit-buyer-1", "I want 2 lavender candles", { address: "Jane Smith, 4 Park Lane, Oxford OX1 2AB" });
  const { id: toRefund } = await placeOrderInChat(ctx.app, "audit-buyer-2", "I want 1 celadon teapot");
  await ctx.app.owner.handle(`order ${toRefund} paid`);
  await ctx.app.owner.handle(`order ${toRefund} cancel`);
  await createCustomer(ctx.app, "audit-waiting").say("I want to talk to a person");
  const waiting = await ctx.app.db.conversation.findFirstOrThrow({ where: { mode: "handoff" } });
  const faq = await ctx.app.db.faqEntry.findFirstOrThrow();
  await createCustomer(ctx.app, "audit-forget-me").say("my name is Erin Erasable, erin@example.org");
  const forgetMe = await ctx.app.db.customer.findFirstOrThrow({ where: { email: "erin@example.org" } });
  const buyer = await ctx.app.db.order.findUniqueOrThrow({ where: { id: toPay } });
  // Someone a campaign can reach: consent on and a Telegram chat.
  await ctx.app.db.customer.create({ data: { name: "Opted In", marketingConsent: true, identities: { create: { channel: "telegram", externalId: "5550001" } }, conversations: { create: { channel: "telegram" } } } });
  changing = {
    order: `order ${toPay} paid`,
    tracking: `order ${toPay} tracking RM123456789GB`,
    refund: `order ${toRefund} refunded BANK-REF-1`,
    setStock: "stock TEA-001 12",
    restock: "restock TEA-001 10",
    productAdd: 'product add sku=TEA-9 name="Jasmine tea" price=8.50 category=Tea stock=20',
    productUpdate: "product update TEA-002 price=33.00",
    reply: `reply ${waiting.id} Yes, it ships tomorrow.`,
    resume: `resume ${waiting.id}`,
    faqAdd: "faq add Do you ship to Ireland? | Yes, in 3 to 5 days.",
    faqRemove: `faq remove ${faq.id}`,
    customerConsent: `customer ${buyer.customerId} consent on`,
    audienceSave: "audience save lapsed no-order=60d",
    audienceDelete: "audience delete lapsed",
    customerExport: `customer ${buyer.customerId} export`,
    customerErase: `customer ${forgetMe.id} erase confirm`,
    campaignNew: 'campaign new name="Audit" audience=opted-in text="Hello {first_name}"',
    campaignSend: "campaign 1 send",
    campaignCancel: "campaign 1 cancel",
    automationNew: 'automation new name="How is it?" when=delivered+7d text="Hi {first_name}, how is it?"',
    automationChange: "automation 2 pause",
    promoAdd: "promo add AUDIT10 percent=10 until=2026-12-31",
    promoEnd: "promo AUDIT10 end",
  };
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const entries = () => ctx.app.db.auditEntry.findMany({ orderBy: { id: "asc" } });

describe("the audit trail", () => {
  it("gets an entry, with the actor and the time, from every command that changes data", async () => {
    const mutating = REGISTRY.filter((c) => c.mutates);
    expect(mutating.length).toBeGreaterThanOrEqual(13);
    for (const command of mutating) {
      const line = changing[command.verb];
      expect(line, `${command.verb} changes data: give it a line that succeeds here, in test/owner/audit-trail.test.ts`).toBeDefined();
      expect(parseOwnerCommand(line!), line).toMatchObject({ ok: true, value: { command: command.verb } });
      const before = (await entries()).length;
      const answer = textOf(await ctx.app.owner.handle(line!, { actor: ACTOR }));
      const written = (await entries()).slice(before);
      expect(written.length, `${line} → ${answer}`).toBeGreaterThanOrEqual(1);
      for (const entry of written) expect(entry, line).toMatchObject({ actor: ACTOR, action: command.verb, at: ctx.clock.now() });
    }
  });

  it("records what changed, from what to what", async () => {
    const all = (await entries()).filter((e) => e.actor === ACTOR);
    const of = (action: string) => all.filter((e) => e.action === action);
    const paidOrder = changing.order!.split(" ")[1];
    expect(of("order")).toEqual([expect.objectContaining({ subject: `order:${paidOrder}`, before: { status: "placed" }, after: { status: "paid" } })]);
    expect(of("tracking")[0]).toMatchObject({ subject: `order:${paidOrder}`, before: { trackingRef: null }, after: { trackingRef: "RM123456789GB" } });
    expect(of("setStock")[0]).toMatchObject({ subject: "product:TEA-001", before: { stock: 40 }, after: { stock: 12 } });
    expect(of("restock")[0]).toMatchObject({ subject: "product:TEA-001", before: { stock: 12 }, after: { stock: 22 } });
    expect(of("productUpdate")[0]).toMatchObject({ subject: "product:TEA-002", before: { priceMinor: 3200 }, after: { priceMinor: 3300 } });
    expect(of("productAdd")[0]).toMatchObject({ subject: "product:TEA-9", before: null, after: { sku: "TEA-9", name: "Jasmine tea", priceMinor: 850, stock: 20 } });
    expect(of("faqAdd")[0]).toMatchObject({ before: null, after: { question: "Do you ship to Ireland?", answer: "Yes, in 3 to 5 days." } });
    expect(of("faqRemove")[0]?.before).toMatchObject({ question: expect.any(String) });
    expect(of("audienceSave")[0]).toMatchObject({ subject: "audience:lapsed", after: { definition: "no-order=60d", replaced: false } });
    expect(of("audienceDelete")[0]).toMatchObject({ subject: "audience:lapsed", before: { definition: expect.anything() }, after: null });
    expect(of("resume")[0]).toMatchObject({ before: { mode: "handoff" }, after: { mode: "bot" } });
    expect(of("campaignNew")[0]).toMatchObject({ subject: "campaign:1", before: null, after: { name: "Audit", audience: "opted-in", status: "draft" } });
    expect(of("campaignSend")[0]).toMatchObject({ subject: "campaign:1", before: { status: "draft" }, after: { status: "sending", recipients: 1 } });
    expect(of("campaignCancel")[0]).toMatchObject({ subject: "campaign:1", before: { status: "sending" }, after: { status: "cancelled", notSent: 1 } });
    expect(of("automationNew")[0]).toMatchObject({ subject: "campaign:2", before: null, after: { name: "How is it?", when: "delivered+7d", status: "sending" } });
    expect(of("automationChange")[0]).toMatchObject({ subject: "campaign:2", before: { status: "sending" }, after: { status: "paused", notSent: 0 } });
    expect(of("promoAdd")[0]).toMatchObject({ subject: "promo:AUDIT10", before: null, after: { kind: "percent", value: 10, endsAt: expect.any(String) } });
    expect(of("promoEnd")[0]).toMatchObject({ subject: "promo:AUDIT10", before: { endedAt: null }, after: { endedAt: ctx.clock.now().toISOString() } });
    expect(of("customerErase")[0]).toMatchObject({ before: { identities: 1 }, after: { erasedAt: ctx.clock.now().toISOString() } });
  });

  it("writes nothing for a command that only reads, or that changed nothing", async () => {
    const before = (await entries()).length;
    for (const command of REGISTRY.filter((c) => !c.mutates)) {
      for (const example of command.examples) await ctx.app.owner.handle(example, { actor: ACTOR });
    }
    // Changing commands that find nothing to do, or fail: nothing changed, nothing recorded.
    const paidOrder = changing.order!.split(" ")[1];
    expect(textOf(await ctx.app.owner.handle(`order ${paidOrder} paid`))).toContain("is already paid");
    expect(textOf(await ctx.app.owner.handle("order 99999 paid"))).toBe("No order #99999.");
    expect(textOf(await ctx.app.owner.handle("restock NOPE-1 5"))).toContain("NOPE-1");
    expect(textOf(await ctx.app.owner.handle(`customer 1 erase`))).toContain("Erasing customer #1");
    expect((await entries()).length).toBe(before);
  });

  it("runs a change and its entry in one transaction: when the entry cannot be written, the change is undone", async () => {
    const before = await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } });
    // The audit table out of reach: the stock is changed, then writing its entry fails.
    await ctx.app.db.$executeRawUnsafe(`ALTER TABLE "AuditEntry" RENAME TO "AuditEntryAway"`);
    try {
      expect(textOf(await ctx.app.owner.handle("restock TEA-003 7"))).toBe("Sorry, that failed on our side; the details are in the log.");
    } finally {
      await ctx.app.db.$executeRawUnsafe(`ALTER TABLE "AuditEntryAway" RENAME TO "AuditEntry"`);
    }
    expect(await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } })).toEqual(before);
    expect(ctx.logger.lines.some((l) => l.message === "owner command failed" && String(l.context?.error).includes("AuditEntry"))).toBe(true);
    // And with the table back, the same command changes the stock and records it.
    expect(textOf(await ctx.app.owner.handle("restock TEA-003 7"))).toContain(`stock ${before.stock} → ${before.stock + 7}`);
    expect((await entries()).at(-1)).toMatchObject({ action: "restock", subject: "product:TEA-003" });
  });

  it("lists the trail: the last changes, a customer's, a product's, in the owner's words", async () => {
    const all = textOf(await ctx.app.owner.handle("audit 3"));
    expect(all.split("\n")[0]).toBe("Changes, newest first (3): when · who · what · subject · before → after");
    expect(all.split("\n")).toHaveLength(4);
    const last = (await entries()).at(-1)!;
    expect(all.split("\n")[1]).toMatch(new RegExp(`^2026-11-20 10:00 · ${last.actor} · ${last.action} · ${last.subject} · `));
    const product = textOf(await ctx.app.owner.handle("audit product tea-001"));
    expect(product.split("\n")).toEqual([
      "Changes about TEA-001, newest first (2): when · who · what · subject · before → after",
      `2026-11-20 10:00 · ${ACTOR} · restock · product:TEA-001 · {"stock":12} → {"stock":22}`,
      `2026-11-20 10:00 · ${ACTOR} · setStock · product:TEA-001 · {"stock":40} → {"stock":12}`,
    ]);
    const paid = await ctx.app.db.order.findUniqueOrThrow({ where: { id: Number(changing.order!.split(" ")[1]) } });
    const customer = textOf(await ctx.app.owner.handle(`audit customer ${paid.customerId}`));
    expect(customer).toContain(`· order · order:${paid.id} · {"status":"placed"} → {"status":"paid"}`);
    expect(customer).toMatch(new RegExp(`· customerExport · customer:${paid.customerId} · — → \\{.*"exported":"customer-${paid.customerId}\\.json"`));
    expect(textOf(await ctx.app.owner.handle("audit product NOPE-1"))).toBe("No changes recorded about NOPE-1.");
    expect(textOf(await ctx.app.owner.handle("audit 0"))).toBe("Usage: audit [N|customer <id>|product <sku>]");
  });

  it("records the console as the actor when nobody is named", async () => {
    await ctx.app.owner.handle("restock TEA-005 1");
    expect((await entries()).at(-1)).toMatchObject({ actor: "console", action: "restock" });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
});
afterAll(async () => {
  await ctx?.close();
});

const owner = (command: string) => ctx.app.owner.handle(command).then(textOf);

async function placeOrder(session: string, text: string) {
  const customer = createCustomer(ctx.app, session);
  await customer.say(text);
  const placed = await customer.say("yes");
  const id = Number(/Order #(\d+)/.exec(textOf(placed))?.[1]);
  expect(id).toBeGreaterThan(0);
  expect(textOf(await customer.say("Jane Smith, 4 Park Lane, Oxford OX1 2AB"))).toContain(`Order #${id} will go to`);
  return { customer, id };
}

describe("the owner's back office", () => {
  it("lists the commands", async () => {
    const help = await owner("help");
    for (const command of ["leads", "orders", "order <id>", "stock", "restock", "product add", "product update", "funnel"]) expect(help).toContain(command);
  });

  it("sees a new order, marks it paid, shipped and delivered; the customer's status answer follows", async () => {
    const { customer, id } = await placeOrder("owner-flow-1", "I want 2 linen napkins sets");
    expect(await owner("orders")).toMatch(new RegExp(`#${id} PLACED — £52\\.00`));
    // A console customer has no name: the owner sees which customer, not "guest".
    const placed = await ctx.app.db.order.findUniqueOrThrow({ where: { id } });
    expect(await owner("orders")).toMatch(new RegExp(`#${id} PLACED — £52\\.00 — customer ${placed.customerId} — 2× `));
    expect(await owner(`order ${id} paid`)).toContain(`Order #${id}: placed → paid.`);
    expect(textOf(await customer.say(`where is order ${id}?`))).toContain("paid, being prepared");
    expect(await owner(`order ${id} shipped`)).toContain("paid → shipped");
    expect(textOf(await customer.say(`status of order #${id}`))).toContain(`Order #${id}: shipped`);
    expect(await owner(`order ${id} delivered`)).toContain("shipped → delivered");
    const order = await ctx.app.db.order.findUniqueOrThrow({ where: { id }, include: { statusHistory: { orderBy: { id: "asc" } } } });
    expect(order.statusHistory.map((h) => h.toStatus)).toEqual(["placed", "paid", "shipped", "delivered"]);
    const lead = await ctx.app.db.lead.findFirstOrThrow({ where: { customerId: order.customerId! } });
    expect(lead.stage).toBe("paid");
  });

  it("tells the customer in their chat when the order ships", async () => {
    const { id } = await placeOrder("owner-flow-2", "I want to buy 1 bamboo tea tray");
    await owner(`order ${id} shipped`);
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "owner-flow-2" } } } }, include: { messages: { orderBy: { id: "desc" }, take: 1 } } });
    expect(conversation.messages[0]?.text).toContain(`Order #${id}: shipped`);
  });

  it("cancels an order and the stock comes back; an impossible move is refused", async () => {
    const before = (await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "STA-003" } })).stock;
    const { id } = await placeOrder("owner-flow-3", "3 washi tape sets please");
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "STA-003" } })).stock).toBe(before - 3);
    expect(await owner(`order ${id} cancel`)).toContain("Stock returned");
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "STA-003" } })).stock).toBe(before);
    expect(await owner(`order ${id} shipped`)).toContain("cannot become shipped");
    expect(await owner("order 999999 paid")).toContain("No order #999999");
  });

  it("reminds the owner to refund when cancelling an order that was paid", async () => {
    const { id } = await placeOrder("owner-flow-refund", "2 washi tape sets please");
    await owner(`order ${id} paid`);
    expect(await owner(`order ${id} cancel`)).toContain(`Order #${id}: paid → cancelled. Stock returned. It was paid (£17.00): refund the customer through the way they paid, then record it with \`order ${id} refunded\`.`);
  });

  it("asks before shipping an order with no delivery address, and ships it when told 'anyway'", async () => {
    const customer = createCustomer(ctx.app, "owner-no-address");
    await customer.say("I want 1 handmade bud vase");
    const id = Number(/Order #(\d+)/.exec(textOf(await customer.say("yes")))?.[1]);
    const asked = await ctx.app.owner.handle(`order ${id} shipped`);
    expect(textOf(asked)).toContain(`Order #${id} has no delivery address yet`);
    expect(asked[0]?.buttons?.flat().map((b) => b.payload)).toEqual([`order ${id} shipped anyway`, `order ${id}`]);
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).status).toBe("placed");
    expect(await owner(`order ${id} shipped anyway`)).toContain("placed → shipped");
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).status).toBe("shipped");
    expect(await owner(`order ${id} shipped later`)).toContain("Usage: order <id>");
  });

  it("lists the orders placed today or yesterday, whatever their status", async () => {
    const { id: todays } = await placeOrder("owner-orders-today", "I want 1 washi tape set");
    const { id: earlier } = await placeOrder("owner-orders-yesterday", "I want 1 lavender soy candle");
    const yesterday = new Date(ctx.clock.now().getTime() - 86_400_000);
    await ctx.app.db.order.update({ where: { id: earlier }, data: { placedAt: yesterday, createdAt: yesterday, status: "paid" } });
    const today = await owner("orders today");
    expect(today).toContain(`#${todays} PLACED`);
    expect(today).not.toContain(`#${earlier} `);
    const before = await owner("orders yesterday");
    expect(before).toContain(`#${earlier} PAID`);
    expect(before).not.toContain(`#${todays} `);
    expect(await ctx.app.owner.handleText("show me yesterday's orders").then(textOf)).toBe(before);
  });

  it("lists open orders first", async () => {
    const { id: shippedId } = await placeOrder("owner-flow-4", "order 1 handmade bud vase");
    await owner(`order ${shippedId} shipped`);
    await owner(`order ${shippedId} delivered`);
    const { id: openId } = await placeOrder("owner-flow-5", "order 1 handmade bud vase");
    const all = await owner("orders all");
    expect(all.indexOf(`#${openId} `)).toBeLessThan(all.indexOf(`#${shippedId} `));
    expect(await owner("orders")).not.toContain(`#${shippedId} `);
  });

  it("lists leads newest first with stage and contact", async () => {
    await createCustomer(ctx.app, "lead-1").say("my email is first@example.com");
    ctx.clock.advance(60_000);
    await createCustomer(ctx.app, "lead-2").say("my email is second@example.com");
    const leads = await owner("leads");
    expect(leads.indexOf("second@example.com")).toBeLessThan(leads.indexOf("first@example.com"));
    expect(leads).toMatch(/second@example\.com/);
    expect(leads).toMatch(/— lead —/);
  });

  it("sets and restocks stock, refusing nonsense", async () => {
    expect(await owner("stock TEA-005 12")).toContain("TEA-005 Chamomile Honey Herbal Tea: stock 3 → 12.");
    expect(await owner("restock tea-005 8")).toContain("stock 12 → 20");
    expect(await owner("restock TEA-005 -4")).toContain("Usage: restock");
    expect(await owner("stock TEA-005 lots")).toContain("Usage: stock");
    expect(await owner("restock NOPE-1 3")).toContain("No product with SKU NOPE-1");
    expect(await owner("stock low")).toContain("STA-004");
    expect(await owner("stock")).toMatch(/TEA-005\s+20/);
  });

  it("adds and updates a product that customers can then find", async () => {
    const added = await owner('product add sku=TEA-900 name="White Peony Tea" price=11.50 category=Tea stock=7 description="Loose white tea from Fujian." name_zh=白牡丹 category_zh=茶叶 tags=white,loose');
    expect(added).toContain("Added TEA-900 White Peony Tea — £11.50, stock 7");
    expect(await owner('product add sku=TEA-900 name="Again" price=1 category=Tea')).toContain("already exists");
    expect(await owner('product add sku=BAD name="No price" category=Tea')).toMatch(/Please fix: .*priceMinor/);
    expect(await owner('product add sku=X1 name=Y price=12.345 category=Tea')).toContain('price "12.345" is not an amount');
    expect(await owner("product update TEA-900 price=12 active=yes")).toContain("Updated TEA-900 White Peony Tea — £12.00 (was £11.50), stock 7, active.");
    expect(await owner("product update TEA-900 stock=7")).toContain("— £12.00, stock 7");
    // An update changes only what it names: stock, threshold and the rest stay as they were.
    expect(await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-900" } })).toMatchObject({ priceMinor: 1200, stock: 7, lowStockThreshold: 5, tags: ["white", "loose"], nameZh: "白牡丹", categoryZh: "茶叶" });
    expect(await owner("product update TEA-900 colour=red")).toContain('unknown field "colour"');
    const customer = createCustomer(ctx.app, "finds-new");
    expect(textOf(await customer.say("how much is the white peony tea?"))).toContain("White Peony Tea — £12.00");
    await owner("product update TEA-900 active=no");
    expect(textOf(await customer.say("how much is the white peony tea?"))).not.toContain("White Peony Tea — £12.00");
  });

  it("shows the funnel: counts now by stage, and the last 7 days with conversion rates", async () => {
    const funnel = await owner("funnel");
    const groups = await ctx.app.db.lead.groupBy({ by: ["stage"], _count: { _all: true } });
    const labels: Record<string, string> = { visitor: "Visitors", engaged: "Engaged", lead: "Leads", cart: "Carts", ordered: "Ordered", paid: "Paid", repeat: "Repeat buyers" };
    for (const group of groups) expect(funnel).toMatch(new RegExp(`${labels[group.stage]}.*· now ${group._count._all}\\b`));
    expect(funnel).toContain("Funnel, last 7 days");
    expect(funnel).toMatch(/Ordered\s+\d+ \(\+\d+\)\s+\d+\.\d%/);
  });

  it("answers a customer from the inbox and hands the conversation back to the bot", async () => {
    const customer = createCustomer(ctx.app, "inbox-customer");
    await customer.say("my email is inbox.customer@example.org");
    await customer.say("I need to speak to a human");
    const inbox = await owner("inbox");
    const conversationId = Number(/Conversation (\d+)/.exec(inbox)?.[1]);
    expect(inbox).toContain("I need to speak to a human");
    // Who it is: the contact they left and the customer number for `customer <id>`.
    expect(inbox).toMatch(/Conversation \d+ — \(no name\), inbox\.customer@example\.org \(customer \d+, console, en\)/);
    expect(await owner(`reply ${conversationId} Hello, this is the owner. How can I help?`)).toContain(`Sent to conversation ${conversationId}`);
    const messages = await ctx.app.db.message.findMany({ where: { conversationId }, orderBy: { id: "desc" }, take: 1 });
    expect(messages[0]).toMatchObject({ direction: "owner", text: "Hello, this is the owner. How can I help?" });
    expect(await owner(`resume ${conversationId}`)).toContain("answers conversation");
    // The customer is told the assistant is back (the console reads the conversation's log).
    const told = await ctx.app.db.message.findMany({ where: { conversationId }, orderBy: { id: "desc" }, take: 1 });
    expect(told[0]).toMatchObject({ direction: "outbound", text: "The owner has handed the chat back to me, the shop's assistant. Anything else I can help with?" });
    // A second resume tells no one again.
    expect(await owner(`resume ${conversationId}`)).toContain("was not waiting for you");
    expect(await ctx.app.db.message.count({ where: { conversationId, text: { startsWith: "The owner has handed the chat back" } } })).toBe(1);
    expect(textOf(await customer.say("hi"))).toContain("Welcome");
  });

  it("reads the owner's plain words in the console as Slack does, and keeps typed commands exact", async () => {
    const says = (text: string) => ctx.app.owner.handleText(text).then(textOf);
    expect(await says("what's running low?")).toMatch(/^Stock \(\d+ products? at or below/);
    const customer = createCustomer(ctx.app, "owner-words");
    await customer.say("I want 1 washi tape set");
    const id = Number(/Order #(\d+)/.exec(textOf(await customer.say("yes")))?.[1]);
    await customer.say("Jane Smith, 4 Park Lane, Oxford OX1 2AB");
    expect(await says(`mark order ${id} as paid`)).toContain(`Order #${id}`);
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).status).toBe("paid");
    expect(await says(`订单${id}已发货`)).toContain(`Order #${id}`);
    expect((await ctx.app.db.order.findUniqueOrThrow({ where: { id } })).status).toBe("shipped");
    // Typed commands run as typed; a known command with wrong arguments keeps its usage line.
    expect(await says("stock low")).toBe(await owner("stock low"));
    expect(await says("forecast 9")).toContain("Usage: forecast [7|14|30]");
    expect(await says("sing me a song")).toContain("Type `help` for the list of commands.");
    const before = (await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-005" } })).stock;
    expect(await says("restock the chamomile honey herbal tea with 20")).toContain("TEA-005");
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-005" } })).stock).toBe(before + 20);
  });

  it("answers unknown commands politely", async () => {
    expect(await owner("dance")).toContain('I don\'t know "dance"');
    expect(await owner("forecast 9")).toContain("Usage: forecast [7|14|30]");
    expect(await owner("")).toContain("Commands:");
  });

  it("answers how sales are going: today so far, the last 7 days, with best sellers", async () => {
    const figures = (text: string) => {
      const m = /^Today \(2026-11-20, so far\): £([\d.]+) from (\d+) orders?/.exec(text);
      expect(m, text).not.toBeNull();
      return { revenue: Number(m![1]), orders: Number(m![2]) };
    };
    const before = figures(await owner("sales"));
    await placeOrder("owner-sales", "I want 3 beeswax taper candles");
    const after = await owner("sales today");
    expect(figures(after)).toEqual({ revenue: before.revenue + 27, orders: before.orders + 1 });
    expect(after).toMatch(/^Yesterday by this time: £[\d.]+ from \d+ orders?\.$/m);
    expect(after).toMatch(/^• Beeswax Taper Candles \(pair\): \d+ × — £[\d.]+$/m);
    expect(await owner("sales 7")).toMatch(/^The last 7 days \(2026-11-14 – 2026-11-20\): £[\d.]+ from \d+ orders? \(average £[\d.]+\)\.\nThe 7 days before: /);
    expect(await owner("sales 9")).toContain("Usage: sales [today|yesterday|7|30|90]");
    expect(textOf(await ctx.app.owner.handleText("what sold best this week?"))).toMatch(/^The last 7 days/);
  });

  it("answers forecast, segments, customer and digest from the analytics engines", async () => {
    const forecast = await owner("forecast 14");
    expect(forecast).toMatch(/Forecast for the next 14 days: revenue £[\d.]+ \(80%: £[\d.]+–£[\d.]+\)/);
    expect(forecast).toContain("Low confidence");
    expect(forecast.split("\n").filter((l) => /^\d{4}-\d{2}-\d{2}: /.test(l))).toHaveLength(14);
    expect(await owner("segments")).toMatch(/Customer segments \(RFM k-means, k=\d/);
    const order = await ctx.app.db.order.findFirstOrThrow({ where: { customerId: { not: null } } });
    const customer = await owner(`customer ${order.customerId}`);
    expect(customer).toContain("Chance of ordering within 14 days");
    expect(customer).toContain("prior model");
    expect(customer).toMatch(/Lifetime value: £[\d.]+/);
    const digest = await ctx.app.owner.handle("digest");
    expect(digest[0]?.text).toMatch(/^Daily digest — \d{4}-\d{2}-\d{2}$/);
    const text = textOf(digest);
    for (const heading of ["Yesterday", "Next 7 days", "Funnel (the 7 days to yesterday)", "Hottest leads", "Stock to reorder", "Best sellers"]) expect(text).toContain(heading);
    expect(text).toContain("STA-004");
    const chart = digest.find((r) => r.imageUrl);
    expect(chart?.imageUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it("lists the customers worth most, a regular big spender first", async () => {
    const now = ctx.clock.now().getTime();
    const regular = await ctx.app.db.customer.create({ data: { name: "Regular Rita", locale: "en" } });
    const once = await ctx.app.db.customer.create({ data: { name: "Once-only Olly", locale: "en" } });
    const day = 86_400_000;
    const orders = [
      ...[150, 120, 90, 60, 30, 5].map((daysAgo) => ({ customerId: regular.id, placedAt: new Date(now - daysAgo * day), totalMinor: 50_000 })),
      { customerId: once.id, placedAt: new Date(now - 400 * day), totalMinor: 1_000 },
    ];
    for (const o of orders) await ctx.app.db.order.create({ data: { customerId: o.customerId, status: "delivered", channel: "console", totalMinor: o.totalMinor, currency: "GBP", placedAt: o.placedAt, createdAt: o.placedAt } });
    const top = await owner("top 3");
    const lines = top.split("\n");
    expect(lines[0]).toMatch(/^Top \d customers by expected future value \(annual retention \d+%, expected lifetime [\d.]+ years\):$/);
    expect(lines[1]).toMatch(new RegExp(`^1\\. #${regular.id} Regular Rita — expected £[\\d,.]+ more, lifetime £[\\d,.]+ \\(spent £3,000\\.00 in 6 orders, average £500\\.00; 100% likely still active\\)$`));
    expect(top).not.toContain("Once-only Olly");
    expect(await owner("top 0")).toContain("Usage: top [1–50]");
    expect(await owner("top customers 2")).toMatch(/^Top 2 customers/);
  });
});

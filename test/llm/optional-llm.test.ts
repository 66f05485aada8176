import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { messagesFor } from "../../core/i18n.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";
import { createCustomer, createTestApp, textOf } from "../helpers/test-app.ts";
import { startFakeOpenAi, type FakeOpenAiServer } from "./fake-openai-server.ts";

const en = messagesFor("en");
const GIBBERISH = "wibble wobble flarn";

// One app, one database and one fake model server for the file; each test scripts the server.
let fake: FakeOpenAiServer;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let logLines: { level: string; message: string; context?: Record<string, unknown> }[];
let customers = 0;
const newCustomer = () => createCustomer(ctx.app, `llm-${++customers}`);

beforeAll(async () => {
  fake = await startFakeOpenAi();
  ctx = await createTestApp({
    modelCacheDir: SHARED_MODEL_CACHE,
    env: { OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: fake.url, OPENAI_MODEL: "tiny-model", OPENAI_TIMEOUT_MS: "500" },
  });
  logLines = (ctx.logger as unknown as { lines: typeof logLines }).lines;
  // The first call loads the HTTP client's lazy parts; keep that out of the timed tests.
  fake.answerJson({ intent: "oos", confidence: 1 });
  await createCustomer(ctx.app, "llm-warm-up").say(GIBBERISH);
});
afterAll(async () => {
  await ctx?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
  logLines.length = 0;
});

const fallbackWarnings = () => logLines.filter((l) => l.level === "warn" && l.message.includes("llm"));

describe("a message the classifier cannot place", () => {
  it("is routed by the model's reading, through the same router", async () => {
    fake.answerJson({ intent: "order_status", productSku: null, quantity: null, confidence: 0.9 });
    const replies = await newCustomer().say(GIBBERISH);
    expect(textOf(replies)).toBe(en.noOrders());
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.authorization).toBe("Bearer sk-test-key");
    expect(request.body.model).toBe("tiny-model");
    expect(request.body.response_format).toEqual({ type: "json_object" });
    expect(request.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(request.body.messages[1]!.content).toContain(GIBBERISH);
    // The intents come with the one-line descriptions from prompts/intents/customer/*.txt.
    expect(request.body.messages[0]!.content).toMatch(/- order_status: Customer asks where their order is/);
    expect(request.body.messages[0]!.content).toContain("CER-002 | Blue Speckled Mug | £16.00");
  });

  it("is never sent to the model when the classifier is sure", async () => {
    fake.answerJson({ intent: "complaint", confidence: 1 });
    const replies = await newCustomer().say("hello");
    expect(textOf(replies)).toContain("Welcome to Solo Home & Tea");
    expect(fake.requests).toHaveLength(0);
  });

  it("can only start an order: the customer still confirms and nothing is sold", async () => {
    const stockBefore = (await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "CER-002" } })).stock;
    fake.answerJson({ intent: "place_order", productSku: "CER-002", quantity: 2, confidence: 0.95 });
    const customer = newCustomer();
    const replies = await customer.say(GIBBERISH);
    expect(textOf(replies)).toBe(en.confirmOrder("2 × Blue Speckled Mug @ £16.00", "£32.00"));
    expect(replies[0]?.buttons?.flat().map((b) => b.label)).toEqual([en.confirmButton(), en.cancelButton(), en.addMoreButton()]);
    expect(await ctx.app.db.order.count({ where: { customer: { identities: { some: { externalId: `llm-${customers}` } } } } })).toBe(0);
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "CER-002" } })).stock).toBe(stockBefore);
  });

  it("sends the model only the message, the intents and the public catalog: no customer or order data", async () => {
    // Another customer with a name, an email and an order.
    const other = createCustomer(ctx.app, "llm-other");
    await ctx.app.customer.handle({ channel: "console", externalUserId: "llm-other", text: "hello", displayName: "Zelda Privatperson" });
    await other.say("my email is zelda.private@example.com");
    await other.say("how much is the blue speckled mug?");
    await other.say("four please");
    await other.pressLabel(en.confirmButton());
    const order = await ctx.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "llm-other" } } } } });
    expect(order.totalMinor).toBe(6_400);

    fake.answerJson({ intent: "order_status", confidence: 0.9 });
    const me = createCustomer(ctx.app, "llm-curious");
    await ctx.app.customer.handle({ channel: "console", externalUserId: "llm-curious", text: "hello", displayName: "Mallory Curious" });
    const replies = await me.say(GIBBERISH);
    // The reading only routes: order status shows this customer's own orders (none).
    expect(textOf(replies)).toBe(en.noOrders());
    const raw = fake.requests.map((r) => r.raw).join("\n");
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const secret of ["zelda.private@example.com", "Zelda", "Privatperson", "Mallory", "llm-other", "llm-curious", `#${order.id}`, "£64.00"]) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toMatch(/"(orders?|customers?|email|phone)"\s*:/i);
  });

  it("maps a Chinese message the same way", async () => {
    fake.answerJson({ intent: "order_status", confidence: 0.8 });
    const replies = await createCustomer(ctx.app, "llm-zh").say("嘟嘟嘟 噗噗");
    expect(fake.requests).toHaveLength(1);
    expect(textOf(replies)).toBe(messagesFor("zh").noOrders());
  });
});

describe("when the model fails, the local answer stands", () => {
  // The words are none the shop knows, so the local answer says it did not understand them.
  const localAnswer = en.notUnderstood();

  it.each([
    ["prose instead of JSON", { content: "Sure! The customer wants to know about their order." }],
    ["an empty answer", { content: "" }],
    ["an intent it was not offered", { content: JSON.stringify({ intent: "refund_everything", confidence: 0.99 }) }],
    ["a SKU not in the catalog", { content: JSON.stringify({ intent: "place_order", productSku: "NOPE-999", quantity: 1, confidence: 0.99 }) }],
    ["a quantity out of range", { content: JSON.stringify({ intent: "place_order", productSku: "CER-002", quantity: 500, confidence: 0.99 }) }],
    ["a confidence out of range", { content: JSON.stringify({ intent: "order_status", confidence: 7 }) }],
    ["a guess below the confidence bar", { content: JSON.stringify({ intent: "order_status", confidence: 0.1 }) }],
    ["a server error (500)", { status: 500 }],
    ["a rate limit (429)", { status: 429 }],
  ])("on %s", async (_name, script) => {
    fake.answer(script);
    const replies = await newCustomer().say(GIBBERISH);
    expect(fake.requests).toHaveLength(1);
    expect(textOf(replies)).toBe(localAnswer);
  });

  it("on a server slower than the timeout, without waiting for it", async () => {
    fake.answer({ delayMs: 4_000, content: JSON.stringify({ intent: "order_status", confidence: 0.9 }) });
    const started = performance.now();
    const replies = await newCustomer().say(GIBBERISH);
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(textOf(replies)).toBe(localAnswer);
    expect(fallbackWarnings()).toEqual([expect.objectContaining({ context: expect.objectContaining({ prompt: "interpret_message", reason: "timeout" }) })]);
  });

  it("logs the cause, never the customer's words", async () => {
    fake.answer({ status: 500 });
    await newCustomer().say("flarn wibble hunter2 zorp");
    const warnings = fallbackWarnings();
    expect(warnings).toEqual([expect.objectContaining({ context: expect.objectContaining({ prompt: "interpret_message", reason: "http", status: 500 }) })]);
    expect(JSON.stringify(logLines)).not.toContain("hunter2");
  });
});

describe("a free-form question about a product", () => {
  it("is answered by the model above the product card", async () => {
    const answer = "Yes — the Celadon Teapot is dishwasher safe, infuser included.";
    fake.answerJson({ answer, productSkus: ["CER-001"], language: "en" });
    const replies = await newCustomer().say("is the celadon teapot dishwasher safe?");
    expect(replies).toHaveLength(2);
    expect(replies[0]).toEqual({ text: answer });
    expect(replies[1]!.text).toContain("Celadon Teapot — £48.00");
    expect(replies[1]!.buttons?.flat().map((b) => b.label)).toContain(en.orderButton());
    // The model saw that product's public fields only.
    const system = fake.requests[0]!.body.messages[0]!.content;
    expect(system).toContain("CER-001");
    expect(system).toContain("Dishwasher safe.");
    expect(system).not.toContain("CER-002");
    expect(system).not.toMatch(/lowStockThreshold|"stock"/);
  });

  it("follows up on the product just shown ('is it…?')", async () => {
    const customer = newCustomer();
    await customer.say("how much is the celadon teapot?");
    expect(fake.requests).toHaveLength(0);
    fake.answerJson({ answer: "Yes, it is dishwasher safe.", productSkus: ["CER-001"], language: "en" });
    const replies = await customer.say("is it dishwasher safe?");
    expect(replies.map((r) => r.text.split("\n")[0])).toEqual(["Yes, it is dishwasher safe.", "Celadon Teapot — £48.00"]);
    expect(fake.requests[0]!.body.messages[1]!.content).toContain("is it dishwasher safe?");
  });

  it("answers in Chinese when asked in Chinese", async () => {
    fake.answerJson({ answer: "青瓷茶壶很适合送礼：青瓷釉色雅致，还配不锈钢滤网。", productSkus: ["CER-001"], language: "zh" });
    const replies = await createCustomer(ctx.app, "llm-gift").say("这个青瓷茶壶适合送礼吗");
    expect(replies[0]!.text).toContain("适合送礼");
    expect(replies[1]!.text).toContain("青瓷茶壶 — £48.00");
    expect(fake.requests[0]!.body.messages[0]!.content).toContain("Answer in Simplified Chinese.");
  });

  it("is not sent to the model when it only asks for the product or its price", async () => {
    fake.answerJson({ answer: "It costs £48.", productSkus: ["CER-001"], language: "en" });
    const replies = await newCustomer().say("how much is the celadon teapot?");
    expect(fake.requests).toHaveLength(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("Celadon Teapot — £48.00");
  });

  it.each([
    ["a link", { answer: "Yes, see https://evil.example.com/teapot for details.", productSkus: ["CER-001"], language: "en" }],
    ["another product", { answer: "Yes, and so is the mug.", productSkus: ["CER-001", "CER-002"], language: "en" }],
    ["the wrong language", { answer: "是的，可以用洗碗机清洗。", productSkus: ["CER-001"], language: "zh" }],
    ["an answer over 600 characters", { answer: "Yes. ".repeat(200), productSkus: ["CER-001"], language: "en" }],
  ])("falls back to the description's own sentence and the card on an answer with %s", async (_name, value) => {
    fake.answerJson(value);
    const replies = await newCustomer().say("is the celadon teapot dishwasher safe?");
    expect(fake.requests).toHaveLength(1);
    // The model's answer is dropped; what the shop wrote answers instead, then the card.
    expect(replies.map((r) => r.text)).toEqual(["About the care of the Celadon Teapot: Dishwasher safe.", expect.stringContaining("Celadon Teapot — £48.00")]);
  });

  it("keeps the customer's wait to one timeout when a turn asks the model twice", async () => {
    // Reading the message takes 250 ms and answering about the product it names 400 ms: each is
    // within the configured 500 ms, but the turn's budget is 500 ms in all, so the second call is cut
    // short and the card goes out alone.
    fake.answer((request) =>
      fake.requests.indexOf(request) === 0
        ? { delayMs: 250, content: JSON.stringify({ intent: "product_question", productSku: "CER-001", quantity: null, confidence: 0.9 }) }
        : { delayMs: 400, content: JSON.stringify({ answer: "Yes, it is dishwasher safe.", productSkus: ["CER-001"], language: "en" }) },
    );
    const replies = await newCustomer().say(GIBBERISH);
    expect(fake.requests).toHaveLength(2);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("Celadon Teapot — £48.00");
    expect(fallbackWarnings()).toEqual([expect.objectContaining({ context: expect.objectContaining({ prompt: "answer_product_question", reason: "timeout" }) })]);
  });

  it("falls back to the description's own sentence and the card when the model times out", async () => {
    fake.answer({ delayMs: 4_000, content: "{}" });
    const replies = await newCustomer().say("is the celadon teapot dishwasher safe?");
    expect(replies.map((r) => r.text)).toEqual(["About the care of the Celadon Teapot: Dishwasher safe.", expect.stringContaining("Celadon Teapot — £48.00")]);
    expect(fallbackWarnings()).toEqual([expect.objectContaining({ context: expect.objectContaining({ prompt: "answer_product_question", reason: "timeout" }) })]);
  });
});

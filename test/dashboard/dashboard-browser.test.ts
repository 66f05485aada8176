/**
 * The owner's dashboard in Chromium (playwright-core), on the demo shop with its four months of
 * history, started as `npm start` starts it: the overview's charts draw the figures the commands say,
 * the customer table searches and sorts, a customer's page shows their order, marking an order shipped
 * in the browser tells the customer in the console chat, an exported CSV parses back with the same
 * rows, a new order appears without a reload, and axe-core finds no serious or critical violation,
 * at 375 px too. One browser for the file.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { createMemoryLogger } from "../../bot/logger.ts";
import { startShop, type RunningShop } from "../../bot/start.ts";
import { findChromium, launchChromium } from "../helpers/chromium.ts";
import { placeOrderInChat, textOf } from "../helpers/test-app.ts";
import { createScratchPostgres, TEST_DATABASE_URL } from "../helpers/test-database.ts";

const found = await findChromium();
if (!found.ok) console.warn(`dashboard browser tests skipped: ${found.missing}`);
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const dataDir = mkdtempSync(path.join(tmpdir(), "solo-sales-dashboard-"));
let shop: RunningShop;
let browser: Browser;
let context: BrowserContext;
let dropScratch: (() => Promise<void>) | undefined;
let dashboardUrl: string;
let origin: string;

beforeAll(async () => {
  if (!found.ok) return;
  let databaseUrl: string | undefined;
  if (TEST_DATABASE_URL) {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL);
    databaseUrl = scratch.url;
    dropScratch = scratch.drop;
  }
  shop = await startShop({ config: loadConfig({ DATA_DIR: dataDir, PORT: "0", DIGEST_ENABLED: "false", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }), logger: createMemoryLogger() });
  const link = new URL(shop.consoleUrl!);
  origin = link.origin;
  dashboardUrl = `${origin}/dashboard${link.hash}`;
  browser = await launchChromium();
  // axe-core is injected as a script: the test's context lets it past the page's policy (the page itself allows only its own scripts).
  context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
  const signIn = await context.newPage();
  await signIn.goto(dashboardUrl);
  await signIn.waitForSelector("main[data-view=overview]");
  await signIn.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await shop?.stop();
  await dropScratch?.();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A page of the dashboard, signed in (the token is in the context's session storage only per tab, so through the link). */
async function open(route: string, width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(dashboardUrl);
  await page.waitForSelector("main[data-view=overview]");
  if (route !== "overview") {
    await page.evaluate((r) => ((globalThis as unknown as { location: { hash: string } }).location.hash = `#/${r}`), route);
    await page.waitForSelector(`main[data-view="${route}"]`);
  }
  return page;
}

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
    const { violations } = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ["violations"] });
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

const owner = (line: string) => shop.app.owner.handle(line).then(textOf);

describe.skipIf(!found.ok)(`the dashboard in Chromium (${found.ok ? found.source : `skipped: ${found.missing}`})`, () => {
  it("draws the overview's charts with the figures the commands say", async () => {
    const page = await open("overview");
    await page.getByRole("radio", { name: "Last 30 days" }).check();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { dashboardCharts: { revenue?: { data(n: string): { value: number; kind: string }[] } } }).dashboardCharts.revenue?.data("series").length ?? 0)).toBeGreaterThan(30);
    const sales = await owner("sales 30");
    const revenue = await page.locator("[data-kpi=revenue] .value").innerText();
    const orders = await page.locator("[data-kpi=orders] .value").innerText();
    const average = await page.locator("[data-kpi=average] .value").innerText();
    expect(sales).toContain(`: ${revenue} from ${orders} orders (average ${average}).`);
    // The revenue chart drew the same days: their sum is `sales 30`'s revenue.
    const series = await page.evaluate(() => (globalThis as unknown as { dashboardCharts: { revenue: { data(n: string): { value: number; kind: string }[] } } }).dashboardCharts.revenue.data("series"));
    const actual = series.filter((d) => d.kind === "actual");
    expect(actual).toHaveLength(30);
    expect(actual.reduce((sum, d) => sum + d.value, 0)).toBeCloseTo(Number(revenue.replace(/[£,]/g, "")), 2);
    expect(await page.locator("#revenue-chart svg path").count()).toBeGreaterThan(2);
    expect(await owner("forecast 30")).toContain(`Forecast for the next 30 days: revenue ${/: (£[\d,.]+) \(80%/.exec(await page.locator("#forecast-total").innerText())![1]}`);
    // The funnel's bars and the bottleneck the `funnel` command names.
    const bars = await page.evaluate(() => (globalThis as unknown as { dashboardCharts: { funnel: { data(n: string): { stage: string; count: number }[] } } }).dashboardCharts.funnel.data("stages"));
    const funnel = await owner("funnel");
    for (const bar of bars) expect(funnel).toMatch(new RegExp(`${bar.stage}\\s+${bar.count} \\(`));
    const bottleneck = await page.locator("#bottleneck").innerText();
    expect(funnel).toContain(bottleneck);
    // Hot leads and low stock as `hot` and `stock low` list them.
    const hot = await owner("hot 10");
    const firstLead = page.locator("tr[data-customer]").first();
    expect(hot).toContain(`1. ${(await firstLead.locator("a").innerText())} — ${await firstLead.locator("td.num").innerText()}`);
    const low = await owner("stock low");
    for (const sku of await page.locator("tr[data-sku]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-sku")))) expect(low).toContain(sku!);
    expect(await seriousViolations(page)).toEqual([]);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("is readable at 375 px and reachable from the keyboard", async () => {
    const page = await open("overview", 375);
    await expect.poll(() => page.locator("#revenue-chart svg").count()).toBe(1);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.id")).toBe("skip-link");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Overview");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector("main[data-view=customers]");
    expect(await page.evaluate("document.activeElement?.tagName")).toBe("H2");
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("searches and sorts the customers, and shows a customer's order on their page", async () => {
    const { id: orderId } = await placeOrderInChat(shop.app, "dash-browser-zed", "I want 1 celadon teapot", { address: "Zed Quorrin, 9 Elm Row, Bath BA1 1AA" });
    const order = await shop.app.db.order.findUniqueOrThrow({ where: { id: orderId } });
    await shop.app.db.customer.update({ where: { id: order.customerId! }, data: { name: "Zed Quorrin", email: "zed.quorrin@example.org" } });
    const page = await open("customers");
    await page.getByLabel("Search by name, email, phone or number").fill("quorrin");
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => page.locator("tr[data-customer]").count()).toBe(1);
    expect(await page.locator("tr[data-customer]").innerText()).toContain("zed.quorrin@example.org");

    await page.getByLabel("Search by name, email, phone or number").fill("");
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => page.locator("tr[data-customer]").count()).toBeGreaterThan(20);
    const lifetimes = async () => page.locator("tr[data-customer] td:nth-child(5)").evaluateAll((cells) => cells.map((c) => c.textContent ?? "").filter((t) => t !== "—").map((t) => Number(t.replace(/[^\d.]/g, ""))));
    await page.getByRole("button", { name: "Sort by Lifetime value" }).click();
    await expect.poll(async () => page.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("descending");
    const descending = await lifetimes();
    expect(descending.length).toBeGreaterThan(10);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.getByRole("button", { name: "Sort by Lifetime value" }).click();
    await expect.poll(async () => page.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("ascending");
    const ascending = await lifetimes();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await page.evaluate((id) => ((globalThis as unknown as { location: { hash: string } }).location.hash = `#/customers/${id}`), order.customerId);
    await page.waitForSelector(`main[data-view="customers/${order.customerId}"]`);
    expect(await page.locator(`tr[data-order="${orderId}"]`).innerText()).toContain("1× Celadon Teapot");
    expect(await page.locator(".timeline").innerText()).toContain("I want 1 celadon teapot");
    // A note, through the command, on the timeline.
    await page.getByLabel("Note (for you only)").fill("Collects in person on Fridays");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect.poll(() => page.locator(".timeline li.note").first().innerText()).toContain("Collects in person on Fridays");
    expect(await shop.app.db.auditEntry.findFirst({ where: { action: "customerNote", actor: "dashboard" } })).not.toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("marks an order shipped with its tracking number, and the customer reads it in the console chat", async () => {
    const chat = await context.newPage();
    await chat.goto(`${origin}/`);
    await chat.fill("#chat-input", "I want 2 lavender candles");
    await chat.press("#chat-input", "Enter");
    await expect.poll(() => chat.locator("#chat-log").innerText()).toContain("Please confirm");
    await chat.fill("#chat-input", "yes");
    await chat.press("#chat-input", "Enter");
    await expect.poll(() => chat.locator("#chat-log").innerText()).toMatch(/Order #\d+ is placed/);
    const orderId = /Order #(\d+) is placed/.exec(await chat.locator("#chat-log").innerText())![1]!;
    await chat.fill("#chat-input", "Ann Lee, 1 Mill Lane, York YO1 7HH");
    await chat.press("#chat-input", "Enter");
    await expect.poll(() => chat.locator("#chat-log").innerText()).toContain(`Order #${orderId} will go to`);

    const page = await open("orders");
    const row = page.locator(`tr[data-order="${orderId}"]`);
    await row.getByRole("button", { name: "Mark paid" }).click();
    await expect.poll(() => row.getAttribute("data-status")).toBe("paid");
    await row.getByLabel(`Tracking number or link for order #${orderId}`).fill("RM123456785GB");
    await row.getByRole("button", { name: "Mark shipped" }).click();
    await expect.poll(() => row.getAttribute("data-status")).toBe("shipped");
    await expect.poll(() => chat.locator("#chat-log").innerText(), { timeout: 10_000 }).toContain(`Order #${orderId}: shipped`);
    expect(await chat.locator("#chat-log").innerText()).toContain("RM123456785GB");
    const entry = await shop.app.db.auditEntry.findFirstOrThrow({ where: { subject: `order:${orderId}`, action: "order" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actor: "dashboard", after: { status: "shipped", trackingRef: "RM123456785GB" } });
    await chat.close();
    await page.close();
  });

  it("exports the orders as a CSV that parses back with the same rows", async () => {
    const page = await open("orders");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button[data-export=orders]").click()]);
    expect(download.suggestedFilename()).toBe("orders.csv");
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(file, { bom: true, columns: true }) as Record<string, string>[];
    const orders = await shop.app.db.order.findMany({ where: { status: { not: "cart" } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [Number(r.order_id), r.status, Number(r.total)])).toEqual(orders.map((o) => [o.id, o.status, o.totalMinor / 100]));
    await page.close();
  });

  it("shows a new order without a reload", async () => {
    const page = await open("overview");
    await page.getByRole("radio", { name: "Last 7 days" }).check();
    await page.waitForSelector("tr[data-order]");
    await page.waitForTimeout(500);
    const { id } = await placeOrderInChat(shop.app, "dash-live-buyer", "I want 1 blue speckled mug");
    await expect.poll(() => page.locator(`tr[data-order="${id}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator("#live").innerText()).toContain(`New order #${id}`);
    await page.close();
  });

  it("shows the handoff inbox and answers from it", async () => {
    const { customer } = await placeOrderInChat(shop.app, "dash-inbox", "I want 1 blue speckled mug");
    await customer.say("I want to talk to a person");
    const conversation = await shop.app.db.conversation.findFirstOrThrow({ where: { mode: "handoff" }, orderBy: { id: "desc" } });
    const page = await open("inbox");
    const card = page.locator(`[data-conversation="${conversation.id}"]`);
    expect(await card.innerText()).toContain("I want to talk to a person");
    await card.getByLabel(`Reply to conversation ${conversation.id}`).fill("Hello, this is the owner.");
    await card.getByRole("button", { name: "Reply", exact: true }).click();
    await expect.poll(() => page.locator(`[data-conversation="${conversation.id}"] .messages li.owner`).count()).toBe(1);
    await page.locator(`[data-conversation="${conversation.id}"]`).getByRole("button", { name: "Let the assistant answer again" }).click();
    await expect.poll(() => page.locator(`[data-conversation="${conversation.id}"]`).count()).toBe(0);
    expect((await shop.app.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).mode).toBe("bot");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

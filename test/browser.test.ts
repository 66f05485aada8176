/**
 * The web console in a real browser (a system Chromium, or the one from npm, driven by playwright-core; see helpers/chromium.ts): a customer
 * orders by clicking, the owner marks the order shipped by clicking, and the customer reads it.
 * The shop starts as `npm start` does (no CONSOLE_TOKEN): the owner gets in through the printed
 * link, and a page whose name resolves to 127.0.0.1 (DNS rebinding) gets nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../bot/config.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { startShop, type RunningShop } from "../bot/start.ts";
import { findChromium, launchChromium } from "./helpers/chromium.ts";
import { createScratchPostgres, TEST_DATABASE_URL } from "./helpers/test-database.ts";

const found = await findChromium();
if (!found.ok) console.warn(`browser tests skipped: ${found.missing}`);
const ATTACKER_NAME = "rebind.attacker.example";
const dataDir = mkdtempSync(path.join(tmpdir(), "solo-sales-browser-"));
let shop: RunningShop;
let browser: Browser;
let dropScratch: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (!found.ok) return;
  let databaseUrl: string | undefined;
  if (TEST_DATABASE_URL) {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL);
    databaseUrl = scratch.url;
    dropScratch = scratch.drop;
  }
  shop = await startShop({ config: loadConfig({ DATA_DIR: dataDir, PORT: "0", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }), logger: createMemoryLogger() });
  // The attacker's name resolves to this machine, as a rebinding DNS server would make it.
  browser = await launchChromium({ args: [`--host-resolver-rules=MAP ${ATTACKER_NAME} 127.0.0.1`] });
});

afterAll(async () => {
  await browser?.close();
  await shop?.stop();
  await dropScratch?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function say(page: Page, text: string) {
  await page.fill("#chat-input", text);
  await page.press("#chat-input", "Enter");
}

describe.skipIf(!found.ok)(`the web console in Chromium (${found.ok ? found.source : `skipped: ${found.missing}`})`, () => {
  it("lets a customer order, the owner ship it, and the customer see it shipped", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(shop.consoleUrl!);

    await say(page, "hi");
    await page.locator("#chat-log .reply-button", { hasText: "Browse the catalog" }).last().click();
    await page.locator("#chat-log .reply-button", { hasText: "Ceramics" }).last().click();
    await page.locator("#chat-log .reply-button", { hasText: "Blue Speckled Mug" }).last().click();
    await expect.poll(() => page.locator("#chat-log").innerText()).toContain("35 in stock");
    await page.locator("#chat-log .reply-button", { hasText: "Order" }).last().click();
    await page.locator("#chat-log .reply-button", { hasText: /^2$/ }).last().click();
    await expect.poll(() => page.locator("#chat-log").innerText()).toContain("Total: £32.00");
    await page.locator("#chat-log .reply-button", { hasText: "Confirm" }).last().click();
    await expect.poll(() => page.locator("#chat-log").innerText()).toMatch(/Order #\d+ is placed/);
    const orderId = /Order #(\d+) is placed/.exec(await page.locator("#chat-log").innerText())![1];
    await say(page, "Jane Smith, 4 Park Lane, Oxford OX1 2AB");
    await expect.poll(() => page.locator("#chat-log").innerText()).toContain(`Order #${orderId} will go to`);

    await page.click("#owner-quick button[data-command=orders]");
    await expect.poll(() => page.locator("#owner-log").innerText()).toContain(`#${orderId} PLACED`);
    await expect.poll(() => page.locator("#feed").innerText(), { timeout: 10_000 }).toMatch(new RegExp(`New order #${orderId} from customer \\d+:`));
    await page.fill("#owner-input", `order ${orderId} paid`);
    await page.press("#owner-input", "Enter");
    await page.locator("#owner-log .reply-button", { hasText: "Mark shipped" }).last().click();
    await expect.poll(() => page.locator("#owner-log").innerText()).toContain("paid → shipped");

    // The status change reaches the customer's chat by itself (the page polls), and asking agrees.
    await expect.poll(() => page.locator("#chat-log").innerText(), { timeout: 10_000 }).toContain(`Order #${orderId}: shipped`);
    await say(page, `where is my order ${orderId}?`);
    await expect.poll(async () => (await page.locator("#chat-log .bubble.outbound").last().innerText())).toContain("shipped");

    // The analytics are one click away too.
    await page.click("#owner-quick button[data-command=forecast]");
    await expect.poll(() => page.locator("#owner-log").innerText()).toContain("Forecast for the next 7 days");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("takes the owner's token from the printed link and out of the address bar", async () => {
    const link = new URL(shop.consoleUrl!);
    const token = new URLSearchParams(link.hash.slice(1)).get("token");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await browser.newPage();
    await page.goto(link.href);
    await expect.poll(() => page.locator("#owner-quick button").count()).toBeGreaterThan(3);
    expect(page.url()).toBe(`${link.origin}/`);
    expect(await page.evaluate("sessionStorage.getItem('solo-owner-token')")).toBe(token);
    expect(await page.locator("#token-form").isHidden()).toBe(true);
    await page.close();
  });

  it("asks for the token when the console is opened without the link's, and runs nothing until given it", async () => {
    const link = new URL(shop.consoleUrl!);
    const faqsBefore = await shop.app.db.faqEntry.count();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${link.origin}/`);
    await expect.poll(() => page.locator("#token-form").isVisible()).toBe(true);
    await page.fill("#owner-input", "faq add how do I pay | Transfer to IBAN XX00 ATTACKER");
    await page.press("#owner-input", "Enter");
    await expect.poll(() => page.locator("#owner-log .error").innerText()).toContain("access token");
    expect(await shop.app.db.faqEntry.count()).toBe(faqsBefore);
    // The customer's side needs no token.
    await say(page, "hi");
    await expect.poll(() => page.locator("#chat-log .bubble.outbound").count()).toBeGreaterThan(0);

    await page.fill("#token-input", new URLSearchParams(link.hash.slice(1)).get("token")!);
    await page.click("#token-form button[type=submit]");
    await expect.poll(() => page.locator("#owner-quick button").count()).toBeGreaterThan(3);
    await page.fill("#owner-input", "faq");
    await page.press("#owner-input", "Enter");
    await expect.poll(() => page.locator("#owner-log .owner-reply").count()).toBeGreaterThan(0);
    await context.close();
  });

  it("answers a page whose name was rebound to 127.0.0.1 with 421, and runs none of its commands", async () => {
    const { port } = new URL(shop.consoleUrl!);
    const faqsBefore = await shop.app.db.faqEntry.findMany({ orderBy: { id: "asc" } });
    const page = await browser.newPage();
    const response = await page.goto(`http://${ATTACKER_NAME}:${port}/`);
    expect(response!.status()).toBe(421);
    expect(await page.locator("body").innerText()).toContain("Misdirected request");
    // The attacker's script, same-origin with its own name, tries the owner's API and the chat.
    const statuses = await page.evaluate(async () => {
      const post = (path: string, body: unknown) => fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.status);
      return [
        await post("/api/owner/command", { text: "faq add how do I pay | Transfer to IBAN XX00 ATTACKER" }),
        await post("/api/owner/command", { text: "customer 1" }),
        await post("/api/customer/messages", { text: "hi" }),
        await fetch("/api/owner/notifications").then((r) => r.status),
      ];
    });
    expect(statuses).toEqual([421, 421, 421, 421]);
    expect(await shop.app.db.faqEntry.findMany({ orderBy: { id: "asc" } })).toEqual(faqsBefore);
    await page.close();
  });

  it("renders a product name full of HTML as text, not markup", async () => {
    await shop.app.db.product.create({ data: { sku: "XSS-1", name: "<img src=x onerror=alert(1)> Mug", category: "Ceramics", priceMinor: 100, stock: 1 } });
    const page = await browser.newPage();
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(shop.consoleUrl!);
    await say(page, "show me the ceramics");
    await expect.poll(() => page.locator("#chat-log").innerText()).toContain("<img src=x onerror=alert(1)> Mug");
    expect(await page.locator("#chat-log img").count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });
});

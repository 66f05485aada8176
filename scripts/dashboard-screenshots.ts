/**
 * `npm run screenshots:dashboard`: the README's pictures of the dashboard, taken in Chromium from the
 * demo shop with its four months of history, in English and (OWNER_LOCALE=zh) in Chinese: the
 * overview, a customer's page, the "misunderstood" queue, and the overview on a 375 px phone. Written
 * to docs/dashboard-*.png.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../bot/config.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { startShop } from "../bot/start.ts";
import { launchChromium } from "../test/helpers/chromium.ts";

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "docs");
const SAID = ["can I collect it from your workshop myself", "can I collect it from your workshop on saturday", "do you do engraving on the mugs", "你们周末送货吗", "zorblax quintuple frobnicate"];

async function shoot(locale: "en" | "zh") {
  const dataDir = mkdtempSync(path.join(tmpdir(), "solo-sales-shots-"));
  const shop = await startShop({ config: loadConfig({ DATA_DIR: dataDir, PORT: "0", OWNER_LOCALE: locale, DIGEST_ENABLED: "false" }), logger: createMemoryLogger() });
  const browser = await launchChromium();
  try {
    for (const [i, text] of SAID.entries()) await shop.app.customer.handle({ channel: "console", externalUserId: `shots-${i}`, text });
    const link = new URL(shop.consoleUrl!);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const suffix = locale === "zh" ? "-zh" : "";
    const go = async (route: string, view: string) => {
      await page.evaluate((r) => ((globalThis as unknown as { location: { hash: string } }).location.hash = r), route);
      await page.waitForSelector(`main[data-view="${view}"]`);
      await page.waitForTimeout(800);
    };
    await page.goto(`${link.origin}/dashboard${link.hash}`);
    await page.waitForSelector("main[data-view=overview] #revenue-chart svg");
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(DOCS, `dashboard-overview${suffix}.png`) });
    const hottest = await page.locator("tr[data-customer]").first().getAttribute("data-customer");
    await go(`#/customers/${hottest}`, `customers/${hottest}`);
    await page.screenshot({ path: path.join(DOCS, `dashboard-customer${suffix}.png`) });
    await go("#/misunderstood", "misunderstood");
    await page.screenshot({ path: path.join(DOCS, `dashboard-queue${suffix}.png`) });
    if (locale === "en") {
      await page.setViewportSize({ width: 375, height: 812 });
      await go("#/overview", "overview");
      await page.waitForTimeout(1500);
      await page.screenshot({ path: path.join(DOCS, "dashboard-phone.png") });
    }
  } finally {
    await browser.close();
    await shop.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await shoot("en");
await shoot("zh");
process.stdout.write(`Screenshots written to ${DOCS}/dashboard-*.png\n`);
process.exit(0);

/**
 * The dashboard's server side on the demo shop with its four months of history: the same access
 * rules as the owner's console (a known Host, the owner's token, same origin), every figure of the
 * overview equal to what the matching owner command says, changes only through the owner's commands
 * (with the dashboard as the audit trail's actor), and CSV files an accountant's spreadsheet reads
 * safely.
 */
import http from "node:http";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleServer } from "../../adapters/console/web-server.ts";
import { consoleServicesFor } from "../../bot/channel-services.ts";
import type { DashboardOverview } from "../../core/dashboard/build-dashboard-overview.ts";
import { csvCell } from "../../core/dashboard/export-csv.ts";
import { historyFingerprint } from "../../core/dashboard/overview-cache.ts";
import { DAY_MS, startOfLocalDay } from "../../core/digest/time-zone.ts";
import { seedDemoHistory } from "../../prisma/demo-history.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";
import { createTestApp, placeOrderInChat, textOf } from "../helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let server: ReturnType<typeof createConsoleServer>;
let base: string;
let port: number;
const TOKEN = "dashboard-test-token-0123456789";
const OWNER = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
  await seedDemoHistory(ctx.app.db, { now: ctx.clock.now() });
  server = createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0, ownerToken: TOKEN });
  ({ url: base, port } = await server.listen());
}, 180_000);
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const owner = (line: string) => ctx.app.owner.handle(line).then(textOf);
async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: OWNER });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}
async function command(body: unknown, headers: Record<string, string> = OWNER) {
  const res = await fetch(`${base}/api/dashboard/command`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, data: (await res.json()) as { replies?: { text: string }[]; error?: string } };
}

/** A request with a `Host` of our choosing (fetch cannot set it): what a DNS-rebinding page sends. */
function requestAs(options: { host: string; path: string; headers?: Record<string, string> }) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: options.path, headers: { host: options.host, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the dashboard's access rules", () => {
  it("serves the page and its packages at the console's own address, with a policy that forbids eval", async () => {
    const page = await fetch(`${base}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self';");
    expect(page.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    expect(await page.text()).toContain("/dashboard/vendor/vega-lite.min.js");
    for (const path of ["/dashboard/vendor/vega.min.js", "/dashboard/vendor/vega-lite.min.js", "/dashboard/vendor/vega-interpreter.js", "/dashboard/fonts/noto-sans-sc.otf"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(200);
    }
    expect(await (await fetch(`${base}/dashboard/vendor/vega-interpreter.js`)).text()).toContain("from './vega-util-shim.js'");
    // Linked from the console page.
    expect(await (await fetch(`${base}/`)).text()).toContain('href="/dashboard#/overview"');
  });

  it("answers a forged Host with 421 before any route, the page and the API alike", async () => {
    for (const path of ["/dashboard", "/api/dashboard/overview?days=7", "/api/dashboard/export/customers.csv"]) {
      const res = await requestAs({ host: `rebind.attacker.example:${port}`, path, headers: OWNER });
      expect(res.status, path).toBe(421);
      expect(res.text).not.toContain("£");
    }
    expect((await requestAs({ host: `127.0.0.1:${port}`, path: "/api/dashboard/labels", headers: OWNER })).status).toBe(200);
  });

  it("gives nothing without the owner's token, with a wrong one, or to another origin", async () => {
    for (const path of ["/api/dashboard/overview", "/api/dashboard/customers", "/api/dashboard/export/orders.csv", "/api/dashboard/events"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: { authorization: "Bearer not-the-token" } })).status, path).toBe(401);
    }
    const forged = await command({ command: { command: "setStock", sku: "TEA-001", quantity: 0 } }, { ...OWNER, origin: "http://evil.example" });
    expect(forged.status).toBe(403);
    const anonymous = await command({ command: { command: "setStock", sku: "TEA-001", quantity: 0 } }, {});
    expect(anonymous.status).toBe(401);
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-001" } })).stock).toBeGreaterThan(0);
  });
});

describe("the overview", () => {
  it("says what sales, forecast, funnel, hot and stock low say", async () => {
    for (const days of [7, 30, 90] as const) {
      const o = await get<DashboardOverview>(`/api/dashboard/overview?days=${days}`);
      const sales = await owner(`sales ${days}`);
      expect(sales).toContain(`The last ${days} days (${o.sales.first} – ${o.sales.last}): ${o.sales.revenue.text} from ${o.sales.orders} orders (average ${o.sales.average!.text}).`);
      expect(sales).toContain(`The ${days} days before: ${o.sales.previous.revenue.text} from ${o.sales.previous.orders} orders.`);
      expect(o.sales.orders).toBeGreaterThan(0);
      // The chart's daily revenue adds up to the same revenue, day by day over the same period.
      expect(o.revenue.actual).toHaveLength(days);
      expect(o.revenue.actual.reduce((sum, d) => sum + d.revenueMinor, 0)).toBe(o.sales.revenue.minor);
      const horizon = Math.min(days, 30);
      expect(o.revenue.forecast).toHaveLength(horizon);
      expect(await owner(`forecast ${horizon}`)).toContain(`Forecast for the next ${horizon} days: revenue ${o.revenue.total.expected.text} (80%: ${o.revenue.total.low.text}–${o.revenue.total.high.text}), about ${o.revenue.total.orders} orders.`);
    }
    const o = await get<DashboardOverview>("/api/dashboard/overview?days=7");
    const funnel = await owner("funnel");
    for (const stage of o.funnel.stages) expect(funnel).toMatch(new RegExp(`${stage.label}\\s+${stage.count} \\(${stage.change >= 0 ? "\\+" : ""}${stage.change}\\).*· now ${stage.now}`));
    expect(funnel).toContain(o.funnel.bottleneck ? o.funnel.bottleneck.text : "No stage fell");
    expect(o.conversion.rate).toBeCloseTo(o.conversion.ordered / o.conversion.visitors, 10);

    const hot = await owner("hot 10");
    expect(o.hotLeads.length).toBeGreaterThan(0);
    for (const [i, lead] of o.hotLeads.entries()) {
      expect(hot).toContain(`${i + 1}. #${lead.customerId} ${lead.name ?? "(no name)"} — ${lead.chance}`);
      for (const reason of lead.reasons) expect(hot).toContain(reason);
    }

    const low = await owner("stock low");
    const lowLines = low.split("\n").filter((l) => / LOW /.test(l));
    expect(o.lowStock.map((p) => p.sku)).toEqual(lowLines.map((l) => l.trim().split(/\s+/)[0]));
    for (const p of o.lowStock) expect(low).toMatch(new RegExp(`${p.sku}\\s+${p.stock} LOW`));
  });

  it("keeps its midnight figures only while the history before midnight is the same", async () => {
    const today = startOfLocalDay(ctx.clock.now());
    const fingerprint = () => historyFingerprint(ctx.app.db, { today, eventsSince: new Date(today.getTime() - 120 * DAY_MS) });
    await get<DashboardOverview>("/api/dashboard/overview?days=30");
    const before = await fingerprint();
    // Last week's biggest order cancelled (as an import correcting the past would): its revenue leaves the history the forecast was fitted to.
    const old = await ctx.app.db.order.findFirstOrThrow({ where: { status: { not: "cancelled" }, placedAt: { lt: today, gte: new Date(today.getTime() - 7 * DAY_MS) } }, orderBy: { totalMinor: "desc" } });
    await ctx.app.db.order.update({ where: { id: old.id }, data: { status: "cancelled" } });
    expect(await fingerprint()).not.toBe(before);
    const o = await get<DashboardOverview>("/api/dashboard/overview?days=30");
    expect(await owner("forecast 30")).toContain(`revenue ${o.revenue.total.expected.text} (80%: ${o.revenue.total.low.text}–${o.revenue.total.high.text})`);
    const hot = await owner("hot 10");
    for (const [i, lead] of o.hotLeads.entries()) expect(hot).toContain(`${i + 1}. #${lead.customerId} ${lead.name ?? "(no name)"} — ${lead.chance}`);
  });

  it("shows a new order among the last orders and in today's revenue", async () => {
    const before = await get<DashboardOverview>("/api/dashboard/overview?days=7");
    const { id } = await placeOrderInChat(ctx.app, "dash-buyer-1", "I want 2 lavender candles", { address: "Jane Smith, 4 Park Lane, Oxford OX1 2AB" });
    const after = await get<DashboardOverview>("/api/dashboard/overview?days=7");
    expect(after.lastOrders[0]).toMatchObject({ id, status: "placed" });
    expect(after.sales.orders).toBe(before.sales.orders + 1);
    expect(after.revenue.actual.at(-1)!.revenueMinor - before.revenue.actual.at(-1)!.revenueMinor).toBe(after.lastOrders[0]!.total.minor);
  });
});

describe("the dashboard's actions", () => {
  it("runs them as owner commands, audited with the dashboard as the actor", async () => {
    const { status, data } = await command({ command: { command: "setStock", sku: "TEA-001", quantity: 17 } });
    expect(status).toBe(200);
    expect(data.replies![0]!.text).toContain("TEA-001");
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-001" } })).stock).toBe(17);
    const entry = await ctx.app.db.auditEntry.findFirstOrThrow({ where: { action: "setStock" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actor: "dashboard", subject: "product:TEA-001" });
  });

  it("refuses what is not a command, and words a refusal as the console would", async () => {
    expect((await command({ command: { command: "dropTables" } })).status).toBe(400);
    expect((await command({ command: { command: "setStock", sku: "TEA-001", quantity: -4 } })).status).toBe(400);
    const missing = await command({ command: { command: "order", orderId: 999_999, to: "paid" } });
    expect(missing.status).toBe(200);
    expect(missing.data.replies![0]!.text).toMatch(/999999/);
  });
});

describe("the exports", () => {
  it("reads back with the same rows, with a byte-order mark and formulas neutralised", async () => {
    await ctx.app.db.customer.create({ data: { name: "=HYPERLINK(\"http://evil.example\",\"click\")", email: "+1@example.com", phone: "@home" } });
    await ctx.app.db.customer.create({ data: { name: "王小明 \"Ming\", Jr." } });
    const res = await fetch(`${base}/api/dashboard/export/customers.csv`, { headers: OWNER });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="customers.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const customers = await ctx.app.db.customer.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => Number(r.customer_id))).toEqual(customers.map((c) => c.id));
    expect(rows.find((r) => r.name?.includes("HYPERLINK"))).toMatchObject({ name: "'=HYPERLINK(\"http://evil.example\",\"click\")", email: "'+1@example.com", phone: "'@home" });
    expect(rows.find((r) => r.name?.startsWith("王小明"))!.name).toBe("王小明 \"Ming\", Jr.");

    for (const kind of ["orders", "order-lines", "products"] as const) {
      const csv = await (await fetch(`${base}/api/dashboard/export/${kind}.csv`, { headers: OWNER })).text();
      const parsed = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      const expected = kind === "orders" ? await ctx.app.db.order.count({ where: { status: { not: "cart" } } }) : kind === "order-lines" ? await ctx.app.db.orderLine.count({ where: { order: { status: { not: "cart" } } } }) : await ctx.app.db.product.count();
      expect(parsed, kind).toHaveLength(expected);
    }
    const orders = parse(await (await fetch(`${base}/api/dashboard/export/orders.csv`, { headers: OWNER })).text(), { bom: true, columns: true }) as Record<string, string>[];
    const newest = await ctx.app.db.order.findFirstOrThrow({ where: { status: { not: "cart" } }, orderBy: { id: "desc" } });
    const row = orders.find((r) => Number(r.order_id) === newest.id)!;
    expect(row).toMatchObject({ status: newest.status, currency: "GBP" });
    expect(Number(row.total)).toBe(newest.totalMinor / 100);
  });

  it("quotes every text cell and writes numbers as numbers", () => {
    expect(csvCell("-5")).toBe("\"'-5\"");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("a\"b")).toBe('"a""b"');
    expect(csvCell(null)).toBe("");
    expect(csvCell("\tcmd")).toBe("\"'\tcmd\"");
  });
});

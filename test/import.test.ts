import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOnlineRetailFile } from "../scripts/lib/online-retail.ts";
import { importOrderHistory, type HistoryLine } from "../core/imports/import-order-history.ts";
import { importProducts } from "../core/imports/import-products.ts";
import { parseProductCsv } from "../core/imports/parse-product-csv.ts";
import { stringify } from "csv-stringify/sync";
import { openTestDatabase } from "./helpers/test-database.ts";
import type { Database } from "../bot/database.ts";

const FILE = path.resolve(import.meta.dirname, "../../shared/data/online-retail/online_retail.csv.gz");
const SLICE = 3_000;

async function* slice(limit: number): AsyncGenerator<HistoryLine> {
  let n = 0;
  for await (const line of readOnlineRetailFile(FILE)) {
    if (n++ >= limit) return;
    yield { invoiceRef: line.invoiceNo, productCode: line.stockCode, description: line.description, quantity: line.quantity, at: new Date(line.invoicedAtMs), unitPriceMinor: Math.round(line.unitPrice * 100), customerRef: line.customerId };
  }
}

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe.skipIf(!existsSync(FILE))("importing the Online Retail history (a slice of the real file)", () => {
  it("loads customers, products and orders, reports what it skipped, and adds nothing the second time", async () => {
    const db = database.prisma;
    const first = await importOrderHistory(db, slice(SLICE), { source: "online-retail", currency: "GBP", initialStock: 100, batchSize: 100 });
    expect(first.linesRead).toBe(SLICE);
    const skipped = Object.values(first.skipped).reduce((a, b) => a + b, 0);
    expect(first.linesImported + skipped).toBe(SLICE);
    expect(first.skipped["not a product (postage, fees, manual entries)"]).toBeGreaterThan(0);
    expect(first.cancelledOrdersImported).toBeGreaterThan(0);
    expect(first.guestOrdersImported).toBeGreaterThan(0);
    expect(await db.order.count()).toBe(first.ordersImported);
    expect(await db.orderLine.count()).toBe(first.linesImported);
    expect(await db.order.count({ where: { status: "cancelled" } })).toBe(first.cancelledOrdersImported);
    expect(await db.lead.count()).toBe(first.leadsCreated);
    // The planner knows how many orders there are now (the embedded database has no autovacuum to tell it).
    const [orderStats] = await db.$queryRaw<{ rows: number }[]>`SELECT reltuples::float8 AS rows FROM pg_class WHERE relname = 'Order'`;
    expect(orderStats?.rows).toBe(first.ordersImported);

    // The first invoice of the file, checked by hand: 536365, customer 17850, 7 lines, £139.12.
    const invoice = await db.order.findUniqueOrThrow({ where: { externalRef: "online-retail:536365" }, include: { lines: true, customer: true } });
    expect(invoice.customer?.externalRef).toBe("online-retail:customer:17850");
    expect(invoice.lines).toHaveLength(7);
    expect(invoice.totalMinor).toBe(13912);
    expect(invoice.status).toBe("delivered");

    const before = { orders: await db.order.count(), lines: await db.orderLine.count(), customers: await db.customer.count(), products: await db.product.count(), leads: await db.lead.count(), history: await db.leadStageChange.count() };
    const second = await importOrderHistory(db, slice(SLICE), { source: "online-retail", currency: "GBP", initialStock: 100, batchSize: 100 });
    expect(second).toMatchObject({ ordersImported: 0, linesImported: 0, customersCreated: 0, productsCreated: 0, leadsCreated: 0, ordersAlreadyPresent: first.ordersImported });
    expect({ orders: await db.order.count(), lines: await db.orderLine.count(), customers: await db.customer.count(), products: await db.product.count(), leads: await db.lead.count(), history: await db.leadStageChange.count() }).toEqual(before);
  });
});

describe("importing order history", () => {
  it("keeps every line of an invoice whose lines are not next to each other in the file", async () => {
    const db = database.prisma;
    const at = new Date("2011-01-05T10:00:00Z");
    const line = (invoiceRef: string, productCode: string, quantity: number): HistoryLine => ({ invoiceRef, productCode, description: `ITEM ${productCode}`, quantity, at, unitPriceMinor: 250, customerRef: "99001" });
    async function* lines() {
      yield line("900001", "10001", 2);
      yield line("900002", "10002", 1);
      yield line("900001", "10003", 4);
    }
    const report = await importOrderHistory(db, lines(), { source: "synthetic", currency: "GBP", initialStock: 10, batchSize: 1 });
    expect(report).toMatchObject({ ordersImported: 2, linesImported: 3 });
    const order = await db.order.findUniqueOrThrow({ where: { externalRef: "synthetic:900001" }, include: { lines: true } });
    expect(order.lines.map((l) => l.quantity).sort()).toEqual([2, 4]);
    expect(order.totalMinor).toBe(1500);
    const again = await importOrderHistory(db, lines(), { source: "synthetic", currency: "GBP", initialStock: 10, batchSize: 1 });
    expect(again).toMatchObject({ ordersImported: 0, linesImported: 0 });
    expect(await db.orderLine.count({ where: { orderId: order.id } })).toBe(2);
  });
});

describe("importing a catalog CSV", () => {
  it("adds new products, updates existing ones by SKU, and reports bad rows by line", async () => {
    const db = database.prisma;
    const dir = mkdtempSync(path.join(tmpdir(), "solo-catalog-"));
    const csv = ['sku,name,price,category,stock,tags,name_zh,category_zh', 'CAT-1,"Oolong, Roasted",9.90,Tea,12,"oolong,roasted",烘焙乌龙,茶叶', "CAT-2,No price,,Tea,1,,,", "CAT-3,Bad stock,1.00,Tea,-4,,,"].join("\n");
    writeFileSync(path.join(dir, "catalog.csv"), csv);
    const { records } = parseProductCsv(csv);
    const first = await importProducts(db, records, { currency: "GBP" });
    expect(first.added).toBe(1);
    expect(first.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(first.rejected[1]!.reason).toContain("stock");
    const product = await db.product.findUniqueOrThrow({ where: { sku: "CAT-1" } });
    expect(product).toMatchObject({ name: "Oolong, Roasted", priceMinor: 990, nameZh: "烘焙乌龙", categoryZh: "茶叶", tags: ["oolong", "roasted"] });
    const second = await importProducts(db, records, { currency: "GBP" });
    expect(second).toMatchObject({ added: 0, updated: 1 });
  });

  it("keeps a quoted description with commas, quotes and line breaks in one row, and numbers later rows by their first line", async () => {
    const db = database.prisma;
    const description = 'Hand-rolled, "Iron Goddess" oolong.\nSecond steep: sweeter.\r\n三泡更甜，回甘。';
    const csv = stringify(
      [
        ["sku", "name", "description", "price", "category", "tags"],
        ["CSV-1", 'Tie Guan Yin, "Iron Goddess"', description, "12.50", "Tea", "oolong,rolled"],
        ["CSV-2", "Bad price", "two\nlines", "twelve", "Tea", ""],
        ["CSV-3", "Plain", "", "3", "Tea", ""],
      ],
      // As a spreadsheet saves it: CRLF between records. (csv-stringify quotes a bare "\n" only when asked.)
      { record_delimiter: "windows", quoted_match: /[\r\n]/ },
    );
    const parsed = parseProductCsv(csv);
    expect(parsed.records.map((r) => r.line)).toEqual([2, 5, 7]);
    expect(parsed.records[0]!.values.description).toBe(description.replace(/\r\n/g, "\n"));
    const report = await importProducts(db, parsed.records, { currency: "GBP" });
    expect(report).toMatchObject({ added: 2, updated: 0 });
    expect(report.rejected).toEqual([{ line: 5, reason: expect.stringContaining('price "twelve"') }]);
    const product = await db.product.findUniqueOrThrow({ where: { sku: "CSV-1" } });
    // Line breaks come back as "\n" whatever the file used; everything else exactly as written.
    expect(product).toMatchObject({ name: 'Tie Guan Yin, "Iron Goddess"', description: description.replace(/\r\n/g, "\n"), priceMinor: 1250, tags: ["oolong", "rolled"] });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "CSV-3" } })).toMatchObject({ name: "Plain", priceMinor: 300 });
  });

  it("takes the supplier's lead time and minimum order, clears them with default / none, and leaves them when the cell is empty", async () => {
    const db = database.prisma;
    const csv = [
      "sku,name,price,category,lead_days,min_order",
      "SUP-1,Kraft paper,4.00,Paper,14,50",
      "SUP-2,Twine,2.00,Paper,,",
      "SUP-3,Bad lead,2.00,Paper,two weeks,",
      "SUP-4,Bad minimum,2.00,Paper,3,-5",
      "SUP-5,Too long,2.00,Paper,400,",
    ].join("\n");
    const first = await importProducts(db, parseProductCsv(csv).records, { currency: "GBP" });
    expect(first.added).toBe(2);
    expect(first.rejected).toEqual([
      { line: 4, reason: 'lead_days "two weeks" is not a whole number of days from 1 to 365 (or "default")' },
      { line: 5, reason: 'min_order "-5" is not a whole number of units from 1 to 1000000 (or "none")' },
      { line: 6, reason: 'lead_days "400" is not a whole number of days from 1 to 365 (or "default")' },
    ]);
    expect(await db.product.findUniqueOrThrow({ where: { sku: "SUP-1" } })).toMatchObject({ leadDays: 14, minOrder: 50 });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "SUP-2" } })).toMatchObject({ leadDays: null, minOrder: null });
    // A later file: SUP-1 without the columns keeps its terms; SUP-2 gets some; then both are cleared.
    await importProducts(db, parseProductCsv("sku,name,price,category\nSUP-1,Kraft paper,4.50,Paper").records, { currency: "GBP" });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "SUP-1" } })).toMatchObject({ priceMinor: 450, leadDays: 14, minOrder: 50 });
    await importProducts(db, parseProductCsv("sku,name,price,category,lead_days,min_order\nSUP-2,Twine,2.00,Paper,3,12").records, { currency: "GBP" });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "SUP-2" } })).toMatchObject({ leadDays: 3, minOrder: 12 });
    await importProducts(db, parseProductCsv("sku,name,price,category,lead_days,min_order\nSUP-1,Kraft paper,4.50,Paper,default,none").records, { currency: "GBP" });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "SUP-1" } })).toMatchObject({ leadDays: null, minOrder: null });
  });

  it("refuses a file whose quote never closes, naming where", () => {
    expect(() => parseProductCsv('sku,name,price,category\nX-1,"Unclosed,1.00,Tea\nX-2,Fine,2.00,Tea\n')).toThrow(/not valid CSV/);
  });
});

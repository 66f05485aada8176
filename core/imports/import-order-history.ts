/**
 * Imports a shop's order history (invoice lines from another system) as customers, products and
 * orders, in batches, idempotently: every imported row carries a stable key (`externalRef`, or the
 * SKU for products), inserts skip keys already present, and an invoice's order, lines and status
 * row are written in one transaction, so a second run adds nothing and an interrupted run resumes.
 * Lines that are not sales are counted by reason, never silently dropped.
 */
import type { Db } from "../db.ts";

export interface HistoryLine {
  invoiceRef: string;
  productCode: string;
  description: string;
  quantity: number;
  at: Date;
  unitPriceMinor: number;
  customerRef: string | null;
}

export interface ImportOptions {
  /** Prefix of every key this source writes, e.g. "online-retail". */
  source: string;
  currency: string;
  /** Stock given to a product the import creates (the source has no stock levels). */
  initialStock: number;
  /** Invoices written per transaction. */
  batchSize?: number;
  /** A product code worth importing; others are counted as skipped ("postage", "fees", …). */
  isProductCode?: (code: string) => boolean;
  /** Invoice kinds: "C…" cancellations, "A…" adjustments, other sales. */
  invoiceKind?: (ref: string) => "sale" | "cancellation" | "adjustment";
  onProgress?: (linesRead: number) => void;
}

export interface ImportReport {
  linesRead: number;
  linesImported: number;
  ordersImported: number;
  cancelledOrdersImported: number;
  guestOrdersImported: number;
  ordersAlreadyPresent: number;
  customersCreated: number;
  productsCreated: number;
  leadsCreated: number;
  skipped: Record<string, number>;
}

interface PendingInvoice {
  ref: string;
  kind: "sale" | "cancellation";
  customerRef: string | null;
  at: Date;
  lines: HistoryLine[];
}

/** A product code worth importing by default: Online Retail's numeric codes ("85123A"), not POST, M, DOT, BANK CHARGES… */
export const defaultIsProductCode = (code: string) => /^\d{5}[A-Za-z]{0,3}$/.test(code) || /^\d{4,6}[A-Za-z]?\d?$/.test(code);
/** Invoice kinds by default: "C…" cancellations, "A…" bad-debt adjustments, other sales. */
export const defaultInvoiceKind = (ref: string): "sale" | "cancellation" | "adjustment" => (ref.startsWith("C") ? "cancellation" : ref.startsWith("A") ? "adjustment" : "sale");

/**
 * What the import makes of one line: a sale or a cancellation line it keeps, or the reason it skips
 * it. The one cleaning rule, shared with the benchmarks that must read the history as the import does
 * (bench:inventory's weekly demand is the kept sale lines).
 */
export function classifyHistoryLine(
  line: HistoryLine,
  rules: { isProductCode?: (code: string) => boolean; invoiceKind?: (ref: string) => "sale" | "cancellation" | "adjustment" } = {},
): { kind: "sale" | "cancellation" } | { skip: string } {
  const kind = (rules.invoiceKind ?? defaultInvoiceKind)(line.invoiceRef);
  if (kind === "adjustment") return { skip: "bad-debt adjustment" };
  if (!(rules.isProductCode ?? defaultIsProductCode)(line.productCode)) return { skip: "not a product (postage, fees, manual entries)" };
  if (!(line.unitPriceMinor > 0)) return { skip: "zero or negative price" };
  if (kind === "sale" && !(line.quantity > 0)) return { skip: "sale line with zero or negative quantity (stock adjustment)" };
  if (!Number.isFinite(line.at.getTime())) return { skip: "unreadable date" };
  if (kind === "cancellation" && line.quantity === 0) return { skip: "cancellation line with zero quantity" };
  return { kind };
}

function productName(description: string, code: string): string {
  const text = description.trim().replace(/\s+/g, " ");
  if (!text) return `Item ${code}`;
  // The source shouts in capitals; a catalog reads better in title case.
  return text.toLowerCase().replace(/(^|[\s(/-])([a-z])/g, (_, pre: string, c: string) => pre + c.toUpperCase()).slice(0, 200);
}

export async function importOrderHistory(db: Db, lines: AsyncIterable<HistoryLine>, options: ImportOptions): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 500;
  const isProductCode = options.isProductCode ?? defaultIsProductCode;
  const invoiceKind = options.invoiceKind ?? defaultInvoiceKind;
  const key = (kind: string, ref: string) => `${options.source}:${kind}${ref}`;
  const report: ImportReport = {
    linesRead: 0, linesImported: 0, ordersImported: 0, cancelledOrdersImported: 0, guestOrdersImported: 0,
    ordersAlreadyPresent: 0, customersCreated: 0, productsCreated: 0, leadsCreated: 0, skipped: {},
  };
  const skip = (reason: string, n = 1) => void (report.skipped[reason] = (report.skipped[reason] ?? 0) + n);

  let batch = new Map<string, PendingInvoice>();
  // An invoice whose lines are not contiguous in the file: its later lines arrive after its order
  // was written. They are added to that order at the end (only to orders this run created).
  const flushed = new Set<string>();
  const createdThisRun = new Map<string, number>();
  const lateLines: HistoryLine[] = [];

  async function flush() {
    if (batch.size === 0) return;
    const invoices = [...batch.values()];
    for (const ref of batch.keys()) flushed.add(ref);
    batch = new Map();
    await db.$transaction(async (tx) => {
      const customerRefs = [...new Set(invoices.map((i) => i.customerRef).filter((r): r is string => r !== null))];
      if (customerRefs.length) {
        const created = await tx.customer.createMany({
          data: customerRefs.map((ref) => ({ externalRef: key("customer:", ref), name: `Customer ${ref}`, createdAt: invoices.find((i) => i.customerRef === ref)!.at })),
          skipDuplicates: true,
        });
        report.customersCreated += created.count;
      }
      const customers = await tx.customer.findMany({ where: { externalRef: { in: customerRefs.map((r) => key("customer:", r)) } }, select: { id: true, externalRef: true } });
      const customerIds = new Map(customers.map((c) => [c.externalRef!, c.id]));

      const products = new Map<string, HistoryLine>();
      for (const invoice of invoices) for (const line of invoice.lines) if (!products.has(line.productCode)) products.set(line.productCode, line);
      const skus = [...products.keys()].map((code) => `OR-${code}`.slice(0, 40));
      const createdProducts = await tx.product.createMany({
        data: [...products.values()].map((line) => ({
          sku: `OR-${line.productCode}`.slice(0, 40),
          name: productName(line.description, line.productCode),
          category: "Imported",
          priceMinor: line.unitPriceMinor,
          currency: options.currency,
          stock: options.initialStock,
          createdAt: line.at,
        })),
        skipDuplicates: true,
      });
      report.productsCreated += createdProducts.count;
      const productRows = await tx.product.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true } });
      const productIds = new Map(productRows.map((p) => [p.sku, p.id]));

      const createdOrders = await tx.order.createManyAndReturn({
        data: invoices.map((invoice) => ({
          externalRef: key("", invoice.ref),
          customerId: invoice.customerRef === null ? null : customerIds.get(key("customer:", invoice.customerRef)) ?? null,
          status: invoice.kind === "cancellation" ? ("cancelled" as const) : ("delivered" as const),
          channel: "import" as const,
          currency: options.currency,
          totalMinor: invoice.lines.reduce((sum, l) => sum + Math.abs(l.quantity) * l.unitPriceMinor, 0),
          placedAt: invoice.at,
          createdAt: invoice.at,
        })),
        skipDuplicates: true,
        select: { id: true, externalRef: true, customerId: true, status: true },
      });
      report.ordersAlreadyPresent += invoices.length - createdOrders.length;
      const byRef = new Map(invoices.map((i) => [key("", i.ref), i]));
      const lineRows: { orderId: number; productId: number; quantity: number; unitPriceMinor: number }[] = [];
      const historyRows: { orderId: number; fromStatus: null; toStatus: "delivered" | "cancelled"; actor: string; at: Date }[] = [];
      for (const order of createdOrders) {
        const invoice = byRef.get(order.externalRef!)!;
        createdThisRun.set(invoice.ref, order.id);
        for (const line of invoice.lines) {
          lineRows.push({ orderId: order.id, productId: productIds.get(`OR-${line.productCode}`.slice(0, 40))!, quantity: Math.abs(line.quantity), unitPriceMinor: line.unitPriceMinor });
        }
        historyRows.push({ orderId: order.id, fromStatus: null, toStatus: order.status as "delivered" | "cancelled", actor: "import", at: invoice.at });
        report.ordersImported++;
        report.linesImported += invoice.lines.length;
        if (order.status === "cancelled") report.cancelledOrdersImported++;
        if (order.customerId === null) report.guestOrdersImported++;
      }
      if (lineRows.length) await tx.orderLine.createMany({ data: lineRows });
      if (historyRows.length) await tx.orderStatusChange.createMany({ data: historyRows });
    }, { timeout: 120_000, maxWait: 30_000 });
  }

  async function appendLateLines() {
    const byInvoice = new Map<string, HistoryLine[]>();
    for (const line of lateLines) byInvoice.set(line.invoiceRef, [...(byInvoice.get(line.invoiceRef) ?? []), line]);
    for (const [ref, invoiceLines] of byInvoice) {
      const orderId = createdThisRun.get(ref);
      if (orderId === undefined) {
        // The order came from an earlier run, which already took these lines.
        continue;
      }
      await db.$transaction(async (tx) => {
        const products = await tx.product.findMany({ where: { sku: { in: invoiceLines.map((l) => `OR-${l.productCode}`.slice(0, 40)) } }, select: { id: true, sku: true } });
        for (const line of invoiceLines) {
          let productId = products.find((p) => p.sku === `OR-${line.productCode}`.slice(0, 40))?.id;
          if (productId === undefined) {
            const created = await tx.product.create({ data: { sku: `OR-${line.productCode}`.slice(0, 40), name: productName(line.description, line.productCode), category: "Imported", priceMinor: line.unitPriceMinor, currency: options.currency, stock: options.initialStock, createdAt: line.at } });
            report.productsCreated++;
            productId = created.id;
            products.push({ id: created.id, sku: created.sku });
          }
          await tx.orderLine.create({ data: { orderId, productId, quantity: Math.abs(line.quantity), unitPriceMinor: line.unitPriceMinor } });
        }
        await tx.order.update({ where: { id: orderId }, data: { totalMinor: { increment: invoiceLines.reduce((sum, l) => sum + Math.abs(l.quantity) * l.unitPriceMinor, 0) } } });
      });
      report.linesImported += invoiceLines.length;
    }
  }

  for await (const line of lines) {
    report.linesRead++;
    if (report.linesRead % 5_000 === 0) options.onProgress?.(report.linesRead);
    const classified = classifyHistoryLine(line, { isProductCode, invoiceKind });
    if ("skip" in classified) { skip(classified.skip); continue; }
    const { kind } = classified;
    let invoice = batch.get(line.invoiceRef);
    if (!invoice && flushed.has(line.invoiceRef)) {
      lateLines.push(line);
      continue;
    }
    if (!invoice) {
      if (batch.size >= batchSize) await flush();
      invoice = { ref: line.invoiceRef, kind, customerRef: line.customerRef, at: line.at, lines: [] };
      batch.set(line.invoiceRef, invoice);
    }
    invoice.lines.push(line);
  }
  await flush();
  await appendLateLines();
  options.onProgress?.(report.linesRead);
  report.leadsCreated = await createLeadsForImportedCustomers(db, options.source);
  // Fresh planner statistics for the tables a bulk import fills. PostgreSQL's autovacuum would get to
  // it eventually; the embedded database has no autovacuum at all, so without this its planner keeps
  // guessing a handful of orders where there are tens of thousands (the digest's per-product sales
  // query took 136 ms instead of 85 ms over two years of Online Retail).
  await db.$executeRawUnsafe(`ANALYZE "Customer", "Product", "Order", "OrderLine", "OrderStatusChange", "Lead", "LeadStageChange"`);
  return report;
}

/**
 * Gives imported customers a place in the funnel: "ordered" at their first order and "repeat" at
 * their second, with the stage history dated as the orders were. Only customers without a lead yet,
 * so it is idempotent.
 */
async function createLeadsForImportedCustomers(db: Db, source: string): Promise<number> {
  const pattern = `${source}:customer:%`;
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRawUnsafe(
      `WITH firsts AS (
         SELECT o."customerId" AS cid,
                min(o."placedAt") AS first_at,
                (array_agg(o."placedAt" ORDER BY o."placedAt"))[2] AS second_at
         FROM "Order" o JOIN "Customer" c ON c.id = o."customerId"
         WHERE c."externalRef" LIKE $1 AND o.status <> 'cancelled'
           AND NOT EXISTS (SELECT 1 FROM "Lead" l WHERE l."customerId" = c.id)
         GROUP BY o."customerId")
       INSERT INTO "Lead" ("customerId", stage, source, "lastActivityAt", "createdAt", "updatedAt")
       SELECT cid, CASE WHEN second_at IS NULL THEN 'ordered'::"FunnelStage" ELSE 'repeat'::"FunnelStage" END, 'import', coalesce(second_at, first_at), first_at, now()
       FROM firsts`,
      pattern,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "LeadStageChange" ("leadId", "fromStage", "toStage", source, at)
       SELECT l.id, NULL, 'ordered', 'import', l."createdAt" FROM "Lead" l
       WHERE l.source = 'import' AND NOT EXISTS (SELECT 1 FROM "LeadStageChange" h WHERE h."leadId" = l.id)`,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "LeadStageChange" ("leadId", "fromStage", "toStage", source, at)
       SELECT l.id, 'ordered', 'repeat', 'import', l."lastActivityAt" FROM "Lead" l
       WHERE l.source = 'import' AND l.stage = 'repeat'
         AND NOT EXISTS (SELECT 1 FROM "LeadStageChange" h WHERE h."leadId" = l.id AND h."toStage" = 'repeat')`,
    );
    return inserted;
  }, { timeout: 120_000 });
}

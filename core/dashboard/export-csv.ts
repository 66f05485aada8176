/**
 * CSV files for the accountant: orders, order lines, customers and products. UTF-8 with a byte-order
 * mark (Excel then reads Chinese names right), CRLF line ends, every text cell quoted; a text that
 * starts with `=`, `+`, `-`, `@` (or a tab or carriage return) is neutralised with a leading `'`, so
 * a customer named `=HYPERLINK(…)` is shown, never run, by a spreadsheet (CSV injection). Amounts
 * are plain numbers in the currency's major unit.
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { SOLD_ORDER_STATUSES } from "../orders/order-rules.ts";
import { majorUnits } from "./list-dashboard-products.ts";

export const ZCsvKind = z.enum(["orders", "order-lines", "customers", "products"]);
export type TCsvKind = z.infer<typeof ZCsvKind>;

type TCell = string | number | boolean | null;

const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as written: numbers and yes/no as they are, texts quoted (and neutralised when they look like a formula). */
export function csvCell(value: TCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A whole file: the byte-order mark, the header and the rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly TCell[]>): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const amount = (minor: number, currency: string) => Number(majorUnits(minor, currency));

/** The file's name and text. */
export async function exportCsv(db: Db, kind: TCsvKind): Promise<{ filename: string; content: string }> {
  if (kind === "orders") {
    const orders = await db.order.findMany({ where: { status: { not: "cart" } }, orderBy: { id: "asc" }, include: { customer: { select: { name: true, email: true, phone: true } } } });
    return {
      filename: "orders.csv",
      content: toCsv(
        ["order_id", "placed_at", "status", "channel", "customer_id", "customer_name", "email", "phone", "delivery", "total", "currency", "payment_ref", "tracking_ref", "refunded_at", "refund_ref", "shipping_address"],
        orders.map((o) => [o.id, iso(o.placedAt ?? o.createdAt), o.status, o.channel, o.customerId, o.customer?.name ?? null, o.customer?.email ?? null, o.customer?.phone ?? null, amount(o.deliveryMinor, o.currency), amount(o.totalMinor, o.currency), o.currency, o.paymentRef, o.trackingRef, iso(o.refundedAt), o.refundRef, o.shippingAddress]),
      ),
    };
  }
  if (kind === "order-lines") {
    const lines = await db.orderLine.findMany({ where: { order: { status: { not: "cart" } } }, orderBy: [{ orderId: "asc" }, { id: "asc" }], include: { order: { select: { placedAt: true, createdAt: true, status: true, currency: true } }, product: { select: { sku: true, name: true } } } });
    return {
      filename: "order-lines.csv",
      content: toCsv(
        ["order_id", "placed_at", "status", "sku", "product", "quantity", "unit_price", "line_total", "currency"],
        lines.map((l) => [l.orderId, iso(l.order.placedAt ?? l.order.createdAt), l.order.status, l.product.sku, l.product.name, l.quantity, amount(l.unitPriceMinor, l.order.currency), amount(l.unitPriceMinor * l.quantity, l.order.currency), l.order.currency]),
      ),
    };
  }
  if (kind === "customers") {
    const [customers, spent] = await Promise.all([
      db.customer.findMany({ orderBy: { id: "asc" } }),
      db.order.groupBy({ by: ["customerId", "currency"], where: { status: { in: SOLD_ORDER_STATUSES }, customerId: { not: null } }, _sum: { totalMinor: true }, _count: { _all: true } }),
    ]);
    const totals = new Map(spent.map((s) => [s.customerId!, s]));
    return {
      filename: "customers.csv",
      content: toCsv(
        ["customer_id", "name", "email", "phone", "address", "language", "marketing_consent", "consent_at", "created_at", "orders", "spent", "currency", "erased_at"],
        customers.map((c) => {
          const t = totals.get(c.id);
          return [c.id, c.name, c.email, c.phone, c.address, c.locale, c.marketingConsent, iso(c.consentAt), iso(c.createdAt), t?._count._all ?? 0, t ? amount(t._sum.totalMinor ?? 0, t.currency) : 0, t?.currency ?? null, iso(c.erasedAt)];
        }),
      ),
    };
  }
  const products = await db.product.findMany({ orderBy: { sku: "asc" } });
  return {
    filename: "products.csv",
    content: toCsv(
      ["sku", "name", "name_zh", "category", "category_zh", "price", "currency", "stock", "low_stock_threshold", "active"],
      products.map((p) => [p.sku, p.name, p.nameZh, p.category, p.categoryZh, amount(p.priceMinor, p.currency), p.currency, p.stock, p.lowStockThreshold, p.active]),
    ),
  };
}

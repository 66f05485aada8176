/**
 * Folds the cleaned Online Retail lines into the two shapes the engine benchmarks need: the daily
 * revenue series (every calendar day present) and the customers' invoices. Keeping invoices, not lines,
 * holds memory to a few tens of MB.
 */
import { isCleanSaleLine, readOnlineRetail } from "../../scripts/lib/online-retail.ts";

const MS_PER_DAY = 86_400_000;

export interface RetailInvoice {
  invoiceNo: string;
  customerId: string;
  /** Earliest InvoiceDate of the invoice's lines (wall clock read as UTC), ms. */
  firstAtMs: number;
  /** Distinct stock codes, in first-seen order. */
  stockCodes: string[];
  /** Σ quantity × unit price, GBP. */
  revenue: number;
  /** Σ quantity (units). */
  quantity: number;
  country: string;
}

export interface RetailDataset {
  /** Number of clean lines (protocol: 1,019,653). */
  cleanLineCount: number;
  /** UTC midnight of day 0 (2009-12-01), ms. */
  firstDayMs: number;
  /** Σ quantity × unit price per calendar day, GBP, zeros on days without lines (protocol: 739 days). */
  dailyRevenue: number[];
  /** Number of distinct invoices per day (all clean lines, with or without a customer). */
  dailyOrders: number[];
  /** Invoices of lines that have a CustomerID, ordered by first InvoiceDate, then invoice number. */
  invoices: RetailInvoice[];
  /** Stock code → trimmed description (the most recent non-empty one). */
  descriptions: Map<string, string>;
}

/** Reads both files once and builds the {@link RetailDataset}. */
export async function loadRetailDataset(dataDir: string): Promise<RetailDataset> {
  let cleanLineCount = 0;
  const revenueByDay = new Map<number, number>();
  const invoicesByDay = new Map<number, Set<string>>();
  const invoices = new Map<string, RetailInvoice & { codeSet: Set<string> }>();
  const descriptions = new Map<string, string>();
  for await (const line of readOnlineRetail(dataDir)) {
    if (!isCleanSaleLine(line)) continue;
    cleanLineCount++;
    const day = Math.floor(line.invoicedAtMs / MS_PER_DAY);
    const amount = line.quantity * line.unitPrice;
    revenueByDay.set(day, (revenueByDay.get(day) ?? 0) + amount);
    let dayInvoices = invoicesByDay.get(day);
    if (!dayInvoices) invoicesByDay.set(day, (dayInvoices = new Set()));
    dayInvoices.add(line.invoiceNo);
    const description = line.description.trim();
    if (description) descriptions.set(line.stockCode, description);
    if (line.customerId === null) continue;
    let invoice = invoices.get(line.invoiceNo);
    if (!invoice) {
      invoice = {
        invoiceNo: line.invoiceNo,
        customerId: line.customerId,
        firstAtMs: line.invoicedAtMs,
        stockCodes: [],
        revenue: 0,
        quantity: 0,
        country: line.country,
        codeSet: new Set(),
      };
      invoices.set(line.invoiceNo, invoice);
    }
    if (line.invoicedAtMs < invoice.firstAtMs) invoice.firstAtMs = line.invoicedAtMs;
    if (!invoice.codeSet.has(line.stockCode)) {
      invoice.codeSet.add(line.stockCode);
      invoice.stockCodes.push(line.stockCode);
    }
    invoice.revenue += amount;
    invoice.quantity += line.quantity;
  }
  // Protocol: every day from 2009-12-01 to 2011-12-09.
  const firstDay = Math.floor(Date.UTC(2009, 11, 1) / MS_PER_DAY);
  const lastDay = Math.floor(Date.UTC(2011, 11, 9) / MS_PER_DAY);
  const dailyRevenue: number[] = [];
  const dailyOrders: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    dailyRevenue.push(revenueByDay.get(day) ?? 0);
    dailyOrders.push(invoicesByDay.get(day)?.size ?? 0);
  }
  const invoiceList: RetailInvoice[] = [...invoices.values()].map(({ codeSet: _codeSet, ...invoice }) => invoice);
  invoiceList.sort((a, b) => a.firstAtMs - b.firstAtMs || (a.invoiceNo < b.invoiceNo ? -1 : a.invoiceNo > b.invoiceNo ? 1 : 0));
  return { cleanLineCount, firstDayMs: firstDay * MS_PER_DAY, dailyRevenue, dailyOrders, invoices: invoiceList, descriptions };
}

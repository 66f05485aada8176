/**
 * Reader for the UCI "Online Retail" CSVs in `../shared/data/online-retail/` (see its README). Shared by
 * the analytics benchmark and the importer: both need the same column mapping (the II file names its
 * columns `Invoice`, `Price`, `Customer ID`) and the same careful parsing (about 6k descriptions are
 * quoted because they hold commas or quotes).
 *
 * Streaming on purpose: the two files are ~90 MB unzipped and a million lines; callers keep only what
 * they need (the benchmark folds lines into invoices as they arrive).
 */
import { createReadStream, existsSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { createGunzip } from "node:zlib";

/** The two files, oldest first, so that concatenating them yields the lines in time order. */
export const ONLINE_RETAIL_FILES = [
  "online_retail_II_2009-12-01_to_2010-11-30.csv.gz",
  "online_retail.csv.gz",
] as const;

/** One invoice line, with the columns of `online_retail.csv.gz` (the II file's names are mapped). */
export interface OnlineRetailLine {
  invoiceNo: string;
  stockCode: string;
  /** As in the source: may carry leading/trailing spaces, may be empty. */
  description: string;
  quantity: number;
  /** Wall-clock text as in the file, `YYYY-MM-DD HH:MM:SS` (UK local time, no zone). */
  invoiceDate: string;
  /** `invoiceDate` read as if it were UTC, in ms: calendar days then fall on UTC day boundaries. */
  invoicedAtMs: number;
  /** GBP per unit (a float as in the file; may have more than two decimals). */
  unitPrice: number;
  /** Null when the source has none (about a quarter of the lines). */
  customerId: string | null;
  country: string;
}

/** Thrown when the data directory or one of its files is missing; the CLI prints `message` and exits 1. */
export class MissingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingDataError";
  }
}

const COLUMN_ALIASES: Record<string, keyof OnlineRetailRaw> = {
  InvoiceNo: "invoiceNo",
  Invoice: "invoiceNo",
  StockCode: "stockCode",
  Description: "description",
  Quantity: "quantity",
  InvoiceDate: "invoiceDate",
  UnitPrice: "unitPrice",
  Price: "unitPrice",
  CustomerID: "customerId",
  "Customer ID": "customerId",
  Country: "country",
};

type OnlineRetailRaw = Record<
  "invoiceNo" | "stockCode" | "description" | "quantity" | "invoiceDate" | "unitPrice" | "customerId" | "country",
  string
>;

/**
 * Splits one RFC 4180 CSV record into fields: fields may be quoted, quoted fields may contain commas
 * and doubled quotes (`""` → `"`). Records never span lines in these files, so a line is a record.
 */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (i < n && line.charCodeAt(i) === 34 /* " */) {
      let value = "";
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close === -1) {
          // Unterminated quote: keep what is there rather than drop the record.
          value += line.slice(i);
          i = n;
          break;
        }
        value += line.slice(i, close);
        if (line.charCodeAt(close + 1) === 34) {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      fields.push(value);
      // Skip anything between the closing quote and the next comma (malformed input).
      const comma = line.indexOf(",", i);
      if (comma === -1) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      if (comma === -1) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** `YYYY-MM-DD HH:MM[:SS]` read as UTC; NaN when it does not match. */
export function parseInvoiceDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

/** Lines of one gzipped CSV file, without the header, with the column names mapped. */
export async function* readOnlineRetailFile(path: string): AsyncGenerator<OnlineRetailLine> {
  if (!existsSync(path)) throw new MissingDataError(`Online Retail file not found: ${path}`);
  const stream = createReadStream(path).pipe(createGunzip());
  stream.setEncoding("utf8");
  let columns: (keyof OnlineRetailRaw | undefined)[] | null = null;
  let rest = "";
  const toLine = (text: string): OnlineRetailLine | null => {
    if (text.endsWith("\r")) text = text.slice(0, -1);
    if (text === "") return null;
    const fields = parseCsvLine(text);
    if (columns === null) {
      columns = fields.map((name) => COLUMN_ALIASES[name.trim()]);
      const missing = ["invoiceNo", "stockCode", "quantity", "invoiceDate", "unitPrice", "customerId"].filter(
        (key) => !columns!.includes(key as keyof OnlineRetailRaw),
      );
      if (missing.length > 0) throw new Error(`${path}: header lacks ${missing.join(", ")}`);
      return null;
    }
    const raw: OnlineRetailRaw = {
      invoiceNo: "",
      stockCode: "",
      description: "",
      quantity: "",
      invoiceDate: "",
      unitPrice: "",
      customerId: "",
      country: "",
    };
    for (let c = 0; c < columns.length; c++) {
      const key = columns[c];
      if (key) raw[key] = fields[c] ?? "";
    }
    const customer = raw.customerId.trim();
    return {
      invoiceNo: raw.invoiceNo.trim(),
      stockCode: raw.stockCode.trim(),
      description: raw.description,
      quantity: Number(raw.quantity),
      invoiceDate: raw.invoiceDate,
      invoicedAtMs: parseInvoiceDate(raw.invoiceDate),
      unitPrice: Number(raw.unitPrice),
      // Some exports write the id as a float ("17850.0").
      customerId: customer === "" ? null : customer.endsWith(".0") ? customer.slice(0, -2) : customer,
      country: raw.country,
    };
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) break;
      const line = toLine(text.slice(start, newline));
      if (line) yield line;
      start = newline + 1;
    }
    rest = text.slice(start);
  }
  const last = toLine(rest);
  if (last) yield last;
}

/** Absolute paths of both files in `dataDir`; throws {@link MissingDataError} naming what is missing. */
/**
 * The benchmarks' data: `--data DIR` or `<repo>/../shared/data/online-retail`. Missing data ends the
 * process with exit code 1 and a message naming what was looked for, not a stack trace.
 */
export function onlineRetailFilesOrExit(args: readonly string[], repoRoot: string): { dataDir: string; files: string[] } {
  const flag = args.indexOf("--data");
  const dataDir = flag >= 0 && args[flag + 1] ? resolvePath(args[flag + 1]!) : resolvePath(repoRoot, "../shared/data/online-retail");
  try {
    return { dataDir, files: resolveOnlineRetailFiles(dataDir) };
  } catch (error) {
    if (!(error instanceof MissingDataError)) throw error;
    process.stderr.write(`${error.message}\nThe benchmark reads the Online Retail data from ${dataDir} (or --data DIR).\n`);
    process.exit(1);
  }
}

export function resolveOnlineRetailFiles(dataDir: string): string[] {
  if (!existsSync(dataDir)) {
    throw new MissingDataError(
      `Online Retail data directory not found: ${dataDir} (expected ${ONLINE_RETAIL_FILES.join(" and ")}; pass --data DIR)`,
    );
  }
  const paths = ONLINE_RETAIL_FILES.map((name) => join(dataDir, name));
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new MissingDataError(`Online Retail file(s) missing: ${missing.join(", ")}`);
  return paths;
}

/** Every line of both files, the 2009–2010 file first (the two years concatenate without overlap). */
export async function* readOnlineRetail(dataDir: string): AsyncGenerator<OnlineRetailLine> {
  for (const path of resolveOnlineRetailFiles(dataDir)) yield* readOnlineRetailFile(path);
}

/**
 * The benchmarks' cleaning rule: a sale, not a cancellation (`C…` invoice), with a positive quantity
 * and a positive price. Lines without a customer are kept here (the forecast uses them).
 */
export function isCleanSaleLine(line: OnlineRetailLine): boolean {
  return !line.invoiceNo.startsWith("C") && line.quantity > 0 && line.unitPrice > 0;
}

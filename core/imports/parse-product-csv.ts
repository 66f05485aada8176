/**
 * Reads a catalog CSV (a header row naming the columns, then one record per product) with csv-parse,
 * so a quoted field may hold commas, doubled quotes and line breaks: a description written over two
 * lines in a spreadsheet is one record, not two broken rows. Each record keeps the line it starts
 * on, for the import's "line 7: price …" report.
 */
import { CsvError, parse } from "csv-parse/sync";
import { AppError } from "../errors.ts";

/** One record: its first line in the file (the header is line 1) and its fields by column name. */
export interface TProductCsvRecord {
  line: number;
  values: Record<string, string>;
}

export interface TProductCsv {
  /** Column names as written in the header, trimmed and lower-cased ("Name_ZH" → "name_zh"). */
  columns: string[];
  records: TProductCsvRecord[];
}

/**
 * Parses the whole file. Blank lines are skipped; a record with fewer fields than the header has
 * the missing ones empty. Throws an `INVALID_INPUT` {@link AppError} naming the line when the file
 * is not CSV at all (a quote opened and never closed), since then no record can be trusted.
 */
export function parseProductCsv(text: string): TProductCsv {
  // One kind of line break: csv-parse counts a quoted CRLF as two lines, which would misnumber rows.
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let columns: string[] = [];
  let rows: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    rows = parse(normalized, {
      columns: (header: string[]) => (columns = header.map((name) => name.trim().toLowerCase())),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new AppError("INVALID_INPUT", { message: `The file is not valid CSV${line ? ` near line ${line}` : ""}: ${error.message}` });
  }
  return {
    columns,
    records: rows.map(({ record, raw, info }) => {
      // `info.lines` is the line the record ends on; a quoted field's line breaks came before it.
      const inner = raw.replace(/^\n+/, "").replace(/\n$/, "").split("\n").length - 1;
      const values: Record<string, string> = {};
      for (const name of columns) values[name] = record[name] ?? "";
      return { line: info.lines - inner, values };
    }),
  };
}

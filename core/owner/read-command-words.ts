/**
 * The small grammar every typed owner command shares: words with `key=value` fields (values with
 * spaces in double quotes), ids and quantities, tracking numbers. Pure; used by the command files.
 */
import { z } from "zod";

export const ZId = z.coerce.number().int().positive().max(2_147_483_647);
export const ZQty = z.coerce.number().int().min(0).max(1_000_000);
/** How many customers a ranking shows (`top 5`, `hot 20`). */
export const ZLimit = z.coerce.number().int().min(1).max(50);

/**
 * A carrier's tracking number ("RM123456789GB", "JD0002 2499 1234") or tracking link. Numbers always
 * have digits, which keeps a stray word ("order 12 shipped later") from being taken for one.
 */
export const ZTrackingRef = z.string().trim().min(3).max(200).refine((ref) => /\d/.test(ref) || /^https?:\/\/\S+$/i.test(ref), "a tracking number has digits, or is a link");

/** Splits `a b="c d" e` into words, keeping quoted values whole. */
export function tokenize(input: string): string[] {
  const tokens: string[] = [];
  const pattern = /([^\s"=]+=)?"([^"]*)"|(\S+)/g;
  for (const match of input.matchAll(pattern)) tokens.push(match[1] !== undefined ? match[1] + match[2] : match[2] !== undefined ? match[2] : match[3]!);
  return tokens;
}

/** `key=value` words as fields (keys lower-cased), the other words as they came. */
export function readFields(tokens: readonly string[]): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const token of tokens) {
    const eq = token.indexOf("=");
    if (eq > 0) fields[token.slice(0, eq).toLowerCase()] = token.slice(eq + 1);
    else rest.push(token);
  }
  return { fields, rest };
}

/** Fields written back as words, quoting values with spaces or quotes (the inverse of {@link readFields}). */
export function writeFields(fields: Record<string, string>): string {
  return Object.entries(fields).map(([key, value]) => (/[\s"]/.test(value) || value === "" ? `${key}="${value.replace(/"/g, "'")}"` : `${key}=${value}`)).join(" ");
}

/** The line after its first `count` words, as typed (free text such as a reply keeps its spacing). */
export function textAfterWords(line: string, count: number): string {
  let rest = line.trim();
  for (let i = 0; i < count; i++) rest = rest.replace(/^\S+\s*/, "");
  return rest;
}

/** A moment as the owner's lists show it: "2026-11-20 10:00" (UTC), or "—". */
export function formatOwnerDate(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 16).replace("T", " ") : "—";
}

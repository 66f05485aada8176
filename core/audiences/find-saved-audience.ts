/**
 * A saved audience by name, whatever its case ("Lapsed" finds "lapsed"), or null. A shop saves a few
 * dozen audiences at most, so they are read and compared here rather than with Prisma's
 * case-insensitive `equals`, which is an ILIKE that takes `_` and `%` in a name for wildcards.
 */
import type { Db } from "../db.ts";

export async function findSavedAudience(db: Db, name: string) {
  const wanted = name.trim().toLowerCase();
  const audiences = await db.audience.findMany({ orderBy: { id: "asc" } });
  return audiences.find((a) => a.name.toLowerCase() === wanted) ?? null;
}

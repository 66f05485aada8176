/**
 * The saved audiences, in the order they were first saved, each with its definition read back (or
 * null when an older version stored one this version no longer reads: listed, never guessed at).
 */
import type { Db } from "../db.ts";
import { ZAudienceDefinition, type TAudienceDefinition } from "./audience-definition.ts";

export interface ListedAudience {
  id: number;
  name: string;
  definition: TAudienceDefinition | null;
  updatedAt: Date;
}

export async function listAudiences(db: Db): Promise<ListedAudience[]> {
  const rows = await db.audience.findMany({ orderBy: { id: "asc" } });
  return rows.map((row) => {
    const stored = ZAudienceDefinition.safeParse(row.definition);
    return { id: row.id, name: row.name, definition: stored.success ? stored.data : null, updatedAt: row.updatedAt };
  });
}

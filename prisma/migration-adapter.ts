/**
 * The driver adapter the Prisma CLI uses (prisma.config.ts): a PostgreSQL server when DATABASE_URL
 * is set, otherwise the embedded PGlite database under DATA_DIR (default ./data/pglite), the same
 * choice the application makes at start.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** The adapters are built against other @prisma/driver-adapter-utils releases; the contract is the same. */
export async function createMigrationAdapter(databaseUrl: string | undefined): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (databaseUrl) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: databaseUrl }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dir = path.resolve(process.env.DATA_DIR ?? "data", "pglite");
  mkdirSync(dir, { recursive: true });
  return new PrismaPGlite(new PGlite(dir)) as unknown as SqlMigrationAwareDriverAdapterFactory;
}

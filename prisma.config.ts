// The Prisma CLI checks for native engines at start; these point it at a file that exists so it
// does not try to download them (this machine has no internet). The WebAssembly engines do the work.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/dev/null";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/dev/null";

import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./prisma/migration-adapter.ts";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  adapter: async () => createMigrationAdapter(process.env.DATABASE_URL),
});

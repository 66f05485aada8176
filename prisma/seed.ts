/**
 * Seeds the demo shop into an empty database (`npm run db:seed`; `npm start` does it by itself
 * when the catalog is empty and SEED_DEMO is not false). Never touches a database with products.
 */
import { fileURLToPath } from "node:url";
import type { Db } from "../core/db.ts";
import { ZProductFields } from "../core/products/product-input.ts";
import { DEMO_PRODUCTS } from "./demo-shop.ts";

export async function seedDemoShop(db: Db): Promise<number> {
  if ((await db.product.count()) > 0) return 0;
  const data = DEMO_PRODUCTS.map((p) => ZProductFields.parse(p));
  const result = await db.product.createMany({ data, skipDuplicates: true });
  return result.count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadConfig } = await import("../bot/config.ts");
  const { openDatabase } = await import("../bot/database.ts");
  const config = loadConfig(process.env);
  const database = await openDatabase(config.DATABASE_URL ? { kind: "postgres", url: config.DATABASE_URL } : { kind: "pglite", dataDir: config.DATA_DIR });
  const count = await seedDemoShop(database.prisma);
  console.log(count > 0 ? `Seeded ${count} demo products.` : "The catalog is not empty; nothing seeded.");
  await database.close();
}

/**
 * Seeds the demo shop into an empty database (`npm run db:seed`; `npm start` does it by itself
 * when the catalog is empty and SEED_DEMO is not false). Never touches a database with products.
 */
import { fileURLToPath } from "node:url";
import type { Db } from "../core/db.ts";
import { ZProductFields } from "../core/products/product-input.ts";
import { ZFaqEntryInput } from "../core/faq/manage-faq.ts";
import { DEMO_FAQ, DEMO_PRODUCTS } from "./demo-shop.ts";

/**
 * Seeds the catalog and, when the shop has none yet, the demo answers to common questions, in one
 * transaction. Returns the number of products created (0: the catalog was not empty, nothing done).
 */
export async function seedDemoShop(db: Db): Promise<number> {
  if ((await db.product.count()) > 0) return 0;
  const data = DEMO_PRODUCTS.map((p) => ZProductFields.parse(p));
  const faq = DEMO_FAQ.map((entry) => ZFaqEntryInput.parse(entry));
  return db.$transaction(async (tx) => {
    const result = await tx.product.createMany({ data, skipDuplicates: true });
    if ((await tx.faqEntry.count()) === 0) await tx.faqEntry.createMany({ data: faq });
    return result.count;
  });
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

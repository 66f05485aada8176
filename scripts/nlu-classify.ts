/**
 * `npm run nlu:classify`: one message per line on stdin → one JSON line per message on stdout:
 * {"text","intent","confidence","entities"} from the shop's own trained customer model. Product
 * mentions are linked to the demo catalog (the shop's catalog lives in its database, which another
 * process may hold open).
 */
import readline from "node:readline";
import path from "node:path";
import { matchProducts } from "../core/catalog/match-products.ts";
import { extractEntities } from "../core/nlu/extract-entities.ts";
import { loadIntentClassifier } from "../bot/intent-model.ts";
import { loadConfig } from "../bot/config.ts";
import { DEMO_PRODUCTS } from "../prisma/demo-shop.ts";

const config = loadConfig(process.env);
const classifier = await loadIntentClassifier({ set: "customer", cacheDir: path.join(config.DATA_DIR, "models") });
const catalog = DEMO_PRODUCTS.map((p, i) => ({ id: i + 1, sku: p.sku, name: p.name, nameZh: p.nameZh ?? null, category: p.category, tags: p.tags ?? [] }));

const rl = readline.createInterface({ input: process.stdin, terminal: false });
for await (const text of rl) {
  const prediction = classifier.predict(text);
  const products = matchProducts(text, catalog).slice(0, 3).map((m) => ({ sku: catalog[m.productId - 1]!.sku, score: Number(m.score.toFixed(3)) }));
  const entities = { ...extractEntities(text, { defaultCountry: config.SHOP_COUNTRY as "GB" }), ...(products.length ? { products } : {}) };
  process.stdout.write(JSON.stringify({ text, intent: prediction.intent, confidence: Number(prediction.confidence.toFixed(4)), entities }) + "\n");
}

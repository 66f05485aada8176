/** `stock <sku> <qty>`: sets a product's stock (a count after a stocktake); customers waiting are told it is back. */
import { z } from "zod";
import { productSubject } from "../../audit/record-audit-entry.ts";
import { adjustStock } from "../../inventory/adjust-stock.ts";
import { alertPointOf } from "../../inventory/claim-reorder-alert.ts";
import { DEFAULT_INVENTORY_POLICY } from "../../inventory/inventory-policy.ts";
import { sendStockAlerts } from "../../inventory/send-stock-alerts.ts";
import { ZQty } from "../read-command-words.ts";
import type { OwnerCommand, OwnerCommandContext, OwnerReply, OwnerWords, TWordsResult } from "./define-command.ts";

const ZArgs = z.object({ sku: z.string().min(1).max(64), quantity: ZQty });
const USAGE = "stock <sku> <quantity 0–1000000>";

export const setStockCommand: OwnerCommand<"setStock", z.infer<typeof ZArgs>> = {
  verb: "setStock",
  words: ["stock"],
  usage: "stock <sku> <qty>",
  help: { en: "set stock", zh: "设定库存" },
  examples: ["stock TEA-001 12", "stock TEA-001 0"],
  ZArgs,
  mutates: true,
  intents: ["set_stock"],
  fromWords: (words) => stockFromWords(words, "`stock <sku> <qty>`"),
  read(words) {
    if (words.length === 1 || words[1]?.toLowerCase() === "low") return null;
    const quantity = ZQty.safeParse(words[2]);
    return words[1] && quantity.success ? { ok: true, args: { sku: words[1], quantity: quantity.data } } : { ok: false, usage: USAGE };
  },
  write: ({ sku, quantity }) => `stock ${sku} ${quantity}`,
  run: (context, { sku, quantity }) => changeStock(context, sku, "set", quantity),
};

/** The product and quantity of "20 dragon well arrived", "set the teapot stock to 4"; asks when either is missing. */
export async function stockFromWords(words: OwnerWords, usage: string): Promise<TWordsResult<{ sku: string; quantity: number }>> {
  const sku = await words.productSku();
  const skuNumber = sku ? Number(/\d+$/.exec(sku)?.[0]) : undefined;
  const quantity = words.numbers.find((n) => n !== skuNumber);
  return sku && quantity !== undefined ? { ok: true, args: { sku, quantity } } : { ok: false, ask: (t) => t.whichProduct(usage) };
}

/** Sets or adds to a product's stock, then tells the customers waiting for it; shared with `restock`. */
export async function changeStock({ deps, t, audit }: OwnerCommandContext, sku: string, mode: "set" | "add", quantity: number): Promise<OwnerReply[]> {
  const { before, product } = await adjustStock({ db: deps.db, notifier: deps.notifier, inventory: deps.inventory ?? DEFAULT_INVENTORY_POLICY }, { sku, mode, quantity, at: deps.clock.now() });
  await audit({ subject: productSubject(product.sku), before: { stock: before }, after: { stock: product.stock } });
  const told = await sendStockAlerts(deps, { productId: product.id, at: deps.clock.now() });
  return [{ text: t.stock.changed({ sku: product.sku, name: product.name, before, after: product.stock, point: product.stock <= alertPointOf(product) ? { reorder: product.planReorderPoint !== null, value: alertPointOf(product) } : null, told }) }];
}

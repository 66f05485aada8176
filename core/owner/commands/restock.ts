/** `restock <sku> <qty>`: adds a delivery to a product's stock; customers waiting are told it is back. */
import { z } from "zod";
import { ZQty } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";
import { changeStock, stockFromWords } from "./set-stock.ts";

const ZArgs = z.object({ sku: z.string().min(1).max(64), quantity: ZQty.refine((n) => n > 0) });
const USAGE = "restock <sku> <quantity 1–1000000>";

export const restockCommand: OwnerCommand<"restock", z.infer<typeof ZArgs>> = {
  verb: "restock",
  words: ["restock"],
  usage: "restock <sku> <qty>",
  help: { en: "add to stock", zh: "补货（增加库存）" },
  examples: ["restock TEA-001 10"],
  ZArgs,
  mutates: true,
  intents: ["restock"],
  fromWords: (words) => stockFromWords(words, "`restock <sku> <qty>`"),
  read(words) {
    const quantity = ZQty.safeParse(words[2]);
    return words[1] && quantity.success && quantity.data > 0 ? { ok: true, args: { sku: words[1], quantity: quantity.data } } : { ok: false, usage: USAGE };
  },
  write: ({ sku, quantity }) => `restock ${sku} ${quantity}`,
  run: (context, { sku, quantity }) => changeStock(context, sku, "add", quantity),
};

/**
 * `stock [low]`: every product's stock (or only those that need reordering: at or below the reorder
 * point worked out from their forecast, or their low-stock threshold without one), with customers waiting.
 */
import { z } from "zod";
import { alertPointOf } from "../../inventory/claim-reorder-alert.ts";
import { countWaitingForRestock } from "../../inventory/count-waiting-for-restock.ts";
import { formatMoney } from "../../money.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ lowOnly: z.boolean() });

export const stockCommand: OwnerCommand<"stock", z.infer<typeof ZArgs>> = {
  verb: "stock",
  words: ["stock"],
  usage: "stock [low]",
  help: { en: "stock levels (low: at or below the reorder point, or the threshold without a forecast)", zh: "库存（low：处于或低于再订货点，没有预测时按预警线）" },
  examples: ["stock", "stock low"],
  ZArgs,
  mutates: false,
  intents: ["list_stock"],
  fromWords: ({ normalized }) => ({ ok: true, args: { lowOnly: /\b(low|running out|almost out|sold out)\b|不足|快没|缺货|低/.test(normalized) } }),
  quick: { label: { en: "Stock", zh: "库存" }, args: { lowOnly: false } },
  read: (words) => (words.length === 1 || words[1]?.toLowerCase() === "low" ? { ok: true, args: { lowOnly: words[1]?.toLowerCase() === "low" } } : null),
  write: ({ lowOnly }) => (lowOnly ? "stock low" : "stock"),
  async run({ deps, t }, { lowOnly }) {
    const products = await deps.db.product.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] });
    const low = (p: (typeof products)[number]) => p.stock <= alertPointOf(p);
    const shown = lowOnly ? products.filter(low) : products;
    if (shown.length === 0) return [{ text: lowOnly ? t.stock.noneLow : t.stock.noProducts }];
    // Customers waiting for an out-of-stock product ("tell me when it's back"): a reason to restock it.
    const waiting = await countWaitingForRestock(deps.db);
    const lines = shown.map((p) => `${p.sku.padEnd(10)} ${String(p.stock).padStart(5)}${low(p) ? " LOW" : "    "}  ${p.name} — ${formatMoney(p.priceMinor, p.currency)}${p.active ? "" : ` ${t.stock.inactive}`}${waiting.get(p.id) ? ` · ${t.stock.waiting(waiting.get(p.id)!)}` : ""}`);
    return [{ text: [t.stock.heading(shown.length, lowOnly), ...lines].join("\n") }];
  },
};

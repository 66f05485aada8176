/**
 * `stock plan [sku]` ("what should I reorder?", "该补什么货"): what to order now, what will need
 * ordering within its lead time, and what is low by its threshold, each with its reason; with a SKU,
 * that product's forecast (weekly and daily, with 80 % intervals) and how its reorder point and
 * quantity come about.
 */
import { z } from "zod";
import { countWaitingForRestock } from "../../inventory/count-waiting-for-restock.ts";
import { DEFAULT_INVENTORY_POLICY } from "../../inventory/inventory-policy.ts";
import { planStock } from "../../inventory/plan-stock.ts";
import { findProductBySku } from "../../products/update-product.ts";
import { addLocalDays, localDate } from "../../digest/time-zone.ts";
import { formatServiceLevel, sortStockPlans, stockPlanLines, stockPlanWords } from "../show-stock-plan.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ sku: z.string().min(1).max(64).optional() });
const USAGE = "stock plan [sku]";

export const stockPlanCommand: OwnerCommand<"stockPlan", z.infer<typeof ZArgs>> = {
  verb: "stockPlan",
  words: ["stock", "reorder"],
  usage: USAGE,
  help: { en: "what to reorder now and soon, and how much, from each product's demand forecast; with a SKU, its forecast", zh: "根据每个商品的需求预测，列出现在和即将需要补的货及数量；加 SKU 查看该商品的预测" },
  examples: ["stock plan", "stock plan CND-001", "reorder"],
  ZArgs,
  mutates: false,
  quick: { label: { en: "Stock plan", zh: "补货计划" }, args: {} },
  read(words) {
    const first = words[0]?.toLowerCase();
    if (first === "reorder") return words.length <= 2 ? { ok: true, args: words[1] ? { sku: words[1] } : {} } : { ok: false, usage: USAGE };
    if (words[1]?.toLowerCase() !== "plan") return null;
    return words.length <= 3 ? { ok: true, args: words[2] ? { sku: words[2] } : {} } : { ok: false, usage: USAGE };
  },
  write: ({ sku }) => (sku ? `stock plan ${sku}` : "stock plan"),
  async run({ deps, t, locale }, { sku }) {
    const policy = deps.inventory ?? DEFAULT_INVENTORY_POLICY;
    const asOf = deps.clock.now();
    const timeZone = deps.timeZone;
    const heading = t.stockPlan.heading(formatServiceLevel(policy), policy.defaultLeadDays, policy.coverDays);
    if (sku) {
      const product = await findProductBySku(deps.db, sku);
      const [p] = await planStock(deps.db, { asOf, policy, productIds: [product.id], ...(timeZone ? { timeZone } : {}) });
      if (!p) return [{ text: t.stockPlan.noProducts }];
      const words = stockPlanWords(p, locale);
      const weekFrom = (h: number) => localDate(addLocalDays(asOf, 7 * h, timeZone), timeZone);
      return [{
        text: t.stockPlan.detail({
          ...words,
          minOrder: p.product.minOrder,
          ownLeadDays: product.leadDays !== null,
          weeks: p.forecast.weeks.slice(0, 4).map((w, h) => ({ from: weekFrom(h), mean: w.mean, low: w.low, high: w.high })),
          days: p.days,
          serviceLevel: formatServiceLevel(policy),
          protectionDemand: p.plan.protectionDemand,
          safetyStock: p.plan.safetyStock,
          forecasted: p.forecasted,
          coverDays: policy.coverDays,
        }),
      }];
    }
    const plans = await planStock(deps.db, { asOf, policy, ...(timeZone ? { timeZone } : {}) });
    if (plans.length === 0) return [{ text: t.stockPlan.noProducts }];
    const sections = sortStockPlans(plans);
    const waiting = await countWaitingForRestock(deps.db, sections.lowStock.map((p) => p.product.id));
    const lines = stockPlanLines(sections, t, locale, waiting);
    const urgent = [...sections.orderNow, ...sections.orderSoon].slice(0, 3);
    return [{
      text: [heading, ...(lines.length ? lines : [t.stockPlan.nothing]), ...(lines.length && sections.rest > 0 ? [t.stockPlan.rest(sections.rest)] : [])].join("\n"),
      ...(urgent.length ? { buttons: [urgent.map((p) => ({ label: t.stockPlan.detailButton(p.product.sku), command: { command: "stockPlan" as const, sku: p.product.sku } }))] } : {}),
    }];
  },
};

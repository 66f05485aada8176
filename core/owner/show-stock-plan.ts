/**
 * A stock plan in the owner's words, for `stock plan` and the daily digest alike: what to order now,
 * what will need ordering within its lead time, and what is low by its threshold (products without
 * enough sales for a forecast), each line with its reason.
 */
import type { OwnerMessages, StockPlanWords } from "../i18n/owner.ts";
import type { InventoryPolicy } from "../inventory/inventory-policy.ts";
import type { ProductStockPlan } from "../inventory/plan-stock.ts";
import type { TLocale } from "../messages.ts";

/** Lines shown per section; the rest are counted. */
export const PLAN_LINES_SHOWN = 15;

export function stockPlanWords(p: ProductStockPlan, locale: TLocale, waiting = 0): StockPlanWords {
  const { product, plan, forecast } = p;
  const week = forecast.weeks[0];
  return {
    sku: product.sku,
    name: locale === "zh" ? (product.nameZh ?? product.name) : product.name,
    stock: product.stock,
    cover: plan.daysOfCover,
    leadDays: product.leadDays,
    reorderPoint: plan.reorderPoint,
    orderUpTo: plan.orderUpTo,
    quantity: plan.orderQuantity,
    minimumApplied: product.minOrder !== null && plan.orderQuantity === product.minOrder && plan.orderQuantity > plan.orderUpTo - Math.min(product.stock, plan.reorderPoint),
    daysUntil: plan.daysUntilReorder,
    pace: plan.dailyPace,
    week: { mean: week?.mean ?? 0, low: week?.low ?? 0, high: week?.high ?? 0 },
    basis: forecast.basis,
    historyWeeks: forecast.historyWeeks,
    category: p.pool === "category" ? product.category : null,
    seasonal: forecast.seasonal[0] ?? 1,
    waiting,
    threshold: product.lowStockThreshold,
  };
}

export interface StockPlanSections {
  orderNow: ProductStockPlan[];
  orderSoon: ProductStockPlan[];
  lowStock: ProductStockPlan[];
  /** Active products in none of the three. */
  rest: number;
}

/** Sorts the plans into what the owner acts on: the most urgent first in each. */
export function sortStockPlans(plans: readonly ProductStockPlan[]): StockPlanSections {
  const active = plans.filter((p) => p.product.active);
  const orderNow = active.filter((p) => p.forecasted && p.plan.status === "orderNow").sort((a, b) => (a.plan.daysOfCover ?? Infinity) - (b.plan.daysOfCover ?? Infinity) || a.product.sku.localeCompare(b.product.sku));
  const orderSoon = active.filter((p) => p.forecasted && p.plan.status === "orderSoon").sort((a, b) => (a.plan.daysUntilReorder ?? 0) - (b.plan.daysUntilReorder ?? 0) || a.product.sku.localeCompare(b.product.sku));
  const lowStock = active.filter((p) => p.belowThreshold).sort((a, b) => a.product.stock - b.product.stock || a.product.sku.localeCompare(b.product.sku));
  return { orderNow, orderSoon, lowStock, rest: active.length - orderNow.length - orderSoon.length - lowStock.length };
}

/** The sections as lines (headings included), each cut at {@link PLAN_LINES_SHOWN}. */
export function stockPlanLines(sections: StockPlanSections, t: OwnerMessages, locale: TLocale, waiting: ReadonlyMap<number, number>): string[] {
  const w = t.stockPlan;
  const section = (heading: string, plans: readonly ProductStockPlan[], line: (p: StockPlanWords) => string) =>
    plans.length === 0
      ? []
      : [heading, ...plans.slice(0, PLAN_LINES_SHOWN).map((p) => line(stockPlanWords(p, locale, waiting.get(p.product.id) ?? 0))), ...(plans.length > PLAN_LINES_SHOWN ? [`  … +${plans.length - PLAN_LINES_SHOWN}`] : [])];
  return [
    ...section(w.orderNow(sections.orderNow.length), sections.orderNow, w.nowLine),
    ...section(w.orderSoon(sections.orderSoon.length), sections.orderSoon, w.soonLine),
    ...section(w.lowStock(sections.lowStock.length), sections.lowStock, w.lowLine),
  ];
}

/** The service level as the owner reads it: "95 %". */
export function formatServiceLevel(policy: Pick<InventoryPolicy, "serviceLevel">): string {
  return `${Number((policy.serviceLevel * 100).toFixed(1))} %`;
}

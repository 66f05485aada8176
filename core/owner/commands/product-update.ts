/** `product update <sku> price=9.00 [stock=… name=… active=no …]`: changes a product; customers waiting are told when it is back. */
import { z } from "zod";
import type { Prisma } from "../../db.ts";
import { sendStockAlerts } from "../../inventory/send-stock-alerts.ts";
import { DEFAULT_INVENTORY_POLICY, leadDaysOf } from "../../inventory/inventory-policy.ts";
import { refreshStockPlans } from "../../inventory/refresh-stock-plans.ts";
import { productAuditValue, productSubject } from "../../audit/record-audit-entry.ts";
import { formatMoney } from "../../money.ts";
import { updateProduct } from "../../products/update-product.ts";
import { productFieldsFromText } from "../product-fields-from-text.ts";
import { readFields, writeFields } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ sku: z.string().min(1).max(64), fields: z.record(z.string(), z.string()) });
/**
 * "Change the price of the mug to 18", "把马克杯的价格改成18": a new price for one product. Thousands may
 * be grouped as the shop writes them ("to £1,299"); "to 18, please" is 18.
 */
const NEW_PRICE = /(?:\bprice\b|\bcosts?\b|价格|价钱|售价|改价).*?(?:\bto\b|\bat\b|=|成|为|到)\s*[£$¥€]?\s*((?:\d{1,3}(?:,\d{3})+|\d{1,6})(?:\.\d{1,2})?)(?![\d-]|,\d)/u;

const pick = (value: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, value[key]])) as Prisma.InputJsonObject;

export const productUpdateCommand: OwnerCommand<"productUpdate", z.infer<typeof ZArgs>> = {
  verb: "productUpdate",
  words: ["product"],
  usage: "product update <sku> price=9.00 [stock=… lead_days=… min_order=… name=… description=… active=no …]",
  help: { en: "change a product", zh: "修改商品" },
  examples: ["product update TEA-001 price=9.00", 'product update TEA-001 stock=12 name="Jasmine tea"', "product update CND-001 lead_days=14 min_order=24"],
  ZArgs,
  mutates: true,
  intents: ["update_product"],
  async fromWords({ normalized, productSku }) {
    // A new price said in words, for a product the text names clearly; anything else in the syntax.
    const price = NEW_PRICE.exec(normalized)?.[1]?.replace(/,/g, "");
    const sku = price ? await productSku() : null;
    return price && sku ? { ok: true, args: { sku, fields: { price } } } : { ok: false, ask: (t) => t.changeProduct };
  },
  read(words) {
    if (words[1]?.toLowerCase() !== "update") return null;
    const { fields, rest } = readFields(words.slice(2));
    return rest[0] ? { ok: true, args: { sku: rest[0], fields } } : { ok: false, usage: "product update <sku> field=value …" };
  },
  write: ({ sku, fields }) => `product update ${sku} ${writeFields(fields)}`.trim(),
  async run({ deps, t, audit }, { sku, fields }) {
    const { product, before } = await updateProduct(deps.db, sku, productFieldsFromText(fields, deps.currency, t.productFields));
    const [was, now] = [productAuditValue(before), productAuditValue(product)];
    const changed = Object.keys(now).filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
    await audit({ subject: productSubject(before.sku), before: pick(was, changed), after: pick(now, changed) });
    const told = await sendStockAlerts(deps, { productId: product.id, at: deps.clock.now() });
    // Its reorder point depends on the lead time and its quantity on the minimum order: work it out
    // again now (and tell the owner if the product is now at it), not at tonight's refresh.
    const policy = deps.inventory ?? DEFAULT_INVENTORY_POLICY;
    const supplyChanged = changed.some((key) => key === "leadDays" || key === "minOrder");
    if (supplyChanged || changed.includes("stock") || changed.includes("active")) {
      await refreshStockPlans(deps, { at: deps.clock.now(), policy, productIds: [product.id], ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) });
    }
    return [{
      text: t.product.updated({
        sku: product.sku,
        name: product.name,
        price: formatMoney(product.priceMinor, product.currency),
        was: before.priceMinor !== product.priceMinor ? formatMoney(before.priceMinor, before.currency) : null,
        stock: product.stock,
        active: product.active,
        told,
        supply: supplyChanged ? { leadDays: leadDaysOf(product, policy), ownLeadDays: product.leadDays !== null, minOrder: product.minOrder } : null,
      }),
    }];
  },
};

/** `product add sku=… name="…" price=… category=… [stock=… …]`: a new product in the catalog. */
import { z } from "zod";
import { productAuditValue, productSubject } from "../../audit/record-audit-entry.ts";
import { formatMoney } from "../../money.ts";
import { addProduct } from "../../products/add-product.ts";
import { productFieldsFromText } from "../product-fields-from-text.ts";
import { readFields, writeFields } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ fields: z.record(z.string(), z.string()) });

export const productAddCommand: OwnerCommand<"productAdd", z.infer<typeof ZArgs>> = {
  verb: "productAdd",
  words: ["product"],
  usage: 'product add sku=TEA-9 name="Jasmine tea" price=8.50 category=Tea stock=20 [description="…" tags=a,b name_zh=… category_zh=… image=https://…]',
  help: { en: "a new product", zh: "新增商品" },
  examples: ['product add sku=TEA-9 name="Jasmine tea" price=8.50 category=Tea stock=20'],
  ZArgs,
  mutates: true,
  intents: ["add_product"],
  // Too many fields to guess from a sentence: the syntax, with an example.
  fromWords: () => ({ ok: false, ask: (t) => t.addProduct }),
  read(words) {
    const sub = words[1]?.toLowerCase();
    if (sub === "update") return null;
    if (sub !== "add") return { ok: false, usage: 'product add sku=… name="…" price=… category=… | product update <sku> field=value …' };
    return { ok: true, args: { fields: readFields(words.slice(2)).fields } };
  },
  write: ({ fields }) => `product add ${writeFields(fields)}`.trim(),
  async run({ deps, t, audit }, { fields }) {
    const product = await addProduct(deps.db, productFieldsFromText(fields, deps.currency, t.productFields) as never);
    await audit({ subject: productSubject(product.sku), before: null, after: productAuditValue(product) });
    return [{ text: t.product.added(product.sku, product.name, formatMoney(product.priceMinor, product.currency), product.stock, product.category) }];
  },
};

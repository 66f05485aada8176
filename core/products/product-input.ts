/** What the owner may set on a product, validated the same way from every channel. */
import { z } from "zod";

export const ZSku = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, . _ - only");

/** Days from ordering to having it in stock. */
export const ZLeadDays = z.number().int().min(1).max(365);
/** Units the supplier sells at least. */
export const ZMinOrder = z.number().int().min(1).max(1_000_000);

export const ZProductFields = z.object({
  sku: ZSku,
  name: z.string().trim().min(1).max(200),
  nameZh: z.string().trim().max(200).nullish(),
  description: z.string().trim().max(10_000).default(""),
  descriptionZh: z.string().trim().max(10_000).nullish(),
  category: z.string().trim().min(1).max(60),
  categoryZh: z.string().trim().min(1).max(60).nullish(),
  tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  priceMinor: z.number().int().min(0).max(100_000_000),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, "a 3-letter currency code like GBP").default("GBP"),
  stock: z.number().int().min(0).max(1_000_000).default(0),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).default(5),
  consumable: z.boolean().default(false),
  imageUrl: z.url({ protocol: /^https?$/ }).nullish(),
  active: z.boolean().default(true),
  /** The supplier's lead time in days; none: DEFAULT_LEAD_DAYS. */
  leadDays: ZLeadDays.nullish(),
  /** The supplier's minimum order in units; none: no minimum. */
  minOrder: ZMinOrder.nullish(),
});
export type TProductFields = z.input<typeof ZProductFields>;

/**
 * Fields of an update: anything but the SKU, all optional, and none defaulted. Built from the
 * fields' own schemas without their defaults: zod 4's `.partial()` keeps `.default()`, which would
 * silently reset stock, threshold, currency… to their defaults on every update.
 */
export const ZProductUpdate = z
  .object({
    name: z.string().trim().min(1).max(200),
    nameZh: z.string().trim().max(200).nullable(),
    description: z.string().trim().max(10_000),
    descriptionZh: z.string().trim().max(10_000).nullable(),
    category: z.string().trim().min(1).max(60),
    categoryZh: z.string().trim().min(1).max(60).nullable(),
    tags: z.array(z.string().trim().min(1).max(40)).max(30),
    priceMinor: z.number().int().min(0).max(100_000_000),
    currency: z.string().trim().regex(/^[A-Z]{3}$/, "a 3-letter currency code like GBP"),
    stock: z.number().int().min(0).max(1_000_000),
    lowStockThreshold: z.number().int().min(0).max(1_000_000),
    consumable: z.boolean(),
    imageUrl: z.url({ protocol: /^https?$/ }).nullable(),
    active: z.boolean(),
    leadDays: ZLeadDays.nullable(),
    minOrder: ZMinOrder.nullable(),
  })
  .partial()
  .strict();
export type TProductUpdate = z.input<typeof ZProductUpdate>;

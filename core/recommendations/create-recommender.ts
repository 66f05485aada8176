/**
 * Recommendations for the customer chat, from the analytics engines: item-to-item collaborative
 * filtering over orders and product views, content similarity on name, description and tags, and
 * recent popularity for newcomers. Never out of stock; never what the customer already bought,
 * unless it is a consumable. The models are rebuilt when older than `maxAgeMs` (orders change
 * slowly; a chat reply must not wait for a rebuild each time).
 */
import { buildContentSimilarity, buildItemSimilarity, recommendForCustomer, recommendForProduct, type ItemSimilarityModel, type SparseSimilarity } from "../analytics/index.ts";
import type { Db } from "../db.ts";
import { SOLD_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { Clock } from "../ports.ts";
import type { Product } from "../../prisma/generated/client.ts";
import { priceBoundsWhere, type RecommendationRequest } from "./recommend-popular.ts";


export function createRecommender(deps: { db: Db; clock: Clock; maxAgeMs?: number }) {
  const maxAgeMs = deps.maxAgeMs ?? 10 * 60_000;
  let cached: { builtAt: number; model: ItemSimilarityModel; content: SparseSimilarity } | undefined;
  let building: Promise<NonNullable<typeof cached>> | undefined;

  async function build(db: Db) {
    const now = deps.clock.now();
    const [lines, views, products] = await Promise.all([
      db.orderLine.findMany({ where: { order: { status: { in: SOLD_ORDER_STATUSES }, customerId: { not: null } } }, select: { productId: true, order: { select: { id: true, customerId: true, placedAt: true } } } }),
      db.event.findMany({ where: { type: "product_viewed", customerId: { not: null }, productId: { not: null } }, select: { customerId: true, productId: true, at: true } }),
      db.product.findMany({ where: { active: true }, select: { id: true, name: true, nameZh: true, description: true, descriptionZh: true, tags: true } }),
    ]);
    const baskets = new Map<number, { customerId: number; productIds: number[]; at: Date }>();
    for (const line of lines) {
      const basket = baskets.get(line.order.id) ?? { customerId: line.order.customerId!, productIds: [], at: line.order.placedAt ?? now };
      basket.productIds.push(line.productId);
      baskets.set(line.order.id, basket);
    }
    const asOf = new Date(now.getTime() + 1);
    const model = buildItemSimilarity({ orders: [...baskets.values()], views: views.map((v) => ({ customerId: v.customerId!, productId: v.productId!, at: v.at })), asOf });
    const content = buildContentSimilarity({ products: products.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh, description: p.description, descriptionZh: p.descriptionZh, tags: p.tags })) });
    return { builtAt: now.getTime(), model, content };
  }

  async function models(db: Db) {
    if (cached && deps.clock.now().getTime() - cached.builtAt < maxAgeMs) return cached;
    building ??= build(db).finally(() => (building = undefined));
    cached = await building;
    return cached;
  }

  async function catalog(db: Db, bounds: Pick<RecommendationRequest, "minPriceMinor" | "maxPriceMinor" | "category"> = {}) {
    return db.product.findMany({ where: { active: true, stock: { gt: 0 }, ...priceBoundsWhere(bounds) } });
  }

  return {
    /** Products for a customer, best first, within the request's price range and category. */
    async forCustomer(options: RecommendationRequest): Promise<Product[]> {
      const db = options.db ?? deps.db;
      const [{ model, content }, products, purchases, views] = await Promise.all([
        models(db),
        catalog(db, options),
        db.orderLine.findMany({ where: { order: { customerId: options.customerId, status: { in: SOLD_ORDER_STATUSES } } }, select: { productId: true, order: { select: { placedAt: true } } } }),
        db.event.findMany({ where: { customerId: options.customerId, type: { in: ["product_viewed", "product_asked"] }, productId: { not: null } }, select: { productId: true, at: true }, orderBy: { at: "desc" }, take: 50 }),
      ]);
      const excluded = new Set(options.excludeProductIds ?? []);
      const ranked = recommendForCustomer({
        model,
        content,
        purchases: purchases.map((p) => ({ productId: p.productId, at: p.order.placedAt ?? deps.clock.now() })),
        views: views.map((v) => ({ productId: v.productId!, at: v.at })),
        products: products.filter((p) => !excluded.has(p.id)).map((p) => ({ id: p.id, stock: p.stock, active: p.active, consumable: p.consumable })),
        limit: options.limit,
      });
      return ranked.map((r) => products.find((p) => p.id === r.productId)).filter((p): p is Product => p !== undefined);
    },
    /**
     * Products to show next to a product: bought together and similar, or with `boughtTogether` what
     * is bought with it first ("what goes with the teapot?" wants tea, not another pot): likeness then
     * only orders the products never bought with it.
     */
    async forProduct(options: { productId: number; limit: number; boughtTogether?: boolean; db?: Db }): Promise<Product[]> {
      const db = options.db ?? deps.db;
      const [{ model, content }, products] = await Promise.all([models(db), catalog(db)]);
      const ranked = recommendForProduct({ model, content, productId: options.productId, products: products.map((p) => ({ id: p.id, stock: p.stock, active: p.active, consumable: p.consumable })), limit: options.limit, ...(options.boughtTogether ? { contentWeight: 0.001 } : {}) });
      return ranked.map((r) => products.find((p) => p.id === r.productId)).filter((p): p is Product => p !== undefined);
    },
    /** Forget the models (after an import, say). */
    invalidate() {
      cached = undefined;
    },
  };
}

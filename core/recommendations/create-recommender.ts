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
      // Questions too (only views feed the model): a customer's own reads come from here when this build serves their request.
      db.event.findMany({ where: { type: { in: ["product_viewed", "product_asked"] }, customerId: { not: null }, productId: { not: null } }, select: { customerId: true, productId: true, at: true, type: true } }),
      db.product.findMany({ where: { active: true }, select: { id: true, name: true, nameZh: true, description: true, descriptionZh: true, tags: true } }),
    ]);
    const baskets = new Map<number, { customerId: number; productIds: number[]; at: Date }>();
    for (const line of lines) {
      const basket = baskets.get(line.order.id) ?? { customerId: line.order.customerId!, productIds: [], at: line.order.placedAt ?? now };
      basket.productIds.push(line.productId);
      baskets.set(line.order.id, basket);
    }
    const asOf = new Date(now.getTime() + 1);
    const model = buildItemSimilarity({ orders: [...baskets.values()], views: views.filter((v) => v.type === "product_viewed").map((v) => ({ customerId: v.customerId!, productId: v.productId!, at: v.at })), asOf });
    const content = buildContentSimilarity({ products: products.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh, description: p.description, descriptionZh: p.descriptionZh, tags: p.tags })) });
    return { builtAt: now.getTime(), model, content, read: { lines, views } };
  }

  /**
   * The models; `read` (every sold line and every view or question, as just read through `db`) only
   * when this call built them, so a request that triggered the build takes its customer's history
   * from those rows instead of reading it again. Nothing of it is kept once the call returns.
   */
  async function models(db: Db): Promise<{ model: ItemSimilarityModel; content: SparseSimilarity; read?: Awaited<ReturnType<typeof build>>["read"] }> {
    if (cached && deps.clock.now().getTime() - cached.builtAt < maxAgeMs) return cached;
    if (building) return (cached = await building);
    const built = build(db).finally(() => (building = undefined));
    building = built.then(({ read: _read, ...kept }) => kept);
    const result = await built;
    cached = await building;
    return result;
  }

  async function catalog(db: Db, bounds: Pick<RecommendationRequest, "minPriceMinor" | "maxPriceMinor" | "category"> = {}) {
    return db.product.findMany({ where: { active: true, stock: { gt: 0 }, ...priceBoundsWhere(bounds) } });
  }

  return {
    /** Products for a customer, best first, within the request's price range and category. */
    async forCustomer(options: RecommendationRequest): Promise<Product[]> {
      const db = options.db ?? deps.db;
      const [{ model, content, read }, products] = await Promise.all([models(db), catalog(db, options)]);
      // The customer's purchases and last 50 views or questions: from the rows the build just read, else their own reads.
      const [purchases, views] = read
        ? [
          read.lines.filter((l) => l.order.customerId === options.customerId).map((l) => ({ productId: l.productId, order: { placedAt: l.order.placedAt } })),
          read.views.filter((v) => v.customerId === options.customerId).sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 50),
        ]
        : await Promise.all([
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

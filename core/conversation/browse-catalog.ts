/**
 * Browsing the catalog in a conversation: categories and their pages, product cards, what "the blue one" or
 * "the second one" refers to in the list just shown, prices ("candles under £20", "the cheapest tea"),
 * similar and new products, side-by-side comparisons and "tell me when it's back".
 */
import type { Product } from "../../prisma/generated/client.ts";
import { browseCategory, CATALOG_PAGE_SIZE, categoryLabel, getActiveProduct } from "../catalog/catalog-queries.ts";
import { findProductsInPriceRange } from "../catalog/find-products-in-price-range.ts";
import { answerFromProductFacts } from "../catalog/answer-from-product-facts.ts";
import { closestMatches, findNamedCategory, matchProducts, searchProducts } from "../catalog/match-products.ts";
import type { Button, Reply } from "../messages.ts";
import { formatMoney, parseMoney } from "../money.ts";
import type { Entities } from "../nlu/extract-entities.ts";
import { normalizeText } from "../nlu/normalize-text.ts";
import { requestStockAlert } from "../inventory/request-stock-alert.ts";
import { SUPERLATIVE, ASKS_WHICH } from "./customer-phrases.ts";
import { encodeCustomerPayload as pay } from "./payloads.ts";
import { aspectComparisonReply, comparisonReply, stockAlertButton, mainMenu, productCard, productList, productName } from "./product-replies.ts";
import { type Turn, catalogOf, matchableOf, categoriesOf, event, engage } from "./assistant-turn.ts";
import { mentionsIn, positionalIds, productAtPositionIn, productIn, productsIn } from "./understand/find-mentions.ts";
import { discussProduct, showList, showProduct as showProductState } from "./state/dialogue.ts";

/** The categories with their product counts, one button each (the start of browsing, and where a stale step lands). */
export async function showCategories(turn: Turn, intro?: string): Promise<Reply[]> {
  const categories = await categoriesOf(turn);
  if (categories.length === 0) return [{ text: turn.m.noProducts() }];
  await event(turn, "catalog_browsed");
  return [{
    text: intro ?? turn.m.categories(),
    buttons: categories.map((c) => [{ label: `${categoryLabel(c, turn.locale)} (${c.count})`, payload: pay({ action: "category", page: 0, category: c.category }) }]),
  }];
}

/** One page of a category, with previous/next buttons; its products become what "the second one" counts in. */
export async function showCategory(turn: Turn, category: string, page: number): Promise<Reply[]> {
  const { db } = turn.ctx;
  const categories = await categoriesOf(turn);
  const match = categories.find((c) => c.category === category) ?? categories.find((c) => c.category.startsWith(category));
  if (!match) return showCategories(turn, turn.m.staleButton());
  const result = await browseCategory(db, match.category, page);
  await event(turn, "catalog_browsed", undefined, { category: match.category, page: result.page });
  await engage(turn);
  rememberList(turn, result.products.map((p) => p.id));
  const nav: Button[] = [];
  if (result.page > 0) nav.push({ label: turn.m.prevPage(), payload: pay({ action: "category", page: result.page - 1, category: match.category }) });
  if (result.page < result.pages - 1) nav.push({ label: turn.m.nextPage(), payload: pay({ action: "category", page: result.page + 1, category: match.category }) });
  return [productList(turn.m.categoryPage(categoryLabel(match, turn.locale), result.page + 1, result.pages), result.products, turn.locale, nav.length ? [nav] : [])];
}

/**
 * One product's card. Recorded as viewed or asked about (the funnel and the lead scorer count both),
 * and it becomes what "it" means in the next message.
 */
export async function showProduct(turn: Turn, product: Product, asked: boolean): Promise<Reply[]> {
  await event(turn, asked ? "product_asked" : "product_viewed", product.id);
  await engage(turn);
  turn.state = showProductState(turn.state, product.id);
  return [productCard(product, turn.locale)];
}

/** Active products a browsing question names by kind, best first, at most one page of the catalog. */
export async function searchCatalog(turn: Turn, text: string): Promise<Product[]> {
  const catalog = await catalogOf(turn);
  return productsIn(catalog, searchProducts(text, catalog).slice(0, CATALOG_PAGE_SIZE * 2));
}

/** A list was shown: its products are what "the blue one" and "the second one" refer to until the next list. */
export function rememberList(turn: Turn, productIds: number[]) {
  turn.state = showList(turn.state, productIds);
}

/** What "the second one" counts in: the last list shown, else the products just shown (a card). */
export function positionalList(turn: Turn): number[] {
  return positionalIds(turn.state);
}

/** The product at a position of the list just shown ("the second one"; −1 = the last), if there is one. */
export async function productAtPosition(turn: Turn, position: number): Promise<Product | undefined> {
  return productAtPositionIn(await catalogOf(turn), turn.state, position);
}

/**
 * Products the text mentions: by name (typo-tolerant), by a word among the products just shown
 * ("the blue one"), or by position in that list ("the second one"); a product named outright wins
 * over a position. Read from the turn's one reading of the catalog (understand/find-mentions.ts).
 */
export async function findMentionedProducts(turn: Turn, text: string, entities?: Entities): Promise<Product[]> {
  return mentionsIn(await catalogOf(turn), turn.state, text, entities);
}

/** Whether the message names a product clearly (a match of 0.75 or more): then it is about that product. */
export async function namesAProduct(turn: Turn, text: string): Promise<boolean> {
  return matchProducts(text, await matchableOf(turn), { minScore: 0.75 }).length > 0;
}

/** "Under 100 yuan" in a shop that prices in pounds: there are no exchange rates here to read it by. */
export function namesOtherCurrency(turn: Turn, price: Entities["price"]): boolean {
  const { shop } = turn.ctx;
  return price?.currency !== undefined && price.currency !== shop.currency && !(price.currency === "¥" && ["CNY", "JPY"].includes(shop.currency));
}

/** A price a customer typed ("20", "12.50") in minor units of the shop's currency; undefined if it is not one. */
export function minorUnits(turn: Turn, amount: string | undefined): number | undefined {
  const { shop } = turn.ctx;
  return amount === undefined ? undefined : (parseMoney(amount, shop.currency) ?? undefined);
}

/**
 * "Candles under £20", "the cheapest tea", "anything cheaper?", "20镑以下": in-stock products in
 * the range, cheapest first (dearest first for "the most expensive"), within the category or the
 * search results the message named. "Cheaper" is below the product just discussed, in its
 * category first. Nothing in range: says so and offers the nearest product. A superlative ("what's
 * your cheapest tea?") names the one it found first, and that product is then the one "it" means
 * ("is it organic?", "I'll take it").
 */
export async function showByPrice(turn: Turn, requested: NonNullable<Entities["price"]>, scope: { category?: { category: string; categoryZh: string | null }; productIds?: number[] }, cheaperThan?: Product, superlative = false): Promise<Reply[]> {
  const { db, shop } = turn.ctx;
  // Another currency than the shop's: say what the prices are in and list from the cheapest.
  const otherCurrency = namesOtherCurrency(turn, requested);
  const price: NonNullable<Entities["price"]> = otherCurrency ? { order: "lowest" } : requested;
  const minMinor = minorUnits(turn, price.atLeast);
  let maxMinor = minorUnits(turn, price.atMost);
  const money = (minor: number) => formatMoney(minor, shop.currency);
  let title: string;
  let reference: Product | undefined;
  if (price.order === "cheaper") reference = cheaperThan ?? (turn.state.lastProductId !== undefined ? ((await getActiveProduct(db, turn.state.lastProductId)) ?? undefined) : undefined);
  // "Any cheaper tea?" after looking at a bag: cheaper teas, not teas cheaper than the bag.
  if (reference && !cheaperThan && scope.category && reference.category !== scope.category.category) reference = undefined;
  // The range the customer set, in words ("up to £20.00"); empty when they set none.
  const range = minMinor !== undefined && maxMinor !== undefined ? turn.m.rangeBetween(money(minMinor), money(maxMinor)) : maxMinor !== undefined ? turn.m.rangeAtMost(money(maxMinor)) : minMinor !== undefined ? turn.m.rangeAtLeast(money(minMinor)) : "";
  if (reference) {
    maxMinor = Math.min(maxMinor ?? Infinity, reference.priceMinor - 1);
    title = turn.m.cheaperThan(productName(reference, turn.locale), formatMoney(reference.priceMinor, reference.currency));
  } else if (range) title = turn.m.priceMatches(range);
  else if (otherCurrency) title = turn.m.pricesInCurrency(shop.currency);
  else title = price.order === "highest" ? turn.m.dearestFirst() : turn.m.cheapestFirst();

  const query = {
    ...(minMinor !== undefined ? { minMinor } : {}),
    ...(maxMinor !== undefined ? { maxMinor } : {}),
    descending: price.order === "highest",
    ...(scope.productIds ? { productIds: scope.productIds } : {}),
    ...(reference ? { excludeProductIds: [reference.id] } : {}),
    limit: CATALOG_PAGE_SIZE,
  };
  const category = scope.category?.category ?? (reference && !scope.productIds ? reference.category : undefined);
  let result = await findProductsInPriceRange(db, { ...query, ...(category !== undefined ? { category } : {}) });
  // Nothing cheaper in the product's own category: anything cheaper in the shop.
  if (reference && !scope.category && result.products.length === 0 && category !== undefined) result = await findProductsInPriceRange(db, query);
  await event(turn, "catalog_browsed", undefined, { price: { ...(minMinor !== undefined ? { minMinor } : {}), ...(maxMinor !== undefined ? { maxMinor } : {}), ...(price.order ? { order: price.order } : {}) }, ...(category ? { category } : {}), results: result.products.length });
  await engage(turn);
  if (result.products.length > 0) {
    rememberList(turn, result.products.map((p) => p.id));
    const first = result.products[0]!;
    const answersWhich = superlative && !range && !reference && !otherCurrency && price.order !== undefined && price.order !== "cheaper";
    if (result.products.length === 1 || answersWhich) turn.state = discussProduct(turn.state, first.id);
    const label = scope.category ? `${categoryLabel(scope.category, turn.locale)} — ` : "";
    const lead = answersWhich && result.products.length > 1
      ? `${(price.order === "highest" ? turn.m.dearestIs : result.products.length === 2 ? turn.m.cheaperOneIs : turn.m.cheapestIs)(productName(first, turn.locale), formatMoney(first.priceMinor, first.currency))}\n\n`
      : "";
    return [productList(`${lead}${label}${title}`, result.products, turn.locale)];
  }
  if (reference) return [{ text: turn.m.nothingCheaper(productName(reference, turn.locale), formatMoney(reference.priceMinor, reference.currency)), buttons: mainMenu(turn.locale) }];
  const nothing = range ? turn.m.nothingInRange(range) : turn.m.noneInStock();
  if (!result.nearest) return showCategories(turn, nothing);
  rememberList(turn, [result.nearest.id]);
  turn.state = discussProduct(turn.state, result.nearest.id);
  return [productList(`${nothing}${turn.locale === "zh" ? "" : " "}${turn.m.nearestIs(productName(result.nearest, turn.locale), formatMoney(result.nearest.priceMinor, result.nearest.currency))}`, [result.nearest], turn.locale)];
}

/**
 * A price question over the category the message names ("the cheapest tea"), else the products it
 * names by kind ("teapots under £50"), else the list just shown when it points there ("which one
 * is the cheapest?", "哪个最便宜"), else the whole catalog.
 */
export async function browseByPrice(turn: Turn, text: string, price: NonNullable<Entities["price"]>): Promise<Reply[]> {
  // "Which one is cheaper?" under a short list (a comparison): those, cheapest first.
  const listed = turn.state.listedProductIds;
  if (price.order === "cheaper" && listed.length >= 2 && listed.length <= 4 && ASKS_WHICH.test(normalizeText(text))) {
    return showByPrice(turn, { ...price, order: "lowest" }, { productIds: listed }, undefined, true);
  }
  if (price.order === "cheaper") {
    // "Anything cheaper than the sea salt candle?": cheaper than the product it names.
    const named = closestMatches(matchProducts(text, await matchableOf(turn), { minScore: 0.6 }));
    const single = named.length === 1 ? productIn(await catalogOf(turn), named[0]!.productId) : undefined;
    if (single) return showByPrice(turn, price, {}, single);
  }
  const superlative = SUPERLATIVE.test(normalizeText(text));
  const named = findNamedCategory(text, await categoriesOf(turn));
  if (named) return showByPrice(turn, price, { category: named }, undefined, superlative);
  const found = await searchCatalog(turn, text);
  if (found.length > 0) return showByPrice(turn, price, { productIds: found.map((p) => p.id) }, undefined, superlative);
  const pointsAtList = price.order !== "cheaper" && turn.state.listedProductIds.length > 1 && /\b(one|ones|them|these|those|which)\b|哪个|哪一个|哪款|其中|这些|这几/.test(normalizeText(text));
  return showByPrice(turn, price, pointsAtList ? { productIds: turn.state.listedProductIds } : {}, undefined, superlative);
}

/**
 * A message that only picks from the list just shown ("the second one", "第二个", "number 3"):
 * that product's card. A position the list does not have shows the list again; no list at all,
 * the categories.
 */
export async function pickShownProduct(turn: Turn, position: number): Promise<Reply[]> {
  const product = await productAtPosition(turn, position);
  if (product) return showProduct(turn, product, false);
  const ordered = await listedProducts(turn);
  if (ordered.length === 0) return showCategories(turn, turn.m.nothingShownYet());
  return [productList(turn.m.pickFromList(ordered.length), ordered, turn.locale)];
}

/** The products of the list just shown that are still for sale, in its order (remembered again as the list). */
export async function listedProducts(turn: Turn): Promise<Product[]> {
  const ordered = productsIn(await catalogOf(turn), positionalList(turn));
  if (ordered.length > 0) rememberList(turn, ordered.map((p) => p.id));
  return ordered;
}

/** The products of the list just shown that can still be ordered, in the list's order. */
export async function listedInStock(turn: Turn): Promise<Product[]> {
  const { db } = turn.ctx;
  const ids = positionalList(turn);
  if (ids.length === 0) return [];
  const found = await db.product.findMany({ where: { id: { in: ids }, active: true, stock: { gt: 0 } } });
  return ids.map((id) => found.find((p) => p.id === id)).filter((p): p is Product => Boolean(p));
}

/**
 * "Tell me when it's back": the customer waits for an out-of-stock product and is told in this chat
 * when the owner restocks it. Asked only when ("when will the envelopes be back?"): offered, with
 * one tap. A product in stock just says so.
 */
export async function waitForRestock(turn: Turn, product: Product, asked: boolean): Promise<Reply[]> {
  const { db } = turn.ctx;
  const name = productName(product, turn.locale);
  turn.state = discussProduct(turn.state, product.id);
  if (product.stock > 0) return [{ text: turn.m.stillInStock(name, product.stock), buttons: [[{ label: turn.m.orderButton(), payload: pay({ action: "order", productId: product.id }) }]] }];
  if (!asked) return [{ text: turn.m.outOfStockOffer(name), buttons: [[stockAlertButton(product, turn.locale)], ...mainMenu(turn.locale)] }];
  const { alreadyWaiting } = await requestStockAlert(db, { customerId: turn.customer.id, productId: product.id, at: turn.at });
  return [{ text: alreadyWaiting ? turn.m.alreadyNotifyingWhenBack(name) : turn.m.willNotifyWhenBack(name), buttons: mainMenu(turn.locale) }];
}

/**
 * "Anything similar to the lavender candle?": the recommender's products like it (in stock, not
 * itself). "What goes well with the teapot?" (`goesWith`): what customers bought with it.
 */
export async function showSimilar(turn: Turn, product: Product, goesWith = false): Promise<Reply[]> {
  const { recommendSimilar } = turn.ctx;
  const similar = (await recommendSimilar({ productId: product.id, limit: 4, ...(goesWith ? { boughtTogether: true } : {}) })).filter((p) => p.id !== product.id && p.active && p.stock > 0).slice(0, 3);
  turn.state = discussProduct(turn.state, product.id);
  if (similar.length === 0) return [{ text: turn.m.noSimilar(productName(product, turn.locale)), buttons: mainMenu(turn.locale) }];
  await event(turn, "recommendation_shown", undefined, { productIds: similar.map((p) => p.id), ...(goesWith ? { goesWith: product.id } : { similarTo: product.id }) });
  rememberList(turn, similar.map((p) => p.id));
  const name = productName(product, turn.locale);
  return [productList(goesWith ? turn.m.goesWith(name) : turn.m.similarTo(name), similar, turn.locale)];
}

/**
 * "What's the difference between the jasmine tea and the dragon well?": each product's price, stock
 * and the shop's own description one under the other, then one tap to order either.
 */
export async function compareProducts(turn: Turn, products: Product[]): Promise<Reply[]> {
  const shown = products.slice(0, 4);
  for (const product of shown) await event(turn, "product_viewed", product.id, { compared: true });
  await engage(turn);
  rememberList(turn, shown.map((p) => p.id));
  return [comparisonReply(shown, turn.locale)];
}

/**
 * "Which one lasts the longest?", "哪个有香味？" under a short list: what each product's description
 * says about that aspect, side by side (it once offered the best sellers, as if nothing matched).
 * Null when the question is about no aspect the facts module reads.
 */
export async function compareOnAspect(turn: Turn, products: Product[], text: string): Promise<Reply[] | null> {
  const answers = products.map((product) => ({ product, facts: answerFromProductFacts(text, product, turn.locale) }));
  const first = answers[0]?.facts;
  if (!first) return null;
  for (const product of products) await event(turn, "product_viewed", product.id, { compared: true });
  await engage(turn);
  const heading = first.property ? turn.m.propertyOfEach(turn.m.productProperty(first.property)) : turn.m.aspectOfEach(turn.m.productAspect(first.aspect));
  return [aspectComparisonReply(heading, answers.map(({ product, facts }) => ({ product, evidence: facts?.evidence ?? [] })), turn.locale)];
}

/** "What's new?": the newest products in stock. */
export async function showNewArrivals(turn: Turn): Promise<Reply[]> {
  const { db } = turn.ctx;
  const newest = await db.product.findMany({ where: { active: true, stock: { gt: 0 } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 5 });
  if (newest.length === 0) return showCategories(turn);
  await event(turn, "catalog_browsed", undefined, { newest: true, results: newest.length });
  rememberList(turn, newest.map((p) => p.id));
  return [productList(turn.m.newArrivals(), newest, turn.locale)];
}

/**
 * Recommendations in a conversation: the recommender's picks for this customer, ranked toward what the
 * customer says they are interested in ("she loves tea"), within a budget when one is given.
 */
import type { Product } from "../../prisma/generated/client.ts";
import { CATALOG_PAGE_SIZE } from "../catalog/catalog-queries.ts";
import { findProductsOfInterest, namesAnInterest } from "../catalog/find-products-of-interest.ts";
import { findNamedCategory, searchProducts } from "../catalog/match-products.ts";
import type { Reply } from "../messages.ts";
import type { Entities } from "../nlu/extract-entities.ts";
import { mainMenu, productList } from "./product-replies.ts";
import { type Turn, catalogOf, categoriesOf, event, matchableOf } from "./assistant-turn.ts";
import { showCategory, rememberList, namesOtherCurrency, minorUnits, browseByPrice } from "./browse-catalog.ts";
import { recommendWithin } from "./state/dialogue.ts";

/** What interest matching reads of every product for sale (names, tags and descriptions in both languages): the turn's one reading of the catalog. */
export function interestMatchable(turn: Turn): Promise<Product[]> {
  return catalogOf(turn);
}

/** In-stock products whose descriptions speak to what the text asks for, best first (a catalog page at most). */
export async function productsSuitedTo(turn: Turn, text: string): Promise<Product[]> {
  const { db } = turn.ctx;
  const suited = findProductsOfInterest(text, await interestMatchable(turn)).slice(0, 10);
  if (suited.length === 0) return [];
  const inStock = await db.product.findMany({ where: { id: { in: suited }, active: true, stock: { gt: 0 } } });
  return suited.map((id) => inStock.find((p) => p.id === id)).filter((p): p is Product => Boolean(p)).slice(0, CATALOG_PAGE_SIZE);
}

/** Products of interest first (in their order), then others of their categories, then the rest, each as given. */
export function rankByInterest(products: Product[], interest: readonly number[]): Product[] {
  const categories = new Set(products.filter((p) => interest.includes(p.id)).map((p) => p.category));
  const tier = (p: Product) => (interest.includes(p.id) ? 0 : categories.has(p.category) ? 1 : 2);
  return products
    .map((product, index) => ({ product, index, tier: tier(product), rank: interest.indexOf(product.id) }))
    .sort((a, b) => a.tier - b.tier || (a.tier === 0 ? a.rank - b.rank : a.index - b.index))
    .map((x) => x.product);
}

/**
 * Recommendations for this customer; "a gift under £30" keeps to the price, "something cheap" lists
 * the cheapest, "a present for my mum, she loves tea" keeps to the category it names.
 */
export async function showRecommendations(turn: Turn, text = "", price?: Entities["price"]): Promise<Reply[]> {
  const { recommend } = turn.ctx;
  const minPriceMinor = minorUnits(turn, price?.atLeast);
  const maxPriceMinor = minorUnits(turn, price?.atMost);
  if (price && ((minPriceMinor === undefined && maxPriceMinor === undefined) || namesOtherCurrency(turn, price))) return browseByPrice(turn, text, price);
  const category = text ? findNamedCategory(text, await categoriesOf(turn))?.category : undefined;
  // "for my dad who likes writing": products whose words speak to the interest come first, then
  // others of their categories, then the recommender's own order.
  // "I'm looking for a teapot and some cups": the kinds it names come first, ahead of interests.
  const kinds = text && category === undefined ? searchProducts(text, await matchableOf(turn), { exact: true }) : [];
  const interest = kinds.length > 0
    ? kinds
    : text && category === undefined ? findProductsOfInterest(text, await interestMatchable(turn)) : [];
  const request = { customerId: turn.customer.id, ...(minPriceMinor !== undefined ? { minPriceMinor } : {}), ...(maxPriceMinor !== undefined ? { maxPriceMinor } : {}), ...(category !== undefined ? { category } : {}) };
  const products = interest.length === 0 ? await recommend({ ...request, limit: 3 }) : rankByInterest(await recommend({ ...request, limit: 100 }), interest).slice(0, 3);
  if (products.length === 0 && category !== undefined && !price) return showCategory(turn, category, 0);
  if (products.length === 0 && price) return browseByPrice(turn, text, price);
  if (products.length === 0) return [{ text: turn.m.noRecommendations(), buttons: mainMenu(turn.locale) }];
  await event(turn, "recommendation_shown", undefined, { productIds: products.map((p) => p.id) });
  rememberList(turn, products.map((p) => p.id));
  turn.state = recommendWithin(turn.state, price?.atLeast !== undefined || price?.atMost !== undefined
    ? { ...(price.atLeast !== undefined ? { atLeast: price.atLeast } : {}), ...(price.atMost !== undefined ? { atMost: price.atMost } : {}), productIds: products.map((p) => p.id) }
    : undefined);
  // An interest nothing speaks to ("he drinks a lot of coffee" in a tea shop): say so, not "you might like".
  const unmatched = interest.length === 0 && text !== "" && category === undefined && namesAnInterest(text);
  return [productList(unmatched ? turn.m.noInterestMatch() : turn.m.recommendations(), products, turn.locale)];
}

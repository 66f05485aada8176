/**
 * The customer side of the shop: one inbound message in, channel-neutral replies out. The
 * classifier predicts an intent, entity extraction and product matching fill slots, and a handler
 * per intent (or per pressed button) acts through the domain use-cases. It never throws: a domain
 * refusal becomes a polite reply, anything unexpected is logged and answered with an apology.
 */
import { randomBytes } from "node:crypto";
import type { CountryCode } from "libphonenumber-js";
import type { Conversation, Customer, Product } from "../../prisma/generated/client.ts";
import { browseCategory, CATALOG_PAGE_SIZE, categoryLabel, getActiveProduct, listCategories, listMatchableProducts } from "../catalog/catalog-queries.ts";
import { answerFromProductFacts, asksAboutProductFacts, withoutFactWords } from "../catalog/answer-from-product-facts.ts";
import { findProductsOfInterest, namesAnInterest } from "../catalog/find-products-of-interest.ts";
import { readOrderLines, REFERS_BACK } from "../catalog/read-order-lines.ts";
import { findProductsInPriceRange } from "../catalog/find-products-in-price-range.ts";
import { closestMatches, findNamedCategory, matchProducts, searchProducts } from "../catalog/match-products.ts";
import { advanceLead } from "../crm/advance-lead.ts";
import { captureContact } from "../crm/capture-contact.ts";
import { saveCustomerAddress } from "../crm/save-customer-address.ts";
import { saveCustomerName } from "../crm/save-customer-name.ts";
import { findOrCreateCustomer } from "../crm/find-or-create-customer.ts";
import { findFaqAnswer } from "../faq/find-faq-answer.ts";
import { requestHandoff } from "../crm/request-handoff.ts";
import type { CustomerHandoffHooks } from "../handoff/handoff-inbox.ts";
import type { Db, Prisma } from "../db.ts";
import { isAppError } from "../errors.ts";
import { recordEvent, type EventType } from "../events/record-event.ts";
import { formatOrderDate, intentLabel, messagesFor } from "../i18n.ts";
import { MAX_INBOUND_TEXT, ZInboundMessage, type Button, type Reply, type TInboundMessage, type TLocale } from "../messages.ts";
import { formatMoney, parseMoney } from "../money.ts";
import { extractCustomerName } from "../nlu/extract-customer-name.ts";
import { extractEntities, type Entities } from "../nlu/extract-entities.ts";
import { containsChinese, normalizeText } from "../nlu/normalize-text.ts";
import { OUT_OF_SCOPE, type IntentClassifier, type IntentPrediction } from "../nlu/types.ts";
import { changeOrderStatus } from "../orders/change-order-status.ts";
import { CUSTOMER_CANCELLABLE, MAX_LINE_QUANTITY, OPEN_ORDER_STATUSES, PAID_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { DeliveryPolicy } from "../orders/delivery-charge.ts";
import { placeOrder } from "../orders/place-order.ts";
import { requestStockAlert } from "../inventory/request-stock-alert.ts";
import { ADDRESSABLE, setShippingAddress } from "../orders/set-shipping-address.ts";
import type { Clock, Logger, Notifier } from "../ports.ts";
import { recommendPopular, type RecommendationRequest } from "../recommendations/recommend-popular.ts";
import type { LlmAssistant } from "../llm/create-llm-assistant.ts";
import {
  AFFIRM,
  DENY,
  LATIN_WORD,
  CONFIRM_CANCEL,
  KEEP,
  PAID,
  PAID_BUT,
  DISCOUNT,
  CART_REQUEST,
  REMOVE_ITEM,
  CHANGE_ADDRESS,
  ADDRESS_GIVEN,
  HOUSE_NUMBER,
  DELIVERY_PAIR,
  ADD_MORE,
  SIDE_QUESTIONS,
  SUPERLATIVE,
  ASKS_WHICH,
  SIMILAR,
  COMPARE,
  NEW_ARRIVALS,
  BACK_IN_STOCK,
  STOCK_QUESTION,
  TO_PLACED_ORDER_EN,
  TO_PLACED_ORDER_ZH,
  ADD_TO_PLACED,
  NOTIFY_ME,
  LIKES,
  RECOMMEND,
  EMOJI_ONLY,
  UNHAPPY_EMOJI,
  SYMBOLS_ONLY,
  ONLY_PLEASANTRIES,
  CHECKOUT,
  CHANGE_PLACED,
  NOTHING_MORE,
  ALSO,
  DAMAGED,
  HYPOTHETICAL,
  RETURN_REQUEST,
  BUDGET,
  ACKNOWLEDGEMENT,
} from "./customer-phrases.ts";
import { MAX_CART_LINES, orderItemsOf, readDialogueState, type TDialogueState, type TOrderFlow } from "./dialogue-state.ts";
import { encodeCustomerPayload as pay, parseCustomerPayload, type TCustomerAction } from "./payloads.ts";
import { loadOrderItems } from "./load-order-items.ts";
import { comparisonReply, stockAlertButton, mainMenu, orderChoiceList, orderLineText, pendingOrderReply, productCard, productDescription, productList, productName } from "./product-replies.ts";

/** Shop facts the assistant tells customers; set by the owner in configuration. */
export interface ShopProfile {
  name: string;
  paymentInstructions: Record<TLocale, string>;
  shippingAndReturns: Record<TLocale, string>;
  /** Country assumed for phone numbers written without a country code. */
  defaultCountry: CountryCode;
  /** The shop's currency (ISO 4217): what "under 20" means when a customer sets a price. */
  currency: string;
  /** What delivery costs: shown before the customer confirms, added to the order when it is placed. */
  delivery: DeliveryPolicy;
}

export interface CustomerAssistantDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  logger: Logger;
  classifier: IntentClassifier;
  shop: ShopProfile;
  /** Below this confidence we ask which of the top two intents the customer meant. */
  lowConfidence?: number;
  /** Product recommendations; defaults to popularity. */
  recommend?: (options: RecommendationRequest) => Promise<Product[]>;
  /** Products like one product ("anything similar to the lavender candle?"); defaults to the best sellers of its category. */
  recommendSimilar?: (options: { productId: number; limit: number }) => Promise<Product[]>;
  /** The owner's handoff inbox (core/handoff): forwards what the customer says while the owner has the conversation, and gives it back to the bot after the quiet period. */
  handoff?: CustomerHandoffHooks;
  /** Channels that take payment online (Telegram with a payment provider): checkout offers to pay there instead of giving the payment instructions. */
  onlinePaymentChannels?: readonly string[];
  /** Optional language model (core/llm): reads messages the classifier cannot place and answers free-form product questions. Any failure falls back to the local answer. */
  llm?: LlmAssistant;
}

export interface CustomerAssistant {
  handle(message: TInboundMessage): Promise<Reply[]>;
}

interface Turn {
  customer: Customer;
  conversation: Conversation;
  locale: TLocale;
  state: TDialogueState;
  at: Date;
  m: ReturnType<typeof messagesFor>;
  /** Started at the turn's first model call and shared by the rest: one wait per turn, not one per call. */
  llmBudget?: AbortSignal;
  /** The catalog's matchable products and categories, read once per turn however many steps look. */
  matchable?: ReturnType<typeof listMatchableProducts>;
  categories?: ReturnType<typeof listCategories>;
  /** The name the customer gave in this message ("my name is Anna"), already saved on their record. */
  givenName?: string;
}


function newNonce(): string {
  return randomBytes(4).toString("hex");
}

/** Chinese characters → Chinese; Latin words → English; otherwise keep what we had. */
export function detectLocale(text: string, fallback: TLocale): TLocale {
  if (containsChinese(text)) return "zh";
  if (LATIN_WORD.test(text)) return "en";
  return fallback;
}

function localeFromTag(tag: string | undefined): TLocale | undefined {
  if (!tag) return undefined;
  return tag.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function createCustomerAssistant(deps: CustomerAssistantDeps): CustomerAssistant {
  const { db, clock, notifier, logger, classifier, shop } = deps;
  const lowConfidence = deps.lowConfidence ?? 0.5;
  const recommend = deps.recommend ?? ((o) => recommendPopular(db, o));
  const recommendSimilar = deps.recommendSimilar ?? (async ({ productId, limit }: { productId: number; limit: number }) => {
    const product = await db.product.findUnique({ where: { id: productId }, select: { category: true } });
    return product ? recommendPopular(db, { category: product.category, excludeProductIds: [productId], limit }) : [];
  });

  const matchableOf = (turn: Turn) => (turn.matchable ??= listMatchableProducts(db));
  const categoriesOf = (turn: Turn) => (turn.categories ??= listCategories(db));

  async function event(turn: Turn, type: EventType, productId?: number, data?: Prisma.InputJsonValue) {
    await recordEvent(db, { type, customerId: turn.customer.id, productId: productId ?? null, at: turn.at, ...(data ? { data } : {}) });
  }

  async function engage(turn: Turn) {
    await db.$transaction((tx) => advanceLead(tx, { customerId: turn.customer.id, to: "engaged", source: turn.conversation.channel, at: turn.at }));
  }

  // ---------- catalog ----------

  async function showCategories(turn: Turn, intro?: string): Promise<Reply[]> {
    const categories = await categoriesOf(turn);
    if (categories.length === 0) return [{ text: turn.m.noProducts() }];
    await event(turn, "catalog_browsed");
    return [{
      text: intro ?? turn.m.categories(),
      buttons: categories.map((c) => [{ label: `${categoryLabel(c, turn.locale)} (${c.count})`, payload: pay({ action: "category", page: 0, category: c.category }) }]),
    }];
  }

  async function showCategory(turn: Turn, category: string, page: number): Promise<Reply[]> {
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

  async function showProduct(turn: Turn, product: Product, asked: boolean): Promise<Reply[]> {
    await event(turn, asked ? "product_asked" : "product_viewed", product.id);
    await engage(turn);
    turn.state.lastProductId = product.id;
    turn.state.shownProductIds = [product.id];
    return [productCard(product, turn.locale)];
  }

  /** Active products a browsing question names by kind, best first, at most one page of the catalog. */
  async function searchCatalog(turn: Turn, text: string): Promise<Product[]> {
    const ids = searchProducts(text, await matchableOf(turn)).slice(0, CATALOG_PAGE_SIZE * 2);
    if (ids.length === 0) return [];
    const products = await db.product.findMany({ where: { id: { in: ids }, active: true } });
    return ids.map((id) => products.find((p) => p.id === id)).filter((p): p is Product => Boolean(p));
  }

  /** A list was shown: its products are what "the blue one" and "the second one" refer to until the next list. */
  function rememberList(turn: Turn, productIds: number[]) {
    turn.state.shownProductIds = productIds;
    turn.state.listedProductIds = productIds;
  }

  /** What "the second one" counts in: the last list shown, else the products just shown (a card). */
  function positionalList(turn: Turn): number[] {
    return turn.state.listedProductIds.length > 0 ? turn.state.listedProductIds : turn.state.shownProductIds;
  }

  /** The product at a position of the list just shown ("the second one"; −1 = the last), if there is one. */
  async function productAtPosition(turn: Turn, position: number): Promise<Product | undefined> {
    const shown = positionalList(turn);
    const id = position < 0 ? shown.at(position) : shown[position - 1];
    return id === undefined ? undefined : ((await getActiveProduct(db, id)) ?? undefined);
  }

  /**
   * Products the text mentions: by name (typo-tolerant), by a word among the products just shown
   * ("the blue one"), or by position in that list ("the second one"); a product named outright wins
   * over a position.
   */
  async function findMentionedProducts(turn: Turn, text: string, entities?: Entities): Promise<Product[]> {
    const matchable = await matchableOf(turn);
    const matches = matchProducts(text, matchable, { shownProductIds: turn.state.shownProductIds });
    if (entities?.ordinal && !(matches[0] && matches[0].score >= 0.75)) {
      const picked = await productAtPosition(turn, entities.ordinal.position);
      if (picked) return [picked];
    }
    if (matches.length === 0) {
      // "How much is the pen?": a kind word only one product's name or tags carry names it.
      const byKind = searchProducts(text, matchable, { exact: true });
      const product = byKind.length === 1 ? await getActiveProduct(db, byKind[0]!) : null;
      return product ? [product] : [];
    }
    const top = closestMatches(matches).slice(0, 5).map((m) => m.productId);
    const products = await db.product.findMany({ where: { id: { in: top }, active: true } });
    return top.map((id) => products.find((p) => p.id === id)).filter((p): p is Product => Boolean(p));
  }

  /**
   * The one product a message is about: the one it mentions, else (mentioning none) the product last
   * discussed ("anything like it?", "when will it be back?"); null when it mentions several or none is known.
   */
  async function productMeant(turn: Turn, text: string, entities: Entities): Promise<Product | null> {
    const mentioned = await findMentionedProducts(turn, text, entities);
    if (mentioned.length === 1) return mentioned[0]!;
    return mentioned.length === 0 && turn.state.lastProductId !== undefined ? getActiveProduct(db, turn.state.lastProductId) : null;
  }

  /** Whether the message names a product clearly (a match of 0.75 or more): then it is about that product. */
  async function namesAProduct(turn: Turn, text: string): Promise<boolean> {
    return matchProducts(text, await matchableOf(turn), { minScore: 0.75 }).length > 0;
  }

  /** "Under 100 yuan" in a shop that prices in pounds: there are no exchange rates here to read it by. */
  function namesOtherCurrency(price: Entities["price"]): boolean {
    return price?.currency !== undefined && price.currency !== shop.currency && !(price.currency === "¥" && ["CNY", "JPY"].includes(shop.currency));
  }

  /** A price a customer typed ("20", "12.50") in minor units of the shop's currency; undefined if it is not one. */
  function minorUnits(amount: string | undefined): number | undefined {
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
  async function showByPrice(turn: Turn, requested: NonNullable<Entities["price"]>, scope: { category?: { category: string; categoryZh: string | null }; productIds?: number[] }, cheaperThan?: Product, superlative = false): Promise<Reply[]> {
    // Another currency than the shop's: say what the prices are in and list from the cheapest.
    const otherCurrency = namesOtherCurrency(requested);
    const price: NonNullable<Entities["price"]> = otherCurrency ? { order: "lowest" } : requested;
    const minMinor = minorUnits(price.atLeast);
    let maxMinor = minorUnits(price.atMost);
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
      if (result.products.length === 1 || answersWhich) turn.state.lastProductId = first.id;
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
    turn.state.lastProductId = result.nearest.id;
    return [productList(`${nothing}${turn.locale === "zh" ? "" : " "}${turn.m.nearestIs(productName(result.nearest, turn.locale), formatMoney(result.nearest.priceMinor, result.nearest.currency))}`, [result.nearest], turn.locale)];
  }

  /**
   * A price question over the category the message names ("the cheapest tea"), else the products it
   * names by kind ("teapots under £50"), else the list just shown when it points there ("which one
   * is the cheapest?", "哪个最便宜"), else the whole catalog.
   */
  async function browseByPrice(turn: Turn, text: string, price: NonNullable<Entities["price"]>): Promise<Reply[]> {
    // "Which one is cheaper?" under a short list (a comparison): those, cheapest first.
    const listed = turn.state.listedProductIds;
    if (price.order === "cheaper" && listed.length >= 2 && listed.length <= 4 && ASKS_WHICH.test(normalizeText(text))) {
      return showByPrice(turn, { ...price, order: "lowest" }, { productIds: listed }, undefined, true);
    }
    if (price.order === "cheaper") {
      // "Anything cheaper than the sea salt candle?": cheaper than the product it names.
      const named = closestMatches(matchProducts(text, await matchableOf(turn), { minScore: 0.6 }));
      const single = named.length === 1 ? await getActiveProduct(db, named[0]!.productId) : null;
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
  async function pickShownProduct(turn: Turn, position: number): Promise<Reply[]> {
    const product = await productAtPosition(turn, position);
    if (product) return showProduct(turn, product, false);
    const ordered = await listedProducts(turn);
    if (ordered.length === 0) return showCategories(turn, turn.m.nothingShownYet());
    return [productList(turn.m.pickFromList(ordered.length), ordered, turn.locale)];
  }

  /** The products of the list just shown that are still for sale, in its order (remembered again as the list). */
  async function listedProducts(turn: Turn): Promise<Product[]> {
    const listedIds = positionalList(turn);
    const shown = listedIds.length > 0 ? await db.product.findMany({ where: { id: { in: listedIds }, active: true } }) : [];
    const ordered = listedIds.map((id) => shown.find((p) => p.id === id)).filter((p): p is Product => Boolean(p));
    if (ordered.length > 0) rememberList(turn, ordered.map((p) => p.id));
    return ordered;
  }

  // ---------- ordering ----------

  /** How many of a product the customer can still add: its stock less what the order already holds. */
  function availableFor(turn: Turn, product: Product): number {
    return product.stock - (turn.state.cart.find((l) => l.productId === product.id)?.quantity ?? 0);
  }

  async function askQuantity(turn: Turn, product: Product): Promise<Reply[]> {
    turn.state.flow = { kind: "order", productId: product.id, awaiting: "quantity", nonce: newNonce() };
    turn.state.lastProductId = product.id;
    const available = availableFor(turn, product);
    const choices = [1, 2, 3, 5].filter((n) => n <= available);
    return [{
      text: turn.m.askQuantity(productName(product, turn.locale), available),
      buttons: [choices.map((n) => ({ label: String(n), payload: pay({ action: "quantity", productId: product.id, quantity: n }) })), [{ label: turn.m.cancelButton(), payload: pay({ action: "abandon" }) }]],
    }];
  }

  /**
   * "I want a candle", "我要买蜡烛": the category's products in stock to pick from (one tap orders
   * one, or the number asked for); one product in stock goes straight on. Null when none is in stock.
   */
  async function askWhichOfCategory(turn: Turn, category: string, quantity?: number): Promise<Reply[] | null> {
    const products = await db.product.findMany({ where: { category, active: true, stock: { gt: 0 } }, orderBy: [{ name: "asc" }, { id: "asc" }], take: CATALOG_PAGE_SIZE });
    if (products.length === 0) return null;
    if (products.length === 1) return continueOrder(turn, { productId: products[0]!.id, ...(quantity !== undefined ? { quantity } : {}) });
    const asked = quantity !== undefined && quantity > 1 ? quantity : undefined;
    turn.state.flow = { kind: "order", awaiting: "product", nonce: newNonce(), ...(asked !== undefined ? { quantity: asked } : {}) };
    rememberList(turn, products.map((p) => p.id));
    return [orderChoiceList(turn.m.askWhichOfList(asked), products, turn.locale, asked)];
  }

  /** Moves the order flow forward with whatever is known; asks only for what is missing. */
  async function continueOrder(turn: Turn, flow: { productId?: number; quantity?: number }): Promise<Reply[]> {
    if (flow.productId === undefined) {
      turn.state.flow = { kind: "order", awaiting: "product", nonce: newNonce(), ...(flow.quantity ? { quantity: flow.quantity } : {}) };
      // "I'll take 2" under a list of candles: which of those, one tap each; no list, the categories.
      const listed = await listedInStock(turn);
      if (listed.length > 1) return [orderChoiceList(turn.m.askWhichOfList(flow.quantity), listed, turn.locale, flow.quantity)];
      return showCategories(turn, turn.m.askProduct());
    }
    const product = await getActiveProduct(db, flow.productId);
    if (!product) {
      turn.state.flow = undefined;
      return showCategories(turn, turn.m.productNotFound());
    }
    const available = availableFor(turn, product);
    if (available <= 0) {
      turn.state.flow = undefined;
      turn.state.lastProductId = product.id; // "tell me when it's back" is about this one
      return [{ text: turn.m.notEnoughStock(productName(product, turn.locale), 0), buttons: [[stockAlertButton(product, turn.locale)], ...mainMenu(turn.locale)] }];
    }
    if (!turn.state.cart.some((l) => l.productId === product.id) && turn.state.cart.length >= MAX_CART_LINES - 1) {
      return [{ text: turn.m.cartFull(MAX_CART_LINES), buttons: [[{ label: turn.m.myCartButton(), payload: pay({ action: "cart" }) }]] }];
    }
    if (flow.quantity === undefined) return askQuantity(turn, product);
    if (Number.isInteger(flow.quantity) && flow.quantity > MAX_LINE_QUANTITY) {
      // "1000 mugs" is a wholesale order: the owner's to arrange, not a typo to correct.
      const replies = await askQuantity(turn, product);
      return [{ text: turn.m.bulkQuantity(MAX_LINE_QUANTITY), buttons: [[{ label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]] }, ...replies];
    }
    if (!Number.isInteger(flow.quantity) || flow.quantity < 1 || flow.quantity > MAX_LINE_QUANTITY) {
      const replies = await askQuantity(turn, product);
      return [{ text: turn.m.invalidQuantity() }, ...replies];
    }
    if (flow.quantity > available) {
      const replies = await askQuantity(turn, product);
      replies[0] = { ...replies[0]!, text: turn.m.notEnoughStock(productName(product, turn.locale), available) };
      return replies;
    }
    const nonce = newNonce();
    turn.state.flow = { kind: "order", productId: product.id, quantity: flow.quantity, awaiting: "confirm", nonce };
    turn.state.lastProductId = product.id;
    await event(turn, "added_to_cart", product.id, { quantity: flow.quantity });
    await db.$transaction((tx) => advanceLead(tx, { customerId: turn.customer.id, to: "cart", source: turn.conversation.channel, at: turn.at }));
    return [await confirmationReply(turn, nonce)];
  }

  /**
   * "2 jasmine tea and 1 earl grey", "两罐茉莉银针和一个茶壶": every product the message lists joins the
   * order at once (one when no number is given), then the whole order is confirmed; a piece that names
   * a kind ("and a candle") is asked about after the others are in. Quantities above the stock are
   * lowered to it, with a word; null when the message does not list two items (the caller goes on as
   * for one product).
   */
  async function orderSeveral(turn: Turn, text: string, keepPending: boolean): Promise<Reply[] | null> {
    const matchable = await matchableOf(turn);
    const reading = readOrderLines(text, matchable, await categoriesOf(turn), turn.state.lastProductId !== undefined ? { referredProductId: turn.state.lastProductId } : {});
    if (!reading) return null;
    const products = await db.product.findMany({ where: { id: { in: [...reading.lines.map((l) => l.productId), ...(reading.open?.productIds ?? [])] }, active: true } });
    const cart = keepPending ? orderItemsOf(turn.state) : turn.state.cart.map((l) => ({ ...l }));
    const notes: string[] = [];
    const added: { product: Product; quantity: number }[] = [];
    for (const line of reading.lines) {
      const product = products.find((p) => p.id === line.productId);
      if (!product) continue;
      const wanted = line.quantity ?? 1;
      if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_LINE_QUANTITY) return [{ text: turn.m.invalidQuantity() }];
      const inCart = cart.find((l) => l.productId === product.id);
      const available = product.stock - (inCart?.quantity ?? 0);
      const quantity = Math.min(wanted, available);
      if (quantity < wanted) notes.push(quantity > 0 ? turn.m.loweredToStock(productName(product, turn.locale), quantity) : turn.m.notEnoughStock(productName(product, turn.locale), 0));
      if (quantity <= 0) continue;
      if (!inCart && cart.length >= MAX_CART_LINES) {
        notes.push(turn.m.cartFull(MAX_CART_LINES));
        break;
      }
      if (inCart) inCart.quantity += quantity;
      else cart.push({ productId: product.id, quantity });
      added.push({ product, quantity });
    }
    turn.state.cart = cart;
    for (const { product, quantity } of added) await event(turn, "added_to_cart", product.id, { quantity });
    if (added.length > 0) await db.$transaction((tx) => advanceLead(tx, { customerId: turn.customer.id, to: "cart", source: turn.conversation.channel, at: turn.at }));
    const intro = notes.length > 0 ? [{ text: notes.join("\n") }] : [];
    const open = reading.open;
    if (open) {
      const choices = open.category
        ? (await browseCategory(db, open.category.category, 0)).products
        : open.productIds.map((id) => products.find((p) => p.id === id)).filter((p): p is Product => Boolean(p));
      const inStock = choices.filter((p) => availableFor(turn, p) > 0);
      if (inStock.length > 0) {
        turn.state.flow = { kind: "order", awaiting: "product", nonce: newNonce(), ...(open.quantity !== undefined ? { quantity: open.quantity } : {}) };
        rememberList(turn, inStock.map((p) => p.id));
        const lines = added.map((item) => orderLineText(item, turn.locale)).join("; ");
        return [...intro, orderChoiceList(added.length > 0 ? turn.m.addedWhichOf(lines, open.quantity) : turn.m.askWhichOfList(open.quantity), inStock, turn.locale, open.quantity)];
      }
    }
    if (cart.length === 0) {
      turn.state.flow = undefined;
      return [...intro, { text: turn.m.nothingToConfirm(), buttons: mainMenu(turn.locale) }];
    }
    return [...intro, await askToConfirmCart(turn)];
  }

  /**
   * A discount question: the owner's FAQ answer when there is one, else an offer to ask the owner (the
   * assistant never promises a price the catalog does not show). An order waiting for confirmation is
   * shown again below, still waiting.
   */
  async function discountAnswer(turn: Turn, text: string): Promise<Reply[]> {
    const faq = await findFaqAnswer(db, text);
    const answer: Reply = faq
      ? { text: faq.entry.answer }
      : { text: turn.m.discountAskOwner(), buttons: [[{ label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]] };
    const waiting = await stillWaiting(turn);
    return waiting ? [answer, waiting] : [answer.buttons ? answer : { ...answer, buttons: mainMenu(turn.locale) }];
  }

  /**
   * "I've paid": the owner is told to look for the transfer of the customer's latest unpaid order (it
   * is not marked paid: only the owner, or the payment provider, can say so); with none unpaid, that
   * the latest order is already paid; with no order at all, that none waits for payment (with the owner offered).
   */
  async function claimPayment(turn: Turn): Promise<Reply[]> {
    const order = await db.order.findFirst({ where: { customerId: turn.customer.id, status: "placed" }, orderBy: { id: "desc" } });
    if (!order) {
      // Nothing unpaid: an order already marked paid says so; with none, the owner is offered to check
      // (a payment the shop cannot match is worth a person's look, not a complaint's apology).
      const paid = await db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: PAID_ORDER_STATUSES } }, orderBy: { id: "desc" } });
      if (paid) return [{ text: turn.m.alreadyPaid(paid.id), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }]] }];
      return [{ text: turn.m.paidWithoutOrder(), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }, { label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]] }];
    }
    await notifier.notify({ type: "payment_claimed", orderId: order.id, customerId: turn.customer.id, customerName: turn.customer.name, totalMinor: order.totalMinor, currency: order.currency });
    return [{ text: turn.m.paymentClaimed(order.id, formatMoney(order.totalMinor, order.currency)), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }]] }];
  }

  /** The order holds as many products as one order can: confirm it first. */
  function cartFullReply(turn: Turn, nonce: string): Reply[] {
    return [{ text: turn.m.cartFull(MAX_CART_LINES), buttons: [[{ label: turn.m.confirmButton(), payload: pay({ action: "confirm", nonce }) }]] }];
  }

  /**
   * "Add something else": the item being confirmed joins the order's earlier items and the customer
   * picks the next product. A stale button (another confirmation since) changes nothing.
   */
  async function addMore(turn: Turn, nonce: string | null): Promise<Reply[]> {
    const flow = turn.state.flow;
    if (flow?.kind !== "order" || flow.awaiting !== "confirm" || (nonce !== null && nonce !== flow.nonce)) return staleOrderButton(turn, nonce);
    const items = orderItemsOf(turn.state);
    if (items.length >= MAX_CART_LINES) return cartFullReply(turn, flow.nonce);
    turn.state.cart = items;
    turn.state.flow = { kind: "order", awaiting: "product", nonce: newNonce() };
    return showCategories(turn, turn.m.addedWhatElse(items.length));
  }

  /** Whether this customer's channel takes payment right in the chat (Telegram with Payments on). */
  function paysOnline(turn: Turn): boolean {
    return deps.onlinePaymentChannels?.includes(turn.conversation.channel) ?? false;
  }

  /**
   * "Remove the teapot": that product leaves the order being put together and the rest is shown to
   * confirm afresh (the old Confirm button no longer applies); the last one out empties the order.
   * Null when the message names no product, so it is read as usual ("remove my email" is not this).
   */
  async function removeFromOrder(turn: Turn, text: string): Promise<Reply[] | null> {
    const items = orderItemsOf(turn.state);
    const inOrder = await db.product.findMany({ where: { id: { in: items.map((l) => l.productId) } } });
    const named = closestMatches(matchProducts(text, inOrder, { minScore: 0.5, shownProductIds: inOrder.map((p) => p.id) }));
    if (named.length !== 1) {
      const elsewhere = (await findMentionedProducts(turn, text)).length > 0;
      if (!elsewhere) return null;
      return [{ text: turn.m.notInOrder() }, ...(await showCart(turn))];
    }
    const product = inOrder.find((p) => p.id === named[0]!.productId)!;
    const rest = items.filter((l) => l.productId !== product.id);
    if (rest.length === 0) {
      turn.state.flow = undefined;
      turn.state.cart = [];
      return [{ text: turn.m.orderNowEmpty(productName(product, turn.locale)), buttons: mainMenu(turn.locale) }];
    }
    turn.state.cart = rest;
    return [{ text: turn.m.itemRemoved(productName(product, turn.locale)) }, await askToConfirmCart(turn)];
  }

  /** The products of the list just shown that can still be ordered, in the list's order. */
  async function listedInStock(turn: Turn): Promise<Product[]> {
    const ids = positionalList(turn);
    if (ids.length === 0) return [];
    const found = await db.product.findMany({ where: { id: { in: ids }, active: true, stock: { gt: 0 } } });
    return ids.map((id) => found.find((p) => p.id === id)).filter((p): p is Product => Boolean(p));
  }

  /**
   * A Confirm or "Add something else" button that is not the current one: the order just placed by
   * it (a double tap) is named; an order still being put together is shown as it stands, with its
   * current buttons; otherwise there is nothing to confirm.
   */
  async function staleOrderButton(turn: Turn, nonce: string | null): Promise<Reply[]> {
    if (nonce !== null && turn.state.placed?.nonce === nonce) {
      return [{ text: turn.m.alreadyPlaced(turn.state.placed.orderId), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }]] }];
    }
    const flow = turn.state.flow;
    if ((flow?.kind === "order" && (flow.awaiting === "confirm" || flow.productId !== undefined)) || turn.state.cart.length > 0) {
      return [{ text: turn.m.earlierStep() }, ...(await showCart(turn))];
    }
    return [{ text: turn.m.nothingToConfirm(), buttons: mainMenu(turn.locale) }];
  }

  /** The cart as the order to confirm: a fresh Confirm button (new nonce) over everything it holds. */
  async function askToConfirmCart(turn: Turn, intro?: (lines: string, total: string) => string): Promise<Reply> {
    const nonce = newNonce();
    turn.state.flow = { kind: "order", awaiting: "confirm", nonce };
    return confirmationReply(turn, nonce, intro);
  }

  /** "Please confirm your order" with every item, the total and the Confirm button bound to `nonce`. */
  async function confirmationReply(turn: Turn, nonce: string, intro: (lines: string, total: string) => string = turn.m.confirmOrder): Promise<Reply> {
    const items = orderItemsOf(turn.state);
    return pendingOrderReply(await loadOrderItems(db, items), nonce, turn.locale, intro, { canAddMore: items.length < MAX_CART_LINES, delivery: shop.delivery });
  }

  /**
   * The order's items as they can be bought now: a product gone or out of stock is dropped, a
   * quantity above the stock is lowered to it. The order is then confirmed afresh, all in the cart.
   */
  async function refreshOrder(turn: Turn): Promise<Reply[]> {
    const items = await loadOrderItems(db, orderItemsOf(turn.state));
    turn.state.cart = items.filter(({ product }) => product.stock > 0).map(({ product, quantity }) => ({ productId: product.id, quantity: Math.min(quantity, product.stock) }));
    if (turn.state.cart.length === 0) {
      turn.state.flow = undefined;
      const first = items[0]?.product;
      return [{ text: first ? turn.m.notEnoughStock(productName(first, turn.locale), 0) : turn.m.nothingToConfirm(), buttons: mainMenu(turn.locale) }];
    }
    return [{ text: turn.m.cartChanged() }, await askToConfirmCart(turn)];
  }

  async function confirmOrder(turn: Turn, nonce: string | null): Promise<Reply[]> {
    const flow = turn.state.flow;
    const items = orderItemsOf(turn.state);
    if (!flow || flow.kind !== "order" || flow.awaiting !== "confirm" || items.length === 0 || (nonce !== null && nonce !== flow.nonce)) {
      return staleOrderButton(turn, nonce);
    }
    try {
      const saved = turn.customer.address ?? undefined;
      const order = await placeOrder({ db, notifier }, { customerId: turn.customer.id, channel: turn.conversation.channel as "console" | "telegram" | "slack", lines: items, delivery: shop.delivery, ...(saved ? { shippingAddress: saved } : {}) }, turn.at);
      // The next message that reads as an address is where this order goes (a changed one, with a saved address).
      turn.state.flow = undefined;
      turn.state.addressFor = order.id;
      turn.state.cart = [];
      turn.state.placed = { nonce: flow.nonce, orderId: order.id };
      const online = paysOnline(turn);
      return [{
        text: `${turn.m.orderPlaced(order.id, formatMoney(order.totalMinor, order.currency), online ? turn.m.payOnline() : shop.paymentInstructions[turn.locale])}\n\n${saved ? turn.m.shipsTo(saved) : turn.m.askAddress()}`,
        ...(online ? { checkout: { orderId: order.id } } : {}),
        buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }, { label: turn.m.cancelButton(), payload: pay({ action: "askCancel", orderId: order.id }) }]],
      }];
    } catch (error) {
      if (isAppError(error) && (error.code === "OUT_OF_STOCK" || error.code === "NOT_FOUND")) return refreshOrder(turn);
      throw error;
    }
  }

  /**
   * "How do I pay?": where the channel takes payment online, the customer's latest unpaid order comes
   * with its Pay button (or, with none, how paying online works); elsewhere the shop's instructions.
   */
  async function paymentAnswer(turn: Turn): Promise<Reply[]> {
    const instructions = shop.paymentInstructions[turn.locale];
    if (!paysOnline(turn)) return [{ text: instructions }];
    const unpaid = await db.order.findFirst({ where: { customerId: turn.customer.id, status: "placed" }, orderBy: { id: "desc" } });
    if (!unpaid) return [{ text: turn.m.paymentOnlineInfo(instructions) }];
    return [{ text: turn.m.payUnpaidOnline(unpaid.id, formatMoney(unpaid.totalMinor, unpaid.currency)), checkout: { orderId: unpaid.id } }];
  }

  function abandonFlow(turn: Turn): Reply[] {
    turn.state.flow = undefined;
    turn.state.cart = [];
    return [{ text: turn.m.orderAbandoned(), buttons: mainMenu(turn.locale) }];
  }

  // ---------- orders ----------

  /**
   * The cart: the order being put together (its confirmation or quantity question again, buttons and
   * all, without counting another cart add), then orders placed but not yet paid, with the Pay button
   * where the channel takes payment; or an empty cart and the menu.
   */
  async function showCart(turn: Turn): Promise<Reply[]> {
    const replies: Reply[] = [];
    const flow = turn.state.flow;
    if (flow?.kind === "order" && flow.awaiting === "confirm" && orderItemsOf(turn.state).length > 0) {
      replies.push(await confirmationReply(turn, flow.nonce));
    } else {
      if (turn.state.cart.length > 0) {
        const items = await loadOrderItems(db, turn.state.cart);
        if (flow?.kind === "order" && flow.productId !== undefined) {
          // Choosing the next item's quantity: what the order holds so far, then the question again.
          replies.push({ text: [turn.m.yourCart(), ...items.map((item) => orderLineText(item, turn.locale))].join("\n") });
        } else {
          replies.push(await askToConfirmCart(turn));
        }
      }
      if (flow?.kind === "order" && flow.productId !== undefined) {
        const product = await getActiveProduct(db, flow.productId);
        if (product && availableFor(turn, product) > 0) replies.push(...(await askQuantity(turn, product)));
      }
    }
    const unpaid = await db.order.findMany({ where: { customerId: turn.customer.id, status: "placed" }, orderBy: { id: "desc" }, take: 5 });
    if (unpaid.length > 0) {
      const online = paysOnline(turn);
      const lines = unpaid.map((o) => turn.m.orderStatusLine(o.id, turn.m.status(o.status), formatMoney(o.totalMinor, o.currency), formatOrderDate(turn.locale, o.placedAt ?? o.createdAt)));
      replies.push({
        text: [turn.m.cartUnpaid(), ...lines].join("\n"),
        buttons: unpaid.slice(0, 3).map((o) => [{ label: `${turn.m.cancelButton()} #${o.id}`, payload: pay({ action: "askCancel", orderId: o.id }) }]),
        ...(online ? { checkout: { orderId: unpaid[0]!.id } } : {}),
      });
    }
    return replies.length > 0 ? replies : [{ text: turn.m.cartEmpty(), buttons: mainMenu(turn.locale) }];
  }

  async function showOrders(turn: Turn, intro?: string): Promise<Reply[]> {
    const orders = await db.order.findMany({ where: { customerId: turn.customer.id }, orderBy: { id: "desc" }, take: 5 });
    if (orders.length === 0) return [{ text: intro ? turn.m.orderNotFoundNoOrders() : turn.m.noOrders(), buttons: mainMenu(turn.locale) }];
    const lines = orders.map((o) => turn.m.orderStatusLine(o.id, turn.m.status(o.status), formatMoney(o.totalMinor, o.currency), formatOrderDate(turn.locale, o.placedAt ?? o.createdAt)));
    const cancellable = orders.filter((o) => CUSTOMER_CANCELLABLE.includes(o.status));
    return [{
      text: [intro ?? turn.m.yourOrders(), ...lines].join("\n"),
      buttons: cancellable.length ? cancellable.slice(0, 3).map((o) => [{ label: `${turn.m.cancelButton()} #${o.id}`, payload: pay({ action: "askCancel", orderId: o.id }) }]) : undefined,
    }];
  }

  /**
   * "Cancel the notebook", "remove one mug from my order" about a placed order that holds more than
   * that: the bot cannot change part of a placed order (stock, totals and the owner's picking list
   * would drift), so it says so and offers the whole cancellation or the owner. Null when the
   * message names nothing narrower than the whole order.
   */
  async function partOfPlacedOrder(turn: Turn, order: { id: number }, mentioned: readonly Product[], text: string, entities: Entities): Promise<Reply[] | null> {
    const lines = await db.orderLine.findMany({ where: { orderId: order.id }, include: { product: true }, orderBy: { id: "asc" } });
    const named = mentioned.filter((p) => lines.some((l) => l.productId === p.id));
    if (named.length === 0) return null;
    const namedLines = lines.filter((l) => named.some((p) => p.id === l.productId));
    // "Remove one mug": entity extraction reads "one" as a number only after words like "want".
    const quantity = entities.quantity ?? (/\b(?:one|a single)\b|[一1][个件只盒本支条包瓶罐双套杯张把份袋]/u.test(normalizeText(text)) ? 1 : undefined);
    const fewer = quantity !== undefined && namedLines.length === 1 && quantity < namedLines[0]!.quantity;
    if (namedLines.length === lines.length && !fewer) return null;
    return [{
      text: turn.m.partOfPlacedOrder(order.id, lines.map((l) => orderLineText({ product: l.product, quantity: l.quantity }, turn.locale)).join("\n")),
      buttons: [[{ label: turn.m.cancelWholeOrder(), payload: pay({ action: "askCancel", orderId: order.id }) }, { label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]],
    }];
  }

  /**
   * "Can I change it to 3?" after the order was placed: the bot does not edit placed orders (stock,
   * totals and the owner's picking list would drift), so it shows the order and offers to cancel it
   * or to ask the owner. It used to answer with the shipping policy. Null when no order can change.
   */
  async function changePlacedOrder(turn: Turn): Promise<Reply[] | null> {
    const order = await db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: CUSTOMER_CANCELLABLE } }, orderBy: { id: "desc" }, include: { lines: { include: { product: true }, orderBy: { id: "asc" } } } });
    if (!order) return null;
    return [{
      text: turn.m.placedOrderCannotChange(order.id, order.lines.map((l) => orderLineText({ product: l.product, quantity: l.quantity }, turn.locale)).join("\n")),
      buttons: [[{ label: turn.m.cancelWholeOrder(), payload: pay({ action: "askCancel", orderId: order.id }) }, { label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]],
    }];
  }

  async function askCancel(turn: Turn, orderId: number | undefined, text = "", entities?: Entities): Promise<Reply[]> {
    const candidates = await db.order.findMany({ where: { customerId: turn.customer.id, ...(orderId ? { id: orderId } : {}) }, orderBy: { id: "desc" }, take: 5 });
    if (orderId !== undefined && candidates.length === 0) return showOrders(turn, turn.m.orderNotFound());
    const cancellable = candidates.filter((o) => CUSTOMER_CANCELLABLE.includes(o.status));
    if (orderId !== undefined && cancellable.length === 0) {
      const order = candidates[0]!;
      return [{ text: turn.m.cannotCancel(order.id, turn.m.status(order.status)), buttons: [[{ label: turn.m.humanButton(), payload: pay({ action: "human" }) }]] }];
    }
    if (cancellable.length === 0) return [{ text: turn.m.noCancellable(), buttons: mainMenu(turn.locale) }];
    // The products the message names ("cancel the notebook"), read once for both uses below.
    const mentioned = text && entities ? await findMentionedProducts(turn, text, entities) : [];
    // With two orders open, the one order holding a named product, when only one does.
    const holding = cancellable.length > 1 && mentioned.length > 0
      ? await db.order.findMany({ where: { id: { in: cancellable.map((o) => o.id) }, lines: { some: { productId: { in: mentioned.map((p) => p.id) } } } }, select: { id: true } })
      : [];
    const choices = holding.length === 1 ? cancellable.filter((o) => o.id === holding[0]!.id) : cancellable;
    if (choices.length > 1) {
      return [{ text: turn.m.cancelWhich(), buttons: choices.map((o) => [{ label: `#${o.id} — ${formatMoney(o.totalMinor, o.currency)}`, payload: pay({ action: "askCancel", orderId: o.id }) }]) }];
    }
    const order = choices[0]!;
    const partly = mentioned.length > 0 && entities ? await partOfPlacedOrder(turn, order, mentioned, text, entities) : null;
    if (partly) return partly;
    turn.state.flow = { kind: "cancel", orderId: order.id };
    return [{ text: turn.m.confirmCancel(order.id), buttons: [[{ label: turn.m.cancelYes(), payload: pay({ action: "cancel", orderId: order.id }) }, { label: turn.m.keepIt(), payload: pay({ action: "orders" }) }]] }];
  }

  async function cancelOrder(turn: Turn, orderId: number): Promise<Reply[]> {
    if (turn.state.flow?.kind === "cancel") turn.state.flow = undefined;
    try {
      await changeOrderStatus({ db, notifier }, { orderId, to: "cancelled", actor: "customer", at: turn.at, customerId: turn.customer.id, allowedFrom: CUSTOMER_CANCELLABLE });
      return [{ text: turn.m.orderCancelled(orderId), buttons: mainMenu(turn.locale) }];
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") return showOrders(turn, turn.m.orderNotFound());
      if (isAppError(error) && (error.code === "INVALID_STATE" || error.code === "CONFLICT")) {
        const order = await db.order.findFirst({ where: { id: orderId, customerId: turn.customer.id } });
        return [{ text: turn.m.cannotCancel(orderId, turn.m.status(order?.status ?? "cancelled")), buttons: [[{ label: turn.m.humanButton(), payload: pay({ action: "human" }) }]] }];
      }
      throw error;
    }
  }

  async function orderStatus(turn: Turn, orderId: number | undefined): Promise<Reply[]> {
    if (orderId !== undefined) {
      const order = await db.order.findFirst({ where: { id: orderId, customerId: turn.customer.id } });
      if (!order) return showOrders(turn, turn.m.orderNotFound());
      return [{ text: turn.m.orderStatusLine(order.id, turn.m.status(order.status), formatMoney(order.totalMinor, order.currency), formatOrderDate(turn.locale, order.placedAt ?? order.createdAt)) }];
    }
    return showOrders(turn);
  }

  // ---------- delivery address ----------

  /**
   * Whether a message is an address rather than a question or an order: a postcode (UK, US, Chinese
   * six digits), a Chinese address (province/city/district/road/number characters), or three or more
   * comma- or line-separated parts with a number. A message the classifier confidently reads as
   * shopping ("2 mugs, 3 candles, 1 teapot") is not one unless it has a postcode.
   */
  async function readsAsAddress(turn: Turn, text: string, prediction: IntentPrediction): Promise<boolean> {
    const t = text.trim();
    if (t.length < 8) return false;
    const postcode = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b|\b\d{5}(?:-\d{4})?\b|(?<!\d)\d{6}(?!\d)/i.test(t);
    if (postcode) return true;
    const chinese = containsChinese(t) && (t.match(/[省市区县镇乡路街巷弄号栋幢室楼]/gu) ?? []).length >= 2;
    const parts = t.split(/[,\n，、]/).filter((p) => p.trim()).length >= 3 && /\d/.test(t);
    if (!chinese && !parts) return false;
    const shopping = ["place_order", "browse_catalog", "product_question", "recommendation", "cancel_order", "order_status"].includes(prediction.intent) && prediction.confidence >= 0.8;
    return !shopping || (await findMentionedProducts(turn, text)).length === 0;
  }

  /** Stores the address for the order (and for the customer's next one) and says where it goes. */
  async function giveAddress(turn: Turn, orderId: number, address: string): Promise<Reply[]> {
    turn.state.addressFor = undefined;
    if (turn.state.flow?.kind !== "order") turn.state.flow = undefined;
    try {
      const saved = await setShippingAddress({ db, notifier }, { orderId, customerId: turn.customer.id, address });
      return [{ text: turn.m.addressSaved(saved.orderId, saved.address), buttons: mainMenu(turn.locale) }];
    } catch (error) {
      if (isAppError(error) && error.code === "INVALID_INPUT") {
        turn.state.addressFor = orderId;
        return [{ text: address.trim().length > 500 ? turn.m.addressTooLong() : turn.m.addressTooShort() }];
      }
      if (isAppError(error) && error.code === "INVALID_STATE") {
        return [{ text: turn.m.addressTooLate(orderId, turn.m.status(error.userMessage)), buttons: [[{ label: turn.m.humanButton(), payload: pay({ action: "human" }) }]] }];
      }
      if (isAppError(error) && error.code === "NOT_FOUND") return showOrders(turn, turn.m.orderNotFound());
      throw error;
    }
  }

  /**
   * An address given with no placed order waiting for one: kept on the customer for the order being
   * put together (then its open question again) or for the next one.
   */
  async function keepAddress(turn: Turn, address: string, forThisOrder = false): Promise<Reply[]> {
    try {
      const saved = await saveCustomerAddress({ db }, { customerId: turn.customer.id, address });
      turn.customer = { ...turn.customer, address: saved };
      if (!forThisOrder) return [{ text: turn.m.addressKept(saved), buttons: mainMenu(turn.locale) }];
      const flow = turn.state.flow;
      const pending = flow?.kind === "order" && flow.awaiting === "confirm"
        ? [await confirmationReply(turn, flow.nonce)]
        : await continueOrder(turn, flow?.kind === "order" ? { ...(flow.productId !== undefined ? { productId: flow.productId } : {}), ...(flow.quantity !== undefined ? { quantity: flow.quantity } : {}) } : {});
      return [{ text: turn.m.addressForThisOrder(saved) }, ...pending];
    } catch (error) {
      if (isAppError(error) && error.code === "INVALID_INPUT") return [{ text: address.trim().length > 500 ? turn.m.addressTooLong() : turn.m.addressTooShort() }];
      throw error;
    }
  }

  /** The customer's latest order that has not left the shop (its address may still change); optionally only one still without an address. */
  async function latestUnsentOrder(turn: Turn, options: { withoutAddress?: boolean } = {}) {
    return db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: [...ADDRESSABLE] }, ...(options.withoutAddress ? { shippingAddress: null } : {}) }, orderBy: { id: "desc" }, select: { id: true } });
  }

  /** "Can I change the delivery address?": the latest order not yet sent waits for the new one. */
  async function askForNewAddress(turn: Turn): Promise<Reply[]> {
    const order = await latestUnsentOrder(turn);
    if (!order) return [{ text: turn.m.noOrderForAddress(), buttons: mainMenu(turn.locale) }];
    turn.state.addressFor = order.id;
    return [{ text: turn.m.askNewAddress(order.id) }];
  }

  // ---------- contact, handoff, recommendations ----------

  async function leaveContact(turn: Turn, entities: Entities): Promise<Reply[]> {
    if (!entities.email && !entities.phone) {
      if (turn.givenName) return [{ text: turn.m.nameSavedAskContact(turn.givenName), requestContact: { label: turn.m.shareContactButton() } }];
      turn.state.flow = { kind: "contact" };
      if (entities.invalidEmail) return [{ text: turn.m.invalidEmail() }];
      if (entities.invalidPhone) return [{ text: turn.m.invalidPhone() }];
      return [{ text: turn.m.askContact(), requestContact: { label: turn.m.shareContactButton() } }];
    }
    await captureContact({ db, notifier }, { customerId: turn.customer.id, at: turn.at, ...(entities.email ? { email: entities.email } : {}), ...(entities.phone ? { phone: entities.phone } : {}) });
    if (turn.state.flow?.kind === "contact") turn.state.flow = undefined;
    return [{ text: turn.m.contactSaved([entities.email, entities.phone].filter(Boolean).join(", "), turn.givenName), buttons: mainMenu(turn.locale) }];
  }

  async function handoff(turn: Turn, reason: string, text?: string): Promise<Reply[]> {
    await requestHandoff({ db, notifier }, { conversationId: turn.conversation.id, reason, at: turn.at });
    return [{ text: text ?? turn.m.handoff() }];
  }

  /**
   * "Tell me when it's back": the customer waits for an out-of-stock product and is told in this chat
   * when the owner restocks it. Asked only when ("when will the envelopes be back?"): offered, with
   * one tap. A product in stock just says so.
   */
  async function waitForRestock(turn: Turn, product: Product, asked: boolean): Promise<Reply[]> {
    const name = productName(product, turn.locale);
    turn.state.lastProductId = product.id;
    if (product.stock > 0) return [{ text: turn.m.stillInStock(name, product.stock), buttons: [[{ label: turn.m.orderButton(), payload: pay({ action: "order", productId: product.id }) }]] }];
    if (!asked) return [{ text: turn.m.outOfStockOffer(name), buttons: [[stockAlertButton(product, turn.locale)], ...mainMenu(turn.locale)] }];
    const { alreadyWaiting } = await requestStockAlert(db, { customerId: turn.customer.id, productId: product.id, at: turn.at });
    return [{ text: alreadyWaiting ? turn.m.alreadyNotifyingWhenBack(name) : turn.m.willNotifyWhenBack(name), buttons: mainMenu(turn.locale) }];
  }

  /** "Anything similar to the lavender candle?": the recommender's products like it (in stock, not itself). */
  async function showSimilar(turn: Turn, product: Product): Promise<Reply[]> {
    const similar = (await recommendSimilar({ productId: product.id, limit: 4 })).filter((p) => p.id !== product.id && p.active && p.stock > 0).slice(0, 3);
    turn.state.lastProductId = product.id;
    if (similar.length === 0) return [{ text: turn.m.noSimilar(productName(product, turn.locale)), buttons: mainMenu(turn.locale) }];
    await event(turn, "recommendation_shown", undefined, { productIds: similar.map((p) => p.id), similarTo: product.id });
    rememberList(turn, similar.map((p) => p.id));
    return [productList(turn.m.similarTo(productName(product, turn.locale)), similar, turn.locale)];
  }

  /**
   * "What's the difference between the jasmine tea and the dragon well?": each product's price, stock
   * and the shop's own description one under the other, then one tap to order either.
   */
  async function compareProducts(turn: Turn, products: Product[]): Promise<Reply[]> {
    const shown = products.slice(0, 4);
    for (const product of shown) await event(turn, "product_viewed", product.id, { compared: true });
    await engage(turn);
    rememberList(turn, shown.map((p) => p.id));
    return [comparisonReply(shown, turn.locale)];
  }

  /** "What's new?": the newest products in stock. */
  async function showNewArrivals(turn: Turn): Promise<Reply[]> {
    const newest = await db.product.findMany({ where: { active: true, stock: { gt: 0 } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 5 });
    if (newest.length === 0) return showCategories(turn);
    await event(turn, "catalog_browsed", undefined, { newest: true, results: newest.length });
    rememberList(turn, newest.map((p) => p.id));
    return [productList(turn.m.newArrivals(), newest, turn.locale)];
  }

  /** What interest matching reads of every product for sale (names, tags and descriptions in both languages). */
  function interestMatchable() {
    return db.product.findMany({ where: { active: true }, select: { id: true, name: true, category: true, tags: true, description: true, nameZh: true, categoryZh: true, descriptionZh: true } });
  }

  /** In-stock products whose descriptions speak to what the text asks for, best first (a catalog page at most). */
  async function productsSuitedTo(text: string): Promise<Product[]> {
    const suited = findProductsOfInterest(text, await interestMatchable()).slice(0, 10);
    if (suited.length === 0) return [];
    const inStock = await db.product.findMany({ where: { id: { in: suited }, active: true, stock: { gt: 0 } } });
    return suited.map((id) => inStock.find((p) => p.id === id)).filter((p): p is Product => Boolean(p)).slice(0, CATALOG_PAGE_SIZE);
  }

  /** Products of interest first (in their order), then others of their categories, then the rest, each as given. */
  function rankByInterest(products: Product[], interest: readonly number[]): Product[] {
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
  async function showRecommendations(turn: Turn, text = "", price?: Entities["price"]): Promise<Reply[]> {
    const minPriceMinor = minorUnits(price?.atLeast);
    const maxPriceMinor = minorUnits(price?.atMost);
    if (price && ((minPriceMinor === undefined && maxPriceMinor === undefined) || namesOtherCurrency(price))) return browseByPrice(turn, text, price);
    const category = text ? findNamedCategory(text, await categoriesOf(turn))?.category : undefined;
    // "for my dad who likes writing": products whose words speak to the interest come first, then
    // others of their categories, then the recommender's own order.
    const interest = text && category === undefined
      ? findProductsOfInterest(text, await interestMatchable())
      : [];
    const request = { customerId: turn.customer.id, ...(minPriceMinor !== undefined ? { minPriceMinor } : {}), ...(maxPriceMinor !== undefined ? { maxPriceMinor } : {}), ...(category !== undefined ? { category } : {}) };
    const products = interest.length === 0 ? await recommend({ ...request, limit: 3 }) : rankByInterest(await recommend({ ...request, limit: 100 }), interest).slice(0, 3);
    if (products.length === 0 && category !== undefined && !price) return showCategory(turn, category, 0);
    if (products.length === 0 && price) return browseByPrice(turn, text, price);
    if (products.length === 0) return [{ text: turn.m.noRecommendations(), buttons: mainMenu(turn.locale) }];
    await event(turn, "recommendation_shown", undefined, { productIds: products.map((p) => p.id) });
    rememberList(turn, products.map((p) => p.id));
    turn.state.recommendedWithin = price?.atLeast !== undefined || price?.atMost !== undefined
      ? { ...(price.atLeast !== undefined ? { atLeast: price.atLeast } : {}), ...(price.atMost !== undefined ? { atMost: price.atMost } : {}), productIds: products.map((p) => p.id) }
      : undefined;
    // An interest nothing speaks to ("he drinks a lot of coffee" in a tea shop): say so, not "you might like".
    const unmatched = interest.length === 0 && text !== "" && category === undefined && namesAnInterest(text);
    return [productList(unmatched ? turn.m.noInterestMatch() : turn.m.recommendations(), products, turn.locale)];
  }

  // ---------- routing ----------

  async function handleAction(turn: Turn, action: TCustomerAction, question?: TDialogueState["pendingQuestion"]): Promise<Reply[]> {
    // A pending "cancel order #N?" is answered by its buttons; any other button moves on from it.
    if (turn.state.flow?.kind === "cancel" && action.action !== "cancel") turn.state.flow = undefined;
    switch (action.action) {
      case "browse": return showCategories(turn);
      case "category": return showCategory(turn, action.category, action.page);
      case "product": {
        const product = await getActiveProduct(db, action.productId);
        if (!product) return showCategories(turn, turn.m.productNotFound());
        // Picked after "which product do you mean?": the question asked gets its answer.
        if (question?.productIds.includes(product.id)) return answerAboutProduct(turn, product, question.text);
        return showProduct(turn, product, false);
      }
      case "productSku": {
        const product = await db.product.findFirst({ where: { sku: { equals: action.sku, mode: "insensitive" }, active: true } });
        return product ? showProduct(turn, product, false) : showCategories(turn, turn.m.productNotFound());
      }
      case "order": {
        // Chosen after "I'll take 3" asked which product: the 3 still stands.
        const flow = turn.state.flow;
        const asked = flow?.kind === "order" && flow.awaiting === "product" ? flow.quantity : undefined;
        return continueOrder(turn, { productId: action.productId, ...(asked !== undefined ? { quantity: asked } : {}) });
      }
      case "quantity": return continueOrder(turn, { productId: action.productId, quantity: action.quantity });
      case "confirm": return confirmOrder(turn, action.nonce);
      case "abandon": return abandonFlow(turn);
      case "addMore": return addMore(turn, action.nonce);
      case "orders": return showOrders(turn);
      case "cart": return showCart(turn);
      case "askCancel": return askCancel(turn, action.orderId);
      case "cancel": return cancelOrder(turn, action.orderId);
      case "recommend": return showRecommendations(turn);
      case "human": return handoff(turn, "customer asked for a person");
      case "setQuantity": {
        // Only while that order still waits for its confirmation and holds the product.
        const flow = turn.state.flow;
        if (flow?.kind !== "order" || flow.awaiting !== "confirm" || !orderItemsOf(turn.state).some((l) => l.productId === action.productId)) return staleOrderButton(turn, null);
        turn.state.cart = orderItemsOf(turn.state).filter((l) => l.productId !== action.productId);
        turn.state.flow = { kind: "order", awaiting: "product", nonce: newNonce() };
        return continueOrder(turn, { productId: action.productId, quantity: action.quantity });
      }
      case "stockAlert": {
        const product = await getActiveProduct(db, action.productId);
        return product ? waitForRestock(turn, product, true) : showCategories(turn, turn.m.productNotFound());
      }
      case "intent": {
        const text = turn.state.pendingText ?? "";
        turn.state.pendingText = undefined;
        if (!classifier.intents.includes(action.intent)) return [{ text: turn.m.staleButton(), buttons: mainMenu(turn.locale) }];
        return routeIntent(turn, action.intent, text, extractEntities(text, { defaultCountry: shop.defaultCountry }));
      }
    }
  }

  /**
   * The line of the order waiting for confirmation that a message names by kind ("make it 3 teas",
   * "the tea should be 3"): the one line among several products it could mean, or the one line of a
   * category it names. Undefined when no single line is meant.
   */
  async function lineMeant(turn: Turn, text: string, mentioned: readonly Product[]): Promise<number | undefined> {
    const lines = orderItemsOf(turn.state).map((l) => l.productId);
    const inOrder = mentioned.filter((p) => lines.includes(p.id));
    if (inOrder.length === 1) return inOrder[0]!.id;
    if (mentioned.length > 0) return undefined;
    const category = findNamedCategory(text, await categoriesOf(turn));
    if (!category) return undefined;
    const ofCategory = await db.product.findMany({ where: { id: { in: lines }, category: category.category }, select: { id: true } });
    return ofCategory.length === 1 ? ofCategory[0]!.id : undefined;
  }

  /** A message answering the question of an open flow (a quantity, a yes, "make it 3"). Null: not an answer. */
  async function continueFlow(turn: Turn, text: string, entities: Entities, prediction: IntentPrediction): Promise<Reply[] | null> {
    const flow = turn.state.flow;
    if (!flow) return null;
    const normalized = normalizeText(text);
    if (flow.kind === "contact") {
      if (DENY.test(normalized)) return abandonFlow(turn);
      if (entities.email || entities.phone || entities.invalidEmail || entities.invalidPhone) return leaveContact(turn, entities);
      return null;
    }
    if (flow.kind === "cancel") {
      // Asked "cancel order #N?": "yes", "cancel it", "是的，取消" cancel; "no", "keep it", "不用" keep it.
      // Anything else is a new question, and the cancellation is no longer pending.
      turn.state.flow = undefined;
      if (AFFIRM.test(normalized) || CONFIRM_CANCEL.test(normalized)) return cancelOrder(turn, flow.orderId);
      if (KEEP.test(normalized) || DENY.test(normalized)) return [{ text: turn.m.orderKept(flow.orderId), buttons: mainMenu(turn.locale) }];
      return null;
    }
    const orderFlow: TOrderFlow = flow;
    // "How many do you have?" to "How many would you like?": the question again, with the stock in it.
    if (orderFlow.awaiting === "quantity" && orderFlow.productId !== undefined && STOCK_QUESTION.test(normalized)) {
      const product = await getActiveProduct(db, orderFlow.productId);
      if (product && availableFor(turn, product) > 0) return askQuantity(turn, product);
    }
    const mentioned = await findMentionedProducts(turn, text, entities);
    // Several products at once while choosing the next one or its quantity ("2 mugs and a notebook"
    // when asked how many notebooks), or "also 2 mugs and a candle" at the confirmation.
    if (orderFlow.awaiting === "product" || orderFlow.awaiting === "quantity" || (orderFlow.awaiting === "confirm" && ALSO.test(normalized))) {
      const several = await orderSeveral(turn, text, true);
      if (several) return several;
    }
    const productId = mentioned.length === 1 ? mentioned[0]!.id : orderFlow.awaiting === "confirm" ? await lineMeant(turn, text, mentioned) : undefined;
    const bareNumber = /^-?\d+(?:\.\d+)?(?:e\d+)?$/i.test(normalized) ? Number(normalized) : undefined;
    // "Yes" / "好的" to "How many would you like?": one (the confirmation that follows shows it).
    const affirmsOne = orderFlow.awaiting === "quantity" && entities.quantity === undefined && AFFIRM.test(normalized) && !/\d/.test(normalized);
    const quantity = bareNumber !== undefined ? (Number.isInteger(bareNumber) ? bareNumber : -1) : affirmsOne ? 1 : entities.quantity;
    if (orderFlow.awaiting === "product" && productId === undefined && mentioned.length === 0 && quantity === undefined && turn.state.cart.length > 0 && (NOTHING_MORE.test(normalized) || AFFIRM.test(normalized))) {
      // "No thanks", "that's all", "ok", "就这些" to "What else would you like?": the order as it is,
      // to confirm. "No" used to cancel the whole order and "that's all" to say goodbye over it.
      turn.state.flow = undefined;
      return showCart(turn);
    }
    // "no, the red one" and "no, make it 3" correct the order; a bare "no" / "never mind" drops it.
    if (DENY.test(normalized) && productId === undefined && quantity === undefined) return abandonFlow(turn);
    if (orderFlow.awaiting === "confirm" && AFFIRM.test(normalized)) return confirmOrder(turn, null);
    const changesProduct = productId !== undefined && productId !== orderFlow.productId;
    // "Add something else" typed instead of pressed: the same as the button.
    if (orderFlow.awaiting === "confirm" && productId === undefined && ADD_MORE.test(normalized)) return addMore(turn, orderFlow.nonce);
    // "I'd also like 2 mugs", "再来一个蜡烛": another item for the same order, not a correction.
    if (orderFlow.awaiting === "confirm" && changesProduct && ALSO.test(normalized)) {
      const items = orderItemsOf(turn.state);
      if (items.length >= MAX_CART_LINES) return cartFullReply(turn, orderFlow.nonce);
      turn.state.cart = items;
      turn.state.flow = { kind: "order", awaiting: "product", nonce: newNonce() };
      return continueOrder(turn, { productId, ...(quantity !== undefined ? { quantity } : {}) });
    }
    if (orderFlow.awaiting === "product") {
      // "Actually cancel the notebook" is not the product to order: the question is left for the intent's answer.
      if (/\bcancel\b|取消/u.test(normalized) || REMOVE_ITEM.test(normalized)) return null;
      if (productId === undefined && mentioned.length === 0) {
        // "Teas": the category's page, still choosing; "3": how many, and still which product.
        const category = findNamedCategory(text, await categoriesOf(turn));
        if (category) return showCategory(turn, category.category, 0);
        if (quantity !== undefined && quantity >= 1) return continueOrder(turn, { quantity });
      }
      if (mentioned.length > 1) {
        rememberList(turn, mentioned.map((p) => p.id));
        return [orderChoiceList(turn.m.whichProduct(), mentioned, turn.locale, quantity ?? orderFlow.quantity)];
      }
      if (productId !== undefined) return continueOrder(turn, { productId, ...(quantity !== undefined ? { quantity } : orderFlow.quantity ? { quantity: orderFlow.quantity } : {}) });
      return null;
    }
    if (orderFlow.awaiting === "confirm" && !changesProduct && quantity !== undefined && orderFlow.productId === undefined && orderItemsOf(turn.state).length > 1) {
      // "3" at the confirmation of several products: which of them, one tap each.
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) return [{ text: turn.m.invalidQuantity() }];
      const items = await loadOrderItems(db, orderItemsOf(turn.state));
      return [{
        text: turn.m.whichLineToChange(quantity),
        buttons: items.map((item) => [{ label: productName(item.product, turn.locale), payload: pay({ action: "setQuantity", productId: item.product.id, quantity }) }]),
      }];
    }
    if (quantity !== undefined || changesProduct) {
      const target = changesProduct ? productId : orderFlow.productId;
      if (orderFlow.awaiting === "confirm" && target !== undefined && turn.state.cart.some((l) => l.productId === target)) {
        // "Make it 3 mugs" when the order already holds mugs: 3 in all, not 3 more; the rest stays.
        turn.state.cart = orderItemsOf(turn.state).filter((l) => l.productId !== target);
      }
      return continueOrder(turn, {
        productId: changesProduct ? productId : orderFlow.productId,
        ...(quantity !== undefined ? { quantity } : orderFlow.quantity !== undefined ? { quantity: orderFlow.quantity } : {}),
      });
    }
    if (orderFlow.awaiting === "quantity" && prediction.intent === OUT_OF_SCOPE) {
      return [{ text: turn.m.invalidQuantity() }];
    }
    return null;
  }

  async function routeIntent(turn: Turn, intent: string, text: string, entities: Entities): Promise<Reply[]> {
    switch (intent) {
      case "greeting":
        return [{ text: turn.m.greeting(shop.name), buttons: mainMenu(turn.locale) }];
      case "goodbye":
        return [{ text: turn.m.goodbye() }];
      case "browse_catalog": {
        if (entities.price) return browseByPrice(turn, text, entities.price);
        const named = findNamedCategory(text, await categoriesOf(turn));
        if (named) {
          // "Show me the lavender candle" names one product of the category: its card, not the page.
          const closest = closestMatches(matchProducts(text, await matchableOf(turn)));
          const product = closest.length === 1 && closest[0]!.score >= 0.75 ? await getActiveProduct(db, closest[0]!.productId) : null;
          return product ? showProduct(turn, product, false) : showCategory(turn, named.category, 0);
        }
        // "show me teapots", "有茶壶吗": the products it names by kind, when it names some.
        const byKind = await searchCatalog(turn, text);
        // "Anything for gongfu tea?", "有没有适合泡功夫茶的东西": no name or kind, but descriptions speak to it.
        const found = byKind.length > 0 ? byKind : await productsSuitedTo(text);
        if (found.length > 0) {
          await event(turn, "catalog_browsed", undefined, { search: true, ...(byKind.length === 0 ? { interest: true } : {}), results: found.length });
          await engage(turn);
          rememberList(turn, found.map((p) => p.id));
          if (found.length === 1) turn.state.lastProductId = found[0]!.id;
          return [productList(turn.m.matchingProducts(), found, turn.locale)];
        }
        return showCategories(turn);
      }
      case "product_question": {
        const mentioned = await findMentionedProducts(turn, withoutFactWords(text), entities);
        if (mentioned.length === 1) return answerAboutProduct(turn, mentioned[0]!, text);
        if (mentioned.length > 1) {
          rememberList(turn, mentioned.map((p) => p.id));
          turn.state.pendingQuestion = { text: text.slice(0, 4_000), productIds: mentioned.map((p) => p.id) };
          return [productList(turn.m.whichProduct(), mentioned, turn.locale)];
        }
        if (turn.state.lastProductId !== undefined) {
          const last = await getActiveProduct(db, turn.state.lastProductId);
          if (last) return answerAboutProduct(turn, last, text);
        }
        // "Is it organic?" under a list: which of those, not "no such product".
        const listed = await listedProducts(turn);
        if (listed.length > 0) {
          turn.state.pendingQuestion = { text: text.slice(0, 4_000), productIds: listed.map((p) => p.id) };
          return [productList(turn.m.whichProduct(), listed, turn.locale)];
        }
        return showCategories(turn, turn.m.productNotFound());
      }
      case "recommendation":
        return showRecommendations(turn, text, entities.price);
      case "place_order": {
        // "Can I add a candle to my order?" after it was placed: it cannot grow, so say this is a new one.
        const placed = ADD_TO_PLACED.test(normalizeText(text)) && !turn.state.flow && turn.state.cart.length === 0
          ? await db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: OPEN_ORDER_STATUSES } }, orderBy: { id: "desc" }, select: { id: true } })
          : null;
        if (placed) return [{ text: turn.m.placedOrderCannotGrow(placed.id) }, ...(await routeIntent(turn, "place_order", text.replace(new RegExp(`${TO_PLACED_ORDER_EN}|${TO_PLACED_ORDER_ZH}`, "giu"), " "), entities))];
        const several = await orderSeveral(turn, text, false);
        if (several) return several;
        const mentioned = await findMentionedProducts(turn, text, entities);
        if (mentioned.length > 1) {
          turn.state.flow = { kind: "order", awaiting: "product", nonce: newNonce(), ...(entities.quantity !== undefined ? { quantity: entities.quantity } : {}) };
          rememberList(turn, mentioned.map((p) => p.id));
          return [orderChoiceList(turn.m.whichProduct(), mentioned, turn.locale, entities.quantity)];
        }
        // "I'll take 2 of them" right after a product card: the product just discussed.
        const refersBack = REFERS_BACK.test(normalizeText(text)) || turn.state.shownProductIds.length === 1;
        const productId = mentioned[0]?.id ?? (refersBack ? turn.state.lastProductId : undefined);
        if (productId === undefined) {
          // "I want a candle": which of the candles, one tap each, rather than every category.
          const category = findNamedCategory(text, await categoriesOf(turn));
          const choice = category ? await askWhichOfCategory(turn, category.category, entities.quantity) : null;
          if (choice) return choice;
        }
        return continueOrder(turn, { ...(productId !== undefined ? { productId } : {}), ...(entities.quantity !== undefined ? { quantity: entities.quantity } : {}) });
      }
      case "order_status":
        return orderStatus(turn, entities.orderId);
      case "cancel_order":
        return askCancel(turn, entities.orderId, text, entities);
      case "leave_contact":
        return leaveContact(turn, entities);
      case "human_handoff":
        return handoff(turn, "customer asked for a person");
      case "shipping_returns": {
        const policy: Reply = { text: shop.shippingAndReturns[turn.locale] };
        // "I want to return the mug" from a customer with an order on its way or delivered: the
        // policy, and one tap to have the owner arrange it (returns are theirs to accept).
        const sent = RETURN_REQUEST.test(normalizeText(text))
          ? await db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: ["shipped", "delivered"] } }, orderBy: { id: "desc" }, select: { id: true } })
          : null;
        return sent ? [policy, { text: turn.m.returnOffer(sent.id), buttons: [[{ label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]] }] : [policy];
      }
      case "payment":
        return paymentAnswer(turn);
      case "complaint":
        return handoff(turn, "complaint", turn.m.complaint());
      default:
        return [{ text: turn.m.outOfScope(), buttons: [[{ label: turn.m.humanButton(), payload: pay({ action: "human" }) }, { label: turn.m.browseButton(), payload: pay({ action: "browse" }) }]] }];
    }
  }

  // ---------- optional language model ----------

  /**
   * The product card, preceded by the model's answer when the question is more than a bare name/price
   * ask and the model answers in time. Without a model's answer, a question about size, colour,
   * material, care, contents, origin or a yes/no property ("is it organic?") is answered from the
   * shop's own description (or said to be missing from it, with the owner offered); the card itself
   * is not repeated when it was just shown.
   */
  async function answerAboutProduct(turn: Turn, product: Product, text: string): Promise<Reply[]> {
    const justShown = turn.state.shownProductIds.length === 1 && turn.state.shownProductIds[0] === product.id;
    const answer = deps.llm ? await deps.llm.answerProductQuestion({ question: text, product, locale: turn.locale, budget: (turn.llmBudget ??= deps.llm.startTurnBudget()) }) : null;
    const card = await showProduct(turn, product, true);
    if (answer) return [{ text: answer }, ...card];
    const facts = answerFromProductFacts(text, product, turn.locale);
    if (!facts) return card;
    const name = productName(product, turn.locale);
    const property = facts.property && turn.m.productProperty(facts.property);
    const aspect = turn.m.productAspect(facts.aspect);
    const buttons = card[0]!.buttons ?? [];
    if (facts.evidence.length === 0) {
      const unknown = { text: property ? turn.m.factPropertyUnknown(name, property) : turn.m.factUnknown(name, aspect), buttons: [[{ label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }], ...buttons] };
      const { buttons: _cardButtons, ...plainCard } = card[0]!;
      return justShown ? [unknown] : [plainCard, unknown];
    }
    const said = { text: property ? turn.m.factPropertyAnswer(name, property, facts.evidence.join(" ")) : turn.m.factAnswer(name, aspect, facts.evidence.join(" ")) };
    if (justShown) return [{ ...said, buttons }];
    // A one-sentence description that is the answer: the card alone says it (no echo above it).
    const description = productDescription(product, turn.locale).trim();
    return facts.evidence.join(" ") === description && !property ? card : [said, ...card];
  }

  /**
   * The model's reading of a message the classifier could not place, as an intent for the same
   * router (so an order is still confirmed, order status is still the customer's own). A product it
   * names becomes the product under discussion, as if its card had just been shown; a quantity
   * fills the entity. Undefined: no model, a failure, or a guess no surer than the classifier's bar.
   */
  async function interpretWithModel(turn: Turn, text: string, entities: Entities): Promise<string | undefined> {
    if (!deps.llm) return undefined;
    const reading = await deps.llm.interpret({ text, intents: classifier.intents, budget: (turn.llmBudget ??= deps.llm.startTurnBudget()) });
    if (!reading || reading.confidence < lowConfidence) return undefined;
    if (reading.intent !== OUT_OF_SCOPE && !classifier.intents.includes(reading.intent)) return undefined;
    if (reading.productSku && (reading.intent === "place_order" || reading.intent === "product_question")) {
      const product = await db.product.findFirst({ where: { sku: reading.productSku, active: true } });
      if (product) {
        turn.state.lastProductId = product.id;
        turn.state.shownProductIds = [product.id];
      }
    }
    if (reading.quantity !== undefined && entities.quantity === undefined) entities.quantity = reading.quantity;
    return reading.intent;
  }

  /**
   * "Is the lavender candle under £20?", "is the second one cheap?", "is it cheap?": a question about
   * one product (named, picked by position, or just discussed), not a search by price.
   */
  async function asksAboutOneProduct(turn: Turn, text: string, entities: Entities): Promise<boolean> {
    if (entities.price?.order === "cheaper") return false;
    if (entities.ordinal && (await productAtPosition(turn, entities.ordinal.position))) return true;
    const named = closestMatches(matchProducts(text, await matchableOf(turn)));
    if (named.length > 0) return named.length === 1;
    return turn.state.lastProductId !== undefined && /^(?:is|are|isn'?t|was) (?:it|this|that|they|these|those)\b|这个|那个|它|这款|那款/.test(normalizeText(text));
  }

  /**
   * The owner's own answer (owner command `faq`) to what the message asks, when the message is not
   * something only the shop's data can answer (an order, a cart, contact details, a person) and
   * either the classifier is unsure or it read a general question (shipping, payment, out of
   * scope, a product question naming no product). Browsing, recommendation and greeting intents need
   * a closer match: "I want to buy a gift" is not "Do you gift wrap?", while "what are your opening
   * hours?" (read as a greeting) is the owner's "What are your opening hours?".
   */
  async function answerFromFaq(turn: Turn, text: string, entities: Entities, intent: string, confident: boolean): Promise<string | undefined> {
    if (entities.email || entities.phone || entities.orderId !== undefined || entities.price || entities.ordinal) return undefined;
    if (["place_order", "order_status", "cancel_order", "leave_contact", "human_handoff", "complaint"].includes(intent) && confident) return undefined;
    const general = !confident || ["shipping_returns", "payment", "product_question", OUT_OF_SCOPE].includes(intent);
    const match = await findFaqAnswer(db, text, general ? undefined : 0.75);
    if (!match) return undefined;
    if (intent === "product_question" && confident && (await namesAProduct(turn, text))) return undefined;
    return match.entry.answer;
  }

  /**
   * "My name is Anna", "我叫王小明": the name is saved, and the rest of the message (an email, an
   * order) is handled as if sent alone. A message that was only the name is answered here, with
   * whatever was open asked again. In an address ("my name is Anna Lee, 4 Park Lane …") the name
   * stays part of it. Undefined when the message gives no usable name.
   */
  async function takeGivenName(turn: Turn, text: string): Promise<{ rest: string } | { replies: Reply[] } | undefined> {
    const given = extractCustomerName(text);
    if (!given) return undefined;
    try {
      turn.givenName = await saveCustomerName({ db }, { customerId: turn.customer.id, name: given.name });
    } catch (error) {
      if (isAppError(error)) return undefined;
      throw error;
    }
    const onlyTheName = ONLY_PLEASANTRIES.test(normalizeText(given.rest));
    // "我叫李雷，北京市朝阳区建国路88号" is an address with its name: the name stays, the introduction goes.
    if (!onlyTheName && (turn.state.addressFor !== undefined || HOUSE_NUMBER.test(given.rest))) return { rest: `${given.name}${containsChinese(given.name) ? "，" : ", "}${given.rest}` };
    if (!onlyTheName) return { rest: given.rest };
    if (turn.state.addressFor !== undefined) return { replies: [{ text: `${turn.m.nameSaved(turn.givenName)}\n${turn.m.askAddress()}` }] };
    if (turn.state.flow?.kind === "contact") return { replies: [{ text: turn.m.nameSavedAskContact(turn.givenName), requestContact: { label: turn.m.shareContactButton() } }] };
    const waiting = await stillWaiting(turn);
    if (waiting) return { replies: [{ text: turn.m.nameSaved(turn.givenName) }, waiting] };
    return { replies: [{ text: turn.m.nameSaved(turn.givenName), ...(turn.state.flow ? {} : { buttons: mainMenu(turn.locale) }) }] };
  }

  async function handleText(turn: Turn, fullText: string, question?: TDialogueState["pendingQuestion"]): Promise<{ replies: Reply[]; prediction?: IntentPrediction }> {
    if (normalizeText(fullText) === "") return { replies: [{ text: turn.m.emptyMessage(), buttons: mainMenu(turn.locale) }] };
    const named = await takeGivenName(turn, fullText);
    if (named && "replies" in named) return { replies: named.replies };
    const text = named?.rest ?? fullText;
    const normalized = normalizeText(text);
    if (CHECKOUT.test(normalized) && !turn.state.flow && turn.state.cart.length > 0) return { replies: await showCart(turn) };
    if (CART_REQUEST.test(normalized)) return { replies: await showCart(turn) };
    if (REMOVE_ITEM.test(normalized) && orderItemsOf(turn.state).length > 0) {
      const removed = await removeFromOrder(turn, text);
      if (removed) return { replies: removed };
    }
    if (PAID.test(normalized) && !PAID_BUT.test(normalized)) return { replies: await claimPayment(turn) };
    if (DISCOUNT.test(normalized)) return { replies: await discountAnswer(turn, text) };
    const entities = extractEntities(text, { defaultCountry: shop.defaultCountry });
    const prediction = classifier.predict(text);
    const givenAddress = ADDRESS_GIVEN.exec(text.trim());
    if (givenAddress) {
      // "My address is …": for the order waiting for one, else the latest order not yet sent.
      const orderId = turn.state.addressFor
        ?? (await latestUnsentOrder(turn))?.id;
      const address = text.trim().slice(givenAddress[0].length);
      if (await readsAsAddress(turn, address, prediction)) {
        return { replies: orderId !== undefined ? await giveAddress(turn, orderId, address) : await keepAddress(turn, address), prediction };
      }
    } else if (turn.state.addressFor !== undefined && !entities.email && !entities.phone && (await readsAsAddress(turn, text, prediction))) {
      return { replies: await giveAddress(turn, turn.state.addressFor, text), prediction };
    } else if (turn.state.flow?.kind === "order" && !entities.email && !entities.phone && HOUSE_NUMBER.test(text) && (await readsAsAddress(turn, text, prediction))) {
      // An address given while choosing ("Jane Smith, 4 Park Lane, Oxford OX1 2AB" before saying how
      // many): kept for this order, not read as a quantity of 4, and the open question asked again.
      return { replies: await keepAddress(turn, text, true), prediction };
    } else if (prediction.intent === "leave_contact" && !entities.email && !entities.phone && !entities.invalidEmail && !entities.invalidPhone && HOUSE_NUMBER.test(text) && (await readsAsAddress(turn, text, prediction))) {
      // An address sent on its own, read as contact details: for the latest order still without
      // one, else kept for the next order (it used to ask for an email or phone instead).
      const unsent = await latestUnsentOrder(turn, { withoutAddress: true });
      return { replies: unsent ? await giveAddress(turn, unsent.id, text) : await keepAddress(turn, text), prediction };
    }
    if (CHANGE_ADDRESS.test(normalized)) return { replies: await askForNewAddress(turn), prediction };
    if (question && !turn.state.flow && normalized.split(" ").length <= 5) {
      // "The lavender one" / "第二个" after "which product do you mean?": the question gets its answer.
      const picked = await findMentionedProducts(turn, text, entities);
      if (picked.length === 1 && question.productIds.includes(picked[0]!.id)) return { replies: await answerAboutProduct(turn, picked[0]!, question.text), prediction };
    }
    const inFlow = await continueFlow(turn, text, entities, prediction);
    if (inFlow) return { replies: inFlow, prediction };
    if (!turn.state.flow && turn.state.cart.length === 0 && CHANGE_PLACED.test(normalized)) {
      const changed = await changePlacedOrder(turn);
      if (changed) return { replies: changed, prediction };
    }
    if (ACKNOWLEDGEMENT.test(normalized)) {
      // "Nice", "noted" while an order waits for its confirmation: the order again, not a guess at an intent.
      const waiting = await stillWaiting(turn);
      if (waiting) return { replies: [{ text: turn.m.acknowledged() }, waiting] };
    }
    // Pictures or punctuation alone: answered kindly, and never counted towards "not understood twice".
    const trimmed = text.trim();
    if (EMOJI_ONLY.test(trimmed) || SYMBOLS_ONLY.test(trimmed)) {
      const cheerful = EMOJI_ONLY.test(trimmed) && !UNHAPPY_EMOJI.test(trimmed);
      const waiting = await stillWaiting(turn);
      const reply: Reply = { text: cheerful ? turn.m.acknowledged() : turn.m.howCanIHelp(), ...(waiting ? {} : { buttons: mainMenu(turn.locale) }) };
      return { replies: waiting ? [reply, waiting] : [reply] };
    }
    if (COMPARE.test(normalized) && !entities.price) {
      // Two products named, or "which is better?" under a short list: side by side.
      const named = await findMentionedProducts(turn, text, entities);
      const listed = named.length >= 2 ? named : ASKS_WHICH.test(normalized) && named.length === 0 && turn.state.listedProductIds.length >= 2 && turn.state.listedProductIds.length <= 4
        ? await db.product.findMany({ where: { id: { in: turn.state.listedProductIds }, active: true } })
        : [];
      if (listed.length >= 2) {
        leaveFlow(turn);
        return { replies: await compareProducts(turn, listed), prediction };
      }
    }
    if (SIMILAR.test(normalized)) {
      const product = await productMeant(turn, text, entities);
      if (product) {
        leaveFlow(turn);
        return { replies: await showSimilar(turn, product), prediction };
      }
    }
    if (BACK_IN_STOCK.test(normalized) || (NOTIFY_ME.test(normalized) && /\b(stock|back|available)\b|货/u.test(normalized))) {
      // "When will the envelopes be back?", "notify me when the envelopes are back in stock".
      const product = await productMeant(turn, text, entities);
      if (product) {
        leaveFlow(turn);
        return { replies: await waitForRestock(turn, product, NOTIFY_ME.test(normalized)), prediction };
      }
    }
    const within = turn.state.recommendedWithin;
    if (within && !entities.price && !entities.ordinal && within.productIds.join() === turn.state.listedProductIds.join() && (LIKES.test(normalized) || findNamedCategory(text, await categoriesOf(turn))) && !(await namesAProduct(turn, text))) {
      // "A present around £30" → "she likes tea": the same price range, narrowed to what she likes.
      leaveFlow(turn);
      return { replies: await showRecommendations(turn, text, { ...(within.atLeast !== undefined ? { atLeast: within.atLeast } : {}), ...(within.atMost !== undefined ? { atMost: within.atMost } : {}) }), prediction };
    }
    if (NEW_ARRIVALS.test(normalized) && !/\b(orders?|parcel|package|delivery)\b|订单|包裹|快递/u.test(normalized) && (await findMentionedProducts(turn, text, entities)).length === 0) {
      leaveFlow(turn);
      return { replies: await showNewArrivals(turn), prediction };
    }
    // "the second one", "第二个": a pick from the list just shown, whatever the classifier makes of it.
    if (entities.ordinal?.alone) {
      if (turn.conversation.lowConfidenceStreak > 0) await db.conversation.update({ where: { id: turn.conversation.id }, data: { lowConfidenceStreak: 0 } });
      leaveFlow(turn);
      return { replies: await pickShownProduct(turn, entities.ordinal.position), prediction };
    }

    // "It arrived broken", "杯子碎了": the owner's to put right, not the returns policy (or a product
    // answer, or a question which of two intents was meant).
    const damaged = DAMAGED.test(normalized) && !HYPOTHETICAL.test(normalized) && prediction.intent !== "human_handoff";
    // "预算100镑以内", "my budget is £30": recommendations within it, not every product under it (nor,
    // as the classifier read it once, the customer's orders).
    const budget = !damaged && (entities.price?.atMost !== undefined || entities.price?.atLeast !== undefined) && BUDGET.test(normalized)
      && !["place_order", "product_question", "human_handoff", "complaint"].includes(prediction.intent);
    let intent = damaged ? "complaint" : budget ? "recommendation" : prediction.intent;
    const confident = damaged || budget || (intent !== OUT_OF_SCOPE && prediction.confidence >= lowConfidence);
    const faq = await answerFromFaq(turn, text, entities, intent, confident);
    if (faq) {
      if (turn.conversation.lowConfidenceStreak > 0) await db.conversation.update({ where: { id: turn.conversation.id }, data: { lowConfidenceStreak: 0 } });
      const waiting = await stillWaiting(turn);
      if (waiting) return { replies: [{ text: faq }, waiting], prediction };
      leaveFlow(turn);
      return { replies: [{ text: faq, buttons: mainMenu(turn.locale) }], prediction };
    }
    // "I'll take the cheapest one" after a list: an order for the cheapest (or dearest) in stock of it.
    if (intent === "place_order" && confident && entities.price?.order !== undefined && entities.price.order !== "cheaper" && entities.price.atMost === undefined && entities.price.atLeast === undefined && turn.state.listedProductIds.length > 1) {
      const [pick] = (await findProductsInPriceRange(db, { productIds: turn.state.listedProductIds, descending: entities.price.order === "highest", limit: 1 })).products;
      if (pick) return { replies: await continueOrder(turn, { productId: pick.id, ...(entities.quantity !== undefined ? { quantity: entities.quantity } : {}) }), prediction };
    }
    if ((entities.email || entities.phone) && !["order_status", "cancel_order", "place_order"].includes(intent)) intent = "leave_contact";
    else if (entities.price && (!confident || ["browse_catalog", "product_question", "place_order", "recommendation"].includes(intent) || (intent === "complaint" && entities.price.order === "cheaper")) && !(await asksAboutOneProduct(turn, text, entities))) {
      // "candles under £20", "what's the cheapest tea", "too expensive, anything cheaper?": a price
      // question about the catalog, not a complaint ("a gift under £30": recommendations within it).
      intent = intent === "recommendation" ? "recommendation" : "browse_catalog";
    } else if (!confident) {
      // A product named outright is a question about it, whatever the classifier thought.
      const mentioned = await findMentionedProducts(turn, text, entities);
      const justShownOne = turn.state.shownProductIds.length === 1 && turn.state.lastProductId !== undefined;
      let modelIntent: string | undefined;
      // "two, please" right after a product card is an order for it.
      if (entities.quantity !== undefined && (justShownOne || mentioned.length > 0)) intent = "place_order";
      // "What sizes?" right after a product card: a question about that product.
      else if (justShownOne && mentioned.length === 0 && asksAboutProductFacts(text)) intent = "product_question";
      else if (mentioned.length > 0 && intent !== "place_order") intent = "product_question";
      else if (findNamedCategory(text, await categoriesOf(turn)) && text.trim().split(/\s+/).length <= 3) intent = "browse_catalog";
      else if (DELIVERY_PAIR.has(prediction.ranking[0]?.intent ?? "") && DELIVERY_PAIR.has(prediction.ranking[1]?.intent ?? "") && intent !== OUT_OF_SCOPE) {
        // "When will it arrive?": about their order when they have one on its way, else about delivery times.
        const open = await db.order.count({ where: { customerId: turn.customer.id, status: { in: OPEN_ORDER_STATUSES } } });
        intent = open > 0 ? "order_status" : "shipping_returns";
      } else if ((modelIntent = await interpretWithModel(turn, text, entities)) !== undefined) intent = modelIntent;
      else if (intent !== OUT_OF_SCOPE && prediction.ranking.length >= 2) {
        const [first, second] = prediction.ranking;
        turn.state.pendingText = text.slice(0, 4_000);
        const streak = turn.conversation.lowConfidenceStreak + 1;
        await db.conversation.update({ where: { id: turn.conversation.id }, data: { lowConfidenceStreak: streak } });
        if (streak >= 2) return { replies: await handoff(turn, "the bot could not understand twice in a row"), prediction };
        return {
          replies: [{
            text: turn.m.clarify(intentLabel(turn.locale, first!.intent), intentLabel(turn.locale, second!.intent)),
            buttons: [[{ label: intentLabel(turn.locale, first!.intent), payload: pay({ action: "intent", intent: first!.intent }) }, { label: intentLabel(turn.locale, second!.intent), payload: pay({ action: "intent", intent: second!.intent }) }]],
          }],
          prediction,
        };
      }
    }
    // "有什么茶推荐吗？", "which tea do you suggest?": a recommendation, even when the classifier read browsing.
    if (intent === "browse_catalog" && !entities.price && RECOMMEND.test(normalized)) intent = "recommendation";
    if (intent === OUT_OF_SCOPE) {
      const streak = turn.conversation.lowConfidenceStreak + 1;
      await db.conversation.update({ where: { id: turn.conversation.id }, data: { lowConfidenceStreak: streak } });
      if (streak >= 2) return { replies: await handoff(turn, "the bot could not understand twice in a row"), prediction };
    } else if (turn.conversation.lowConfidenceStreak > 0) {
      await db.conversation.update({ where: { id: turn.conversation.id }, data: { lowConfidenceStreak: 0 } });
    }
    // "Where is my order?" / "cancel the order" while the order being put together is not placed yet:
    // that one is meant. It used to answer "you have no orders" and drop the waiting order into the cart.
    if ((intent === "order_status" || intent === "cancel_order") && entities.orderId === undefined && orderItemsOf(turn.state).length > 0) {
      let waiting = await stillWaiting(turn);
      if (intent === "cancel_order") {
        const placed = waiting ? 0 : await db.order.count({ where: { customerId: turn.customer.id, status: { in: CUSTOMER_CANCELLABLE } } });
        // "Cancel the tea cups" names one line: that line goes, the rest of the order stays.
        const removed = placed === 0 && orderItemsOf(turn.state).length > 1 ? await removeFromOrder(turn, text) : null;
        if (removed) return { replies: removed, prediction };
        if (placed === 0) return { replies: abandonFlow(turn), prediction };
      } else {
        // Items in the cart, no product being chosen: the cart is that order, to confirm.
        const flow = turn.state.flow;
        if (!waiting && (!flow || (flow.kind === "order" && flow.awaiting === "product" && flow.productId === undefined))) waiting = await askToConfirmCart(turn, turn.m.orderStillWaiting);
      }
      if (intent === "order_status" && waiting) {
        const placed = await db.order.count({ where: { customerId: turn.customer.id } });
        const status = placed > 0 ? (await routeIntent(turn, intent, text, entities)).map(({ buttons: _menu, ...answer }) => answer) : [];
        return { replies: [...status, waiting], prediction };
      }
    }
    // A side question, or contact details given, while an order waits for its confirmation: answered,
    // and the order asked again below, whose buttons are the ones that matter (the answer's menu goes).
    if (SIDE_QUESTIONS.has(intent) || (intent === "leave_contact" && (entities.email || entities.phone))) {
      const waiting = await stillWaiting(turn);
      if (waiting) return { replies: [...(await routeIntent(turn, intent, text, entities)).map(({ buttons: _menu, ...answer }) => answer), waiting], prediction };
    }
    if (intent !== "place_order") leaveFlow(turn);
    return { replies: await routeIntent(turn, intent, text, entities), prediction };
  }

  /**
   * An order waiting for its confirmation, shown again after the answer to a side question ("how do
   * I pay?", "do you ship to France?"), so a typed "confirm" still places it; null when none waits.
   */
  async function stillWaiting(turn: Turn): Promise<Reply | null> {
    const flow = turn.state.flow;
    if (flow?.kind !== "order" || flow.awaiting !== "confirm" || orderItemsOf(turn.state).length === 0) return null;
    return confirmationReply(turn, flow.nonce, turn.m.orderStillWaiting);
  }

  /**
   * The customer moved on to something else: the open question is dropped, but an item already
   * chosen and waiting for confirmation goes into the cart rather than being lost ("what's in my
   * cart?" and the cart reminder still have it).
   */
  function leaveFlow(turn: Turn): void {
    const flow = turn.state.flow;
    if (!flow) return;
    if (flow.kind === "order" && flow.awaiting === "confirm") turn.state.cart = orderItemsOf(turn.state).slice(0, MAX_CART_LINES);
    turn.state.flow = undefined;
  }

  async function handle(raw: TInboundMessage): Promise<Reply[]> {
    const parsed = ZInboundMessage.safeParse(raw);
    if (!parsed.success) {
      logger.warn("inbound message rejected", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
      return [{ text: messagesFor("en").somethingWrong() }];
    }
    const message = parsed.data;
    const text = message.text.slice(0, MAX_INBOUND_TEXT);
    const at = clock.now();
    let locale: TLocale = localeFromTag(message.locale) ?? "en";
    try {
      const { customer, conversation: found } = await findOrCreateCustomer(db, {
        channel: message.channel,
        externalUserId: message.externalUserId,
        locale,
        at,
        ...(message.displayName ? { displayName: message.displayName } : {}),
        ...(message.username ? { username: message.username } : {}),
      });
      // The owner has been quiet for too long: the bot takes the conversation back for this turn.
      const conversation = found.mode === "handoff" && (await deps.handoff?.resumeIfQuiet(found, at)) ? { ...found, mode: "bot" as const, lowConfidenceStreak: 0 } : found;
      const state = readDialogueState(conversation.state);
      locale = detectLocale(text, state.locale ?? (customer.locale === "zh" ? "zh" : localeFromTag(message.locale) ?? "en"));
      state.locale = locale;
      const turn: Turn = { customer, conversation, locale, state, at, m: messagesFor(locale) };

      const inbound = await db.message.create({ data: { conversationId: conversation.id, direction: "inbound", text: text || (message.payload ? `[button] ${message.payload}` : ""), payload: message.payload ?? null, createdAt: at } });
      await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: at } });
      if (customer.locale !== locale) await db.customer.update({ where: { id: customer.id }, data: { locale } });

      // A question kept for the next message only ("which product do you mean?"): taken out whatever comes.
      const question = state.pendingQuestion;
      state.pendingQuestion = undefined;
      let replies: Reply[];
      let prediction: IntentPrediction | undefined;
      if (conversation.mode === "handoff") {
        replies = conversation.handoffAcknowledged ? [] : [{ text: turn.m.handoffWaiting() }];
        if (!conversation.handoffAcknowledged) await db.conversation.update({ where: { id: conversation.id }, data: { handoffAcknowledged: true } });
        await deps.handoff?.customerWrote(conversation.id, text);
      } else if (message.payload !== undefined) {
        const action = parseCustomerPayload(message.payload);
        replies = action ? await handleAction(turn, action, question) : [{ text: turn.m.staleButton(), buttons: mainMenu(locale) }];
      } else {
        ({ replies, prediction } = await handleText(turn, text, question));
      }

      if (prediction) {
        await db.message.update({ where: { id: inbound.id }, data: { intent: prediction.intent, confidence: prediction.confidence } });
      }
      await db.conversation.update({ where: { id: conversation.id }, data: { state: turn.state as Prisma.InputJsonValue } });
      if (replies.length > 0) {
        await db.message.createMany({ data: replies.map((r) => ({ conversationId: conversation.id, direction: "outbound" as const, text: r.text, createdAt: at })) });
      }
      return replies;
    } catch (error) {
      logger.error("customer message failed", { channel: message.channel, user: message.externalUserId, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return [{ text: messagesFor(locale).somethingWrong() }];
    }
  }

  return { handle };
}

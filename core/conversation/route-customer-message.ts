/**
 * Routing one customer message: a pressed button to its action, a reply to the step the conversation
 * is waiting on (quantity, confirmation, address, a pending question), and otherwise the classified
 * intent to its handler, with the clarification and handoff rules when the classifier is unsure.
 */
import { getActiveProduct } from "../catalog/catalog-queries.ts";
import { asksAboutProductFacts, withoutFactWords } from "../catalog/answer-from-product-facts.ts";
import { REFERS_BACK } from "../catalog/read-order-lines.ts";
import { findProductsInPriceRange } from "../catalog/find-products-in-price-range.ts";
import { closestMatches, describesAnotherThing, findNamedCategory, matchProducts } from "../catalog/match-products.ts";
import { intentLabel } from "../i18n.ts";
import type { Reply } from "../messages.ts";
import { extractEntities, type Entities } from "../nlu/extract-entities.ts";
import { normalizeText } from "../nlu/normalize-text.ts";
import { buildKnownWords, hasKnownWord } from "../nlu/known-words.ts";
import { OUT_OF_SCOPE, type IntentPrediction } from "../nlu/types.ts";
import { CUSTOMER_CANCELLABLE, MAX_LINE_QUANTITY, OPEN_ORDER_STATUSES } from "../orders/order-rules.ts";
import {
  AFFIRM, DENY, CONFIRM_CANCEL, KEEP, PAID, PAID_BUT, DISCOUNT, CART_REQUEST, REMOVE_ITEM, CHANGE_ADDRESS,
  ADDRESS_GIVEN, HOUSE_NUMBER, DELIVERY_PAIR, ADD_MORE, SIDE_QUESTIONS, ASKS_WHICH, SIMILAR, GOES_WITH, COMPARE,
  NEW_ARRIVALS, BACK_IN_STOCK, STOCK_QUESTION, HOW_MANY_LEFT, TO_PLACED_ORDER_EN, TO_PLACED_ORDER_ZH, ADD_TO_PLACED,
  NOTIFY_ME, LIKES, TASTE, GIFT_FOR, RECOMMEND, EMOJI_ONLY, UNHAPPY_EMOJI, SYMBOLS_ONLY, CHECKOUT, CHANGE_PLACED, NOTHING_MORE,
  ALSO, MORE_OF_SAME, ORDER_AGAIN, DAMAGED, HYPOTHETICAL, RETURN_REQUEST, BUDGET, ACKNOWLEDGEMENT, ASKS_QUESTION, SWAP, ORDER_WORDS,
} from "./customer-phrases.ts";
import { orderItemsOf, type TDialogueState, type TOrderFlow } from "./dialogue-state.ts";
import { encodeCustomerPayload as pay, type TCustomerAction } from "./payloads.ts";
import { loadOrderItems } from "./load-order-items.ts";
import { mainMenu, orderChoiceList, productList, productName } from "./product-replies.ts";
import { type Turn, matchableOf, categoriesOf, event, engage, newNonce } from "./assistant-turn.ts";
import {
  showCategories, showCategory, showProduct, searchCatalog, rememberList, findMentionedProducts, productMeant,
  namesAProduct, browseByPrice, pickShownProduct, listedProducts, waitForRestock, showSimilar, compareProducts,
  showNewArrivals, compareOnAspect,
} from "./browse-catalog.ts";
import { productsSuitedTo, showRecommendations } from "./recommend-products.ts";
import { namesAnInterest } from "../catalog/find-products-of-interest.ts";
import {
  availableFor, askQuantity, askWhichOfCategory, continueOrder, orderSeveral, cartFullReply, addMore,
  removeFromOrder, staleOrderButton, askToConfirmCart, confirmOrder, abandonFlow, showCart, lineMeant,
  stillWaiting, leaveFlow, openNextLine, isOrderWaiting, orderAgain,
} from "./take-order.ts";
import { claimPayment, paymentAnswer, showOrders, changePlacedOrder, askCancel, cancelOrder, orderStatus } from "./answer-about-orders.ts";
import {
  readsAsAddress, giveAddress, keepAddress, latestUnsentOrder, askForNewAddress, leaveContact, takeGivenName,
  handoff,
} from "./take-contact-details.ts";
import { discountAnswer, answerAboutProduct, interpretWithModel, asksAboutOneProduct, answerFromFaq } from "./answer-questions.ts";

/** A pressed button (already validated by `parseCustomerPayload`): the action it names, for this turn. */
export async function handleAction(turn: Turn, action: TCustomerAction, question?: TDialogueState["pendingQuestion"]): Promise<Reply[]> {
  const { db, classifier, shop } = turn.ctx;
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
    case "orderAgain": return orderAgain(turn, action.orderId);
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

/** A message answering the question of an open flow (a quantity, a yes, "make it 3"). Null: not an answer. */
export async function continueFlow(turn: Turn, text: string, entities: Entities, prediction: IntentPrediction): Promise<Reply[] | null> {
  const { db } = turn.ctx;
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
    // "I want 2 mugs and a teapot" at an order of 2 mugs says the order again (2 mugs, not 4);
    // "also 2 mugs and a teapot" adds to it.
    const several = await orderSeveral(turn, text, true, { restate: orderFlow.awaiting === "confirm" && !MORE_OF_SAME.test(normalized) });
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
  if (DENY.test(normalized) && productId === undefined && quantity === undefined) {
    // "No" / "不要杯子了" to "what else would you like?" or to "how many?" of one more product: only
    // that step is dropped, and the order already put together is shown (it once cancelled it all).
    if ((orderFlow.awaiting === "product" || orderFlow.awaiting === "quantity") && turn.state.cart.length > 0 && !/\bcancel\b|取消/u.test(normalized)) {
      turn.state.flow = undefined;
      return showCart(turn);
    }
    return abandonFlow(turn);
  }
  if (orderFlow.awaiting === "confirm" && AFFIRM.test(normalized)) return confirmOrder(turn, null);
  const changesProduct = productId !== undefined && productId !== orderFlow.productId;
  // "Add something else" typed instead of pressed: the same as the button.
  if (orderFlow.awaiting === "confirm" && productId === undefined && ADD_MORE.test(normalized)) {
    return (await orderOfKind(turn, text, quantity, true)) ?? addMore(turn, orderFlow.nonce);
  }
  // "I'd also like 2 mugs", "再来一个蜡烛": another item for the same order, not a correction.
  if (orderFlow.awaiting === "confirm" && changesProduct && ALSO.test(normalized)) {
    if (!openNextLine(turn)) return cartFullReply(turn, orderFlow.nonce);
    return continueOrder(turn, { productId, ...(quantity !== undefined ? { quantity } : {}) });
  }
  // "How much more for free delivery?" / "is the chamomile caffeine free?" at a confirmation, or while
  // asked how many: a question (answered by its intent), not "the chamomile instead" (a product in the
  // words used to replace a line).
  if ((orderFlow.awaiting === "confirm" || orderFlow.awaiting === "quantity") && changesProduct && quantity === undefined && ASKS_QUESTION.test(normalized) && !SWAP.test(normalized) && !DENY.test(normalized)) return null;
  if (orderFlow.awaiting === "product") {
    // "Actually cancel the notebook" is not the product to order: the question is left for the intent's answer.
    if (/\bcancel\b|取消/u.test(normalized) || REMOVE_ITEM.test(normalized)) return null;
    if (productId === undefined && mentioned.length === 0) {
      // "Teas": the category's page, still choosing; "3": how many, and still which product.
      const category = findNamedCategory(text, await categoriesOf(turn));
      if (category) return showCategory(turn, category.category, 0);
      const ofKind = await orderOfKind(turn, text, quantity);
      if (ofKind) return ofKind;
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
  if (orderFlow.awaiting === "confirm" && changesProduct && orderFlow.productId === undefined && SWAP.test(normalized) && turn.state.cart.length === 1 && turn.state.cart[0]!.productId !== productId) {
    // "Can I have the sandalwood candle instead?" at an order of one other product: that product
    // replaces it (same quantity unless one is given), rather than joining it.
    const [replaced] = turn.state.cart;
    turn.state.cart = [];
    return continueOrder(turn, { productId, quantity: quantity ?? replaced!.quantity });
  }
  if (orderFlow.awaiting === "confirm" && !changesProduct && quantity !== undefined && Number.isInteger(quantity) && quantity >= 1 && MORE_OF_SAME.test(normalized)) {
    // "Also 2 mugs", "2 more", "再来两个" at an order holding mugs: that many more, not "make it 2".
    const target = productId ?? orderFlow.productId;
    const current = orderItemsOf(turn.state).find((l) => l.productId === target)?.quantity;
    if (target !== undefined && current !== undefined) {
      turn.state.cart = orderItemsOf(turn.state).filter((l) => l.productId !== target);
      return continueOrder(turn, { productId: target, quantity: current + quantity });
    }
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

/**
 * "再加一个杯子", "and a cup": a kind rather than a product's name. One product of that kind in stock
 * is the one ordered; two to five are offered one tap each (with the quantity asked for). Null: the
 * text names no kind, or (`addingToOrder`: the order being confirmed becomes the cart the pick
 * joins) the order has no room left.
 */
async function orderOfKind(turn: Turn, text: string, quantity: number | undefined, addingToOrder = false): Promise<Reply[] | null> {
  const ofKind = (await searchCatalog(turn, text)).filter((p) => p.stock > 0);
  if (ofKind.length === 0 || ofKind.length > 5) return null;
  if (addingToOrder && !openNextLine(turn)) return null;
  if (ofKind.length === 1) return continueOrder(turn, { productId: ofKind[0]!.id, ...(quantity !== undefined ? { quantity } : {}) });
  rememberList(turn, ofKind.map((p) => p.id));
  return [orderChoiceList(turn.m.whichProduct(), ofKind, turn.locale, quantity)];
}

/** The handler of a classified intent, with the entities and products the message names. */
export async function routeIntent(turn: Turn, intent: string, text: string, entities: Entities): Promise<Reply[]> {
  const { db, shop } = turn.ctx;
  switch (intent) {
    case "greeting":
      return [{ text: turn.m.greeting(shop.name), buttons: mainMenu(turn.locale) }];
    case "goodbye":
      return [{ text: turn.m.goodbye() }];
    case "browse_catalog": {
      if (entities.price) return browseByPrice(turn, text, entities.price);
      const named = findNamedCategory(text, await categoriesOf(turn));
      // "Show me the lavender candle" names one product of the category: its card, not the page; "show
      // me the celadon teapot", "看看蓝色斑点马克杯" name one by its whole name: its card, not a list of one
      // (or of two sharing "蓝色").
      const closest = closestMatches(matchProducts(text, await matchableOf(turn)));
      const clear = closest.length === 1 ? closest[0]! : undefined;
      const product = clear && clear.score >= (named ? 0.75 : 1) ? await getActiveProduct(db, clear.productId) : null;
      if (product) return showProduct(turn, product, false);
      if (named) return showCategory(turn, named.category, 0);
      // "show me teapots", "有茶壶吗": the products it names by kind, when it names some.
      const byKind = await searchCatalog(turn, text);
      // "Anything for gongfu tea?", "有没有适合泡功夫茶的东西": no name or kind, but descriptions speak to it.
      // ("Candle holders?": descriptions that mention candles do not make a candle a holder.)
      const suited = byKind.length > 0 ? [] : await productsSuitedTo(turn, text);
      const found = byKind.length > 0 ? byKind : suited.filter((p) => !describesAnotherThing(text, p));
      if (found.length > 0) {
        await event(turn, "catalog_browsed", undefined, { search: true, ...(byKind.length === 0 ? { interest: true } : {}), results: found.length });
        await engage(turn);
        rememberList(turn, found.map((p) => p.id));
        if (found.length === 1) turn.state.lastProductId = found[0]!.id;
        return [productList(turn.m.matchingProducts(), found, turn.locale)];
      }
      // It named a thing, and what shares its words is something else: say it is not here.
      return showCategories(turn, suited.length > 0 ? turn.m.productNotFound() : undefined);
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

/**
 * A typed message: a name the customer introduces themselves by is saved first; then the phrases that
 * mean the same in any state (the cart, "I've paid", a discount, an address, emoji), the answer to an
 * open step or to a pending "which product?", and otherwise the classifier's intent (asking which of
 * two when it is unsure; the optional model when one is configured). Returns the prediction too, to
 * be stored with the inbound message.
 */
export async function handleText(turn: Turn, fullText: string, question?: TDialogueState["pendingQuestion"]): Promise<{ replies: Reply[]; prediction?: IntentPrediction }> {
  const { db, classifier, shop, lowConfidence } = turn.ctx;
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
  if (ORDER_AGAIN.test(normalized) && !turn.state.addressFor) {
    // "Same again", "和上次一样": the last order (or the one numbered) to confirm again.
    leaveFlow(turn);
    return { replies: await orderAgain(turn, entities.orderId), prediction };
  }
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
    // "Cool", "thx", "got it": a friendly nod and the menu, not "did you mean…?" (nor, as "got it" once
    // was, a complaint for the owner). Only a confident goodbye ("thanks") is answered as one.
    if (!(prediction.intent === "goodbye" && prediction.confidence >= lowConfidence)) {
      if (turn.conversation.lowConfidenceStreak > 0) await db.conversation.update({ where: { id: turn.conversation.id }, data: { lowConfidenceStreak: 0 } });
      return { replies: [{ text: turn.m.acknowledged(), buttons: mainMenu(turn.locale) }], prediction };
    }
  }
  if (HOW_MANY_LEFT.test(normalized) && !turn.state.flow && turn.state.lastProductId !== undefined) {
    // "How many can I buy?" after a product card: its stock, with one tap to order (or to be told when it is back).
    const product = await getActiveProduct(db, turn.state.lastProductId);
    if (product) return { replies: await waitForRestock(turn, product, false), prediction };
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
  if (ASKS_WHICH.test(normalized) && asksAboutProductFacts(text) && turn.state.listedProductIds.length >= 2 && turn.state.listedProductIds.length <= 5 && (await findMentionedProducts(turn, withoutFactWords(text), entities)).length === 0) {
    // "Which one lasts the longest?" under a short list: what each says about it, side by side.
    const listed = await listedProducts(turn);
    const compared = listed.length >= 2 ? await compareOnAspect(turn, listed, text) : null;
    if (compared) {
      leaveFlow(turn);
      return { replies: compared, prediction };
    }
  }
  const goesWith = GOES_WITH.test(normalized);
  if (SIMILAR.test(normalized) || goesWith) {
    const product = await productMeant(turn, text, entities);
    if (product) {
      leaveFlow(turn);
      return { replies: await showSimilar(turn, product, goesWith), prediction };
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
  // "Can I get it in blue?", "is there a bigger one?" about the product just discussed: a question
  // about it (its colour, its size), not an order for it nor a reason to fetch the owner.
  if ((intent === "place_order" || intent === "human_handoff") && entities.quantity === undefined && turn.state.lastProductId !== undefined
    && ASKS_QUESTION.test(normalized) && asksAboutProductFacts(text) && !SWAP.test(normalized)) intent = "product_question";
  // A product's name alone ("青瓷茶壶", "薰衣草蜡烛"): its card, with the Order button, rather than
  // "how many?" or "did you mean to order or to ask?". Ordering words ("我要", "I'll take", "I'd
  // like") or a "please" ("lavender candle please") still order.
  if ((intent === "place_order" || prediction.confidence < lowConfidence) && entities.quantity === undefined && !ORDER_WORDS.test(normalized)
    && !/\b(?:please|pls|plz|i'?d like|would like)\b|请|想要/u.test(normalized) && !ASKS_QUESTION.test(normalized) && (await findMentionedProducts(turn, text, entities)).length === 1) intent = "product_question";
  // "qwerty" once came out a confident complaint: with no word the shop knows, no score is to be trusted.
  const confident = damaged || budget || (intent !== OUT_OF_SCOPE && prediction.confidence >= lowConfidence && (await hasWordTheShopKnows(turn, text)));
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
    // "two, please" right after a product card is an order for it; "what's the difference between
    // the first two?" is not (it once ordered two).
    const asksOnly = (ASKS_QUESTION.test(normalized) || COMPARE.test(normalized)) && !ORDER_WORDS.test(normalized);
    if (entities.quantity !== undefined && !asksOnly && (justShownOne || mentioned.length > 0)) intent = "place_order";
    // "What sizes?" right after a product card: a question about that product.
    else if (justShownOne && mentioned.length === 0 && asksAboutProductFacts(text)) intent = "product_question";
    else if (mentioned.length > 0 && intent !== "place_order") intent = "product_question";
    else if (findNamedCategory(text, await categoriesOf(turn)) && text.trim().split(/\s+/).length <= 3) intent = "browse_catalog";
    // "Anything for someone who likes writing?", "my dad likes gardening": a recommendation for that
    // interest (the answer says when nothing speaks to it); out of scope when the classifier could not place it.
    else if ((TASTE.test(normalized) || GIFT_FOR.test(normalized)) && namesAnInterest(text)) intent = "recommendation";
    else if (DELIVERY_PAIR.has(prediction.ranking[0]?.intent ?? "") && DELIVERY_PAIR.has(prediction.ranking[1]?.intent ?? "") && intent !== OUT_OF_SCOPE) {
      // "When will it arrive?": about their order when they have one on its way, else about delivery times.
      const open = await db.order.count({ where: { customerId: turn.customer.id, status: { in: OPEN_ORDER_STATUSES } } });
      intent = open > 0 ? "order_status" : "shipping_returns";
    } else if ((modelIntent = await interpretWithModel(turn, text, entities)) !== undefined) intent = modelIntent;
    else if (!(await hasWordTheShopKnows(turn, text))) {
      // "asdkjh qwe", or a language we do not speak: two guesses would only puzzle; say so plainly.
      const owner = await countMisunderstanding(turn);
      if (owner) return { replies: owner, prediction };
      const waiting = await stillWaiting(turn);
      const reply: Reply = { text: turn.m.notUnderstood(), ...(waiting ? {} : { buttons: mainMenu(turn.locale) }) };
      return { replies: waiting ? [reply, waiting] : [reply], prediction };
    } else if (intent !== OUT_OF_SCOPE && prediction.ranking.length >= 2) {
      const [first, second] = prediction.ranking;
      turn.state.pendingText = text.slice(0, 4_000);
      const owner = await countMisunderstanding(turn);
      if (owner) return { replies: owner, prediction };
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
    const owner = await countMisunderstanding(turn);
    if (owner) return { replies: owner, prediction };
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
  if (intent === "product_question") {
    // "Is the chamomile caffeine free?" while an order waits for its yes: the answer, then the order
    // again with its Confirm (it used to drop into the cart, and "confirm" only showed it once more).
    // The order moves into the cart first, so the card's Order button adds to it rather than replacing it.
    if (isOrderWaiting(turn)) {
      leaveFlow(turn);
      const answer = await routeIntent(turn, intent, text, entities);
      if (turn.state.pendingQuestion) return { replies: answer, prediction };
      return { replies: [...answer, await askToConfirmCart(turn, turn.m.orderStillWaiting)], prediction };
    }
  }
  if (intent !== "place_order") leaveFlow(turn);
  return { replies: await routeIntent(turn, intent, text, entities), prediction };
}

/**
 * One more message the bot could not place: counted on the conversation, and at the second in a row
 * the owner is brought in (the replies of the handoff); null while it is the first.
 */
async function countMisunderstanding(turn: Turn): Promise<Reply[] | null> {
  const streak = turn.conversation.lowConfidenceStreak + 1;
  await turn.ctx.db.conversation.update({ where: { id: turn.conversation.id }, data: { lowConfidenceStreak: streak } });
  return streak >= 2 ? handoff(turn, "the bot could not understand twice in a row") : null;
}

/** Whether any word of the text is one the shop knows: its training examples' words, its catalog's (names, tags, categories) or its FAQ questions'. */
async function hasWordTheShopKnows(turn: Turn, text: string): Promise<boolean> {
  const known = turn.ctx.knownWords;
  if (!known || hasKnownWord(text, known)) return true;
  turn.shopWords ??= Promise.all([matchableOf(turn), turn.ctx.db.faqEntry.findMany({ select: { question: true } })])
    .then(([catalog, faq]) => buildKnownWords([...catalog.flatMap((p) => [p.name, p.category, ...p.tags]), ...faq.map((f) => f.question)]));
  return hasKnownWord(text, await turn.shopWords);
}

/**
 * Routing one customer message: a pressed button to its action; typed text through the reading, the
 * policy's rules and the act step (handleText); the answer to an open step (continueFlow); and a
 * settled intent to its handler (routeIntent).
 */
import { getActiveProduct } from "../catalog/catalog-queries.ts";
import { withoutFactWords } from "../catalog/answer-from-product-facts.ts";
import { REFERS_BACK } from "../catalog/read-order-lines.ts";
import { closestMatches, describesAnotherThing, findNamedCategory, matchProducts } from "../catalog/match-products.ts";
import type { Reply } from "../messages.ts";
import { extractEntities, type Entities } from "../nlu/extract-entities.ts";
import { normalizeText } from "../nlu/normalize-text.ts";
import { type IntentPrediction } from "../nlu/types.ts";
import { OPEN_ORDER_STATUSES } from "../orders/order-rules.ts";
import { TO_PLACED_ORDER_EN, TO_PLACED_ORDER_ZH, ADD_TO_PLACED, RETURN_REQUEST } from "./customer-phrases.ts";
import { orderItemsOf, type TDialogueState } from "./dialogue-state.ts";
import { encodeCustomerPayload as pay, type TCustomerAction } from "./payloads.ts";
import { mainMenu, orderChoiceList, productList } from "./product-replies.ts";
import { type Turn, matchableOf, categoriesOf, event, engage, newNonce } from "./assistant-turn.ts";
import { showCategories, showCategory, showProduct, searchCatalog, rememberList, findMentionedProducts, browseByPrice, listedProducts, waitForRestock } from "./browse-catalog.ts";
import { productsSuitedTo, showRecommendations } from "./recommend-products.ts";
import { askWhichOfCategory, continueOrder, orderSeveral, addMore, staleOrderButton, confirmOrder, abandonFlow, showCart, orderAgain } from "./take-order.ts";
import { paymentAnswer, showOrders, askCancel, cancelOrder, orderStatus } from "./answer-about-orders.ts";
import { leaveContact, takeGivenName, handoff } from "./take-contact-details.ts";
import { answerAboutProduct } from "./answer-questions.ts";
import { takeMarketingConsent } from "./take-marketing-consent.ts";
import { applyPromoCode } from "./apply-promo-code.ts";
import { actOnDecision } from "./act/act-on-decision.ts";
import { decide } from "./policy/decide.ts";
import { readMessage } from "./understand/read-message.ts";
import { removeLine } from "./state/cart.ts";
import { askFlow, askWhich, closeFlow, discussProduct, forgetPendingText } from "./state/dialogue.ts";

/** A pressed button (already validated by `parseCustomerPayload`): the action it names, for this turn. */
export async function handleAction(turn: Turn, action: TCustomerAction, question?: TDialogueState["pendingQuestion"]): Promise<Reply[]> {
  const { db, classifier, shop } = turn.ctx;
  // A pending "cancel order #N?" is answered by its buttons; any other button moves on from it.
  if (turn.state.flow?.kind === "cancel" && action.action !== "cancel") turn.state = closeFlow(turn.state);
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
    case "consentAnswer": return [{ text: await takeMarketingConsent(turn, action.given, "answer"), buttons: mainMenu(turn.locale) }];
    case "stopMarketing": return [{ text: await takeMarketingConsent(turn, false, "stop"), buttons: mainMenu(turn.locale) }];
    // "Use SPRING10" under a campaign or the list of codes: as if the code were typed.
    case "usePromo": return applyPromoCode(turn, action.code);
    case "setQuantity": {
      // Only while that order still waits for its confirmation and holds the product.
      const flow = turn.state.flow;
      if (flow?.kind !== "order" || flow.awaiting !== "confirm" || !orderItemsOf(turn.state).some((l) => l.productId === action.productId)) return staleOrderButton(turn, null);
      turn.state = askFlow(removeLine(turn.state, action.productId), { kind: "order", awaiting: "product", nonce: newNonce() });
      return continueOrder(turn, { productId: action.productId, quantity: action.quantity });
    }
    case "stockAlert": {
      const product = await getActiveProduct(db, action.productId);
      return product ? waitForRestock(turn, product, true) : showCategories(turn, turn.m.productNotFound());
    }
    case "intent": {
      const text = turn.state.pendingText ?? "";
      turn.state = forgetPendingText(turn.state);
      if (!classifier.intents.includes(action.intent)) return [{ text: turn.m.staleButton(), buttons: mainMenu(turn.locale) }];
      return routeIntent(turn, action.intent, text, extractEntities(text, { defaultCountry: shop.defaultCountry }));
    }
  }
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
        if (found.length === 1) turn.state = discussProduct(turn.state, found[0]!.id);
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
        turn.state = askWhich(turn.state, text, mentioned.map((p) => p.id));
        return [productList(turn.m.whichProduct(), mentioned, turn.locale)];
      }
      if (turn.state.lastProductId !== undefined) {
        const last = await getActiveProduct(db, turn.state.lastProductId);
        if (last) return answerAboutProduct(turn, last, text);
      }
      // "Is it organic?" under a list: which of those, not "no such product".
      const listed = await listedProducts(turn);
      if (listed.length > 0) {
        turn.state = askWhich(turn.state, text, listed.map((p) => p.id));
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
        turn.state = askFlow(turn.state, { kind: "order", awaiting: "product", nonce: newNonce(), ...(entities.quantity !== undefined ? { quantity: entities.quantity } : {}) });
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
 * A typed message: a name the customer introduces themselves by is saved first; then the message is
 * read once (understand/read-message.ts), the rules of policy/rules.ts decide what it asks for, and
 * the act step answers it; a handler that finds it has nothing to say passes to the rules after the
 * one that decided. Returns the prediction too, to be stored with the inbound message.
 */
export async function handleText(turn: Turn, fullText: string, question?: TDialogueState["pendingQuestion"]): Promise<{ replies: Reply[]; prediction?: IntentPrediction }> {
  if (normalizeText(fullText) === "") return { replies: [{ text: turn.m.emptyMessage(), buttons: mainMenu(turn.locale) }] };
  const named = await takeGivenName(turn, fullText);
  if (named && "replies" in named) return { replies: named.replies };
  let u = await readMessage(turn, named?.rest ?? fullText, question);
  for (let from = 0; ;) {
    const decided = decide(u, turn.state, from);
    // The last rule answers any intent: reaching the end means the rules list lost it.
    if (!decided) throw new Error("no rule of the customer conversation decided");
    const result = await actOnDecision(turn, decided.decision, u);
    if (result === null) from = decided.index + 1;
    else if ("reread" in result) u = result.reread;
    else return { replies: result.replies, ...(result.unclassified ? {} : { prediction: u.prediction }) };
  }
}

/**
 * The act step: one decision of the policy carried out by its handler (browse-catalog, take-order,
 * answer-*, take-contact-details…), which reads and writes what it needs. A tentative decision's
 * handler may decline (null): the rules after the one that decided are asked next. The model's
 * reading comes back as a new understanding for the rules to decide on again.
 */
import { MISUNDERSTOOD_TWICE } from "../../crm/request-handoff.ts";
import { findProductsInPriceRange } from "../../catalog/find-products-in-price-range.ts";
import { intentLabel } from "../../i18n.ts";
import type { Reply } from "../../messages.ts";
import { OUT_OF_SCOPE } from "../../nlu/types.ts";
import { CUSTOMER_CANCELLABLE } from "../../orders/order-rules.ts";
import { interpretWithModel, answerAboutProduct, discountAnswer, answerFromFaq } from "../answer-questions.ts";
import { cancelOrder, claimPayment, changePlacedOrder } from "../answer-about-orders.ts";
import type { Turn } from "../assistant-turn.ts";
import { answerDataRequest } from "../answer-data-request.ts";
import { applyPromoCode } from "../apply-promo-code.ts";
import { compareOnAspect, compareProducts, listedProducts, pickShownProduct, rememberList, showCategory, showNewArrivals, showSimilar, waitForRestock } from "../browse-catalog.ts";
import { orderItemsOf } from "../dialogue-state.ts";
import { encodeCustomerPayload as pay } from "../payloads.ts";
import type { Decision } from "../policy/decision.ts";
import { loadOrderItems } from "../load-order-items.ts";
import { mainMenu, orderChoiceList, productName } from "../product-replies.ts";
import { showRecommendations } from "../recommend-products.ts";
import { takeMarketingConsent } from "../take-marketing-consent.ts";
import { routeIntent } from "../route-customer-message.ts";
import { askForNewAddress, giveAddress, handoff, keepAddress, latestUnsentOrder, leaveContact } from "../take-contact-details.ts";
import {
  abandonFlow, addMore, askQuantity, askToConfirmCart, availableFor, cartFullReply, confirmOrder, continueOrder, leaveFlow, openNextLine, orderAgain,
  orderOfKind, orderSeveral, removeFromOrder, showCart, stillWaiting,
} from "../take-order.ts";
import { productIn, productsIn } from "../understand/find-mentions.ts";
import type { Understanding } from "../understand/understanding.ts";
import { emptyCart, removeLine } from "../state/cart.ts";
import { askWhichIntent, closeFlow, misunderstood, misunderstandingsOf, understood } from "../state/dialogue.ts";

/** What acting on a decision came to: the replies (`unclassified`: store no intent with the message), a declined decision (null), or a fuller reading to decide on again. */
export type ActResult = { replies: Reply[]; unclassified?: boolean } | { reread: Understanding } | null;

const answered = (replies: Reply[], unclassified = false): ActResult => (unclassified ? { replies, unclassified } : { replies });

/** Carries out one decision for this turn. */
export async function actOnDecision(turn: Turn, decision: Decision, u: Understanding): Promise<ActResult> {
  const { db } = turn.ctx;
  const { text, entities } = u;
  switch (decision.kind) {
    case "dataRequest":
      // What the customer was doing is left as it was: the request is about them, not the order.
      return answered(await answerDataRequest(turn, decision.request), true);
    case "marketingConsent": {
      // Whatever the customer was doing stays as it was: an order waiting for its yes is shown again.
      const said = await takeMarketingConsent(turn, decision.given, "words");
      const waiting = await stillWaiting(turn);
      return answered(waiting ? [{ text: said }, waiting] : [{ text: said, buttons: mainMenu(turn.locale) }], true);
    }
    case "applyPromo": return answered(await applyPromoCode(turn, decision.code), true);
    case "showCart": return answered(await showCart(turn), true);
    case "removeFromOrder": {
      const removed = await removeFromOrder(turn, text);
      return removed ? answered(removed, true) : null;
    }
    case "claimPayment": return answered(await claimPayment(turn), true);
    case "discount": return answered(await discountAnswer(turn, text), true);
    case "orderAgain":
      leaveFlow(turn);
      return answered(await orderAgain(turn, decision.orderId));
    case "giveAddress": {
      const { to } = decision;
      const orderId = "orderId" in to ? to.orderId : (await latestUnsentOrder(turn, to.withoutAddress ? { withoutAddress: true } : {}))?.id;
      return answered(orderId !== undefined ? await giveAddress(turn, orderId, decision.address) : await keepAddress(turn, decision.address));
    }
    case "keepAddressForThisOrder": return answered(await keepAddress(turn, decision.address, true));
    case "askForNewAddress": return answered(await askForNewAddress(turn));
    case "answerPendingQuestion": {
      const product = productIn(u.catalog, decision.productId);
      return product ? answered(await answerAboutProduct(turn, product, decision.question)) : null;
    }
    case "abandonFlow": return answered(abandonFlow(turn));
    case "leaveContact": return answered(await leaveContact(turn, entities));
    case "answerCancel": {
      turn.state = closeFlow(turn.state);
      if (decision.answer === "cancel") return answered(await cancelOrder(turn, decision.orderId));
      if (decision.answer === "keep") return answered([{ text: turn.m.orderKept(decision.orderId), buttons: mainMenu(turn.locale) }]);
      return null;
    }
    case "askQuantityAgain": {
      const product = productIn(u.catalog, decision.productId);
      return product && availableFor(turn, product) > 0 ? answered(await askQuantity(turn, product)) : null;
    }
    case "orderSeveral": {
      const several = await orderSeveral(turn, text, true, { restate: decision.restate });
      return several ? answered(several) : null;
    }
    case "showOrderSoFar":
      turn.state = closeFlow(turn.state);
      return answered(await showCart(turn));
    case "confirmOrder": return answered(await confirmOrder(turn, null));
    case "addMoreTyped": {
      const flow = turn.state.flow;
      const ofKind = await orderOfKind(turn, text, decision.quantity, true);
      return answered(ofKind ?? (await addMore(turn, flow?.kind === "order" ? flow.nonce : null)));
    }
    case "addAnotherLine": {
      const flow = turn.state.flow;
      if (!openNextLine(turn)) return answered(cartFullReply(turn, flow?.kind === "order" ? flow.nonce : ""));
      return answered(await continueOrder(turn, { productId: decision.productId, ...(decision.quantity !== undefined ? { quantity: decision.quantity } : {}) }));
    }
    case "showCategoryPage": return answered(await showCategory(turn, decision.category, 0));
    case "orderOfKind": {
      const ofKind = await orderOfKind(turn, text, decision.quantity);
      return ofKind ? answered(ofKind) : null;
    }
    case "chooseProduct": {
      const products = productsIn(u.catalog, decision.productIds);
      rememberList(turn, decision.productIds);
      return answered([orderChoiceList(turn.m.whichProduct(), products, turn.locale, decision.quantity)]);
    }
    case "whichLineToChange": {
      const items = await loadOrderItems(db, orderItemsOf(turn.state));
      return answered([{
        text: turn.m.whichLineToChange(decision.quantity),
        buttons: items.map((item) => [{ label: productName(item.product, turn.locale), payload: pay({ action: "setQuantity", productId: item.product.id, quantity: decision.quantity }) }]),
      }]);
    }
    case "continueOrder": {
      const { productId, quantity, cartWithout, clearCart } = decision;
      if (clearCart) turn.state = emptyCart(turn.state);
      if (cartWithout !== undefined) turn.state = removeLine(turn.state, cartWithout);
      return answered(await continueOrder(turn, { ...(productId !== undefined ? { productId } : {}), ...(quantity !== undefined ? { quantity } : {}) }));
    }
    case "invalidQuantity": return answered([{ text: turn.m.invalidQuantity() }]);
    case "changePlacedOrder": {
      const changed = await changePlacedOrder(turn);
      return changed ? answered(changed) : null;
    }
    case "acknowledge": {
      if (decision.orderWaiting) {
        const waiting = await stillWaiting(turn);
        if (waiting) return answered([{ text: turn.m.acknowledged() }, waiting], true);
      }
      resetMisunderstandings(turn);
      return answered([{ text: turn.m.acknowledged(), buttons: mainMenu(turn.locale) }]);
    }
    case "stockOfProduct": {
      const product = productIn(u.catalog, decision.productId);
      return product ? answered(await waitForRestock(turn, product, false)) : null;
    }
    case "emoji": {
      const waiting = await stillWaiting(turn);
      const reply: Reply = { text: decision.cheerful ? turn.m.acknowledged() : turn.m.howCanIHelp(), ...(waiting ? {} : { buttons: mainMenu(turn.locale) }) };
      return answered(waiting ? [reply, waiting] : [reply], true);
    }
    case "compare": {
      leaveFlow(turn);
      return answered(await compareProducts(turn, decision.productIds.map((id) => productIn(u.catalog, id)!).filter(Boolean)));
    }
    case "compareOnAspect": {
      const listed = await listedProducts(turn);
      const compared = listed.length >= 2 ? await compareOnAspect(turn, listed, text) : null;
      if (!compared) return null;
      leaveFlow(turn);
      return answered(compared);
    }
    case "showSimilar": {
      const product = productIn(u.catalog, decision.productId);
      if (!product) return null;
      leaveFlow(turn);
      return answered(await showSimilar(turn, product, decision.goesWith));
    }
    case "waitForRestock": {
      const product = productIn(u.catalog, decision.productId);
      if (!product) return null;
      leaveFlow(turn);
      return answered(await waitForRestock(turn, product, decision.notify));
    }
    case "recommendWithin":
      leaveFlow(turn);
      return answered(await showRecommendations(turn, text, decision.within));
    case "newArrivals":
      leaveFlow(turn);
      return answered(await showNewArrivals(turn));
    case "pickShown":
      resetMisunderstandings(turn);
      leaveFlow(turn);
      return answered(await pickShownProduct(turn, decision.position));
    case "faq": {
      const faq = await answerFromFaq(turn, text, entities, decision.intent, decision.confident);
      if (!faq) return null;
      resetMisunderstandings(turn);
      const waiting = await stillWaiting(turn);
      if (waiting) return answered([{ text: faq }, waiting]);
      leaveFlow(turn);
      return answered([{ text: faq, buttons: mainMenu(turn.locale) }]);
    }
    case "orderCheapest": {
      const [pick] = (await findProductsInPriceRange(db, { productIds: turn.state.listedProductIds, descending: decision.descending, limit: 1 })).products;
      return pick ? answered(await continueOrder(turn, { productId: pick.id, ...(entities.quantity !== undefined ? { quantity: entities.quantity } : {}) })) : null;
    }
    case "askModel": {
      // The model may fill in a quantity and the product it names: a copy, so the first reading stays as read.
      const filled = { ...entities };
      const intent = await interpretWithModel(turn, text, filled);
      return { reread: { ...u, entities: filled, model: intent !== undefined ? { intent } : {} } };
    }
    case "notUnderstood": {
      const owner = await countMisunderstanding(turn);
      if (owner) return answered(owner);
      const waiting = await stillWaiting(turn);
      const reply: Reply = { text: turn.m.notUnderstood(), ...(waiting ? {} : { buttons: mainMenu(turn.locale) }) };
      return answered(waiting ? [reply, waiting] : [reply]);
    }
    case "clarify": {
      const { first, second } = decision;
      turn.state = askWhichIntent(turn.state, text);
      const owner = await countMisunderstanding(turn);
      if (owner) return answered(owner);
      return answered([{
        text: turn.m.clarify(intentLabel(turn.locale, first), intentLabel(turn.locale, second)),
        buttons: [[{ label: intentLabel(turn.locale, first), payload: pay({ action: "intent", intent: first }) }, { label: intentLabel(turn.locale, second), payload: pay({ action: "intent", intent: second }) }]],
      }]);
    }
    case "countOutOfScope": {
      const owner = await countMisunderstanding(turn);
      return owner ? answered(owner) : null;
    }
    case "orderWhileCartWaits": {
      resetMisunderstandings(turn);
      const { intent } = decision;
      let waiting = await stillWaiting(turn);
      if (intent === "cancel_order") {
        const placed = waiting ? 0 : await db.order.count({ where: { customerId: turn.customer.id, status: { in: CUSTOMER_CANCELLABLE } } });
        // "Cancel the tea cups" names one line: that line goes, the rest of the order stays.
        const removed = placed === 0 && orderItemsOf(turn.state).length > 1 ? await removeFromOrder(turn, text) : null;
        if (removed) return answered(removed);
        if (placed === 0) return answered(abandonFlow(turn));
        return null;
      }
      // Items in the cart, no product being chosen: the cart is that order, to confirm.
      const flow = turn.state.flow;
      if (!waiting && (!flow || (flow.kind === "order" && flow.awaiting === "product" && flow.productId === undefined))) waiting = await askToConfirmCart(turn, turn.m.orderStillWaiting);
      if (!waiting) return null;
      const placed = await db.order.count({ where: { customerId: turn.customer.id } });
      const status = placed > 0 ? withoutMenus(await routeIntent(turn, intent, text, entities)) : [];
      return answered([...status, waiting]);
    }
    case "sideQuestion": {
      resetMisunderstandings(turn);
      const waiting = await stillWaiting(turn);
      if (!waiting) return null;
      return answered([...withoutMenus(await routeIntent(turn, decision.intent, text, entities)), waiting]);
    }
    case "questionWhileOrderWaits": {
      resetMisunderstandings(turn);
      // The order moves into the cart first, so the card's Order button adds to it rather than replacing it.
      leaveFlow(turn);
      const answer = await routeIntent(turn, decision.intent, text, entities);
      if (turn.state.pendingQuestion) return answered(answer);
      return answered([...answer, await askToConfirmCart(turn, turn.m.orderStillWaiting)]);
    }
    case "routeIntent": {
      const { intent } = decision;
      if (intent !== OUT_OF_SCOPE) resetMisunderstandings(turn);
      if (intent !== "place_order") leaveFlow(turn);
      return answered(await routeIntent(turn, intent, text, entities));
    }
  }
}

/** The answer without its menu: the order asked again below it has the buttons that matter. */
function withoutMenus(replies: Reply[]): Reply[] {
  return replies.map(({ buttons: _menu, ...answer }) => answer);
}

/**
 * One more message the bot could not place: counted on the conversation, and at the second in a row
 * the owner is brought in (the replies of the handoff); null while it is the first.
 */
export async function countMisunderstanding(turn: Turn): Promise<Reply[] | null> {
  // Conversations begun before the count moved into the dialogue state start from the old column.
  turn.state = misunderstood(turn.state, turn.conversation.lowConfidenceStreak);
  return misunderstandingsOf(turn.state) >= 2 ? handoff(turn, MISUNDERSTOOD_TWICE) : null;
}

/** A message understood: the count of misunderstandings in a row starts again (saved with the dialogue state). */
export function resetMisunderstandings(turn: Turn): void {
  turn.state = understood(turn.state);
}

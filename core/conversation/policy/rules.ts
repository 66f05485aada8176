/**
 * The rules of the customer conversation, in the order they are asked: the first that decides wins.
 * Phrases that mean the same in any state come first (marketing consent, a request about the
 * customer's data, a promo code, the cart, "I've paid", a discount, an address), then the answer to an open question or flow, then phrases about the products (compare,
 * similar, restock, "the second one"), then the intent as read from the classifier and the message.
 * A new rule is one file in rules/ and one line here.
 */
import type { Rule } from "./rule.ts";
import { dataRequest } from "./rules/data-request.ts";
import { marketingConsent } from "./rules/marketing-consent.ts";
import { promoCodeGiven } from "./rules/promo-code-given.ts";
import { checkoutWithCart } from "./rules/checkout-with-cart.ts";
import { cartRequest } from "./rules/cart-request.ts";
import { removeItem } from "./rules/remove-item.ts";
import { paymentClaimed } from "./rules/payment-claimed.ts";
import { discountQuestion } from "./rules/discount-question.ts";
import { orderAgain } from "./rules/order-again.ts";
import { addressGiven } from "./rules/address-given.ts";
import { addressAwaited } from "./rules/address-awaited.ts";
import { addressWhileOrdering } from "./rules/address-while-ordering.ts";
import { addressAlone } from "./rules/address-alone.ts";
import { changeAddress } from "./rules/change-address.ts";
import { pendingQuestionAnswered } from "./rules/pending-question-answered.ts";
import { flowContact } from "./rules/flow-contact.ts";
import { flowCancel } from "./rules/flow-cancel.ts";
import { flowStockQuestion } from "./rules/flow-stock-question.ts";
import { flowSeveralProducts } from "./rules/flow-several-products.ts";
import { flowNothingMore } from "./rules/flow-nothing-more.ts";
import { flowDeny } from "./rules/flow-deny.ts";
import { flowConfirm } from "./rules/flow-confirm.ts";
import { flowAddMore } from "./rules/flow-add-more.ts";
import { flowAlso } from "./rules/flow-also.ts";
import { flowChooseProduct } from "./rules/flow-choose-product.ts";
import { flowQuantityWhileChoosing } from "./rules/flow-quantity-while-choosing.ts";
import { flowWhichLine } from "./rules/flow-which-line.ts";
import { flowSwap } from "./rules/flow-swap.ts";
import { flowMoreOfSame } from "./rules/flow-more-of-same.ts";
import { flowCorrection } from "./rules/flow-correction.ts";
import { flowNotAQuantity } from "./rules/flow-not-a-quantity.ts";
import { changePlacedOrder } from "./rules/change-placed-order.ts";
import { acknowledgement } from "./rules/acknowledgement.ts";
import { howManyLeft } from "./rules/how-many-left.ts";
import { picturesOrPunctuation } from "./rules/pictures-or-punctuation.ts";
import { compareProducts } from "./rules/compare-products.ts";
import { compareOnAspect } from "./rules/compare-on-aspect.ts";
import { similarOrGoesWith } from "./rules/similar-or-goes-with.ts";
import { backInStock } from "./rules/back-in-stock.ts";
import { narrowRecommendations } from "./rules/narrow-recommendations.ts";
import { newArrivals } from "./rules/new-arrivals.ts";
import { pickFromList } from "./rules/pick-from-list.ts";
import { faqAnswer } from "./rules/faq-answer.ts";
import { orderCheapest } from "./rules/order-cheapest.ts";
import { askModel } from "./rules/ask-model.ts";
import { notUnderstood } from "./rules/not-understood.ts";
import { clarifyIntent } from "./rules/clarify-intent.ts";
import { outOfScope } from "./rules/out-of-scope.ts";
import { orderWhileCartWaits } from "./rules/order-while-cart-waits.ts";
import { sideQuestionWhileWaiting } from "./rules/side-question-while-waiting.ts";
import { productQuestionWhileWaiting } from "./rules/product-question-while-waiting.ts";
import { answerIntent } from "./rules/answer-intent.ts";

/** A typed message's rules, in order. */
export const TEXT_RULES: readonly Rule[] = [
  // "Unsubscribe" is honoured at once, whatever a half-finished order is waiting for.
  marketingConsent,
  // A customer's rights over their data come before anything a half-finished order is waiting for.
  dataRequest,
  // A promo code, in any state: before "checkout", a discount question ("I have a coupon SPRING10") or the open step.
  promoCodeGiven,
  checkoutWithCart,
  cartRequest,
  removeItem,
  paymentClaimed,
  discountQuestion,
  orderAgain,
  addressGiven,
  addressAwaited,
  addressWhileOrdering,
  addressAlone,
  changeAddress,
  pendingQuestionAnswered,
  // The answer to an open step: contact details, "cancel order #N?", and the order being put together.
  flowContact,
  flowCancel,
  flowStockQuestion,
  flowSeveralProducts,
  flowNothingMore,
  flowDeny,
  flowConfirm,
  flowAddMore,
  flowAlso,
  flowChooseProduct,
  flowQuantityWhileChoosing,
  flowWhichLine,
  flowSwap,
  flowMoreOfSame,
  flowCorrection,
  flowNotAQuantity,
  changePlacedOrder,
  acknowledgement,
  howManyLeft,
  picturesOrPunctuation,
  compareProducts,
  compareOnAspect,
  similarOrGoesWith,
  backInStock,
  narrowRecommendations,
  newArrivals,
  pickFromList,
  faqAnswer,
  orderCheapest,
  askModel,
  notUnderstood,
  clarifyIntent,
  outOfScope,
  orderWhileCartWaits,
  sideQuestionWhileWaiting,
  productQuestionWhileWaiting,
  answerIntent,
];

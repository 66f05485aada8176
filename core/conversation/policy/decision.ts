/**
 * What the policy decided to do with a message: a plain value, one kind per handler, that the act
 * step (act/act-on-decision.ts) carries out. Some decisions are tentative (`mayDecline`): their
 * handler can find, with the database, that it has nothing to say ("remove the teapot" when no
 * teapot is in the order), and the rules after the one that decided are asked next, exactly as
 * the old chain of ifs fell through.
 */
import type { TDialogueState } from "../dialogue-state.ts";

type Within = NonNullable<TDialogueState["recommendedWithin"]>;

export type Decision =
  /** The customer asks for the data the shop holds about them (access) or for its erasure. */
  | { kind: "dataRequest"; request: "access" | "erasure" }
  /** The customer gives (`given`) or withdraws marketing consent in words ("subscribe", "unsubscribe", "退订"). */
  | { kind: "marketingConsent"; given: boolean }
  /** A promo code typed (`known`: the shop has it; otherwise it is answered as unknown). */
  | { kind: "applyPromo"; code: string }
  | { kind: "showCart" }
  | { kind: "removeFromOrder" }
  | { kind: "claimPayment" }
  | { kind: "discount" }
  | { kind: "orderAgain"; orderId?: number }
  /** `to`: an order's id, or the latest order not yet sent (`withoutAddress`: of those, the latest without one); none → kept for the next order. */
  | { kind: "giveAddress"; address: string; to: { orderId: number } | { latestUnsent: true; withoutAddress?: boolean } }
  | { kind: "keepAddressForThisOrder"; address: string }
  | { kind: "askForNewAddress" }
  | { kind: "answerPendingQuestion"; productId: number; question: string }
  // Answers to an open step (policy/rules/flow-*.ts).
  | { kind: "abandonFlow" }
  | { kind: "leaveContact" }
  /** After "cancel order #N?": `other` clears the question and lets the next rules answer. */
  | { kind: "answerCancel"; orderId: number; answer: "cancel" | "keep" | "other" }
  | { kind: "askQuantityAgain"; productId: number }
  | { kind: "orderSeveral"; restate: boolean }
  /** The order put together so far, to confirm (the open step is dropped). */
  | { kind: "showOrderSoFar" }
  | { kind: "confirmOrder" }
  | { kind: "addMoreTyped"; quantity?: number }
  | { kind: "addAnotherLine"; productId: number; quantity?: number }
  | { kind: "showCategoryPage"; category: string }
  | { kind: "orderOfKind"; quantity?: number }
  | { kind: "chooseProduct"; productIds: number[]; quantity?: number }
  | { kind: "whichLineToChange"; quantity: number }
  /**
   * The order goes on with this product and quantity; `cartWithout`: that product's line leaves the
   * order first (it is restated, not added to); `clearCart`: the order's one line is swapped.
   */
  | { kind: "continueOrder"; productId?: number; quantity?: number; cartWithout?: number; clearCart?: boolean }
  | { kind: "invalidQuantity" }
  | { kind: "changePlacedOrder" }
  | { kind: "acknowledge"; orderWaiting: boolean }
  | { kind: "stockOfProduct"; productId: number }
  | { kind: "emoji"; cheerful: boolean }
  | { kind: "compare"; productIds: number[] }
  | { kind: "compareOnAspect" }
  | { kind: "showSimilar"; productId: number; goesWith: boolean }
  | { kind: "waitForRestock"; productId: number; notify: boolean }
  | { kind: "recommendWithin"; within: { atLeast?: string; atMost?: string } }
  | { kind: "newArrivals" }
  | { kind: "pickShown"; position: number }
  | { kind: "faq"; intent: string; confident: boolean }
  | { kind: "orderCheapest"; descending: boolean }
  | { kind: "askModel" }
  | { kind: "notUnderstood" }
  | { kind: "clarify"; first: string; second: string }
  | { kind: "countOutOfScope" }
  | { kind: "orderWhileCartWaits"; intent: "order_status" | "cancel_order" }
  | { kind: "sideQuestion"; intent: string }
  | { kind: "questionWhileOrderWaits"; intent: string }
  | { kind: "routeIntent"; intent: string };

export type DecisionKind = Decision["kind"];

/** Decisions whose handler may have nothing to say, so that the next rules are asked. */
export const MAY_DECLINE: ReadonlySet<DecisionKind> = new Set([
  "removeFromOrder", "answerCancel", "askQuantityAgain", "orderSeveral", "orderOfKind", "changePlacedOrder", "compare", "compareOnAspect", "faq", "orderCheapest", "countOutOfScope", "orderWhileCartWaits"
]);

/**
 * Answers decided before the classifier was consulted in the old router (the cart, "I've paid", a
 * discount, pictures alone…): their turn stores no intent with the inbound message.
 */
export const UNCLASSIFIED: ReadonlySet<DecisionKind> = new Set(["dataRequest", "marketingConsent", "applyPromo", "showCart", "removeFromOrder", "claimPayment", "discount", "emoji"]);

export type { Within };

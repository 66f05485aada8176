/**
 * The dialogue's memory between messages, changed only through these named transitions (each takes
 * the state and returns the next): the open question, what was just shown, a question kept for the
 * next message, and how many messages in a row the bot could not place.
 */
import { MAX_CART_LINES, orderItemsOf, type TDialogueState } from "../dialogue-state.ts";

type Flow = NonNullable<TDialogueState["flow"]>;

/** A question is now open (which product, how many, confirm, an email, "cancel order #N?"). */
export function askFlow(state: TDialogueState, flow: Flow): TDialogueState {
  return { ...state, flow };
}

/** The open question is answered or dropped. */
export function closeFlow(state: TDialogueState): TDialogueState {
  return { ...state, flow: undefined };
}

/**
 * The customer moved on to something else: the open question is dropped, but an item already
 * chosen and waiting for confirmation goes into the cart rather than being lost.
 */
export function leaveFlow(state: TDialogueState): TDialogueState {
  const flow = state.flow;
  if (!flow) return state;
  return { ...state, ...(flow.kind === "order" && flow.awaiting === "confirm" ? { cart: orderItemsOf(state).slice(0, MAX_CART_LINES) } : {}), flow: undefined };
}

/** A list was shown: its products are what "the blue one" and "the second one" refer to until the next list. */
export function showList(state: TDialogueState, productIds: number[]): TDialogueState {
  return { ...state, shownProductIds: productIds, listedProductIds: productIds };
}

/** One product's card was shown: it is what "it" means next, and "the blue one" looks at it alone. */
export function showProduct(state: TDialogueState, productId: number): TDialogueState {
  return { ...state, lastProductId: productId, shownProductIds: [productId] };
}

/** The product now under discussion ("how much is it?"), without changing what was shown. */
export function discussProduct(state: TDialogueState, productId: number): TDialogueState {
  return { ...state, lastProductId: productId };
}

/** "Which of these do you mean?": the question is kept for the next message only. */
export function askWhich(state: TDialogueState, text: string, productIds: number[]): TDialogueState {
  return { ...state, pendingQuestion: { text: text.slice(0, 4_000), productIds } };
}

/** "Did you mean A or B?": the message is kept for the button that answers it. */
export function askWhichIntent(state: TDialogueState, text: string): TDialogueState {
  return { ...state, pendingText: text.slice(0, 4_000) };
}

/** The message kept for "did you mean A or B?" is answered (or no longer applies). */
export function forgetPendingText(state: TDialogueState): TDialogueState {
  return { ...state, pendingText: undefined };
}

/** An address is awaited for this order (just placed, or "change my address"); undefined: none is. */
export function awaitAddress(state: TDialogueState, orderId: number | undefined): TDialogueState {
  return { ...state, addressFor: orderId };
}

/**
 * One more message the bot could not place. `previous` is where the count stood before it lived in
 * the dialogue state (the conversation's old column), for conversations that began before.
 */
export function misunderstood(state: TDialogueState, previous = 0): TDialogueState {
  return { ...state, lowConfidenceStreak: misunderstandingsOf(state, previous) + 1 };
}

/** A message understood (or the owner brought in): the count of misunderstandings starts again. */
export function understood(state: TDialogueState): TDialogueState {
  return state.lowConfidenceStreak === 0 ? state : { ...state, lowConfidenceStreak: 0 };
}

/** How many messages in a row the bot could not place. */
export function misunderstandingsOf(state: TDialogueState, previous = 0): number {
  return state.lowConfidenceStreak ?? previous;
}

/** Recommendations were listed within a price range ("a present around £30"), so "she likes tea" keeps it; undefined: none. */
export function recommendWithin(state: TDialogueState, within: TDialogueState["recommendedWithin"]): TDialogueState {
  return { ...state, recommendedWithin: within };
}

/** An album's photos arrive one message each: the group answered once is remembered. */
export function answerAttachmentGroup(state: TDialogueState, group: string | undefined): TDialogueState {
  return { ...state, answeredAttachmentGroup: group };
}

/**
 * The order being put together, changed only through these named transitions: each takes the
 * dialogue state and returns the next one (the state before stays as it was), so a handler says
 * what happened to the cart ("a line out", "emptied") rather than assigning fields.
 */
import { MAX_CART_LINES, orderItemsOf, type TCartLine, type TDialogueState } from "../dialogue-state.ts";
import { newNonce } from "../assistant-turn.ts";

/** The cart holds exactly these lines. */
export function setLines(state: TDialogueState, cart: TCartLine[]): TDialogueState {
  return { ...state, cart };
}

/** Every line of the order (the one being confirmed merged in) except `productId`'s: it is about to be said again or swapped. */
export function removeLine(state: TDialogueState, productId: number): TDialogueState {
  return { ...state, cart: orderItemsOf(state).filter((l) => l.productId !== productId) };
}

/** Nothing in the cart any more (placed, cancelled, swapped for another product). */
export function emptyCart(state: TDialogueState): TDialogueState {
  return { ...state, cart: [] };
}

/**
 * The order being confirmed becomes the cart and the next product is asked for ("add something
 * else", "also 2 mugs"); null when the order has no room left.
 */
export function openNextLine(state: TDialogueState): TDialogueState | null {
  const items = orderItemsOf(state);
  if (items.length >= MAX_CART_LINES) return null;
  return { ...state, cart: items, flow: { kind: "order", awaiting: "product", nonce: newNonce() } };
}

/** An order was placed: the cart is empty, its promo code used, the order waits for its address, and its Confirm button is remembered (a double tap says it is placed). */
export function orderPlaced(state: TDialogueState, placed: { nonce: string; orderId: number }): TDialogueState {
  const { promoCode: _used, ...rest } = state;
  return { ...rest, flow: undefined, addressFor: placed.orderId, cart: [], placed };
}

/** The customer gave a promo code: it goes with the order being put together (replacing any other). */
export function usePromoCode(state: TDialogueState, code: string): TDialogueState {
  return { ...state, promoCode: code };
}

/** The promo code no longer goes with the order (refused, or the order abandoned). */
export function dropPromoCode(state: TDialogueState): TDialogueState {
  const { promoCode: _dropped, ...rest } = state;
  return rest;
}

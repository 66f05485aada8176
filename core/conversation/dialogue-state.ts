/**
 * What a conversation remembers between messages, stored as JSON on the conversation row and
 * validated on every read: a state written by an older version, or tampered with, degrades to an
 * empty state instead of breaking the conversation.
 */
import { z } from "zod";

/** One product and quantity of an order being put together. */
export const ZCartLine = z.object({ productId: z.number().int().positive(), quantity: z.number().int().positive().max(99) });
export type TCartLine = z.infer<typeof ZCartLine>;

/** At most this many different products in one order (placeOrder's limit). */
export const MAX_CART_LINES = 20;

export const ZOrderFlow = z.object({
  kind: z.literal("order"),
  productId: z.number().int().positive().optional(),
  quantity: z.number().int().positive().optional(),
  awaiting: z.enum(["product", "quantity", "confirm"]),
  /** Changes every time a confirmation is shown, so an old "Confirm" button cannot confirm a new order. */
  nonce: z.string().max(12),
});

export const ZContactFlow = z.object({ kind: z.literal("contact") });

/** "Cancel order #12?" was asked: a typed "yes" / "是的" cancels it, "no" / "keep it" keeps it. */
export const ZCancelFlow = z.object({ kind: z.literal("cancel"), orderId: z.number().int().positive() });

export const ZDialogueState = z.object({
  locale: z.enum(["en", "zh"]).optional(),
  flow: z.discriminatedUnion("kind", [ZOrderFlow, ZContactFlow, ZCancelFlow]).optional(),
  /**
   * Items added to the order with "Add something else" / "I'd also like …", before the one being
   * chosen now. Kept when the customer asks something in between; emptied when the order is placed
   * or cancelled.
   */
  cart: z.array(ZCartLine).max(MAX_CART_LINES).default([]),
  /**
   * A promo code the customer gave (typed, or tapped under a campaign), in capitals: shown on the
   * order being put together and redeemed when it is placed; dropped when the order is placed or
   * abandoned, or when the code is refused.
   */
  promoCode: z.string().max(20).optional(),
  /**
   * An order waiting for its delivery address (just placed, or "change my address" asked): the next
   * message that reads as an address is where it goes, whatever else is asked in between.
   */
  addressFor: z.number().int().positive().optional(),
  /**
   * The confirmation that placed the last order, so a second tap on its Confirm button (a double tap,
   * a slow network) says the order is placed instead of "there is nothing to confirm".
   */
  placed: z.object({ nonce: z.string().max(12), orderId: z.number().int().positive() }).optional(),
  /** Products in the last list or card shown, for "the blue one". */
  shownProductIds: z.array(z.number().int()).max(20).default([]),
  /** Products of the last list shown, in its order, for "the second one" (a product card opened from it does not replace it). */
  listedProductIds: z.array(z.number().int()).max(20).default([]),
  /** The product last discussed, for "how much is it?". */
  lastProductId: z.number().int().optional(),
  /**
   * The price range of the recommendations just listed ("a present around £30"), so "she likes tea"
   * right after narrows them without losing it. Only while `listedProductIds` is still that list.
   */
  recommendedWithin: z.object({ atLeast: z.string().max(20).optional(), atMost: z.string().max(20).optional(), productIds: z.array(z.number().int()).max(20) }).optional(),
  /**
   * A question about "it" asked under a list ("does it smell strong?"): we asked which product, and the
   * product picked next from those gets the answer. Only for the next message.
   */
  pendingQuestion: z.object({ text: z.string().max(4_000), productIds: z.array(z.number().int()).max(20) }).optional(),
  /** A message we asked the customer to clarify, answered by pressing one of two intents. */
  pendingText: z.string().max(4_000).optional(),
  /**
   * The group of attachments (an album) we last answered: it arrives as one message per photo, and
   * one "I can't look at photos" is enough.
   */
  answeredAttachmentGroup: z.string().max(64).optional(),
  /**
   * Messages in a row the bot could not place; the second brings the owner in. Unset in states saved
   * before it lived here (the conversation's `lowConfidenceStreak` column held it).
   */
  lowConfidenceStreak: z.number().int().min(0).max(1_000).optional(),
});
export type TDialogueState = z.infer<typeof ZDialogueState>;
export type TOrderFlow = z.infer<typeof ZOrderFlow>;

/** The items of the order being put together: the cart, merged with the item being confirmed, if any. */
export function orderItemsOf(state: Pick<TDialogueState, "cart" | "flow">): TCartLine[] {
  const items = state.cart.map((l) => ({ ...l }));
  const flow = state.flow;
  if (flow?.kind === "order" && flow.awaiting === "confirm" && flow.productId !== undefined && flow.quantity !== undefined) {
    const same = items.find((l) => l.productId === flow.productId);
    if (same) same.quantity += flow.quantity;
    else items.push({ productId: flow.productId, quantity: flow.quantity });
  }
  return items;
}

/** Whether an order with something in it waits for the customer's yes (the confirmation shown again after a side question). */
export function isOrderWaitingIn(state: Pick<TDialogueState, "cart" | "flow">): boolean {
  const flow = state.flow;
  return flow?.kind === "order" && flow.awaiting === "confirm" && orderItemsOf(state).length > 0;
}

export function readDialogueState(json: unknown): TDialogueState {
  const parsed = ZDialogueState.safeParse(json ?? {});
  return parsed.success ? parsed.data : { cart: [], shownProductIds: [], listedProductIds: [] };
}

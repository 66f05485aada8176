/**
 * The phrase patterns of customer-phrases.ts, tested once per message and kept as booleans: the
 * rules read `u.tags.checkout`, not a regular expression, so a rule's test can say "a message that
 * reads as a checkout" without spelling one, and no pattern is tested twice in a turn.
 */
import {
  ACKNOWLEDGEMENT, ADD_MORE, ADD_TO_PLACED, AFFIRM, ALSO, ASKS_QUESTION, ASKS_WHICH, BACK_IN_STOCK, BARE_STOP, BUDGET, CART_REQUEST,
  CHANGE_ADDRESS, CHANGE_PLACED, CHECKOUT, COMPARE, CONFIRM_CANCEL, DAMAGED, DATA_ACCESS, DATA_ERASURE, DENY, DISCOUNT, EMOJI_ONLY, GIFT_FOR, GOES_WITH,
  HOUSE_NUMBER, HOW_MANY_LEFT, HYPOTHETICAL, KEEP, LIKES, MORE_OF_SAME, NEW_ARRIVALS, NOTHING_MORE, NOTIFY_ME, ORDER_AGAIN,
  ORDER_WORDS, PAID, PAID_BUT, RECOMMEND, REMOVE_ITEM, RETURN_REQUEST, SIMILAR, START_MARKETING, STOCK_QUESTION, STOP_MARKETING, SWAP,
  SYMBOLS_ONLY, TASTE, UNHAPPY_EMOJI,
} from "../customer-phrases.ts";

/** "Orders", "parcel", "快递": words that make "what's new?" about an order, not new arrivals. */
const ABOUT_ORDERS = /\b(orders?|parcel|package|delivery)\b|订单|包裹|快递/u;
/** "Stock", "back", "有货": what makes "notify me" about a product's return. */
const STOCK_WORDS = /\b(stock|back|available)\b|货/u;
/** "Please", "I'd like", "想要": a product's name said this way orders it. */
const POLITE_ORDER = /\b(?:please|pls|plz|i'?d like|would like)\b|请|想要/u;
/** "Cancel", "取消" anywhere in the message. */
const CANCEL_WORD = /\bcancel\b|取消/u;

/** Each pattern, by the name the rules use; `text` patterns are tested on the trimmed text, the others on the normalised one. */
const ON_NORMALIZED = {
  affirm: AFFIRM, deny: DENY, confirmCancel: CONFIRM_CANCEL, keep: KEEP, paid: PAID, paidBut: PAID_BUT, discount: DISCOUNT,
  cartRequest: CART_REQUEST, removeItem: REMOVE_ITEM, changeAddress: CHANGE_ADDRESS, addMore: ADD_MORE, asksWhich: ASKS_WHICH,
  similar: SIMILAR, goesWith: GOES_WITH, compare: COMPARE, newArrivals: NEW_ARRIVALS, backInStock: BACK_IN_STOCK,
  howManyLeft: HOW_MANY_LEFT, stockQuestion: STOCK_QUESTION, addToPlaced: ADD_TO_PLACED, notifyMe: NOTIFY_ME, likes: LIKES,
  taste: TASTE, giftFor: GIFT_FOR, budget: BUDGET, recommend: RECOMMEND, acknowledgement: ACKNOWLEDGEMENT, checkout: CHECKOUT,
  changePlaced: CHANGE_PLACED, nothingMore: NOTHING_MORE, moreOfSame: MORE_OF_SAME, orderAgain: ORDER_AGAIN, also: ALSO,
  damaged: DAMAGED, hypothetical: HYPOTHETICAL, returnRequest: RETURN_REQUEST, asksQuestion: ASKS_QUESTION, swap: SWAP,
  orderWords: ORDER_WORDS, aboutOrders: ABOUT_ORDERS, stockWords: STOCK_WORDS, politeOrder: POLITE_ORDER, cancelWord: CANCEL_WORD,
  dataErasure: DATA_ERASURE, dataAccess: DATA_ACCESS,
  stopMarketing: STOP_MARKETING, bareStop: BARE_STOP, startMarketing: START_MARKETING,
} as const;
const ON_TEXT = { houseNumber: HOUSE_NUMBER, emojiOnly: EMOJI_ONLY, symbolsOnly: SYMBOLS_ONLY, unhappyEmoji: UNHAPPY_EMOJI } as const;

export type PhraseTag = keyof typeof ON_NORMALIZED | keyof typeof ON_TEXT;
/** Which phrases a message contains. */
export type PhraseTags = Readonly<Record<PhraseTag, boolean>>;

/** Every phrase pattern tested once against the message. */
export function readPhraseTags(text: string, normalized: string): PhraseTags {
  const tags = {} as Record<PhraseTag, boolean>;
  for (const [name, pattern] of Object.entries(ON_NORMALIZED)) tags[name as PhraseTag] = pattern.test(normalized);
  // HOUSE_NUMBER was tested on the text as written; the pictures and punctuation on the trimmed text.
  tags.houseNumber = HOUSE_NUMBER.test(text);
  const trimmed = text.trim();
  tags.emojiOnly = EMOJI_ONLY.test(trimmed);
  tags.symbolsOnly = SYMBOLS_ONLY.test(trimmed);
  tags.unhappyEmoji = UNHAPPY_EMOJI.test(trimmed);
  return tags;
}

/** Tags with the named ones set: for tests and for reading a phrase without a message. */
export function phraseTags(set: Partial<Record<PhraseTag, boolean>> = {}): PhraseTags {
  const tags = {} as Record<PhraseTag, boolean>;
  for (const name of [...Object.keys(ON_NORMALIZED), ...Object.keys(ON_TEXT)]) tags[name as PhraseTag] = set[name as PhraseTag] ?? false;
  return tags;
}

/**
 * The intent a message is answered by, worked out from the classifier's prediction and what the
 * message says: damage is a complaint, a budget asks for recommendations, a product's name alone is a
 * question about it, a price is a catalog search, and when the classifier is unsure the products and
 * categories named, the customer's open orders or the model's reading decide. Pure: the rules after
 * the phrase rules all start from it.
 */
import type { TDialogueState } from "../dialogue-state.ts";
import { DELIVERY_PAIR } from "../customer-phrases.ts";
import { OUT_OF_SCOPE } from "../../nlu/types.ts";
import { productAtPositionIn } from "../understand/find-mentions.ts";
import type { Understanding } from "../understand/understanding.ts";

/** The intent as the classifier and the phrases read it, and whether that reading can be trusted. */
export interface FirstReading {
  intent: string;
  confident: boolean;
}

/**
 * "It arrived broken" is a complaint, "my budget is £30" a recommendation, "is it blue?" about the
 * product just discussed a question about it, "青瓷茶壶" alone its card; `confident` is false when
 * the classifier is unsure or the text has no word the shop knows ("qwerty" once came out a
 * confident complaint).
 */
export function readFirstIntent(u: Understanding, state: TDialogueState): FirstReading {
  const { prediction, entities, tags } = u;
  const damaged = tags.damaged && !tags.hypothetical && prediction.intent !== "human_handoff";
  const budget = !damaged && (entities.price?.atMost !== undefined || entities.price?.atLeast !== undefined) && tags.budget
    && !["place_order", "product_question", "human_handoff", "complaint"].includes(prediction.intent);
  let intent = damaged ? "complaint" : budget ? "recommendation" : prediction.intent;
  // "Can I get it in blue?", "is there a bigger one?" about the product just discussed: a question
  // about it (its colour, its size), not an order for it nor a reason to fetch the owner.
  if ((intent === "place_order" || intent === "human_handoff") && entities.quantity === undefined && state.lastProductId !== undefined
    && tags.asksQuestion && u.asksProductFacts && !tags.swap) intent = "product_question";
  // A product's name alone ("青瓷茶壶", "薰衣草蜡烛"): its card, with the Order button, rather than
  // "how many?" or "did you mean to order or to ask?". Ordering words ("我要", "I'll take", "I'd
  // like") or a "please" ("lavender candle please") still order.
  if ((intent === "place_order" || prediction.confidence < u.lowConfidence) && entities.quantity === undefined && !tags.orderWords
    && !tags.politeOrder && !tags.asksQuestion && u.mentions.length === 1) intent = "product_question";
  const confident = damaged || budget || (intent !== OUT_OF_SCOPE && prediction.confidence >= u.lowConfidence && u.knowsAWord);
  return { intent, confident };
}

/** The intent to answer by, or what to do when none can be settled on. */
export type FinalReading = { intent: string } | { outcome: "askModel" | "notUnderstood" | "clarify" };

/**
 * After the FAQ: contact details, prices and (when the classifier is unsure) the products and
 * categories named, an interest, the customer's open orders and the model's reading settle the
 * intent; failing all of them, a text of no known word is "not understood" and anything else is a
 * question which of the two likeliest intents was meant.
 */
export function readFinalIntent(u: Understanding, state: TDialogueState): FinalReading {
  const { prediction, entities, tags } = u;
  const first = readFirstIntent(u, state);
  const { confident } = first;
  let { intent } = first;
  if ((entities.email || entities.phone) && !["order_status", "cancel_order", "place_order"].includes(intent)) intent = "leave_contact";
  else if (entities.price && (!confident || ["browse_catalog", "product_question", "place_order", "recommendation"].includes(intent) || (intent === "complaint" && entities.price.order === "cheaper")) && !asksAboutOneProduct(u, state)) {
    // "candles under £20", "what's the cheapest tea", "too expensive, anything cheaper?": a price
    // question about the catalog, not a complaint ("a gift under £30": recommendations within it).
    intent = intent === "recommendation" ? "recommendation" : "browse_catalog";
  } else if (!confident) {
    const mentioned = u.mentions;
    const justShownOne = state.shownProductIds.length === 1 && state.lastProductId !== undefined;
    // "two, please" right after a product card is an order for it; "what's the difference between
    // the first two?" is not (it once ordered two).
    const asksOnly = (tags.asksQuestion || tags.compare) && !tags.orderWords;
    if (entities.quantity !== undefined && !asksOnly && (justShownOne || mentioned.length > 0)) intent = "place_order";
    // "What sizes?" right after a product card: a question about that product.
    else if (justShownOne && mentioned.length === 0 && u.asksProductFacts) intent = "product_question";
    // A product named outright is a question about it, whatever the classifier thought.
    else if (mentioned.length > 0 && intent !== "place_order") intent = "product_question";
    else if (u.namedCategory && u.text.trim().split(/\s+/).length <= 3) intent = "browse_catalog";
    // "Anything for someone who likes writing?", "my dad likes gardening": a recommendation for that
    // interest (the answer says when nothing speaks to it); out of scope when the classifier could not place it.
    else if ((tags.taste || tags.giftFor) && u.namesAnInterest) intent = "recommendation";
    else if (DELIVERY_PAIR.has(prediction.ranking[0]?.intent ?? "") && DELIVERY_PAIR.has(prediction.ranking[1]?.intent ?? "") && intent !== OUT_OF_SCOPE) {
      // "When will it arrive?": about their order when they have one on its way, else about delivery times.
      intent = u.hasOpenOrder ? "order_status" : "shipping_returns";
    } else if (u.canAskModel && u.model === undefined) return { outcome: "askModel" };
    else if (u.model?.intent !== undefined) intent = u.model.intent;
    // "asdkjh qwe", or a language we do not speak: two guesses would only puzzle; say so plainly.
    else if (!u.knowsAWord) return { outcome: "notUnderstood" };
    else if (intent !== OUT_OF_SCOPE && prediction.ranking.length >= 2) return { outcome: "clarify" };
  }
  // "有什么茶推荐吗？", "which tea do you suggest?": a recommendation, even when the classifier read browsing.
  if (intent === "browse_catalog" && !entities.price && tags.recommend) intent = "recommendation";
  return { intent };
}

/**
 * "Is the lavender candle under £20?", "is the second one cheap?", "is it cheap?": a question about
 * one product (named, picked by position, or just discussed), not a search by price.
 */
export function asksAboutOneProduct(u: Understanding, state: TDialogueState): boolean {
  const { entities } = u;
  if (entities.price?.order === "cheaper") return false;
  if (entities.ordinal && productAtPositionIn(u.catalog, state, entities.ordinal.position)) return true;
  if (u.closestNamed > 0) return u.closestNamed === 1;
  return state.lastProductId !== undefined && /^(?:is|are|isn'?t|was) (?:it|this|that|they|these|those)\b|这个|那个|它|这款|那款/.test(u.normalized);
}

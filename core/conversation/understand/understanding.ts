/**
 * What one customer message says, read once per turn before anything decides (the Rasa split: the
 * reading is a value, policies decide on it, something else acts). Built by `readMessage` with the
 * turn's one catalog query; the rules of `policy/` only look at it and at the dialogue state, so a
 * rule's test builds one of these by hand (`understandingOf` in test/policy) with no database and
 * no classifier.
 */
import type { Product } from "../../../prisma/generated/client.ts";
import type { Entities } from "../../nlu/extract-entities.ts";
import type { IntentPrediction } from "../../nlu/types.ts";
import type { TDialogueState } from "../dialogue-state.ts";
import type { PhraseTags } from "./read-phrase-tags.ts";

/** A category as the catalog names it (English and, when set, Chinese). */
export interface NamedCategory {
  category: string;
  categoryZh: string | null;
}

export interface Understanding {
  /** The message as handled: a name the customer introduced themselves by is already taken out. */
  text: string;
  /** `normalizeText(text)`: what the phrase patterns are tested against. */
  normalized: string;
  /** The classifier's reading, stored with the inbound message. */
  prediction: IntentPrediction;
  /** Quantity, email, phone, order number, position, price range. */
  entities: Entities;
  /** The phrase patterns of customer-phrases.ts, each tested once. */
  tags: PhraseTags;
  /** Every product for sale, as this turn read it (the turn's one catalog query). */
  catalog: readonly Product[];
  /** Products the text names (or points at: "the blue one", "the second one"), closest first. */
  mentions: readonly Product[];
  /** The same without the words of a question about facts ("is the lavender candle organic?" → "lavender candle"). */
  mentionsWithoutFactWords: readonly Product[];
  /** Whether a product is named clearly (a match of 0.75 or more). */
  namesAProduct: boolean;
  /** How many products are named equally well (the closest matches at the default bar). */
  closestNamed: number;
  /** The category the text names, if any ("teas", "看看茶叶"). */
  namedCategory?: NamedCategory;
  /** Whether the text asks about a product's facts (size, colour, material, origin…). */
  asksProductFacts: boolean;
  /** Whether the text names something a person may be into ("writing", "gardening"). */
  namesAnInterest: boolean;
  /** Whether any word is one the shop knows (training examples, catalog, FAQ questions); false for "asdkjh qwe". */
  knowsAWord: boolean;
  /** "My address is …": the address part, and whether it reads as an address. */
  givenAddress?: { address: string; reads: boolean };
  /**
   * A promo code the text names: one the shop has (`known`), else a word the customer put forward as
   * a code ("code SPRNG10", "can I use X1"), to be answered as unknown. Looked up only when a word may
   * be a code (core/promos/promo-code.ts).
   */
  promoCode?: { code: string; known: boolean };
  /** Whether the whole text reads as an address. */
  readsAsAddress: boolean;
  /** Whether the customer has an order on its way; loaded only when the classifier hesitates between order status and delivery times. */
  hasOpenOrder?: boolean;
  /** A question kept from the last turn ("which product do you mean?"), answered by a pick now. */
  question?: TDialogueState["pendingQuestion"];
  /** Below this confidence the classifier is not trusted. */
  lowConfidence: number;
  /** Whether a language model is configured to read what the classifier could not place. */
  canAskModel: boolean;
  /** The model's reading, once asked (the "askModel" decision): the intent it found, if any. */
  model?: { intent?: string };
}

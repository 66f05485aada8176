/**
 * Reads one customer message into an {@link Understanding}: the classifier's prediction, the
 * entities, the phrase tags, the products and category it names (one catalog query per turn, shared
 * by every handler after it) and the few facts the rules need from the database. Nothing that
 * decides runs before this, and nothing after it queries the catalog for the same text again.
 */
import type { Product } from "../../../prisma/generated/client.ts";
import { asksAboutProductFacts, withoutFactWords } from "../../catalog/answer-from-product-facts.ts";
import { namesAnInterest } from "../../catalog/find-products-of-interest.ts";
import { closestMatches, findNamedCategory, matchProducts } from "../../catalog/match-products.ts";
import { extractEntities, type Entities } from "../../nlu/extract-entities.ts";
import { buildKnownWords, hasKnownWord } from "../../nlu/known-words.ts";
import { normalizeText } from "../../nlu/normalize-text.ts";
import type { IntentPrediction } from "../../nlu/types.ts";
import { OPEN_ORDER_STATUSES } from "../../orders/order-rules.ts";
import { readPromoCodeMentions } from "../../promos/promo-code.ts";
import { type Turn, catalogOf } from "../assistant-turn.ts";
import { ADDRESS_GIVEN, DELIVERY_PAIR } from "../customer-phrases.ts";
import type { TDialogueState } from "../dialogue-state.ts";
import { readsAsAddressIn } from "../take-contact-details.ts";
import { mentionsIn } from "./find-mentions.ts";
import { readPhraseTags } from "./read-phrase-tags.ts";
import type { NamedCategory, Understanding } from "./understanding.ts";

/**
 * The reading of `text` (the message with any introduced name taken out) for this turn; `question`
 * is the "which product do you mean?" kept from the last turn.
 */
export async function readMessage(turn: Turn, text: string, question?: TDialogueState["pendingQuestion"]): Promise<Understanding> {
  const { classifier, shop, lowConfidence, llm } = turn.ctx;
  const prediction = classifier.predict(text);
  const catalog = await catalogOf(turn);
  const [first, second] = prediction.ranking;
  const hesitatesOverDelivery = DELIVERY_PAIR.has(first?.intent ?? "") && DELIVERY_PAIR.has(second?.intent ?? "");
  return understandMessage(text, {
    prediction,
    entities: extractEntities(text, { defaultCountry: shop.defaultCountry }),
    catalog,
    categories: categoriesIn(catalog),
    state: turn.state,
    knowsAWord: await hasWordTheShopKnows(turn, text),
    ...(hesitatesOverDelivery ? { hasOpenOrder: await hasOpenOrder(turn) } : {}),
    knownPromoCodes: await knownPromoCodes(turn, text),
    ...(question ? { question } : {}),
    lowConfidence,
    canAskModel: llm !== undefined,
  });
}

/** What the reading of a message needs besides its text: the classifier's and the database's part. */
export interface MessageFacts {
  prediction: IntentPrediction;
  entities: Entities;
  catalog: readonly Product[];
  categories: readonly NamedCategory[];
  /** The lists just shown, for "the blue one" and "the second one". */
  state: Pick<TDialogueState, "shownProductIds" | "listedProductIds">;
  knowsAWord: boolean;
  hasOpenOrder?: boolean;
  /** The words of the text that are the shop's promo codes (capitals); none read, none known. */
  knownPromoCodes?: readonly string[];
  question?: TDialogueState["pendingQuestion"];
  lowConfidence: number;
  canAskModel: boolean;
}

/** The understanding of `text` given the facts read for it: pure (the tests of the rules build theirs with it). */
export function understandMessage(text: string, facts: MessageFacts): Understanding {
  const { catalog, state, entities, prediction } = facts;
  const normalized = normalizeText(text);
  const mentionsOf = (t: string) => mentionsIn(catalog, state, t);
  const given = ADDRESS_GIVEN.exec(text.trim());
  const address = given ? text.trim().slice(given[0].length) : undefined;
  const namedCategory = findNamedCategory(text, facts.categories);
  const promoCode = promoCodeIn(text, facts.knownPromoCodes ?? [], catalog);
  return {
    text,
    normalized,
    prediction,
    entities,
    tags: readPhraseTags(text, normalized),
    catalog,
    mentions: mentionsIn(catalog, state, text, entities),
    mentionsWithoutFactWords: mentionsIn(catalog, state, withoutFactWords(text), entities),
    namesAProduct: matchProducts(text, catalog, { minScore: 0.75 }).length > 0,
    closestNamed: closestMatches(matchProducts(text, catalog)).length,
    ...(namedCategory ? { namedCategory: { category: namedCategory.category, categoryZh: namedCategory.categoryZh } } : {}),
    asksProductFacts: asksAboutProductFacts(text),
    namesAnInterest: namesAnInterest(text),
    knowsAWord: facts.knowsAWord,
    ...(address !== undefined ? { givenAddress: { address, reads: readsAsAddressIn(address, prediction, (t) => mentionsOf(t).length > 0) } } : {}),
    readsAsAddress: readsAsAddressIn(text, prediction, (t) => mentionsOf(t).length > 0),
    ...(promoCode ? { promoCode } : {}),
    ...(facts.hasOpenOrder !== undefined ? { hasOpenOrder: facts.hasOpenOrder } : {}),
    ...(facts.question ? { question: facts.question } : {}),
    lowConfidence: facts.lowConfidence,
    canAskModel: facts.canAskModel,
  };
}

/**
 * The categories of the products for sale, as `listCategories` orders them (by name; the first
 * Chinese name set wins), taken from the turn's catalog rather than read again: naming a category
 * is part of reading the message.
 */
export function categoriesIn(catalog: readonly Product[]): NamedCategory[] {
  const byName = new Map<string, NamedCategory>();
  const sorted = [...catalog].sort((a, b) => compare(a.category, b.category) || compare(a.categoryZh, b.categoryZh));
  for (const { category, categoryZh } of sorted) {
    const entry = byName.get(category) ?? { category, categoryZh: null };
    entry.categoryZh ??= categoryZh;
    byName.set(category, entry);
  }
  return [...byName.values()];
}

/** Ascending, with no value last (as the database orders them). */
function compare(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Whether any word of the text is one the shop knows: its training examples' words, its catalog's (names, tags, categories) or its FAQ questions'. */
async function hasWordTheShopKnows(turn: Turn, text: string): Promise<boolean> {
  const known = turn.ctx.knownWords;
  if (!known || hasKnownWord(text, known)) return true;
  turn.shopWords ??= Promise.all([catalogOf(turn), turn.ctx.db.faqEntry.findMany({ select: { question: true } })])
    .then(([catalog, faq]) => buildKnownWords([...catalog.flatMap((p) => [p.name, p.category, ...p.tags]), ...faq.map((f) => f.question)]));
  return hasKnownWord(text, await turn.shopWords);
}

/**
 * The promo code the text names: the first word that is one of the shop's codes, else a word put
 * forward as a code ("my code is X1") unless it is a product's SKU ("can I use TEA-001?" is about the tea).
 */
function promoCodeIn(text: string, known: readonly string[], catalog: readonly Product[]): Understanding["promoCode"] {
  const { candidates, attempted } = readPromoCodeMentions(text);
  const code = candidates.find((c) => known.includes(c));
  if (code) return { code, known: true };
  if (attempted && !catalog.some((p) => p.sku.toUpperCase() === attempted)) return { code: attempted, known: false };
  return undefined;
}

/** The shop's promo codes among the words of the text that may be codes: one query, and only when a word may be one. */
async function knownPromoCodes(turn: Turn, text: string): Promise<string[]> {
  const { candidates } = readPromoCodeMentions(text);
  if (candidates.length === 0) return [];
  const found = await turn.ctx.db.promo.findMany({ where: { code: { in: candidates } }, select: { code: true } });
  return found.map((p) => p.code);
}

/** Whether the customer has an order on its way ("when will it arrive?" is then about it). */
async function hasOpenOrder(turn: Turn): Promise<boolean> {
  return (await turn.ctx.db.order.count({ where: { customerId: turn.customer.id, status: { in: OPEN_ORDER_STATUSES } } })) > 0;
}

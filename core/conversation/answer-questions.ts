/**
 * Questions answered from what the shop knows: product facts (with the optional language model for
 * free-form ones), the owner's FAQ answers, discounts, and the model's reading of a message the
 * classifier could not place.
 */
import type { Product } from "../../prisma/generated/client.ts";
import { answerFromProductFacts, answerOpenQuestion } from "../catalog/answer-from-product-facts.ts";
import { findFaqAnswer } from "../faq/find-faq-answer.ts";
import type { Reply } from "../messages.ts";
import type { Entities } from "../nlu/extract-entities.ts";
import { OUT_OF_SCOPE } from "../nlu/types.ts";
import { encodeCustomerPayload as pay } from "./payloads.ts";
import { ASKS_QUESTION } from "./customer-phrases.ts";
import { mainMenu, productDescription, productName } from "./product-replies.ts";
import type { Turn } from "./assistant-turn.ts";
import { showProduct, namesAProduct } from "./browse-catalog.ts";
import { stillWaiting } from "./take-order.ts";
import { liveCodesReply } from "./apply-promo-code.ts";
import { showProduct as showProductState } from "./state/dialogue.ts";

/**
 * A discount question: the live promo codes meant for everyone (each with a button to use it), else
 * the owner's FAQ answer when there is one, else an offer to ask the owner (the assistant never
 * promises a price the catalog or a code does not give). An order waiting for confirmation is shown
 * again below, still waiting.
 */
export async function discountAnswer(turn: Turn, text: string): Promise<Reply[]> {
  const { db } = turn.ctx;
  const codes = await liveCodesReply(turn);
  const faq = codes ? null : await findFaqAnswer(db, text);
  const answer: Reply = codes ?? (faq
    ? { text: faq.entry.answer }
    : { text: turn.m.discountAskOwner(), buttons: [[{ label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]] });
  const waiting = await stillWaiting(turn);
  return waiting ? [answer, waiting] : [answer.buttons ? answer : { ...answer, buttons: mainMenu(turn.locale) }];
}

/**
 * The product card, preceded by the model's answer when the question is more than a bare name/price
 * ask and the model answers in time. Without a model's answer, a question about size, colour,
 * material, care, contents, origin or a yes/no property ("is it organic?") is answered from the
 * shop's own description (or said to be missing from it, with the owner offered); the card itself
 * is not repeated when it was just shown.
 */
export async function answerAboutProduct(turn: Turn, product: Product, text: string): Promise<Reply[]> {
  const { llm } = turn.ctx;
  const justShown = turn.state.shownProductIds.length === 1 && turn.state.shownProductIds[0] === product.id;
  const answer = llm ? await llm.answerProductQuestion({ question: text, product, locale: turn.locale, budget: (turn.llmBudget ??= llm.startTurnBudget()) }) : null;
  const card = await showProduct(turn, product, true);
  if (answer) return [{ text: answer }, ...card];
  const facts = answerFromProductFacts(text, product, turn.locale);
  if (!facts) return answerOpenly(turn, product, text, card, justShown);
  const name = productName(product, turn.locale);
  const property = facts.property && turn.m.productProperty(facts.property);
  const aspect = turn.m.productAspect(facts.aspect);
  if (facts.evidence.length === 0) return notInDescription(turn, property ? turn.m.factPropertyUnknown(name, property) : turn.m.factUnknown(name, aspect), card, justShown);
  // A one-sentence description that is the answer: the card alone says it (no echo above it).
  const description = productDescription(product, turn.locale).trim();
  if (!justShown && facts.evidence.join(" ") === description && !property) return card;
  return fromDescription(property ? turn.m.factPropertyAnswer(name, property, facts.evidence.join(" ")) : turn.m.factAnswer(name, aspect, facts.evidence.join(" ")), card, justShown);
}

/** An answer taken from the description: above the card, or in its place (with its buttons) when the card was just shown. */
function fromDescription(answer: string, card: Reply[], justShown: boolean): Reply[] {
  return justShown ? [{ text: answer, buttons: card[0]!.buttons ?? [] }] : [{ text: answer }, ...card];
}

/**
 * The description does not say: the card without its buttons (unless it was just shown), then
 * `text` with the owner one tap away above the card's own buttons.
 */
function notInDescription(turn: Turn, text: string, card: Reply[], justShown: boolean): Reply[] {
  const { buttons = [], ...plainCard } = card[0]!;
  const unknown = { text, buttons: [[{ label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }], ...buttons] };
  return justShown ? [unknown] : [plainCard, unknown];
}

/**
 * A question about the product beyond the aspects the facts module knows ("is the pu-erh good for
 * digestion?"): the shop's sentences that speak to it, or that the description does not say, with
 * the owner one tap away. It used to get the card alone, as if it had not been heard. A question
 * of no content word ("is it good?", "好喝吗") still gets the card.
 */
function answerOpenly(turn: Turn, product: Product, text: string, card: Reply[], justShown: boolean): Reply[] {
  const open = answerOpenQuestion(text, product);
  if (!open) return card;
  const name = productName(product, turn.locale);
  if (open.evidence.length === 0) return notInDescription(turn, turn.m.factOpenUnknown(name), card, justShown);
  return fromDescription(turn.m.factOpenAnswer(name, open.evidence.join(" ")), card, justShown);
}

/**
 * The model's reading of a message the classifier could not place, as an intent for the same
 * router (so an order is still confirmed, order status is still the customer's own). A product it
 * names becomes the product under discussion, as if its card had just been shown; a quantity
 * fills the entity. Undefined: no model, a failure, or a guess no surer than the classifier's bar.
 */
export async function interpretWithModel(turn: Turn, text: string, entities: Entities): Promise<string | undefined> {
  const { db, classifier, lowConfidence, llm } = turn.ctx;
  if (!llm) return undefined;
  const reading = await llm.interpret({ text, intents: classifier.intents, budget: (turn.llmBudget ??= llm.startTurnBudget()) });
  if (!reading || reading.confidence < lowConfidence) return undefined;
  if (reading.intent !== OUT_OF_SCOPE && !classifier.intents.includes(reading.intent)) return undefined;
  if (reading.productSku && (reading.intent === "place_order" || reading.intent === "product_question")) {
    const product = await db.product.findFirst({ where: { sku: reading.productSku, active: true } });
    if (product) {
      turn.state = showProductState(turn.state, product.id);
    }
  }
  if (reading.quantity !== undefined && entities.quantity === undefined) entities.quantity = reading.quantity;
  return reading.intent;
}

/**
 * The owner's own answer (owner command `faq`) to what the message asks, when the message is not
 * something only the shop's data can answer (an order, a cart, contact details, a person) and
 * either the classifier is unsure or it read a general question (shipping, payment, out of
 * scope, a product question naming no product). Browsing, recommendation and greeting intents need
 * a closer match: "I want to buy a gift" is not "Do you gift wrap?", while "what are your opening
 * hours?" (read as a greeting) is the owner's "What are your opening hours?".
 */
export async function answerFromFaq(turn: Turn, text: string, entities: Entities, intent: string, confident: boolean): Promise<string | undefined> {
  const { db } = turn.ctx;
  if (entities.email || entities.phone || entities.orderId !== undefined || entities.price || entities.ordinal) return undefined;
  if (["place_order", "order_status", "cancel_order", "leave_contact", "human_handoff", "complaint"].includes(intent) && confident) return undefined;
  // A question read as a greeting ("are you open on Sunday?") asks something: a general match will do.
  const greetingQuestion = intent === "greeting" && ASKS_QUESTION.test(text.trim().toLowerCase());
  const general = !confident || greetingQuestion || ["shipping_returns", "payment", "product_question", OUT_OF_SCOPE].includes(intent);
  const match = await findFaqAnswer(db, text, general ? undefined : 0.75);
  if (!match) return undefined;
  if (intent === "product_question" && confident && (await namesAProduct(turn, text))) return undefined;
  return match.entry.answer;
}

/**
 * What a message says as an answer to an open order step ("how many?", "anything else?", "confirm?"):
 * the product it names (one mentioned, or at a confirmation the line it means), the quantity
 * ("3", "yes" to "how many?" is one), and whether it is rather a question for its intent ("is the
 * chamomile caffeine free?" at a confirmation is not "the chamomile instead"). Pure.
 */
import type { TDialogueState, TOrderFlow } from "../dialogue-state.ts";
import { orderItemsOf } from "../dialogue-state.ts";
import type { Understanding } from "../understand/understanding.ts";

export interface AnswerReading {
  flow: TOrderFlow;
  /** The product the answer names, if one. */
  productId?: number;
  /** The quantity it gives; −1 for a number that is not a whole one ("2.5"). */
  quantity?: number;
  /** It names a product other than the one being asked about. */
  changesProduct: boolean;
  /** It is not an answer: a question about a product at a confirmation, or "cancel"/"remove" while choosing. */
  yieldsToIntent: boolean;
}

/** The reading of the message as an answer to the open order step; null when no order step is open. */
export function readAnswer(u: Understanding, state: TDialogueState): AnswerReading | null {
  const flow = state.flow;
  if (flow?.kind !== "order") return null;
  const { tags, entities, normalized } = u;
  const [only, ...more] = u.mentions;
  const productId = only && more.length === 0 ? only.id : flow.awaiting === "confirm" ? lineMeantIn(u, state) : undefined;
  const bareNumber = /^-?\d+(?:\.\d+)?(?:e\d+)?$/i.test(normalized) ? Number(normalized) : undefined;
  // "Yes" / "好的" to "How many would you like?": one (the confirmation that follows shows it).
  const affirmsOne = flow.awaiting === "quantity" && entities.quantity === undefined && tags.affirm && !/\d/.test(normalized);
  const quantity = bareNumber !== undefined ? (Number.isInteger(bareNumber) ? bareNumber : -1) : affirmsOne ? 1 : entities.quantity;
  const changesProduct = productId !== undefined && productId !== flow.productId;
  // "How much more for free delivery?" / "is the chamomile caffeine free?" at a confirmation, or while
  // asked how many: a question (answered by its intent), not "the chamomile instead".
  const asksInstead = (flow.awaiting === "confirm" || flow.awaiting === "quantity") && changesProduct && quantity === undefined && tags.asksQuestion && !tags.swap && !tags.deny;
  // "Actually cancel the notebook" while choosing is not the product to order.
  const cancelsWhileChoosing = flow.awaiting === "product" && (tags.cancelWord || tags.removeItem);
  return {
    flow,
    ...(productId !== undefined ? { productId } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    changesProduct,
    yieldsToIntent: asksInstead || cancelsWhileChoosing,
  };
}

/**
 * The line of the order waiting for confirmation that a message names by kind ("make it 3 teas",
 * "the tea should be 3"): the one line among several products it could mean, or the one line of a
 * category it names. Undefined when no single line is meant.
 */
export function lineMeantIn(u: Understanding, state: TDialogueState): number | undefined {
  const lines = orderItemsOf(state).map((l) => l.productId);
  const inOrder = u.mentions.filter((p) => lines.includes(p.id));
  if (inOrder.length === 1) return inOrder[0]!.id;
  if (u.mentions.length > 0 || !u.namedCategory) return undefined;
  const category = u.namedCategory.category;
  const ofCategory = u.catalog.filter((p) => lines.includes(p.id) && p.category === category);
  return ofCategory.length === 1 ? ofCategory[0]!.id : undefined;
}

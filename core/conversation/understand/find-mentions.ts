/**
 * Which products a text refers to, worked out from the turn's one reading of the catalog (no query):
 * by name (typo-tolerant), by a word among the products just shown ("the blue one"), or by position
 * in the list just shown ("the second one"). Pure, so the reading of a message and the handlers that
 * split a message into order lines find the same products the same way.
 */
import type { Product } from "../../../prisma/generated/client.ts";
import { closestMatches, matchProducts, searchProducts } from "../../catalog/match-products.ts";
import type { Entities } from "../../nlu/extract-entities.ts";
import type { TDialogueState } from "../dialogue-state.ts";

/** The part of the dialogue state that says what "the second one" and "the blue one" point at. */
export type TShownLists = Pick<TDialogueState, "shownProductIds" | "listedProductIds">;

/** What "the second one" counts in: the last list shown, else the products just shown (a card). */
export function positionalIds(state: TShownLists): number[] {
  return state.listedProductIds.length > 0 ? state.listedProductIds : state.shownProductIds;
}

/** The active product with this id in the turn's catalog, if it is for sale. */
export function productIn(catalog: readonly Product[], id: number | undefined): Product | undefined {
  return id === undefined ? undefined : catalog.find((p) => p.id === id);
}

/** The product at a position of the list just shown ("the second one"; −1 = the last), if there is one. */
export function productAtPositionIn(catalog: readonly Product[], state: TShownLists, position: number): Product | undefined {
  const shown = positionalIds(state);
  return productIn(catalog, position < 0 ? shown.at(position) : shown[position - 1]);
}

/** The products of `ids` still for sale, in the order of `ids`. */
export function productsIn(catalog: readonly Product[], ids: readonly number[]): Product[] {
  return ids.map((id) => productIn(catalog, id)).filter((p): p is Product => Boolean(p));
}

/**
 * Products the text mentions: by name (typo-tolerant), by a word among the products just shown
 * ("the blue one"), or by position in that list ("the second one"); a product named outright wins
 * over a position. At most five, the closest first.
 */
export function mentionsIn(catalog: readonly Product[], state: TShownLists, text: string, entities?: Entities): Product[] {
  const matches = matchProducts(text, catalog, { shownProductIds: state.shownProductIds });
  if (entities?.ordinal && !(matches[0] && matches[0].score >= 0.75)) {
    const picked = productAtPositionIn(catalog, state, entities.ordinal.position);
    if (picked) return [picked];
  }
  if (matches.length === 0) {
    // "How much is the pen?": a kind word only one product's name or tags carry names it.
    const byKind = searchProducts(text, catalog, { exact: true });
    const product = byKind.length === 1 ? productIn(catalog, byKind[0]) : undefined;
    return product ? [product] : [];
  }
  return productsIn(catalog, closestMatches(matches).slice(0, 5).map((m) => m.productId));
}

/**
 * Reads an order for several products written in one message ("2 jasmine tea and 1 earl grey",
 * "两罐茉莉银针和一个青瓷茶壶") into order lines. Without it the assistant saw two products and asked
 * "which one do you mean?" with buttons that each ordered both quantities of one product: the
 * customer had said exactly what they wanted and had to type it again, item by item.
 *
 * The message is cut at list separators ("and", commas, "plus", 和, 、 …) after product names that
 * contain one ("Sea Salt & Sage Candle", 和纸胶带) have been protected. Each piece must then name one
 * product clearly, or name a category or several products (at most one such piece: the assistant
 * asks which of those). A piece naming nothing ("please", "thanks") is ignored. Anything less than
 * two items is not a reading: the caller goes on as for a single product.
 */
import { normalizeText } from "../nlu/normalize-text.ts";
import { extractEntities } from "../nlu/extract-entities.ts";
import { closestMatches, escapeRegExp, findNamedCategory, matchProducts, searchProducts, type MatchableProduct } from "./match-products.ts";

export interface ReadOrderLine {
  productId: number;
  /** As written; undefined when the piece names no number ("a candle", "earl grey"): one. */
  quantity?: number;
}

export interface OpenOrderLine<C> {
  /** The products the piece could mean (closest name matches), empty when it names a category. */
  productIds: number[];
  category?: C;
  quantity?: number;
}

export interface OrderLinesReading<C> {
  /** Pieces that name one product each, merged by product, in the order written. */
  lines: ReadOrderLine[];
  /** A piece naming a category or several products ("and a candle"): still to choose. */
  open?: OpenOrderLine<C>;
}

/** A piece names its product when the best match scores this much and no other comes close. */
const CLEAR_MATCH = 0.5;

/** Words that point back at the product under discussion ("I'll take 2 of those", "要这个"). */
export const REFERS_BACK = /\b(it|this|that|one|them|these|those)\b|这个|那个|它|这款|那款/u;

/** "The earl grey, not the jasmine": a list with a negation is not an order of every item in it. */
const NEGATION = /\b(not|no|don'?t|without|except|instead)\b|不要|不用|别|除了/u;

const ONE = /(?:^|\s)(?:a|an|one)\s+(?!(?:few|couple|dozen|pair|lot|bit|little)\b)\S|^一[个件只盒本支条包瓶罐双套杯张把份袋卷]/u;

const SEPARATORS = /\s*(?:[,;，；、+]|\band\b|\bplus\b|\bas well as\b|和|跟|还有|以及|外加|再来|另加)\s*/iu;

/** Private-use marks around a protected product's index: no digits or letters a matcher could read. */
const PROTECTED = /\uE000([\d]+)\uE001/u;

/** The product names whose text contains a separator, as patterns ("&" and "and" read alike). */
function protectedNames(products: readonly MatchableProduct[]): { index: number; pattern: RegExp }[] {
  const out: { index: number; pattern: RegExp }[] = [];
  products.forEach((product, index) => {
    for (const name of [product.name, product.nameZh]) {
      if (!name) continue;
      const normalized = normalizeText(name);
      if (!SEPARATORS.test(normalized) && !normalized.includes("&")) continue;
      const source = normalized.split(/\s*(?:&|\band\b)\s*/u).map(escapeRegExp).join("\\s*(?:&|and)\\s*");
      out.push({ index, pattern: new RegExp(source, "giu") });
    }
  });
  // Longest names first, so a name inside a longer one does not take its place.
  return out.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
}

/**
 * The order lines a message lists, or null when it does not list at least two items (one product
 * and nothing else, or pieces that cannot be read as items).
 */
export function readOrderLines<C extends { category: string; categoryZh: string | null }>(
  text: string,
  products: readonly MatchableProduct[],
  categories: readonly C[],
  options: { referredProductId?: number } = {},
): OrderLinesReading<C> | null {
  let masked = normalizeText(text);
  if (NEGATION.test(masked)) return null;
  for (const { index, pattern } of protectedNames(products)) masked = masked.replace(pattern, ` \uE000${index}\uE001 `);
  const pieces = masked.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (pieces.length < 2) return null;

  const lines: ReadOrderLine[] = [];
  let open: OpenOrderLine<C> | undefined;
  let items = 0;
  for (const piece of pieces) {
    const mark = PROTECTED.exec(piece);
    const rest = piece.replace(PROTECTED, " ").trim();
    // "a candle", "一个茶壶": one, said in words the quantity reader leaves alone.
    const spoken = piece.replace(PROTECTED, " item ").trim();
    const quantity = extractEntities(spoken).quantity ?? (ONE.test(spoken) ? 1 : undefined);
    let productId: number | undefined = mark ? products[Number(mark[1])]?.id : undefined;
    let candidates: number[] = [];
    if (productId === undefined) {
      const best = closestMatches(matchProducts(rest, products));
      if (best.length === 1 && best[0]!.score >= CLEAR_MATCH) productId = best[0]!.productId;
      else candidates = best.map((m) => m.productId);
      if (productId === undefined && candidates.length === 0) {
        // Named by kind ("2 mugs", "a candle"): one product of that kind is it, several are a choice.
        const kind = searchProducts(rest, products, { exact: true });
        if (kind.length === 1) productId = kind[0];
        else candidates = kind.slice(0, 10);
      }
      // "2 of those": the product just discussed.
      if (productId === undefined && candidates.length === 0 && options.referredProductId !== undefined && REFERS_BACK.test(rest)) productId = options.referredProductId;
    }
    if (productId !== undefined) {
      const same = lines.find((l) => l.productId === productId);
      if (same) same.quantity = (same.quantity ?? 1) + (quantity ?? 1);
      else lines.push({ productId, ...(quantity !== undefined ? { quantity } : {}) });
      items++;
      continue;
    }
    const category = findNamedCategory(rest, categories);
    if (!category && candidates.length < 2) continue; // names nothing: "please", "thanks"
    if (open) return null; // two pieces to choose in: the caller asks as before
    open = { productIds: category ? [] : candidates, ...(category ? { category } : {}), ...(quantity !== undefined ? { quantity } : {}) };
    items++;
  }
  if (items < 2 || lines.length === 0) return null;
  return { lines, ...(open ? { open } : {}) };
}

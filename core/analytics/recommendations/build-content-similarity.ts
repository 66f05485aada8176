/**
 * Content similarity between products from their words: TF-IDF vectors over name, description and
 * tags (English and Chinese), compared by cosine. It is what lets a brand-new product, which nobody has
 * bought yet, still be recommended next to its look-alikes ("red heart T-light holder" ↔ "white heart
 * T-light holder").
 *
 * Tokens: lower-cased letter/digit words of two or more characters; Chinese has no spaces, so Han text
 * gives its characters and character bigrams. Name and tag tokens count twice, description tokens once.
 * Weights: (1 + ln tf) · (ln((1 + N) / (1 + df)) + 1), then L2-normalised.
 */
import { createSimilarityBuilder } from "./sparse-similarity.ts";
import type { ProductKey, SparseSimilarity } from "./types.ts";

export interface ContentProduct {
  id: ProductKey;
  name: string;
  nameZh?: string | null;
  description?: string | null;
  descriptionZh?: string | null;
  tags?: readonly string[];
}

export interface BuildContentSimilarityOptions {
  products: readonly ContentProduct[];
  /** Neighbours kept per product; default 50. */
  maxNeighbours?: number;
}

const HAN = /\p{Script=Han}/u;

/** Words of a text as TF-IDF tokens (see the module comment). */
export function tokenizeProductText(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    if (HAN.test(word)) {
      const chars = [...word];
      for (let i = 0; i < chars.length; i++) {
        tokens.push(chars[i]!);
        if (i + 1 < chars.length) tokens.push(chars[i]! + chars[i + 1]!);
      }
    } else if (word.length >= 2) {
      tokens.push(word);
    }
  }
  return tokens;
}

/** Builds the product × product content similarity (cosine of TF-IDF vectors), top neighbours only. */
export function buildContentSimilarity(options: BuildContentSimilarityOptions): SparseSimilarity {
  const maxNeighbours = options.maxNeighbours ?? 50;
  const products = options.products;
  const n = products.length;
  const termCounts = products.map((product) => {
    const counts = new Map<string, number>();
    const add = (text: string | null | undefined, weight: number): void => {
      if (!text) return;
      for (const token of tokenizeProductText(text)) counts.set(token, (counts.get(token) ?? 0) + weight);
    };
    add(product.name, 2);
    add(product.nameZh, 2);
    for (const tag of product.tags ?? []) add(tag, 2);
    add(product.description, 1);
    add(product.descriptionZh, 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of termCounts) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  // Inverted index of normalised weights: term → [(product, weight)].
  const postings = new Map<string, { product: number; weight: number }[]>();
  termCounts.forEach((counts, product) => {
    const weights: [string, number][] = [];
    let norm = 0;
    for (const [term, count] of counts) {
      const weight = (1 + Math.log(count)) * (Math.log((1 + n) / (1 + documentFrequency.get(term)!)) + 1);
      weights.push([term, weight]);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of weights) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ product, weight: weight / norm });
    }
  });
  const vectors: { term: string; weight: number }[][] = Array.from({ length: n }, () => []);
  for (const [term, list] of postings) for (const { product, weight } of list) vectors[product]!.push({ term, weight });

  const scratch = new Float64Array(n);
  const builder = createSimilarityBuilder();
  for (let i = 0; i < n; i++) {
    const touched: number[] = [];
    for (const { term, weight } of vectors[i]!) {
      for (const posting of postings.get(term)!) {
        if (posting.product === i) continue;
        if (scratch[posting.product] === 0) touched.push(posting.product);
        scratch[posting.product] = scratch[posting.product]! + weight * posting.weight;
      }
    }
    builder.appendRow(touched, scratch, maxNeighbours);
    for (const j of touched) scratch[j] = 0;
  }
  return builder.finish(products.map((p) => p.id));
}

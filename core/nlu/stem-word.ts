/**
 * A word's Porter stem (natural's stemmer), remembered. Matching a message against the catalog, the
 * FAQ and the shop's known words stems the same few thousand words over and over, and a long message
 * (a customer's pasted 4,000 characters) once made stemming the cost of the whole turn. The memory
 * is bounded, so odd words from customers never grow it for ever.
 */
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";

const STEMS = new Map<string, string>();
const MAX_REMEMBERED = 20_000;

export function stemWord(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    if (STEMS.size >= MAX_REMEMBERED) STEMS.clear();
    stemmed = porter.stem(word);
    STEMS.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Whether a message has any word the shop knows. The classifier's hashed features have no
 * vocabulary, so "asdkjh qwe" or a sentence in a language we do not speak still gets a best guess
 * ("Did you mean report a problem or say goodbye?"). A message none of whose words appear in the
 * training examples, the catalog or the English stopword list is not a guess to offer: the customer
 * is told plainly that it was not understood.
 */
import levenshtein from "natural/lib/natural/distance/levenshtein_distance.js";
import { stemWord } from "./stem-word.ts";
import { words as STOPWORDS } from "natural/lib/natural/util/stopwords.js";
import { normalizeText } from "./normalize-text.ts";

/** Chat shorthand and interjections that carry meaning without being in any example ("thx", "lol"). */
const CHAT_WORDS = "ok okay okey kk thx thanx ty tysm pls plz lol haha hehe hmm hm mm uh um oh ah wow yay ugh oops sry u ur r ya yea yeah yep nope nah idk btw asap".split(" ");

/** Words of a text as the vocabulary stores them: Latin-script runs of two letters or more, lower case. */
export function latinWords(text: string): string[] {
  return normalizeText(text).match(/\p{Script=Latin}{2,}/gu) ?? [];
}

/** Known words and their Porter stems, from any texts (training examples, product names and tags). */
export function buildKnownWords(texts: Iterable<string>): Set<string> {
  const known = new Set<string>();
  for (const word of [...STOPWORDS, ...CHAT_WORDS]) known.add(word);
  for (const text of texts) {
    for (const word of latinWords(text)) {
      known.add(word);
      known.add(stemWord(word));
    }
  }
  return known;
}

/** The word, its stem, or its drawn-out form ("hmmm", "sooo", "thanksss") is known. */
function isKnownAsWritten(word: string, known: ReadonlySet<string>): boolean {
  if (known.has(word) || known.has(stemWord(word))) return true;
  const squeezed = word.replace(/(.)\1{2,}/gu, "$1$1");
  return squeezed !== word && (known.has(squeezed) || known.has(squeezed.replace(/(.)\1/gu, "$1")));
}

/** Known words of four letters or more, per vocabulary: what a typo is looked for among (built once, not per message). */
const LONG_WORDS = new WeakMap<ReadonlySet<string>, string[]>();

/** A typo in a longer word ("recomend", "chamomille") still counts as known. */
function isKnownTypo(word: string, known: ReadonlySet<string>): boolean {
  if (word.length < 5) return false;
  let long = LONG_WORDS.get(known);
  if (!long) LONG_WORDS.set(known, (long = [...known].filter((k) => k.length >= 4)));
  return long.some((k) => Math.abs(k.length - word.length) <= 1 && levenshtein.DamerauLevenshteinDistance(word, k) <= 1);
}

/**
 * False only for text made of Latin-script words none of which is known (by the word, its stem, or
 * one typo from a known word of five letters or more). Text with Chinese, digits, an e-mail address or
 * no words at all is not judged here: other rules read it.
 */
export function hasKnownWord(text: string, known: ReadonlySet<string>): boolean {
  const normalized = normalizeText(text);
  if (/[\u3400-\u9fff\d@]/u.test(normalized)) return true;
  const words = latinWords(normalized);
  if (words.length === 0) return true;
  // The typo search (edit distance against the vocabulary) only when no word is known as written.
  return words.some((word) => isKnownAsWritten(word, known)) || words.some((word) => isKnownTypo(word, known));
}

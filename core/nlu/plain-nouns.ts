/**
 * Whether an English word is only ever a noun ("gift", "towel", "phone"), from the part-of-speech
 * lexicon natural ships for its Brill tagger (derived from pos-js). Two such words in a row name one
 * thing ("gift card", "tea towel"), which product matching must not split. Adjectives and words that
 * can be one ("blue", "small", "leather") are not plain nouns.
 *
 * The lexicon is 4 MB of JSON; parsing it would cost half a second and 30 MB of heap, so it is kept
 * as text and each word looked up once (results cached, the cache bounded against endless new words).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const LEXICON_PATH = "natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json";
const MAX_CACHED = 5_000;

let lexicon: string | undefined;
const cache = new Map<string, boolean>();

function lexiconText(): string {
  lexicon ??= readFileSync(createRequire(import.meta.url).resolve(LEXICON_PATH), "utf8");
  return lexicon;
}

/** True when the lexicon knows `word` (lower case) as a noun and never as an adjective. */
export function isPlainNoun(word: string): boolean {
  if (!/^[a-z]{2,24}$/.test(word)) return false;
  const known = cache.get(word);
  if (known !== undefined) return known;
  const text = lexiconText();
  const start = text.indexOf(`\n    "${word}": [`);
  let noun = false;
  if (start >= 0) {
    const tags = [...text.slice(start + word.length + 8, text.indexOf("]", start)).matchAll(/"([A-Z$|]+)"/g)].map((m) => m[1]!);
    noun = /^NNS?$/.test(tags[0] ?? "") && !tags.some((t) => t.startsWith("JJ"));
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(word, noun);
  return noun;
}

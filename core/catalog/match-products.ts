/**
 * Links what a customer wrote to catalog products: typo-tolerant on English words (Damerau-
 * Levenshtein from natural, Porter stems so "candles" finds "candle"), substring and character
 * bigrams for Chinese names, exact SKUs. "The blue one" is resolved against the products just shown
 * by matching colour and tag words among those only.
 */
import levenshtein from "natural/lib/natural/distance/levenshtein_distance.js";
import { stemWord } from "../nlu/stem-word.ts";
import { normalizeText } from "../nlu/normalize-text.ts";
import { isPlainNoun } from "../nlu/plain-nouns.ts";

export interface MatchableProduct {
  id: number;
  sku: string;
  name: string;
  nameZh: string | null;
  category: string;
  tags: string[];
}

export interface ProductMatch {
  productId: number;
  score: number;
}

const STOPWORDS = new Set(
  ("a an the of and or for with in on to my me i you your is are do does have has it this that these those one ones some any please want like would buy order get how much many what which price cost set "
    + "make change instead actually just only need give take").split(" "),
);

function words(text: string): string[] {
  return normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w && !/[\u3400-\u9fff]/.test(w) && !STOPWORDS.has(w));
}

function wordMatches(query: string, target: string): number {
  if (query === target) return 1;
  if (stemWord(query) === stemWord(target)) return 0.95;
  // One typo in a word of five letters or more, two from eight: shorter words are a typo away from
  // too many others ("make" → "cake", "blue" → "glue").
  if (query.length >= 5 && target.length >= 5) {
    const distance = levenshtein.DamerauLevenshteinDistance(query, target);
    const allowed = target.length >= 8 ? 2 : 1;
    if (distance <= allowed) return 0.8;
  }
  return 0;
}

function chineseScore(text: string, name: string | null): number {
  if (!name) return 0;
  const hanOnly = (s: string) => s.replace(/[^\u3400-\u9fff]/g, "");
  const query = hanOnly(text);
  const target = hanOnly(name);
  if (!query || !target) return 0;
  if (query.includes(target)) return 1;
  // The distinctive part of a name ("龙井" of "西湖龙井") is enough: score by how many of the name's
  // characters stand in runs of two or more shared with the text ("檀香蜡烛" covers four of
  // 檀香柱形蜡烛, more than any other candle's "蜡烛"), and by the share of its character pairs found.
  const covered = new Set<number>();
  for (let i = 0; i < target.length; i++) {
    for (let j = i + 2; j <= target.length && query.includes(target.slice(i, j)); j++) for (let k = i; k < j; k++) covered.add(k);
  }
  const bigrams = new Set<string>();
  for (let i = 0; i + 2 <= target.length; i++) bigrams.add(target.slice(i, i + 2));
  if (bigrams.size === 0) return 0;
  let hits = 0;
  for (const bigram of bigrams) if (query.includes(bigram)) hits++;
  const score = Math.max(hits / bigrams.size, covered.size >= 2 ? Math.min(0.97, 0.5 + 0.1 * covered.size) : 0);
  // A text that shares part of the name and also says its kind ("蓝色杯子") means this product, not
  // another sharing only "蓝色" (unless the kind also stands earlier in the name and says nothing).
  const bare = chineseBareName(name);
  const kind = bare.at(-1);
  return score > 0 && score < 1 && kind && query.includes(kind) && !bare.slice(0, -1).includes(kind) ? Math.min(0.97, score + 0.1) : score;
}

/**
 * A Chinese product name's characters without the note in brackets ("红釉茶杯（四只装）" → "红釉茶杯"):
 * its last character is the kind ("杯" of "马克杯" and of "红釉茶杯（四只装）", "袋" of "抽绳袋").
 */
function chineseBareName(name: string): string {
  return withoutNote(name).replace(/[^\u3400-\u9fff]/g, "");
}

/** A product name without its note in brackets: "Red Glaze Tea Cups (set of 4)" → "Red Glaze Tea Cups ". */
function withoutNote(name: string): string {
  return name.replace(/[（(][^）)]*[）)]/gu, "");
}

/**
 * Two plain nouns in a row the customer wrote, modifier then head: "gift card", "tea towel". Not
 * after "for", which says what the thing is for ("anything for tea ceremonies?" asks for tea things).
 */
function nounCompounds(text: string): [string, string][] {
  const sequence = normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const pairs: [string, string][] = [];
  const plain = (w: string) => w.length >= 3 && !STOPWORDS.has(w) && !STOPWORDS.has(stemWord(w)) && !BROWSE_WORDS.has(w) && isPlainNoun(w);
  const seen = new Set<string>();
  for (let i = 0; i + 1 < sequence.length; i++) {
    if (sequence[i - 1] === "for") continue;
    const [modifier, head] = [sequence[i]!, sequence[i + 1]!];
    // Each compound once: a message repeating itself asks nothing more.
    if (seen.has(`${modifier} ${head}`)) continue;
    seen.add(`${modifier} ${head}`);
    if (plain(modifier) && plain(head) && !COLLECTIVE_STEMS.has(stemWord(head))) pairs.push([modifier, head]);
  }
  return pairs;
}

/** Heads that count or pack a thing rather than name another ("tape sets", "candle pair", "tea sampler"). */
const COLLECTIVE_STEMS = new Set("set pack pair box bundle kit collection selection sampler piece dozen lot batch refill".split(" ").map((w) => stemWord(w)));

/**
 * Whether a compound the customer wrote names something other than this product: its head is not the
 * product's ("tea towel" is no tea: "towel" is nowhere in it), or only the product's modifier answers
 * it ("gift card" is no Leather Card Wallet: "card" only describes the wallet). A head the product has
 * as its own kind is the product whatever the modifier ("coffee mug" is still the mug).
 */
function namesSomethingElse(compounds: readonly [string, string][], product: DescribedProduct): boolean {
  if (compounds.length === 0) return false;
  const nameWords = words(withoutNote(product.name)).filter((w) => /\p{L}/u.test(w));
  const kinds = [nameWords.at(-1) ?? "", ...words(product.category)];
  const descriptors = [...nameWords, ...product.tags.flatMap((t) => words(t)), ...words(product.category), ...words(product.description ?? "")];
  const has = (word: string, among: readonly string[]) => among.some((d) => wordMatches(word, d) >= 0.95);
  return compounds.some(([modifier, head]) => {
    if (has(head, kinds)) return false;
    if (has(head, descriptors)) return !has(modifier, descriptors);
    return has(modifier, descriptors);
  });
}

/** What a product says about itself: its name's last word is its kind; a description, when given, counts too. */
type DescribedProduct = Pick<MatchableProduct, "name" | "category" | "tags"> & { description?: string | null };

/**
 * Whether the text names another kind of thing than the product with words the product shares:
 * "candle holders" are not candles (unless the description speaks of holders), a "gift card" is not
 * the Leather Card Wallet.
 */
export function describesAnotherThing(text: string, product: DescribedProduct): boolean {
  return namesSomethingElse(nounCompounds(text), product);
}

/** Words that ask to see things rather than name them ("show me your mugs"). */
const BROWSE_WORDS = new Set("show see look looking sell sells selling got stock stocked catalog catalogue products product items item things anything something kind kinds type types range available".split(" "));

/**
 * Products a browsing question names by kind rather than by full name: "show me teapots", "any
 * mugs?", "有茶壶吗". An English word hits a product when it is (or stems to, or unless `exact`, is
 * one typo from) a word of its name or one of its tags; Chinese hits when two or more characters in
 * a row of the product's Chinese name appear in the text, or its last character with 子 ("杯子").
 * Only the products hit by the most words, in name order: "the blue mug" is the blue mug, not every
 * blue thing and every mug; "teapots and mugs" hits each by one word and lists both.
 */
export function searchProducts(text: string, products: readonly MatchableProduct[], options: { exact?: boolean } = {}): number[] {
  const queryWords = words(text).filter((w) => !BROWSE_WORDS.has(w) && w.length >= 3);
  // Exact: the word or its stem, no typo ("weather" is one letter from "leather").
  const least = options.exact ? 0.95 : 0.8;
  const hanText = normalizeText(text).replace(/[^\u3400-\u9fff]/g, "");
  const hits: { id: number; name: string; score: number }[] = [];
  const compounds = nounCompounds(text);
  for (const product of products) {
    if (namesSomethingElse(compounds, product)) continue;
    const descriptors = [...words(product.name), ...product.tags.flatMap((t) => words(t))];
    let score = queryWords.filter((q) => descriptors.some((d) => wordMatches(q, d) >= least)).length;
    const hanName = (product.nameZh ?? "").replace(/[^\u3400-\u9fff]/g, "");
    let hanHit = false;
    for (let i = 0; i + 2 <= hanName.length && !hanHit; i++) hanHit = hanText.includes(hanName.slice(i, i + 2));
    // The kind in everyday words: "杯子" for 马克杯 and 茶杯, "本子" for 笔记本 (the kind, said with 子).
    const kind = chineseBareName(product.nameZh ?? "").at(-1);
    if (!hanHit && kind && hanText.includes(`${kind}子`)) hanHit = true;
    if (hanHit) score += 1;
    if (score > 0) hits.push({ id: product.id, name: product.name, score });
  }
  const most = Math.max(0, ...hits.map((h) => h.score));
  return hits.filter((h) => h.score === most).sort((a, b) => a.name.localeCompare(b.name)).map((h) => h.id);
}

/** The score of a product named by a word only its name has (below a full name's 1). */
const DISTINCTIVE_SCORE = 0.75;

/** Distinctive words per catalog list: one turn's matches share its list and build the table once. */
const DISTINCTIVE_BY_CATALOG = new WeakMap<readonly MatchableProduct[], Map<string, number>>();

/**
 * Name words (four letters or more) that only one product uses in its name or tags, by stem:
 * "jasmine" → the jasmine tea; "tea", "blue" or "linen" belong to several and name none.
 */
function distinctiveWords(products: readonly MatchableProduct[]): Map<string, number> {
  const cached = DISTINCTIVE_BY_CATALOG.get(products);
  if (cached) return cached;
  const owners = new Map<string, Set<number>>();
  for (const product of products) {
    for (const word of [...words(product.name), ...product.tags.flatMap((t) => words(t)), ...words(product.category)]) {
      const stem = stemWord(word);
      let set = owners.get(stem);
      if (!set) owners.set(stem, (set = new Set()));
      set.add(product.id);
    }
  }
  const distinctive = new Map<string, number>();
  for (const product of products) {
    for (const word of words(product.name)) {
      const set = owners.get(stemWord(word));
      if (word.length >= 4 && set?.size === 1) distinctive.set(word, product.id);
    }
  }
  DISTINCTIVE_BY_CATALOG.set(products, distinctive);
  return distinctive;
}

/** Scores every product against the text; returns matches scoring at least `minScore`, best first. */
export function matchProducts(
  text: string,
  products: readonly MatchableProduct[],
  options: { minScore?: number; shownProductIds?: number[] } = {},
): ProductMatch[] {
  const minScore = options.minScore ?? 0.5;
  const normalized = normalizeText(text);
  // Each word once: how often the customer repeats a word changes no product's score.
  const queryWords = [...new Set(words(text))];
  const matches: ProductMatch[] = [];
  const distinctive = distinctiveWords(products);
  const compounds = nounCompounds(text);
  for (const product of products) {
    let score = 0;
    if (normalized.split(/\s+/).includes(product.sku.toLowerCase())) score = 1;
    const nameWords = words(product.name);
    if (nameWords.length > 0 && queryWords.length > 0 && !namesSomethingElse(compounds, product)) {
      let total = 0;
      for (const nameWord of nameWords) total += Math.max(0, ...queryWords.map((q) => wordMatches(q, nameWord)));
      score = Math.max(score, total / nameWords.length);
      // "the jasmine one", "a wallet": a word of this product's name that no other product's name
      // or tags use names it, however long its full name.
      if (nameWords.some((w) => distinctive.get(w) === product.id && queryWords.some((q) => wordMatches(q, w) >= 0.95))) score = Math.max(score, DISTINCTIVE_SCORE);
    }
    score = Math.max(score, chineseScore(normalized, product.nameZh), chineseScore(normalized, product.name));
    if (score >= minScore) matches.push({ productId: product.id, score });
  }

  // "the blue one", "the ceramic one": among products just shown, any tag or name word counts.
  const shown = options.shownProductIds ?? [];
  if (shown.length > 0 && (matches.length === 0 || matches.every((m) => m.score < 0.75))) {
    for (const product of products.filter((p) => shown.includes(p.id))) {
      const descriptors = [...product.tags.flatMap((t) => words(t)), ...words(product.name), ...words(product.category)];
      const hit = queryWords.some((q) => descriptors.some((d) => wordMatches(q, d) >= 0.8));
      if (hit && !matches.some((m) => m.productId === product.id) && !namesSomethingElse(compounds, product)) matches.push({ productId: product.id, score: 0.7 });
    }
  }
  return matches.sort((a, b) => b.score - a.score);
}

/**
 * The matches as good as the best (within 0.05 of its score): one means the text names that product;
 * several mean it could be any of them. `matches` best first, as matchProducts returns them.
 */
export function closestMatches(matches: readonly ProductMatch[]): ProductMatch[] {
  const best = matches[0]?.score;
  return best === undefined ? [] : matches.filter((m) => m.score >= best - 0.05);
}

/** The text as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The category a browsing message names, if any: its English name as a word, plural or not ("show
 * me tea", "any candles?", "a candle", not "teapots"), or its Chinese name ("看看茶叶"). A two-character Chinese
 * name is also named by its first character standing on its own, as customers say it ("20镑以下的茶",
 * "有包吗"), but not inside another word ("茶壶" is a teapot).
 */
export function findNamedCategory<C extends { category: string; categoryZh: string | null }>(text: string, categories: readonly C[]): C | undefined {
  const normalized = normalizeText(text);
  // "Tea towels", "candle holders": the category's name describing another thing does not name it.
  const compounds = nounCompounds(text);
  const names = (word: string, c: C) => categoryForms(c.category).some((form) => wordMatches(word, form) >= 0.95);
  const named = categories.filter((c) => !compounds.some(([modifier, head]) => names(modifier, c) && !names(head, c)));
  return findCategoryNamedExactly(normalized, named) ?? findCategoryNamedWithTypo(normalized, named);
}

/**
 * "Recomend a candel", "stationary": a word of five letters or more one typo (a transposition
 * included) from an English category name of five letters or more, or from its singular.
 */
function findCategoryNamedWithTypo<C extends { category: string }>(normalized: string, categories: readonly C[]): C | undefined {
  const textWords = normalized.split(/[^\p{L}]+/u).filter((w) => w.length >= 5);
  if (textWords.length === 0) return undefined;
  return categories.find((c) => {
    const forms = categoryForms(c.category).filter((form) => form.length >= 5 && /^\p{L}+$/u.test(form));
    return textWords.some((word) => forms.some((form) => levenshtein.DamerauLevenshteinDistance(word, form) <= 1));
  });
}

/** An English category name and its singulars, lower case: "Candles" is also named by "a candle", "Glasses" by "a glass". */
function categoryForms(category: string): string[] {
  const name = category.toLowerCase();
  return [...new Set([name, name.replace(/s$/u, ""), name.replace(/es$/u, "")])];
}

function findCategoryNamedExactly<C extends { category: string; categoryZh: string | null }>(normalized: string, categories: readonly C[]): C | undefined {
  return categories.find((c) => {
    const stems = categoryForms(c.category).filter((stem) => stem.length >= 3).map(escapeRegExp);
    if (new RegExp(`(^|[^\\p{L}])(?:${stems.join("|")})(s|es)?($|[^\\p{L}])`, "u").test(normalized)) return true;
    if (!c.categoryZh) return false;
    if (normalized.includes(c.categoryZh)) return true;
    const [head] = [...c.categoryZh];
    return c.categoryZh.length === 2 && head !== undefined && new RegExp(`(^|[^\\u3400-\\u9fff]|[的些点看买要有种款么啥欢爱喝])${escapeRegExp(head)}($|[^\\u3400-\\u9fff]|[的是吗呢类有推改换要])`, "u").test(normalized);
  });
}

/**
 * Feature extraction by hashing: no vocabulary strings are built or stored, so extraction allocates
 * little, a snapshot stays small, and English and Chinese share one feature space.
 *
 * Feature families (each can be switched off to build differently-biased ensemble members):
 * - word unigrams, bigrams and skip-bigrams over tokens (a token is a run of letters/digits; a run of
 *   CJK ideographs, kana or hangul is one token, since those scripts have no spaces);
 * - character n-grams inside each token padded with one space on each side (scikit-learn's `char_wb`),
 *   which gives stems and typo robustness for English and the word-like 2–5-grams that carry Chinese;
 * - character n-grams across the whole text (scikit-learn's `char`), which see short phrases;
 * - CJK character unigrams (a single ideograph is often a whole word: 买, 茶, 杯).
 */
import { normalizeText } from "../normalize-text.ts";

/** The shape of a hashed feature space; stored in snapshots so prediction matches training. */
export interface HashedFeatureOptions {
  /** log2 of the number of hash buckets (collisions are rare at 2^22 for ~10^5 distinct features). */
  hashBits: number;
  /** Word unigrams (and CJK character unigrams). */
  words: boolean;
  wordBigrams: boolean;
  /** (w_i, w_i+2) pairs: word order with one word of slack ("cancel my order" ~ "cancel the order"). */
  skipBigrams: boolean;
  /** Character n-grams inside tokens (`char_wb`); maxWordCharNgram 0 disables them. */
  minWordCharNgram: number;
  maxWordCharNgram: number;
  /** Character n-grams across the whole text (`char`); maxSpanCharNgram 0 disables them. */
  minSpanCharNgram: number;
  maxSpanCharNgram: number;
  /** Texts are cut to this many characters after normalisation, bounding the cost of any input. */
  maxTextLength: number;
}

/** Word 1–2-grams, skip-bigrams, char_wb 2–4 and char 1–5: the strongest single view on CLINC150 val. */
export const DEFAULT_HASHED_FEATURE_OPTIONS: HashedFeatureOptions = {
  hashBits: 22,
  words: true,
  wordBigrams: true,
  skipBigrams: true,
  minWordCharNgram: 2,
  maxWordCharNgram: 4,
  minSpanCharNgram: 1,
  maxSpanCharNgram: 5,
  maxTextLength: 400,
};

/** The features of one text: distinct bucket ids (ascending) with their raw counts. */
export interface HashedFeatureCounts {
  buckets: Int32Array;
  counts: Float32Array;
}

/** Randomly drops tokens while extracting: cheap data augmentation that regularises n-gram models. */
export interface TokenDropout {
  probability: number;
  random: () => number;
}

const SEED_WORD = 0x811c9dc5;
const SEED_BIGRAM = 0x01000193;
const SEED_SKIP = 0x165667b1;
const SEED_WORD_CHAR = 0x5bd1e995;
const SEED_SPAN_CHAR = 0x9e3779b1;
const SEED_CJK_CHAR = 0x27d4eb2d;
const FNV_PRIME = 16777619;

/** Murmur3 finaliser: spreads FNV's weak low bits before masking. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
/** A run of CJK characters, or a run of other letters, combining marks and digits. */
const TOKEN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[\p{L}\p{M}\p{N}]+/gu;

/** Normalises (NFKC, lower case, no control characters, capped length) and splits into tokens. */
export function tokenizeForFeatures(text: unknown, maxTextLength: number): string[] {
  const raw = typeof text === "string" ? text : text === undefined || text === null ? "" : String(text);
  return normalizeText(raw, maxTextLength).match(TOKEN) ?? [];
}

/** Hashes a text's features into buckets. Never throws; cost is linear in the capped text length. */
export function extractHashedFeatures(text: unknown, options: HashedFeatureOptions): HashedFeatureCounts {
  return hashTokens(tokenizeForFeatures(text, options.maxTextLength), options);
}

/** Hashes already-tokenised text (training tokenises once and re-hashes with fresh dropout per epoch). */
export function hashTokens(allTokens: readonly string[], options: HashedFeatureOptions, dropout?: TokenDropout): HashedFeatureCounts {
  let tokens = allTokens;
  if (dropout && dropout.probability > 0 && allTokens.length > 2) {
    const kept = allTokens.filter(() => dropout.random() >= dropout.probability);
    if (kept.length > 0) tokens = kept;
  }
  const mask = (1 << options.hashBits) - 1;
  const raw: number[] = [];
  let previous = 0;
  let beforePrevious = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] ?? "";
    const wordHash = hashString(token, SEED_WORD);
    if (options.words) raw.push(mix(wordHash) & mask);
    if (options.wordBigrams && t >= 1) raw.push(mix(mix(previous ^ SEED_BIGRAM) ^ wordHash) & mask);
    if (options.skipBigrams && t >= 2) raw.push(mix(mix(beforePrevious ^ SEED_SKIP) ^ wordHash) & mask);
    beforePrevious = previous;
    previous = wordHash;

    if (options.words && CJK_CHAR.test(token[0] ?? "")) {
      for (let i = 0; i < token.length; i++) raw.push(mix(Math.imul(SEED_CJK_CHAR ^ token.charCodeAt(i), FNV_PRIME)) & mask);
    }
    if (options.maxWordCharNgram > 0) {
      pushCharNgrams(` ${token} `, options.minWordCharNgram, options.maxWordCharNgram, SEED_WORD_CHAR, mask, raw);
    }
  }
  if (options.maxSpanCharNgram > 0 && tokens.length > 0) {
    pushCharNgrams(` ${tokens.join(" ")} `, options.minSpanCharNgram, options.maxSpanCharNgram, SEED_SPAN_CHAR, mask, raw);
  }
  return countBuckets(raw);
}

function pushCharNgrams(text: string, min: number, max: number, seed: number, mask: number, out: number[]): void {
  for (let start = 0; start < text.length; start++) {
    let h = seed;
    for (let n = 1; n <= max && start + n <= text.length; n++) {
      h = Math.imul(h ^ text.charCodeAt(start + n - 1), FNV_PRIME);
      if (n >= min) out.push(mix(h ^ n) & mask);
    }
  }
}

function countBuckets(raw: number[]): HashedFeatureCounts {
  if (raw.length === 0) return { buckets: new Int32Array(0), counts: new Float32Array(0) };
  const sorted = Int32Array.from(raw).sort();
  let distinct = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const buckets = new Int32Array(distinct);
  const counts = new Float32Array(distinct);
  let j = 0;
  buckets[0] = sorted[0] ?? 0;
  counts[0] = 1;
  for (let i = 1; i < sorted.length; i++) {
    const bucket = sorted[i] ?? 0;
    if (bucket === buckets[j]) counts[j] = (counts[j] ?? 0) + 1;
    else {
      j++;
      buckets[j] = bucket;
      counts[j] = 1;
    }
  }
  return { buckets, counts };
}

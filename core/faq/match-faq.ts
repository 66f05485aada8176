/**
 * Matches a customer's message to the owner's own answers (FAQ entries) by the words they share,
 * so "do you have gift wrapping?" finds "Do you gift wrap?" and "可以包装礼物吗" finds "提供礼品包装吗".
 * English words are Porter-stemmed with question and filler words dropped; Chinese is compared by
 * single characters and character pairs, filler characters dropped. The score is the cosine of the
 * two term sets: 1 when they share every term, 0 when they share none.
 */
import { stemWord } from "../nlu/stem-word.ts";
import { normalizeText } from "../nlu/normalize-text.ts";

export interface FaqCandidate {
  id: number;
  question: string;
  answer: string;
}

/** Below this the message is not taken to ask the entry's question. */
export const FAQ_MIN_SCORE = 0.5;

const ENGLISH_FILLER = new Set(
  ("a an the of and or for with in on at to from by my me i you your yours we our us it its is are was were be been do does did have has had "
    + "he him his she her hers they them their "
    + "can could would will shall should may might please any some there this that these those what which who whom how when where why "
    + "hi hello hey thanks thank just also really so if about tell know want like get offer provide available")
    .split(" "),
);
/** Words and characters that carry the sentence, not its subject: "do you offer", "can", "is there", "when", particles, pronouns. */
const CHINESE_FILLER_WORDS = /提供|支持|可以|能否|是否|有没有|请问|什么时候|什么|怎么|如何|几点|何时|多久/gu;
const CHINESE_FILLER = /[的了吗呢吧啊呀么是有在你我他她们这那个些请问可以能会要想就都也还和与及吧嘛哦]/gu;

/** The terms of a text: stemmed English content words, Chinese characters and character pairs. */
export function faqTerms(text: string): Set<string> {
  const normalized = normalizeText(text, 2_000);
  const terms = new Set<string>();
  for (const word of normalized.match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []) {
    const bare = word.replace(/'[a-z]+$/, "");
    if (bare.length < 2 || ENGLISH_FILLER.has(bare)) continue;
    terms.add(stemWord(bare));
  }
  for (const run of normalized.match(/[\u3400-\u9fff]+/gu) ?? []) {
    const content = run.replace(CHINESE_FILLER_WORDS, "").replace(CHINESE_FILLER, "");
    const chars = [...content];
    chars.forEach((c, i) => {
      terms.add(c);
      if (i + 1 < chars.length) terms.add(c + chars[i + 1]);
    });
  }
  return terms;
}

/** Cosine similarity of two term sets. */
function cosine(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/**
 * The ways one entry's question is put: the owner may write several ("几点营业？营业时间？"), and a
 * message asks one of them, so each is matched on its own as well as the whole.
 */
function questionVariants(question: string): string[] {
  const parts = question.split(/[?？。;；!！]+/u).map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? [question, ...parts] : [question];
}

/** The entry whose question the message asks, best first; undefined when none scores `minScore`. */
export function matchFaq<E extends FaqCandidate>(text: string, entries: readonly E[], minScore = FAQ_MIN_SCORE): { entry: E; score: number } | undefined {
  const terms = faqTerms(text);
  let best: { entry: E; score: number } | undefined;
  for (const entry of entries) {
    const score = Math.max(...questionVariants(entry.question).map((variant) => cosine(terms, faqTerms(variant))));
    if (score >= minScore && (!best || score > best.score)) best = { entry, score };
  }
  return best;
}

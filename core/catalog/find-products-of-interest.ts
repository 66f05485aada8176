/**
 * Products that fit what a customer says the person likes, from the words of a recommendation
 * request ("a present for my dad who likes writing" → the fountain pen, whose description says "as
 * you write"). Without it such a request got the shop's best sellers (tea and candles), as if the
 * customer had said nothing about the person.
 *
 * Lexical on purpose: Porter stems of the request's content words against the stems of each
 * product's name, tags, category and description. Stopwords and words about the occasion and the
 * person ("gift", "birthday", "dad", "loves") are left out, so only the interest counts. Chinese has no
 * spaces or stems: the request's words about asking, giving and the person are cut out, and the
 * character pairs left ("有没有适合泡功夫茶的东西" → 泡功, 功夫, 夫茶) are looked for in each product's
 * Chinese name, category and description.
 */
import { stemWord } from "../nlu/stem-word.ts";
import { words as ENGLISH_STOPWORDS } from "natural/lib/natural/util/stopwords.js";
import { normalizeText } from "../nlu/normalize-text.ts";

export interface InterestMatchable {
  id: number;
  name: string;
  category: string;
  tags: readonly string[];
  description: string | null;
  nameZh?: string | null;
  categoryZh?: string | null;
  descriptionZh?: string | null;
}

/**
 * Chinese words of a request that ask, give or name the person rather than what they like, longest
 * first (cut out before pairing characters, so "有没有" does not leave "有没").
 */
const CHINESE_NOT_AN_INTEREST = (
  "有没有 有什么 什么样 什么 适合 合适 东西 推荐 建议 礼物 礼品 送给 生日 节日 圣诞 新年 周年 纪念 "
  + "妈妈 爸爸 父母 老婆 老公 女朋友 男朋友 朋友 同事 老板 老师 孩子 儿子 女儿 姐姐 妹妹 哥哥 弟弟 奶奶 爷爷 外婆 外公 家人 "
  + "喜欢 爱好 热爱 一些 一个 一下 一点 可以 能够 需要 想要 看看 请问 帮我 多少 预算 以内 以下 左右 "
  + "吗 呢 吧 啊 的 了 我 你 您 她 他 们 想 买 要 找 给 送 爱 有 没 是 在 和 跟 也 都 很 最 好 个 些 点 款 哪 请 帮 用 镑 元 块 钱"
).split(" ").sort((a, b) => b.length - a.length);

/** Character pairs of what is left of a Chinese request once its asking words are cut out. */
function chinesePairs(text: string): string[] {
  let rest = text.replace(/[^\u3400-\u9fff]+/gu, " ");
  for (const word of CHINESE_NOT_AN_INTEREST) rest = rest.split(word).join(" ");
  const pairs = new Set<string>();
  for (const run of rest.split(/\s+/)) for (let i = 0; i + 2 <= run.length; i++) pairs.add(run.slice(i, i + 2));
  return [...pairs];
}

/** Words of a request that say who the gift is for and why, not what they like. */
const NOT_AN_INTEREST = new Set(
  ("gift gifts present presents something anything looking look recommend recommendation recommendations suggest suggestion suggestions idea ideas "
    + "dad daddy father mum mummy mom mommy mother wife husband partner friend friends boyfriend girlfriend sister brother son daughter aunt uncle "
    + "grandma grandmother granny grandpa grandfather colleague colleagues boss teacher neighbour neighbor someone somebody person people "
    + "like likes liked love loves loved enjoy enjoys enjoyed into fond keen really very always also who what which that this these those "
    + "birthday christmas wedding anniversary housewarming retirement graduation thank thanks special nice good great best lovely perfect "
    + "want need would could should please help find shop store buy order price cheap under over around about budget pounds dollars "
    // Who, in more words, and how old: not an interest either ("a 30 year old woman", "my kids").
    + "kid kids child children baby babies toddler teen teenager student woman women man men lady ladies guy guys girl girls boy boys "
    + "mate mates pal coworker coworkers workmate client clients customer customers host hostess couple family niece nephew cousin "
    + "grandson granddaughter fiance fiancee year years old age aged month months new "
    // Asking for what sells, not for a kind of thing: "what's popular?", "your bestseller", "top products".
    + "popular popularity bestseller bestsellers selling seller sellers sell sells sold top trending favourite favourites favorite favorites "
    + "product products item items usually usual people most get give choose choice surprise recommended suggested "
    // Greetings and courtesy around the request: "hello, I'm looking for a present for my mum".
    + "hello hiya hey greetings morning afternoon evening sorry excuse just maybe perhaps").split(" "),
);

/** With natural's English stopwords ("for", "with", "she"), which every description is full of. */
const NOT_AN_INTEREST_STEMS = new Set([...NOT_AN_INTEREST, ...ENGLISH_STOPWORDS, "lot", "lots", "bit", "little", "thing", "things", "kind", "sort"].map((w) => stemWord(w)));

function stems(text: string): Set<string> {
  const words = normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && /^[a-z]+$/.test(w));
  return new Set(words.map((w) => stemWord(w)));
}

function interestStems(text: string): string[] {
  return [...stems(text)].filter((stem) => !NOT_AN_INTEREST_STEMS.has(stem));
}

/**
 * Whether the request says what the person likes at all ("he drinks a lot of coffee"), so that when
 * no product speaks to it the answer can say so instead of passing the best sellers off as a match.
 */
export function namesAnInterest(text: string): boolean {
  return interestStems(text).length > 0 || chinesePairs(text).length > 0;
}

/**
 * Ids of the products whose text shares a content word (by stem) with the request, most shared words
 * first, then in the given order; empty when the request names no interest any product speaks to.
 */
export function findProductsOfInterest(text: string, products: readonly InterestMatchable[]): number[] {
  const wanted = interestStems(text);
  const pairs = chinesePairs(text);
  if (wanted.length === 0 && pairs.length === 0) return [];
  const scored: { id: number; hits: number; index: number }[] = [];
  products.forEach((product, index) => {
    const own = stems([product.name, product.category, ...product.tags, product.description ?? ""].join(" "));
    const ownZh = [product.nameZh, product.categoryZh, product.descriptionZh].filter(Boolean).join(" ");
    const hits = wanted.filter((stem) => own.has(stem)).length + pairs.filter((pair) => ownZh.includes(pair)).length;
    if (hits > 0) scored.push({ id: product.id, hits, index });
  });
  return scored.sort((a, b) => b.hits - a.hits || a.index - b.index).map((s) => s.id);
}

/**
 * Answers a question about one product's size, how long it lasts, colour, material, care, contents or origin, or whether
 * it is organic, handmade, vegan, recycled … (a yes/no property), from what the shop wrote about it
 * (description and tags), without a language model. Without this, "how big is it?"
 * and "does it come in another colour?" both got the same product card again, which reads as not
 * having been listened to. The answer quotes the shop's own sentence, never invents one; when the
 * description does not say, the caller says so and offers the owner.
 *
 * Deliberately narrow: a question about anything else returns null and the caller answers as before.
 */

import { stemWord } from "../nlu/stem-word.ts";
import { words as STOPWORDS } from "natural/lib/natural/util/stopwords.js";

/** What a product question can be about, as far as this module understands. */
export type ProductAspect = "duration" | "size" | "colour" | "material" | "care" | "contents" | "origin" | "property";

/** Yes/no properties a customer asks about ("is it organic?"), named the same in every language's messages. */
export type ProductProperty = "organic" | "vegan" | "glutenFree" | "handmade" | "recycled" | "fairTrade" | "ecoFriendly" | "waterproof" | "scented";

export interface ProductFacts {
  description: string | null;
  descriptionZh?: string | null;
  tags: readonly string[];
  /** The name can say a property too ("Handmade Bud Vase", "Recycled Kraft Envelopes"). */
  name?: string;
  nameZh?: string | null;
}

export interface ProductFactAnswer {
  aspect: ProductAspect;
  /** For `aspect: "property"`: which one was asked about. */
  property?: ProductProperty;
  /** The shop's sentences (or tags) that answer it; empty when the description does not say. */
  evidence: string[];
}

interface AspectRule {
  aspect: ProductAspect;
  /** The question asks about this aspect. */
  asks: RegExp;
  /** A sentence of the description that speaks to it. */
  says: RegExp;
  /** Tags that speak to it (colours, materials), quoted when no sentence does. */
  tags?: ReadonlySet<string>;
}

const COLOURS = ["black", "blue", "brown", "celadon", "cobalt", "colourful", "copper", "cream", "gold", "green", "grey", "gray", "natural", "oatmeal", "orange", "pink", "purple", "red", "silver", "white", "yellow"];
const MATERIALS = ["bamboo", "beeswax", "brass", "canvas", "ceramic", "cotton", "glass", "lambswool", "leather", "linen", "paper", "porcelain", "silk", "soy", "steel", "stoneware", "wax", "wood", "wool"];

const PLACES = [
  "britain", "british", "england", "english", "scotland", "scottish", "wales", "welsh", "ireland", "irish", "cornwall", "france", "french", "italy", "italian",
  "spain", "spanish", "portugal", "portuguese", "germany", "german", "japan", "japanese", "china", "chinese", "korea", "korean", "india", "indian", "ceylon",
  "sri lanka", "taiwan", "yunnan", "fujian", "hangzhou", "darjeeling", "assam", "kenya", "vietnam", "thailand", "turkey", "turkish", "morocco", "moroccan", "mexico", "mexican",
];

interface PropertyRule {
  property: ProductProperty;
  asks: RegExp;
  says: RegExp;
}

/**
 * Yes/no properties, asked before the aspects ("does it contain gluten?" is about gluten, not the
 * contents in general). The answer is the sentence or tag that says so, or that the shop does not say.
 */
const PROPERTIES: readonly PropertyRule[] = [
  { property: "organic", asks: /\borganic\b|有机/u, says: /\borganic\b|有机/iu },
  { property: "vegan", asks: /\b(vegan|plant[- ]based|vegetarian)\b|纯素|素食/u, says: /\b(vegan|plant[- ]based|vegetarian)\b|纯素|素食/iu },
  { property: "glutenFree", asks: /\bgluten\b|麸质/u, says: /\bgluten\b|麸质/iu },
  { property: "handmade", asks: /\bhand[- ]?(made|crafted)\b|made by hand|手工|手作|手做/u, says: /\bhand[- ]?(made|crafted|poured|stitched|thrown|painted|bound|woven|rolled|fired|picked)\b|\bby hand\b|\bpotter\b|手工|手作|手绘|拉坯/iu },
  { property: "recycled", asks: /\brecycl(ed|able)\b|回收|再生/u, says: /\brecycl(ed|able)\b|回收|再生/iu },
  { property: "fairTrade", asks: /\bfair[- ]?trade\b|公平贸易/u, says: /\bfair[- ]?trade\b|公平贸易/iu },
  { property: "ecoFriendly", asks: /\b(eco|eco[- ]friendly|sustainabl[ey]|sustainability|environment(al|ally)?[- ]friendly|biodegradable|compostable|plastic[- ]free)\b|环保|可降解|可持续/u, says: /\b(recycl(ed|able)|organic|biodegradable|compostable|plastic[- ]free|sustainabl[ey]|reus(e|able))\b|回收|再生|可降解|环保|有机|再作/iu },
  { property: "waterproof", asks: /\bwater[- ]?(proof|resistant)\b|防水/u, says: /\bwater[- ]?(proof|resistant)\b|防水/iu },
  { property: "scented", asks: /\b(scent(ed)?|smells?|fragran(ce|t)|unscented|aroma)\b|香味|气味|什么味|味道|无香/u, says: /\b(scent(ed)?|fragran(ce|t)|aroma|smell\w*|unscented|\w+ oil|essential oils?)\b|香|精油/iu },
];

const RULES: readonly AspectRule[] = [
  {
    // Before size: "how long does it burn?" is a time, "how long is it?" a length.
    aspect: "duration",
    asks: /\bhow long (does|do|will|would|can|is)\b.*\b(burn|last|keep|stay|run|good for)|\b(burn(ing)? time|how many hours|shelf life|best before|expir(y|es|ation)|(?:lasts?|burns?|keeps?) (?:the )?longest|longest[- ]lasting)\b|多久|多长时间|几个小时|能烧|能用多|保质期|有效期|最持久|最耐烧/u,
    says: /\d\s*(hours?|hrs?|days?|weeks?|months?|years?)\b|\b(burns?|lasts?|keeps?|decades|shelf life|best before)\b|\d\s*(小时|天|周|个月|年)|保质期|越陈越香/iu,
  },
  {
    aspect: "origin",
    asks: /\bwhere\b.*\b(from|made|produced|grown|sourced|come from)\b|\b(made in|origin|which country|what country|country of)\b|产地|哪里产|哪儿产|哪里生产|哪国|来自哪|哪里的|产自哪|哪里做/u,
    says: new RegExp(`\\b(from|made in|grown|sourced|produced in|origin|${PLACES.join("|")})\\b|产自|来自|产于|原产|英国|法国|日本|中国|云南|福建|杭州|锡兰|斯里兰卡|印度|康沃尔`, "iu"),
  },
  {
    aspect: "size",
    asks: /\b(how (big|large|small|tall|wide|long(?! (does|do|did|will|would|until|till|to|for|before)\b)|high|heavy|much (does|will) it hold)|(big|large) enough|enough for|sizes?|dimensions?|measurements?|capacity|volume|weigh[ts]?|bigger|smaller|larger)\b|多大|尺寸|大小|容量|多高|多长|多宽|多重|规格|够.{0,4}人|够不够|大一点|小一点/u,
    says: /\d\s*(ml|cl|l|litres?|liters?|cm|mm|m|g|kg|oz|in|inch(es)?|pages|cups)\b|\d\s*[×x]\s*\d|\bA\d\b|\d\s*(毫升|升|厘米|毫米|克|千克|页|杯)/iu,
  },
  {
    aspect: "colour",
    // "Does it come in blue?", "can I get it in red?", "有蓝色的吗": the colour it comes in.
    asks: new RegExp(`\\b(colou?rs?|shades?|what colou?r)\\b|\\b(?:it|one|them|this|that|come|comes|available) in (?:${COLOURS.join("|")})\\b|颜色|什么色|几种色|有[红橙黄绿青蓝紫白黑灰棕]色的`, "u"),
    says: new RegExp(`\\b(${COLOURS.join("|")})\\b|[红橙黄绿青蓝紫白黑灰棕金银]色|青瓷|釉`, "iu"),
    tags: new Set(COLOURS),
  },
  {
    aspect: "material",
    asks: /\b(made (of|from|out of)|materials?|what is it made)\b|材质|材料|什么做的|什么材|用什么做/u,
    says: new RegExp(`\\b(${MATERIALS.join("|")})\\b|瓷|陶|亚麻|棉|帆布|皮|黄铜|羊毛|竹|蜡`, "iu"),
    tags: new Set(MATERIALS),
  },
  {
    aspect: "care",
    asks: /\b(dishwasher|microwave|oven|wash(able|ing)?|clean(ing)?|care for|look after)\b|洗碗机|微波炉|清洗|怎么洗|能洗|保养/u,
    says: /\b(dishwasher|microwave|oven|wash(ed|able)?|hand[- ]wash|wipe|clean)\b|洗碗机|微波炉|洗|擦/iu,
  },
  {
    aspect: "contents",
    asks: /\b(caffeine|ingredients?|what'?s in (it|the box)|how many (bags|cups|pieces|cards|rolls)|contains?)\b|咖啡因|成分|配料|几包|几片|几只|几卷/u,
    says: /\b(caffeine|ingredients?|bags?|cups?|pieces|rolls|cards|set of|contains?)\b|\d+\s*(bags|cups|pieces|rolls)|咖啡因|包|杯|只|卷|条/iu,
  },
];

/** The description's sentences (English and Chinese punctuation). */
function sentencesOf(text: string): string[] {
  return text
    // A full stop ends a sentence before a space or the end only: "7.5 × 15 cm" is one number.
    .split(/(?<=[.!?;])\s+|(?<=[。！？；])\s*/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Which aspect the question asks about and the shop's sentences that answer it (in the customer's
 * language when the shop wrote one); null when the question is about none of them.
 */
export function answerFromProductFacts(question: string, product: ProductFacts, locale: "en" | "zh" = "en"): ProductFactAnswer | null {
  const asked = question.toLowerCase();
  const description = (locale === "zh" && product.descriptionZh ? product.descriptionZh : product.description) ?? "";
  const property = PROPERTIES.find((r) => r.asks.test(asked));
  if (property) {
    const evidence = sentencesOf(description).filter((s) => property.says.test(s));
    const name = locale === "zh" && product.nameZh ? product.nameZh : product.name;
    if (evidence.length === 0 && name && property.says.test(name)) evidence.push(name);
    if (evidence.length === 0) evidence.push(...product.tags.filter((t) => property.says.test(t)));
    return { aspect: "property", property: property.property, evidence };
  }
  const rule = RULES.find((r) => r.asks.test(asked));
  if (!rule) return null;
  const evidence = sentencesOf(description).filter((s) => rule.says.test(s));
  if (evidence.length === 0 && rule.tags) {
    const tags = product.tags.filter((t) => rule.tags!.has(t.toLowerCase()));
    if (tags.length > 0) evidence.push(tags.join(", "));
  }
  return { aspect: rule.aspect, evidence };
}

/**
 * The question with its fact words taken out ("是手工的吗" → "是的吗", "how many cups does it make" →
 * "does it make"), for finding which product it names: "handmade" asked about the tea just shown
 * must not name the Handmade Bud Vase, nor "how many cups" the tea cups.
 */
export function withoutFactWords(question: string): string {
  let rest = question.toLowerCase();
  // Not the origin question's words: "where is the pu-erh from" spans the product's name.
  for (const { asks } of [...PROPERTIES, ...RULES.filter((r) => r.aspect !== "origin")]) rest = rest.replace(new RegExp(asks.source, "gu"), " ");
  return rest;
}

/** Whether the question asks something this module answers (an aspect or a yes/no property). */
export function asksAboutProductFacts(question: string): boolean {
  const asked = question.toLowerCase();
  return PROPERTIES.some((r) => r.asks.test(asked)) || RULES.some((r) => r.asks.test(asked));
}

/** A question rather than a request: "does it …?", "is the … good for …?", "can I …", a question mark. */
const OPEN_QUESTION = /\?\s*$|^(?:is|are|does|do|can|could|will|would|has|have|how|what|which|why|where|when)\b/u;
/**
 * Words that say nothing the description could answer: asking, shopping and judging words ("is it
 * good?", "how much is it?", "can I buy it?") get the card, as before.
 */
const GENERIC = new Set(("good nice great worth best better price prices cost costs much many stock available availability buy order get want "
  + "like love recommend tell show know about please thanks think really ok okay one ones thing things product item still left "
  + "come comes came make makes made use used well right sure pretty lovely").split(" "));
const IGNORED = new Set([...STOPWORDS, ...GENERIC]);

/** The content words of a text, by Porter stem: three letters or more, not stopwords or generic words. */
function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? []) {
    if (!IGNORED.has(word)) stems.add(stemWord(word));
  }
  return stems;
}

/**
 * Any other English question about one product ("is the pu-erh good for digestion?", "does the
 * notebook have lined pages?"): the description's sentences sharing a content word with it (the
 * product's own name, category and tag words aside), or no evidence when none does, so the caller
 * says the description does not say and offers the owner. Null when the text is not a question or
 * asks nothing beyond naming the product ("what is the pu-erh?", "is it good?"): the card answers it.
 */
export function answerOpenQuestion(question: string, product: ProductFacts & { category?: string; categoryZh?: string | null }): { evidence: string[] } | null {
  const asked = question.trim().toLowerCase();
  if (/[\u3400-\u9fff]/u.test(asked)) return answerOpenQuestionZh(asked, product);
  if (!OPEN_QUESTION.test(asked)) return null;
  const own = contentStems([product.name ?? "", product.category ?? "", ...product.tags].join(" "));
  const wanted = [...contentStems(asked)].filter((stem) => !own.has(stem));
  if (wanted.length === 0) return null;
  const evidence = sentencesOf(product.description ?? "").filter((sentence) => {
    const stems = contentStems(sentence);
    return wanted.some((stem) => stems.has(stem));
  });
  return { evidence };
}

/** A Chinese question: a question particle at the end, or a question word. */
const OPEN_QUESTION_ZH = /[吗呢？?]\s*$|什么|怎么|怎样|是否|能不能|可不可以|有没有|会不会|是不是/u;
/** Characters that ask, point or join rather than say what is asked about. */
const ZH_FUNCTION_CHARS = /[的了吗呢吧啊呀么嘛是不没有这那个它他她我你您们请问一下可以能会要对和与跟用把被就都也还很太最更多少什怎样么为给在从到哪些该种款些]/gu;
/** Judging and shopping words ("好喝吗", "多少钱", "值得买吗"): the card answers them. */
const ZH_GENERIC = /好喝|好用|好看|好吃|值得|价格|价钱|便宜|贵|库存|推荐|购买|下单|买/gu;

/**
 * The Chinese counterpart of {@link answerOpenQuestion} ("普洱茶对消化好吗？"): the character pairs of
 * the question once judging words and function characters are taken out, less the pairs of the
 * product's own name and category, looked for in the description's sentences (the Chinese one when
 * the shop wrote one: Chinese pairs are not found in English text).
 */
function answerOpenQuestionZh(asked: string, product: ProductFacts & { categoryZh?: string | null }): { evidence: string[] } | null {
  if (!OPEN_QUESTION_ZH.test(asked)) return null;
  // Pairs of the product's own name or category ("笔记" of 笔记本) name it, they do not ask about it.
  const own = `${product.nameZh ?? ""} ${product.categoryZh ?? ""}`;
  const runs = asked.replace(ZH_GENERIC, " ").replace(ZH_FUNCTION_CHARS, " ").split(/[^\u3400-\u9fff]+/u).filter((run) => run.length >= 2);
  const pairs = new Set(runs.flatMap((run) => [...run].slice(0, -1).map((c, i) => c + run[i + 1]!)).filter((pair) => !own.includes(pair)));
  if (pairs.size === 0) return null;
  return { evidence: sentencesOf(product.descriptionZh ?? product.description ?? "").filter((sentence) => [...pairs].some((pair) => sentence.includes(pair))) };
}

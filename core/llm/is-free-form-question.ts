/**
 * Decides whether a product question is worth a model call. A bare ask ("do you have the lavender
 * candle?", "how much is the blue mug", "青瓷茶壶多少钱") is fully answered by the product card, so
 * it never goes to the model. What is left once the product's own words and the usual asking,
 * price and stock words are removed is the real question ("dishwasher safe", "适合送礼"): two or
 * more English words of three letters or more, or two or more Chinese characters, make it free-form.
 */
import type { Product } from "../../prisma/generated/client.ts";
import { normalizeText } from "../nlu/normalize-text.ts";

const FILLER_WORDS = new Set(
  ("a an the this that these those it its one ones is are was be do does did you your yours have has got any "
    + "i me my we us our please pls can could would will may might tell show see about give want wanted like "
    + "what which how much many price prices cost costs costing priced pricing stock stocked available availability "
    + "in on of for to and or with there here still left hi hello hey thanks thank okay ok sell selling buy get "
    + "more info information details detail product item them they yes no")
    .split(" "),
);
const FILLER_CHINESE = /多少钱|多少|价格|价钱|价位|几块|有没有|有货|还有|库存|请问|你好|您好|这个|那个|这款|那款|一下|看看|介绍|我想|我要|想要|可以|吗|呢|吧|啊|的|了|是|有|个|款|什么|怎么样|如何/g;
const MIN_LATIN_WORDS = 2;
const MIN_CHINESE_CHARS = 2;

export function isFreeFormProductQuestion(text: string, product: Pick<Product, "name" | "nameZh" | "sku" | "tags" | "category">): boolean {
  let rest = normalizeText(text);
  const nameWords = new Set(
    [product.name, product.sku, product.category, ...product.tags].join(" ").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean),
  );
  // Chinese names are removed character by character: customers shorten them ("茶壶" for "青瓷茶壶").
  const nameChars = new Set([...(product.nameZh ?? "")].filter((c) => /\p{Script=Han}/u.test(c)));
  rest = [...rest.replace(FILLER_CHINESE, " ")].map((c) => (nameChars.has(c) ? " " : c)).join("");
  const latin = rest.toLowerCase().split(/[^a-z']+/).map((w) => w.replace(/'s$|'/g, "")).filter((w) => w.length >= 3 && !FILLER_WORDS.has(w) && !nameWords.has(w) && !nameWords.has(w.replace(/s$/, "")));
  const chinese = [...rest].filter((c) => /\p{Script=Han}/u.test(c));
  return latin.length >= MIN_LATIN_WORDS || chinese.length >= MIN_CHINESE_CHARS;
}

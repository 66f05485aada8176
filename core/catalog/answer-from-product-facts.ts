/**
 * Answers a question about one product's size, colour, material, care or contents from what the shop
 * wrote about it (description and tags), without a language model. Without this, "how big is it?"
 * and "does it come in another colour?" both got the same product card again, which reads as not
 * having been listened to. The answer quotes the shop's own sentence, never invents one; when the
 * description does not say, the caller says so and offers the owner.
 *
 * Deliberately narrow: a question about anything else returns null and the caller answers as before.
 */

/** What a product question can be about, as far as this module understands. */
export type ProductAspect = "size" | "colour" | "material" | "care" | "contents";

export interface ProductFacts {
  description: string | null;
  descriptionZh?: string | null;
  tags: readonly string[];
}

export interface ProductFactAnswer {
  aspect: ProductAspect;
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

const RULES: readonly AspectRule[] = [
  {
    aspect: "size",
    asks: /\b(how (big|large|small|tall|wide|long|high|heavy|much (does|will) it hold)|sizes?|dimensions?|measurements?|capacity|volume|weigh[ts]?)\b|多大|尺寸|大小|容量|多高|多长|多宽|多重|规格/u,
    says: /\d\s*(ml|cl|l|litres?|liters?|cm|mm|m|g|kg|oz|in|inch(es)?|pages|cups)\b|\d\s*[×x]\s*\d|\bA\d\b|\d\s*(毫升|升|厘米|毫米|克|千克|页|杯)/iu,
  },
  {
    aspect: "colour",
    asks: /\b(colou?rs?|shades?|what colou?r)\b|颜色|什么色|几种色/u,
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
    .split(/(?<=[.!?。！？；;])\s*/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Which aspect the question asks about and the shop's sentences that answer it (in the customer's
 * language when the shop wrote one); null when the question is about none of them.
 */
export function answerFromProductFacts(question: string, product: ProductFacts, locale: "en" | "zh" = "en"): ProductFactAnswer | null {
  const asked = question.toLowerCase();
  const rule = RULES.find((r) => r.asks.test(asked));
  if (!rule) return null;
  const description = (locale === "zh" && product.descriptionZh ? product.descriptionZh : product.description) ?? "";
  const evidence = sentencesOf(description).filter((s) => rule.says.test(s));
  if (evidence.length === 0 && rule.tags) {
    const tags = product.tags.filter((t) => rule.tags!.has(t.toLowerCase()));
    if (tags.length > 0) evidence.push(tags.join(", "));
  }
  return { aspect: rule.aspect, evidence };
}

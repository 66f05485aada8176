/**
 * A small, generated bilingual intent set for engine tests: a few templates × products, so tests can
 * train in well under a second and still check that the engine generalises to unseen combinations.
 */
import type { TrainingExample } from "../../core/nlu/types.ts";

const PRODUCTS = ["lavender candle", "blue teapot", "jasmine tea", "linen bag", "notebook", "ceramic mug"];
const PRODUCTS_ZH = ["薰衣草蜡烛", "蓝色茶壶", "茉莉花茶", "亚麻包", "笔记本", "陶瓷杯"];
const QUANTITIES = ["2", "two", "a couple of", "3x", "one"];

const TEMPLATES: Record<string, { en: string[]; zh: string[] }> = {
  buy: {
    en: ["i want to buy {q} {p}", "order {q} {p} please", "i'll take {q} {p}", "can i purchase the {p}", "add {q} {p} to my basket"],
    zh: ["我要买{p}", "帮我下单{p}", "给我来两个{p}", "我想订{p}"],
  },
  track: {
    en: ["where is my order {n}", "has order {n} shipped yet", "track my parcel {n}", "when will order {n} arrive", "status of order {n} please"],
    zh: ["订单{n}到哪了", "我的订单{n}发货了吗", "查一下订单{n}的物流", "订单{n}什么时候到"],
  },
  price: {
    en: ["how much is the {p}", "what does the {p} cost", "price of the {p}?", "is the {p} expensive", "tell me the price for {p}"],
    zh: ["{p}多少钱", "{p}什么价格", "{p}贵吗", "问一下{p}的价格"],
  },
};

const GREETINGS = { en: ["hello", "hi there", "good morning", "hey", "hello, anyone here?"], zh: ["你好", "您好", "早上好", "在吗"] };
const OUT_OF_SCOPE = ["what's the weather tomorrow", "tell me a joke", "who won the football", "what is 12 times 9", "明天天气怎么样", "讲个笑话", "谁赢了比赛"];

/** Deterministic: the same call always returns the same examples, in the same order. */
export function buildSyntheticIntents(): { train: TrainingExample[]; heldOut: TrainingExample[] } {
  const train: TrainingExample[] = [];
  const heldOut: TrainingExample[] = [];
  for (const [intent, { en, zh }] of Object.entries(TEMPLATES)) {
    en.forEach((template, t) =>
      PRODUCTS.forEach((product, p) => {
        const text = template.replace("{p}", product).replace("{q}", QUANTITIES[(t + p) % QUANTITIES.length] ?? "2").replace("{n}", `${10 + p * 7}`);
        // Products 4 and 5 never appear with templates 3 and 4 in training: held out.
        (p >= 4 && t >= 3 ? heldOut : train).push({ text, intent });
      }),
    );
    zh.forEach((template, t) =>
      PRODUCTS_ZH.forEach((product, p) => {
        const text = template.replace("{p}", product).replace("{n}", `${20 + p * 3}`);
        (p >= 4 && t >= 2 ? heldOut : train).push({ text, intent });
      }),
    );
  }
  for (const text of [...GREETINGS.en, ...GREETINGS.zh]) train.push({ text, intent: "greeting" });
  for (const text of OUT_OF_SCOPE) train.push({ text, intent: "oos" });
  return { train, heldOut };
}

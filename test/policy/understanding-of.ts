/**
 * Builds the reading of a phrase the way a turn does (understandMessage), with a small catalog written
 * here and a prediction given by hand: no database, no classifier. The rules' tests are tables of
 * phrases over it.
 */
import type { Product } from "../../prisma/generated/client.ts";
import type { TDialogueState } from "../../core/conversation/dialogue-state.ts";
import { understandMessage, type MessageFacts } from "../../core/conversation/understand/read-message.ts";
import type { Understanding } from "../../core/conversation/understand/understanding.ts";
import { extractEntities } from "../../core/nlu/extract-entities.ts";
import type { IntentPrediction } from "../../core/nlu/types.ts";

const AT = new Date("2026-12-01T10:00:00Z");

function product(id: number, sku: string, name: string, nameZh: string, category: string, categoryZh: string, tags: string[], priceMinor: number, stock: number, description = ""): Product {
  return {
    id, sku, name, nameZh, description, descriptionZh: null, category, categoryZh, tags, priceMinor, currency: "GBP", stock,
    lowStockThreshold: 5, consumable: false, imageUrl: null, active: true, createdAt: AT, updatedAt: AT,
    leadDays: null, minOrder: null, planForecast: null, planPace: null, planReorderPoint: null, planOrderUpTo: null, plannedAt: null, reorderAlertedAt: null,
  };
}

/** A shop of seven products in three categories, with Chinese names. */
export const CATALOG: readonly Product[] = [
  product(1, "CAN-LAV", "Lavender Candle", "薰衣草蜡烛", "Candles", "蜡烛", ["lavender", "soy"], 1800, 10, "A soy candle. Burns for 40 hours."),
  product(2, "CAN-SAN", "Sandalwood Candle", "檀香蜡烛", "Candles", "蜡烛", ["sandalwood"], 2200, 0, "Burns for 50 hours."),
  product(3, "TEA-JAS", "Jasmine Green Tea", "茉莉绿茶", "Tea", "茶", ["green", "jasmine"], 900, 20),
  product(4, "TEA-LJ", "Dragon Well Tea", "西湖龙井", "Tea", "茶", ["green"], 1500, 8),
  product(5, "POT-CEL", "Celadon Teapot", "青瓷茶壶", "Teaware", "茶具", ["ceramic", "green"], 4500, 3),
  product(6, "MUG-BLU", "Blue Speckled Mug", "蓝色斑点马克杯", "Teaware", "茶具", ["blue", "ceramic"], 1200, 12),
  product(7, "ENV-KRA", "Kraft Envelopes", "牛皮纸信封", "Stationery", "文具", ["paper"], 400, 0),
];

const CATEGORIES = [
  { category: "Candles", categoryZh: "蜡烛" },
  { category: "Stationery", categoryZh: "文具" },
  { category: "Tea", categoryZh: "茶" },
  { category: "Teaware", categoryZh: "茶具" },
];

/** An empty dialogue state, with the fields given. */
export function stateOf(fields: Partial<TDialogueState> = {}): TDialogueState {
  return { cart: [], shownProductIds: [], listedProductIds: [], ...fields };
}

/** What the classifier would have said: `intent` at `confidence`, then `second` (so a clarification has two). */
export function predicted(intent: string, confidence = 0.9, second = intent === "greeting" ? "goodbye" : "greeting"): IntentPrediction {
  return { intent, confidence, ranking: [{ intent, confidence }, { intent: second, confidence: Math.max(0, 1 - confidence - 0.05) }] };
}

export interface PhraseOptions extends Partial<Omit<MessageFacts, "state">> {
  state?: TDialogueState;
}

/** The understanding of `text` in `state`, as the turn would read it, with the classifier's part given. */
export function understandingOf(text: string, options: PhraseOptions = {}): Understanding {
  const { state = stateOf(), ...facts } = options;
  return understandMessage(text, {
    prediction: predicted("greeting", 0.9),
    entities: extractEntities(text, { defaultCountry: "GB" }),
    catalog: CATALOG,
    categories: CATEGORIES,
    knowsAWord: true,
    lowConfidence: 0.5,
    canAskModel: false,
    ...facts,
    state,
  });
}

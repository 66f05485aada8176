/**
 * What the customer assistant asks of the optional model, built from the {@link LlmClient} port.
 * `bot/` creates it only when a model is configured; without it the assistant uses its local
 * classifier and product cards alone.
 */
import type { Product } from "../../prisma/generated/client.ts";
import type { TInterpretation } from "../../prompts/llm/interpret-message.ts";
import type { Db } from "../db.ts";
import type { TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import type { Logger } from "../ports.ts";
import { answerProductQuestionWithLlm } from "./answer-product-question-with-llm.ts";
import { interpretWithLlm } from "./interpret-with-llm.ts";
import { isFreeFormProductQuestion } from "./is-free-form-question.ts";
import { MAX_LLM_TIMEOUT_MS, type LlmClient } from "./llm-port.ts";

export type { TInterpretation };

export interface LlmAssistant {
  /**
   * The time one customer turn may spend waiting for the model, started now (the configured
   * timeout, at most 8 s). A turn can ask twice (read the message, then answer about the product it
   * named); passing the same budget to both keeps the customer's wait at one timeout, not two.
   */
  startTurnBudget(): AbortSignal;
  /**
   * The model's reading of a message the classifier could not place, or `null`. Only `text` is
   * sent, with the intent list and the public catalog.
   */
  interpret(options: { text: string; intents: readonly string[]; budget?: AbortSignal }): Promise<TInterpretation | null>;
  /** An answer to a free-form question about `product`, or `null` (also for bare name/price asks, which the card answers). */
  answerProductQuestion(options: { question: string; product: Product; locale: TLocale; budget?: AbortSignal }): Promise<string | null>;
}

/** Most products listed in the interpretation prompt (a one-person shop has far fewer). */
const MAX_CATALOG_ROWS = 300;

export function createLlmAssistant(deps: {
  llm: LlmClient;
  db: Db;
  logger: Logger;
  /** Capped at 8 s. */
  timeoutMs?: number;
  /** One line per intent name (from the comment atop `prompts/intents/customer/<intent>.txt`). */
  intentDescriptions?: Readonly<Record<string, string>>;
}): LlmAssistant {
  const { llm, db, logger } = deps;
  const timeoutMs = Math.min(deps.timeoutMs ?? MAX_LLM_TIMEOUT_MS, MAX_LLM_TIMEOUT_MS);
  const call = { llm, logger, timeoutMs };
  const withBudget = (budget: AbortSignal | undefined) => (budget ? { ...call, budget } : call);
  return {
    startTurnBudget: () => AbortSignal.timeout(timeoutMs),
    async interpret({ text, intents, budget }) {
      const products = await db.product.findMany({ where: { active: true }, select: { sku: true, name: true, priceMinor: true, currency: true }, orderBy: { id: "asc" }, take: MAX_CATALOG_ROWS });
      return interpretWithLlm(withBudget(budget), {
        text,
        intents: intents.filter((name) => name !== "oos").map((name) => ({ name, description: deps.intentDescriptions?.[name] ?? name.replace(/_/g, " ") })),
        catalog: products.map((p) => ({ sku: p.sku, name: p.name, price: formatMoney(p.priceMinor, p.currency) })),
      });
    },
    async answerProductQuestion({ question, product, locale, budget }) {
      if (!isFreeFormProductQuestion(question, product)) return null;
      return answerProductQuestionWithLlm(withBudget(budget), { question, product, locale });
    },
  };
}

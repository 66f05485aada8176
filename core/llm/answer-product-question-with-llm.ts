/**
 * Answers a free-form question about one known product from that product's public fields. The
 * caller shows the answer with the product card, and the plain card when this returns `null`.
 */
import type { Product } from "../../prisma/generated/client.ts";
import { createProductAnswerSchema, renderAnswerProductQuestionPrompt } from "../../prompts/llm/answer-product-question.ts";
import type { TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import type { Logger } from "../ports.ts";
import { askLlm } from "./ask-llm.ts";
import type { LlmClient } from "./llm-port.ts";

export interface AnswerProductQuestionWithLlmOptions {
  question: string;
  product: Product;
  locale: TLocale;
}

const MAX_QUESTION_CHARS = 1_000;

/** The answer text (≤ 600 characters, about this product, in the customer's language, no links); `null` on any failure. */
export async function answerProductQuestionWithLlm(deps: { llm: LlmClient; logger: Logger; timeoutMs: number; budget?: AbortSignal }, options: AnswerProductQuestionWithLlmOptions): Promise<string | null> {
  const { product, locale } = options;
  const prompt = renderAnswerProductQuestionPrompt({
    question: options.question.slice(0, MAX_QUESTION_CHARS),
    language: locale,
    product: {
      sku: product.sku,
      name: product.name,
      nameZh: product.nameZh,
      category: product.category,
      tags: product.tags,
      description: product.description,
      descriptionZh: product.descriptionZh,
      price: formatMoney(product.priceMinor, product.currency),
      inStock: product.stock > 0,
    },
  });
  const answer = await askLlm({
    ...deps,
    schemaName: "answer_product_question",
    ...prompt,
    schema: createProductAnswerSchema({ sku: product.sku, language: locale, imageUrl: product.imageUrl }),
  });
  return answer?.answer ?? null;
}

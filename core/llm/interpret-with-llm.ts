/**
 * Asks the model what a message the local classifier could not place means. The caller feeds the
 * answer into the same router as a local prediction, so the model can only choose a route, never
 * act: it is given no customer or order data and no tools.
 */
import { createInterpretationSchema, renderInterpretMessagePrompt, type TInterpretation } from "../../prompts/llm/interpret-message.ts";
import type { Logger } from "../ports.ts";
import { askLlm } from "./ask-llm.ts";
import type { LlmClient } from "./llm-port.ts";

export interface InterpretWithLlmOptions {
  /** The customer's message, and nothing else about them. */
  text: string;
  intents: readonly { name: string; description: string }[];
  /** The public catalog: active products only. */
  catalog: readonly { sku: string; name: string; price: string }[];
}

/** Longest message sent to the model; the classifier already cut it at 4,000. */
const MAX_MESSAGE_CHARS = 1_000;

/** The model's reading of the message, validated against the intents and SKUs offered; `null` on any failure. */
export async function interpretWithLlm(deps: { llm: LlmClient; logger: Logger; timeoutMs: number; budget?: AbortSignal }, options: InterpretWithLlmOptions): Promise<TInterpretation | null> {
  const prompt = renderInterpretMessagePrompt({ message: options.text.slice(0, MAX_MESSAGE_CHARS), intents: options.intents, catalog: options.catalog });
  return askLlm({
    ...deps,
    schemaName: "interpret_message",
    ...prompt,
    schema: createInterpretationSchema({ intents: options.intents.map((i) => i.name), skus: options.catalog.map((p) => p.sku) }),
  });
}

/**
 * One guarded model call: a hard timeout, JSON parsing, zod validation, and `null` with a warning
 * for every way it can go wrong. Warnings carry the prompt's name, the cause and sizes, never the
 * customer's words or the model's answer.
 */
import type { z } from "zod";
import type { Logger } from "../ports.ts";
import { LlmError, MAX_LLM_TIMEOUT_MS, type LlmClient } from "./llm-port.ts";

export interface AskLlmOptions<T extends z.ZodType> {
  llm: LlmClient;
  logger: Logger;
  /** Capped at {@link MAX_LLM_TIMEOUT_MS}. */
  timeoutMs: number;
  schemaName: string;
  system: string;
  user: string;
  schema: T;
  /**
   * The turn's budget: aborted when the customer has waited long enough for the model in this turn,
   * however many calls the turn makes. This call ends at the sooner of it and `timeoutMs`.
   */
  budget?: AbortSignal;
}

/** The JSON object in a model's text: tolerates code fences and chatter around it. */
export function extractJson(text: string): unknown {
  const trimmed = text.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "");
  try {
    return JSON.parse(trimmed);
  } catch {
    const start = trimmed.indexOf("{");
    const end = trimmed.lastIndexOf("}");
    if (start < 0 || end <= start) throw new SyntaxError("no JSON object in the answer");
    return JSON.parse(trimmed.slice(start, end + 1));
  }
}

/** The validated answer, or `null` (timeout, transport error, not JSON, wrong shape). Never throws. */
export async function askLlm<T extends z.ZodType>(options: AskLlmOptions<T>): Promise<z.output<T> | null> {
  const { logger, schemaName } = options;
  const timeoutMs = Math.max(1, Math.min(options.timeoutMs, MAX_LLM_TIMEOUT_MS));
  const started = Date.now();
  const fail = (reason: string, extra: Record<string, unknown> = {}) => {
    logger.warn("llm answer not used; falling back", { prompt: schemaName, reason, ms: Date.now() - started, ...extra });
    return null;
  };
  if (options.budget?.aborted) return fail("timeout", { budget: "spent" });
  const ownTimeout = AbortSignal.timeout(timeoutMs);
  const signal = options.budget ? AbortSignal.any([ownTimeout, options.budget]) : ownTimeout;
  let text: string;
  try {
    // The race keeps the promise honest even if a client ignores the signal.
    text = await Promise.race([
      options.llm.complete({ system: options.system, user: options.user, schemaName, signal }),
      new Promise<never>((_, reject) => {
        const abort = () => reject(new LlmError("timeout", `no answer within ${timeoutMs} ms`));
        if (signal.aborted) abort();
        else signal.addEventListener("abort", abort, { once: true });
      }),
    ]);
  } catch (error) {
    if (error instanceof LlmError) return fail(error.kind, error.status !== undefined ? { status: error.status } : {});
    return fail(signal.aborted ? "timeout" : "error", { error: error instanceof Error ? error.name : typeof error });
  }
  let json: unknown;
  try {
    json = extractJson(text);
  } catch {
    return fail("invalid_json", { chars: text.length });
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) return fail("schema", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 5) });
  return parsed.data;
}

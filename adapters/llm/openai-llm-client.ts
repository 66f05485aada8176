/**
 * {@link LlmClient} over the official `openai` package: OpenAI itself or any server speaking its
 * chat-completions wire format (Ollama, vLLM, LM Studio, OpenRouter…) through `baseURL`. JSON mode
 * is requested, but servers that ignore it are fine: `core/llm/` validates every answer with zod.
 * Failures are translated into {@link LlmError} by cause; no retries, since the caller has a
 * local answer ready and a customer waiting.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { LlmError, MAX_LLM_TIMEOUT_MS, type LlmClient } from "../../core/llm/llm-port.ts";

export interface OpenAiLlmClientOptions {
  apiKey: string;
  /** e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`. */
  baseURL: string;
  model: string;
  /** Per request, capped at 8 s; the caller's signal may end it sooner. */
  timeoutMs: number;
  /** Test seam for the HTTP client; the default is the global fetch. */
  fetch?: typeof fetch;
}

export function createOpenAiLlmClient(options: OpenAiLlmClientOptions): LlmClient {
  const timeout = Math.min(options.timeoutMs, MAX_LLM_TIMEOUT_MS);
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout, maxRetries: 0, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return {
    async complete({ system, user, schemaName, signal }) {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: [{ role: "system", content: system }, { role: "user", content: user }],
            response_format: { type: "json_object" },
            temperature: 0,
          },
          { signal, timeout },
        );
      } catch (error) {
        throw translateError(error, schemaName);
      }
      const content = completion.choices?.[0]?.message?.content;
      if (typeof content !== "string" || content.trim() === "") throw new LlmError("empty", `${schemaName}: the model returned no content`);
      return content;
    },
  };
}

function translateError(error: unknown, schemaName: string): LlmError {
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) return new LlmError("timeout", `${schemaName}: timed out`, { cause: error });
  if (error instanceof APIConnectionError) return new LlmError("network", `${schemaName}: could not reach the model server`, { cause: error });
  if (error instanceof APIError) return new LlmError("http", `${schemaName}: the model server answered ${error.status ?? "an error"}`, { cause: error, ...(error.status !== undefined ? { status: error.status } : {}) });
  if (error instanceof Error && error.name === "AbortError") return new LlmError("timeout", `${schemaName}: timed out`, { cause: error });
  return new LlmError("network", `${schemaName}: ${error instanceof Error ? error.name : "unknown error"}`, { cause: error });
}

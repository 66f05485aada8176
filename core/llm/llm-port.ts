/**
 * The port to an optional language model. `core/` talks to it only through {@link LlmClient};
 * `adapters/llm/` implements it with the `openai` package, so any OpenAI-compatible server works.
 * Everything the assistant does must also work without one: every use-case in `core/llm/` returns
 * `null` on any failure and the caller keeps its local answer.
 */

/** One prompt, one JSON answer. */
export interface LlmRequest {
  system: string;
  user: string;
  /** Which prompt this is (`interpret_message`, …): for logs and error messages, never sent as data. */
  schemaName: string;
  /** Aborts the call; the use-cases pass `AbortSignal.timeout(…)`. */
  signal: AbortSignal;
}

export interface LlmClient {
  /** Resolves with the model's raw text (JSON is asked for, not trusted); rejects on any failure. */
  complete(request: LlmRequest): Promise<string>;
}

/** Why a call failed, by cause: the caller logs it and falls back the same way for each. */
export type LlmErrorKind = "timeout" | "http" | "network" | "empty";

/** What an {@link LlmClient} throws, so `core/` can log the cause without knowing the transport. */
export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  /** The HTTP status when the server answered with an error. */
  readonly status: number | undefined;

  constructor(kind: LlmErrorKind, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "LlmError";
    this.kind = kind;
    this.status = options.status;
  }
}

/** The longest any model call may take, whatever is configured. */
export const MAX_LLM_TIMEOUT_MS = 8_000;

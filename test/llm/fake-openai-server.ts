/**
 * A local OpenAI-compatible server for tests: a real node:http server on 127.0.0.1 speaking the
 * chat-completions wire format (`POST /v1/chat/completions`, JSON in, a `chat.completion` object
 * out), so the real `openai` client runs against it through `OPENAI_BASE_URL`. It records every
 * request body and answers with whatever the current script says: content, an HTTP error, or a
 * delay longer than the client's timeout.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedChatRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; response_format?: { type: string }; [key: string]: unknown };
  /** The body exactly as sent, for "never contains" assertions. */
  raw: string;
}

/** One scripted answer: `content` becomes the assistant message; `status` ≠ 200 sends an OpenAI-style error. */
export interface ChatScript {
  content?: string;
  status?: number;
  delayMs?: number;
}

export interface FakeOpenAiServer {
  /** Base URL to set as OPENAI_BASE_URL (ends in `/v1`). */
  url: string;
  requests: RecordedChatRequest[];
  /** Answers every following request with `script` (or the function's result for that request). */
  answer(script: ChatScript | ((request: RecordedChatRequest) => ChatScript)): void;
  /** Answers with `value` serialised as the assistant's JSON content. */
  answerJson(value: unknown): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(): Promise<FakeOpenAiServer> {
  const requests: RecordedChatRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let script: ChatScript | ((request: RecordedChatRequest) => ChatScript) = { status: 503 };
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const send = (status: number, payload: unknown) => {
        if (res.destroyed) return;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        send(404, { error: { message: `Unknown request URL: ${req.method} ${req.url}`, type: "invalid_request_error", code: "unknown_url" } });
        return;
      }
      let body: RecordedChatRequest["body"];
      try {
        body = JSON.parse(raw) as RecordedChatRequest["body"];
      } catch {
        send(400, { error: { message: "We could not parse the JSON body of your request.", type: "invalid_request_error" } });
        return;
      }
      const recorded: RecordedChatRequest = { path: req.url, authorization: req.headers.authorization, body, raw };
      requests.push(recorded);
      const step = typeof script === "function" ? script(recorded) : script;
      const respond = () => {
        if ((step.status ?? 200) !== 200) {
          send(step.status!, { error: { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null } });
          return;
        }
        const content = step.content ?? "";
        send(200, {
          id: `chatcmpl-fake${++counter}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
          usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((raw.length + content.length) / 4) },
        });
      };
      if (step.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          respond();
        }, step.delayMs);
        timers.add(timer);
      } else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    answer: (next) => void (script = next),
    answerJson: (value) => void (script = { content: JSON.stringify(value) }),
    reset() {
      requests.length = 0;
      script = { status: 503 };
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

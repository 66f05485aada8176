/**
 * The webhook endpoint: a plain node:http server (no framework) that checks Telegram's secret
 * token on every request before reading the body, answers 403 (and logs) anything else, and
 * answers 200 only once the update has been handled (or dropped unread: its chat is over its
 * budget), so an update is never acknowledged and then lost. While stopping it answers 503, which
 * Telegram retries later (against the next process).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { Update } from "telegraf/types";
import type { Logger } from "../../core/ports.ts";

const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const MAX_BODY_BYTES = 1024 * 1024;
const ZUpdate = z.looseObject({ update_id: z.number().int().nonnegative() });

export interface WebhookServerOptions {
  path: string;
  secret: string;
  host: string;
  port: number;
  logger: Logger;
  /** Handles (or drops) one update; "retry" answers 500 so Telegram sends it again. */
  onUpdate: (update: Update) => Promise<"done" | "retry">;
}

export interface WebhookServer {
  listen(): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Constant-time comparison that does not leak the secret's length. */
export function isSameSecret(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== "string") return false;
  return timingSafeEqual(digest(received), digest(expected));
}


async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { logger } = options;
  let stopping = false;

  function answer(res: http.ServerResponse, status: number, body = "") {
    // While stopping, no keep-alive: the connection closes with this answer so close() can finish.
    res.writeHead(status, { "content-type": "application/json", ...(stopping ? { connection: "close" } : {}) });
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0];
      if (req.method !== "POST" || path !== options.path) return answer(res, 404);
      if (!isSameSecret(req.headers[SECRET_HEADER], options.secret)) {
        logger.warn("telegram webhook: refused a request without the right secret token", {
          remoteAddress: req.socket.remoteAddress,
          hasHeader: req.headers[SECRET_HEADER] !== undefined,
        });
        req.resume();
        return answer(res, 403);
      }
      if (stopping) {
        req.resume();
        return answer(res, 503);
      }
      const body = await readBody(req);
      if (body === null) return answer(res, 413);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        logger.warn("telegram webhook: body is not JSON");
        return answer(res, 400);
      }
      const update = ZUpdate.safeParse(parsed);
      if (!update.success) {
        logger.warn("telegram webhook: body is not an update");
        return answer(res, 400);
      }
      const outcome = await options.onUpdate(update.data as unknown as Update);
      answer(res, outcome === "done" ? 200 : 500, outcome === "done" ? "{}" : "");
    })().catch((error: unknown) => {
      logger.error("telegram webhook: request failed", { error: String(error) });
      if (!res.headersSent) answer(res, 500);
    });
  });

  return {
    listen() {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          resolve({ host: address.address, port: address.port });
        });
      });
    },
    close() {
      stopping = true;
      return new Promise((resolve) => {
        // Requests in flight finish (their updates are being handled); idle keep-alive sockets go now.
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

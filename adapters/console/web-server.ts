/**
 * The local web console: a customer chat and the owner's back office side by side, served with
 * node:http (no framework: four JSON routes and three static files).
 *
 * Security: the owner API is the shop's back office. It listens on 127.0.0.1 unless configured
 * otherwise (config refuses another address without CONSOLE_TOKEN). Every request but `/healthz`
 * must name a known host (see console-hosts.ts), or it is answered 421 before any routing: a DNS
 * rebinding page controls both `Host` and `Origin`, so their agreement alone proves nothing. Every
 * owner request must carry the owner's token, on loopback too (the link `npm start` prints carries
 * it), and be JSON with a matching Origin, so a web page the owner happens to visit cannot drive
 * the back office from the browser. A customer session is a random HttpOnly cookie; it only ever
 * reads its own conversation and never reaches an owner route.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { CustomerAssistant } from "../../core/conversation/handle-customer-message.ts";
import type { ConversationMessage } from "../../core/conversation/list-conversation-messages.ts";
import type { OwnerConsole } from "../../core/owner/handle-owner-command.ts";
import type { Logger } from "../../core/ports.ts";
import type { FeedItem } from "./console-feed.ts";
import { consoleHostsFor, isConsoleHost } from "./console-hosts.ts";
import { handleDashboardRequest, type DashboardServices } from "./dashboard-routes.ts";
import { slashCommand } from "./slash-commands.ts";

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "static");
const STATIC_FILES: Record<string, string> = { "/": "index.html", "/app.js": "app.js", "/style.css": "style.css" };
const CONTENT_TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };
const MAX_BODY_BYTES = 256 * 1024;
const SESSION_COOKIE = "solo_session";

const ZCustomerPost = z.object({ text: z.string().max(200_000).optional(), payload: z.string().max(256).optional() }).strict();

const ZOwnerPost = z.object({ text: z.string().min(1).max(20_000) }).strict();
const ZAfter = z.coerce.number().int().min(0).default(0);

/** What the console serves, given by the app: it never sees the database. */
export interface ConsoleServerServices {
  customer: CustomerAssistant;
  owner: Pick<OwnerConsole, "handleText" | "quickButtons">;
  /** The owner's notifications (new orders, handoffs, payments), newest last. */
  feed: { after(id: number): FeedItem[] };
  logger: Logger;
  /** A console customer's messages after `afterId`, oldest first (the chat polls it). */
  listMessages(externalUserId: string, afterId: number): Promise<ConversationMessage[]>;
  /** Whether the shop can serve: the database answers. `/healthz` says 503 when it cannot. */
  isHealthy(): Promise<boolean>;
  /** The owner's dashboard at `/dashboard`, under the owner routes' rules; absent, there is none. */
  dashboard?: DashboardServices;
}

/** The services plus where to listen. */
export interface ConsoleServerOptions extends ConsoleServerServices {
  host: string;
  port: number;
  /**
   * Every owner request must send it as `Authorization: Bearer <token>`: CONSOLE_TOKEN, or one
   * made at start (the page reads it from the link `npm start` prints). There is no open mode.
   */
  ownerToken: string;
  /** Another `Host` the console is opened at (CONSOLE_PUBLIC_HOST), besides the loopback names. */
  publicHost?: string;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(json);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  if (!(req.headers["content-type"] ?? "").startsWith("application/json")) throw new HttpError(415, "Send JSON (Content-Type: application/json).");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "That message is too long.");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "The request body is not valid JSON.");
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (!k) continue;
    try {
      cookies[k] = decodeURIComponent(v.join("="));
    } catch {
      // A malformed escape ("%E0%A4%A") is not ours: ignored, as if the cookie were not there.
    }
  }
  return cookies;
}

function sameOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // curl, tests, same-origin GETs: no Origin header
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Constant time, length included: both sides are hashed to 32 bytes before they are compared. */
function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const MISDIRECTED = "Misdirected request: this console answers only at the address npm start printed (or CONSOLE_PUBLIC_HOST).\n";

/** The console's HTTP server (not yet listening): `listen()` starts it, `close()` drops every connection and stops it. */
export function createConsoleServer(options: ConsoleServerOptions) {
  const { customer, owner, feed, logger } = options;
  if (options.ownerToken.length === 0) throw new Error("The console needs an owner token.");
  /** Set once listening, when the port is known; until then nothing can arrive. */
  let knownHosts: ReadonlySet<string> = new Set();

  function customerSession(req: http.IncomingMessage, res: http.ServerResponse): string {
    const existing = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (existing && /^[a-f0-9]{32}$/.test(existing)) return existing;
    const created = randomBytes(16).toString("hex");
    res.setHeader("set-cookie", `${SESSION_COOKIE}=${created}; HttpOnly; SameSite=Strict; Path=/`);
    return created;
  }

  function requireOwner(req: http.IncomingMessage) {
    if (!sameOrigin(req)) throw new HttpError(403, "Cross-origin requests to the owner console are refused.");
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : undefined;
    if (!tokenMatches(token, options.ownerToken)) throw new HttpError(401, "The owner console needs its access token: open the link npm start printed, or enter CONSOLE_TOKEN.");
  }

  const history = (sessionId: string, after: number) => options.listMessages(sessionId, after);

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://console.local");
    if (url.pathname === "/healthz") {
      // A monitor asks whether the shop can serve, not only whether this process is up. Any Host:
      // a load balancer probes by address, and the answer tells nothing but "up" or "down".
      const healthy = await options.isHealthy().catch(() => false);
      return send(res, healthy ? 200 : 503, healthy ? { ok: true } : { ok: false, error: "The database is not answering." });
    }
    if (!isConsoleHost(knownHosts, req.headers.host)) {
      // Before any route (the page, the customer chat, the owner API): a name we do not know is
      // a DNS rebinding page or a misconfigured proxy, and neither gets an answer from the shop.
      res.writeHead(421, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(MISDIRECTED);
      return;
    }
    const file = STATIC_FILES[url.pathname];
    if (req.method === "GET" && file) {
      const body = await readFile(path.join(STATIC_DIR, file));
      res.writeHead(200, {
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        "content-security-policy": "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      });
      res.end(body);
      return;
    }
    if (options.dashboard && (url.pathname === "/dashboard" || url.pathname.startsWith("/dashboard/") || url.pathname.startsWith("/api/dashboard/"))) {
      const handled = await handleDashboardRequest(options.dashboard, { req, res, url, requireOwner: () => requireOwner(req), readJson: () => readJson(req), send: (status, body) => send(res, status, body) });
      if (handled) return;
    }
    if (url.pathname === "/api/customer/messages") {
      const sessionId = customerSession(req, res);
      if (req.method === "GET") return send(res, 200, { messages: await history(sessionId, ZAfter.parse(url.searchParams.get("after") ?? 0)) });
      if (req.method === "POST") {
        if (!sameOrigin(req)) throw new HttpError(403, "Cross-origin requests are refused.");
        const body = ZCustomerPost.safeParse(await readJson(req));
        if (!body.success) throw new HttpError(400, "Send {\"text\": \"…\"} or {\"payload\": \"…\"}.");
        const locale = req.headers["accept-language"]?.split(",")[0]!.slice(0, 35);
        // The Telegram bot's commands typed here reach core as commands, as they do from Telegram.
        const command = body.data.payload === undefined ? slashCommand(body.data.text) : null;
        const input = { text: body.data.text ?? "", ...(body.data.payload !== undefined ? { payload: body.data.payload } : {}), ...(command ? { command } : {}) };
        const replies = await customer.handle({ channel: "console", externalUserId: sessionId, ...input, ...(locale ? { locale } : {}) });
        const messages = await history(sessionId, 0);
        return send(res, 200, { replies, lastId: messages.at(-1)?.id ?? 0 });
      }
    }
    if (url.pathname === "/api/owner/command" && req.method === "POST") {
      requireOwner(req);
      const body = ZOwnerPost.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, "Send {\"text\": \"<command>\"}.");
      // The audit trail's actor: whoever holds the console (its token, when one is set).
      return send(res, 200, { replies: await owner.handleText(body.data.text, { actor: "console" }) });
    }
    if (url.pathname === "/api/owner/quick" && req.method === "GET") {
      requireOwner(req);
      // The quick buttons come from the command registry, labelled in the owner's language.
      return send(res, 200, { buttons: owner.quickButtons() });
    }
    if (url.pathname === "/api/owner/notifications" && req.method === "GET") {
      requireOwner(req);
      return send(res, 200, { items: feed.after(ZAfter.parse(url.searchParams.get("after") ?? 0)).map(({ id, at, text, buttons }) => ({ id, at, text, ...(buttons ? { buttons } : {}) })) });
    }
    throw new HttpError(404, "Not found.");
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      if (error instanceof z.ZodError) return send(res, 400, { error: "Invalid request." });
      // The path only: a query string may carry what the page sent, and no header (the session cookie) is logged.
      logger.error("console request failed", { path: new URL(req.url ?? "/", "http://console.local").pathname, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      if (!res.headersSent) send(res, 500, { error: "Something went wrong on our side." });
    });
  });

  return {
    server,
    listen: () =>
      new Promise<{ url: string; port: number }>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => {
          const address = server.address();
          const port = typeof address === "object" && address ? address.port : options.port;
          knownHosts = consoleHostsFor({ listenHost: options.host, port, ...(options.publicHost ? { publicHost: options.publicHost } : {}) });
          const host = options.host.includes(":") ? `[${options.host}]` : options.host;
          // Listening on every address: the link names this machine as the console knows it.
          resolve({ url: `http://${host === "0.0.0.0" || host === "[::]" ? "localhost" : host}:${port}`, port });
        });
      }),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

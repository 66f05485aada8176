/**
 * A local Slack for tests, both directions:
 *
 * - Web API: a real node:http server speaking Slack's wire format (`POST /api/<method>`,
 *   form-encoded or JSON, bearer token, `{ ok, ... }` answers, 429 with Retry-After), which bolt's
 *   WebClient reaches through `slackApiUrl`. It checks Block Kit limits as Slack does
 *   (`invalid_blocks`) and records every call. `response_url` posts land here too.
 * - Requests into the app: builders for slash commands, events and button presses, signed with
 *   the signing secret exactly as Slack signs them (or forged, or stale, for the refusal tests).
 */
import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

export const SLACK_TEAM = "T0SHOP";
export const SLACK_BOT_USER = "U0SHOPBOT";
export const SLACK_BOT_ID = "B0SHOPBOT";

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  status: number;
  /** What the fake answered (ok, error). */
  response: Record<string, unknown>;
}

export type SlackFailure = { error: string } | { status: 429; retryAfter: number };

const JSON_FIELDS = ["blocks", "attachments", "metadata", "files", "view"];

/** Slack's Block Kit limits, the ones our renderer must respect. Returns the problems found. */
export function blockKitProblems(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ["blocks must be an array"];
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`no more than 50 items allowed [json-pointer:/blocks] (${blocks.length})`);
  blocks.forEach((block: Record<string, unknown>, i) => {
    const text = block.text as { type?: string; text?: string } | undefined;
    if (block.type === "section") {
      if (text && (text.text ?? "").length > 3000) problems.push(`must be less than 3001 characters [json-pointer:/blocks/${i}/text/text]`);
      if (text && (text.text ?? "").length === 0) problems.push(`must be more than 0 characters [json-pointer:/blocks/${i}/text/text]`);
      const fields = block.fields as { text: string }[] | undefined;
      if (fields && fields.length > 10) problems.push(`no more than 10 fields [json-pointer:/blocks/${i}/fields]`);
      for (const [j, field] of (fields ?? []).entries()) if (field.text.length > 2000) problems.push(`must be less than 2001 characters [json-pointer:/blocks/${i}/fields/${j}/text]`);
      if (!text && !fields) problems.push(`must provide text or fields [json-pointer:/blocks/${i}]`);
    }
    if (block.type === "header" && (text?.text ?? "").length > 150) problems.push(`must be less than 151 characters [json-pointer:/blocks/${i}/text/text]`);
    if (block.type === "actions") {
      const elements = (block.elements ?? []) as { type: string; text?: { text: string }; value?: string; action_id?: string }[];
      if (elements.length > 25) problems.push(`no more than 25 items allowed [json-pointer:/blocks/${i}/elements]`);
      const ids = new Set<string>();
      elements.forEach((e, j) => {
        if ((e.text?.text ?? "").length > 75) problems.push(`must be less than 76 characters [json-pointer:/blocks/${i}/elements/${j}/text/text]`);
        if ((e.value ?? "").length > 2000) problems.push(`must be less than 2001 characters [json-pointer:/blocks/${i}/elements/${j}/value]`);
        if (e.action_id && ids.has(e.action_id)) problems.push(`action_id must be unique [json-pointer:/blocks/${i}/elements/${j}/action_id]`);
        if (e.action_id) ids.add(e.action_id);
      });
    }
    if (block.type === "context") {
      const elements = (block.elements ?? []) as { text?: string }[];
      for (const [j, e] of elements.entries()) if ((e.text ?? "").length > 3000) problems.push(`must be less than 3001 characters [json-pointer:/blocks/${i}/elements/${j}/text]`);
    }
  });
  return problems;
}

export interface FakeSlack {
  /** slackApiUrl for bolt's WebClient. */
  apiUrl: string;
  botToken: string;
  appToken: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** A fresh response_url; what the app posts there is in `responses`. */
  responseUrl(): string;
  responses: { url: string; body: Record<string, unknown>; problems: string[] }[];
  /** Files uploaded through files.getUploadURLExternal's URL (their multipart body size). */
  uploads: { url: string; bytes: number; pngSignature: boolean; body: Buffer }[];
  failNext(method: string, failure: SlackFailure): void;
  /**
   * A file someone shared, served at its `url_private_download` to the bot token only (anything else
   * gets Slack's sign-in page, as Slack answers a token without files:read; `withoutScope` answers the
   * bot token so too). Returns the file object
   * as a message event lists it.
   */
  addFile(file: { id: string; name: string; mimetype: string; bytes: Uint8Array; withoutScope?: boolean }): Record<string, unknown>;
  /** Downloads of shared files (ids), by the bot token. */
  fileDownloads: string[];
  waitForCall(method: string, predicate?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  waitForResponse(url: string, timeoutMs?: number): Promise<{ body: Record<string, unknown>; problems: string[] }>;
  /** Holds answers on response_urls until released. */
  holdResponses(): { release(): void };
  /** Socket Mode: resolves once an app has connected (apps.connections.open with the app token, then the WebSocket). */
  socketConnected(): Promise<void>;
  /** Socket Mode: sends an envelope ("slash_commands", "events_api", "interactive") and resolves with the app's ack. */
  sendEnvelope(type: string, payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeSlack(options: { botToken?: string; appToken?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? "xoxb-0000-1111-testtoken";
  const appToken = options.appToken ?? "xapp-1-A0SHOP-0000-testapptoken";
  const calls: SlackCall[] = [];
  const responses: FakeSlack["responses"] = [];
  const uploads: FakeSlack["uploads"] = [];
  const sharedFiles = new Map<string, { id: string; name: string; mimetype: string; bytes: Uint8Array; withoutScope?: boolean }>();
  const fileDownloads: string[] = [];
  let fileCounter = 0;
  const failures = new Map<string, SlackFailure[]>();
  const listeners = new Set<() => void>();
  let tsCounter = 0;
  let responseCounter = 0;
  let responseGate: Promise<void> | undefined;
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const nextTs = () => `1700000000.${String(++tsCounter).padStart(6, "0")}`;

  function answer(method: string, params: Record<string, unknown>, token: string): { status: number; body: Record<string, unknown>; headers?: Record<string, string> } {
    const authorized = method === "apps.connections.open" ? token === appToken : token === botToken;
    const failure = failures.get(method)?.shift();
    if (failure && "status" in failure) return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": String(failure.retryAfter) } };
    if (failure) return { status: 200, body: { ok: false, error: failure.error } };
    if (!authorized) return { status: 200, body: { ok: false, error: "invalid_auth" } };
    const problems = blockKitProblems(params.blocks);
    if (problems.length > 0) return { status: 200, body: { ok: false, error: "invalid_blocks", errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } } };
    switch (method) {
      case "apps.connections.open":
        return { status: 200, body: { ok: true, url: `${baseUrl.replace("http:", "ws:")}/link/?ticket=fake-ticket&app_id=A0SHOP` } };
      case "auth.test":
        return { status: 200, body: { ok: true, url: "https://shop.slack.test/", team: "Shop", user: "shopbot", team_id: SLACK_TEAM, user_id: SLACK_BOT_USER, bot_id: SLACK_BOT_ID, is_enterprise_install: false } };
      case "chat.postMessage": {
        const ts = nextTs();
        return { status: 200, body: { ok: true, channel: params.channel, ts, message: { type: "message", user: SLACK_BOT_USER, bot_id: SLACK_BOT_ID, text: params.text, ts, ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}) } } };
      }
      case "chat.postEphemeral":
        return { status: 200, body: { ok: true, message_ts: nextTs() } };
      case "chat.update":
        return { status: 200, body: { ok: true, channel: params.channel, ts: params.ts } };
      case "reactions.add":
        return { status: 200, body: { ok: true } };
      case "views.open": {
        // Slack's checks that matter here: a trigger id, a modal with a title of at most 24 characters.
        const view = params.view as { type?: string; title?: { text?: string } } | undefined;
        if (!params.trigger_id) return { status: 200, body: { ok: false, error: "invalid_trigger_id" } };
        if (!view || view.type !== "modal" || !view.title?.text || view.title.text.length > 24) return { status: 200, body: { ok: false, error: "invalid_arguments" } };
        return { status: 200, body: { ok: true, view: { id: `V0VIEW${++tsCounter}`, ...view } } };
      }
      case "files.getUploadURLExternal": {
        if (!params.filename || !params.length) return { status: 200, body: { ok: false, error: "invalid_arguments" } };
        const id = `F0FILE${++fileCounter}`;
        return { status: 200, body: { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id } };
      }
      case "files.completeUploadExternal": {
        const files = params.files as { id: string; title?: string }[] | undefined;
        if (!Array.isArray(files) || files.length === 0) return { status: 200, body: { ok: false, error: "invalid_arguments" } };
        if (files.some((f) => !uploads.some((u) => u.url.endsWith(`/upload/${f.id}`)))) return { status: 200, body: { ok: false, error: "file_not_found" } };
        return { status: 200, body: { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "" })) } };
      }
      default:
        return { status: 200, body: { ok: false, error: "unknown_method" } };
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString("utf8");
      const type = req.headers["content-type"] ?? "";
      let params: Record<string, unknown> = {};
      if (type.startsWith("application/json")) params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      else params = Object.fromEntries(new URLSearchParams(raw));
      for (const field of JSON_FIELDS) if (typeof params[field] === "string") params[field] = JSON.parse(params[field] as string);
      const path = (req.url ?? "").split("?")[0]!;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      const download = /^\/files-pri\/T0SHOP-([^/]+)\/download\//.exec(path);
      if (download && req.method === "GET") {
        const file = sharedFiles.get(download[1]!);
        if (!file) return send(404, { ok: false, error: "file_not_found" });
        if ((req.headers.authorization ?? "") !== `Bearer ${botToken}` || file.withoutScope) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          return res.end("<!DOCTYPE html><html><body>Sign in to Slack</body></html>");
        }
        fileDownloads.push(file.id);
        res.writeHead(200, { "content-type": file.mimetype });
        return res.end(Buffer.from(file.bytes));
      }
      if (path.startsWith("/upload/")) {
        const body = Buffer.concat(chunks);
        uploads.push({ url: `${baseUrl}${path}`, bytes: body.length, pngSignature: body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47])), body });
        notify();
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end(`OK - ${Buffer.concat(chunks).length}`);
      }
      if (path.startsWith("/respond/")) {
        if (responseGate) await responseGate;
        responses.push({ url: `${baseUrl}${path}`, body: params, problems: blockKitProblems(params.blocks) });
        notify();
        return send(200, { ok: true });
      }
      const match = /^\/api\/([\w.]+)$/.exec(path);
      if (!match) return send(404, { ok: false, error: "not_found" });
      const method = match[1]!;
      const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "") || String(params.token ?? "");
      const { status, body, headers } = answer(method, params, token);
      calls.push({ method, params, status, response: body });
      notify();
      send(status, body, headers);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  const socketMode = attachSocketMode(server, notify);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function waitFor<T>(find: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`${what()} within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        const value = find();
        if (value === undefined) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(value);
      };
      listeners.add(check);
    });
  }

  return {
    apiUrl: `${baseUrl}/api/`,
    botToken,
    appToken,
    calls,
    responses,
    uploads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: () => `${baseUrl}/respond/${++responseCounter}`,
    failNext(method, failure) {
      const list = failures.get(method) ?? [];
      list.push(failure);
      failures.set(method, list);
    },
    addFile(file) {
      sharedFiles.set(file.id, file);
      return { id: file.id, name: file.name, title: file.name, mimetype: file.mimetype, size: file.bytes.length, mode: "hosted", url_private: `${baseUrl}/files-pri/T0SHOP-${file.id}/${file.name}`, url_private_download: `${baseUrl}/files-pri/T0SHOP-${file.id}/download/${file.name}` };
    },
    fileDownloads,
    waitForCall(method, predicate = () => true, timeoutMs = 10_000) {
      return waitFor(() => calls.find((c) => c.method === method && predicate(c)), timeoutMs, () => `no ${method} call matched; calls: ${calls.map((c) => c.method).join(", ")}`);
    },
    waitForResponse(url, timeoutMs = 10_000) {
      return waitFor(() => responses.find((r) => r.url === url), timeoutMs, () => `nothing was posted to ${url}`);
    },
    holdResponses() {
      let release!: () => void;
      responseGate = new Promise<void>((resolve) => (release = resolve));
      return {
        release() {
          responseGate = undefined;
          release();
        },
      };
    },
    socketConnected: () => waitFor(() => (socketMode.connected() ? true : undefined), 10_000, () => "no Socket Mode connection").then(() => undefined),
    sendEnvelope: (type, payload) => socketMode.send(type, payload),
    close() {
      socketMode.close();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// ---------- Socket Mode: a minimal WebSocket server (RFC 6455) ----------

/**
 * Just enough WebSocket for Socket Mode: the upgrade handshake, text frames both ways (the
 * client's are masked), pongs for the client's pings, and the close handshake. On connect it says
 * "hello" like Slack; envelopes it sends are resolved by the app's `{ envelope_id }` acks.
 */
function attachSocketMode(server: http.Server, notify: () => void) {
  let socket: Duplex | undefined;
  let envelopeCounter = 0;
  const waiting = new Map<string, (ack: Record<string, unknown>) => void>();

  function frame(opcode: number, payload: Buffer): Buffer {
    const length = payload.length;
    const header = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65_536 ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
    return Buffer.concat([header, payload]);
  }

  server.on("upgrade", (req, duplex: Duplex) => {
    const key = req.headers["sec-websocket-key"];
    if (!(req.url ?? "").startsWith("/link") || typeof key !== "string") {
      duplex.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      return;
    }
    const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    duplex.write(["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Accept: ${accept}`, "", ""].join("\r\n"));
    socket = duplex;
    let buffered = Buffer.alloc(0);
    duplex.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (buffered.length < 2) return;
        const opcode = buffered[0]! & 0x0f;
        let length = buffered[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffered.length < 10) return;
          length = Number(buffered.readBigUInt64BE(2));
          offset = 10;
        }
        const masked = (buffered[1]! & 0x80) !== 0;
        const total = offset + (masked ? 4 : 0) + length;
        if (buffered.length < total) return;
        const mask = masked ? buffered.subarray(offset, offset + 4) : undefined;
        const payload = Buffer.from(buffered.subarray(offset + (masked ? 4 : 0), total));
        if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
        buffered = buffered.subarray(total);
        if (opcode === 0x9) duplex.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          duplex.end(frame(0x8, payload.subarray(0, 2)));
          if (socket === duplex) socket = undefined;
        } else if (opcode === 0x1) {
          const message = JSON.parse(payload.toString("utf8")) as Record<string, unknown>;
          const resolve = waiting.get(String(message.envelope_id));
          waiting.delete(String(message.envelope_id));
          resolve?.(message);
        }
      }
    });
    duplex.on("error", () => undefined);
    duplex.write(frame(0x1, Buffer.from(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake-slack", approximate_connection_time: 18_060 }, connection_info: { app_id: "A0SHOP" } }))));
    notify();
  });

  return {
    connected: () => socket !== undefined,
    send(type: string, payload: Record<string, unknown>) {
      if (!socket) return Promise.reject(new Error("no Socket Mode connection"));
      const envelopeId = `env-${++envelopeCounter}`;
      const acked = new Promise<Record<string, unknown>>((resolve) => waiting.set(envelopeId, resolve));
      socket.write(frame(0x1, Buffer.from(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", retry_attempt: 0, retry_reason: "" }))));
      return acked;
    },
    close() {
      socket?.destroy();
      socket = undefined;
    },
  };
}

// ---------- requests from Slack into the app ----------

export function signSlackRequest(body: string, signingSecret: string, timestampSeconds: number): Record<string, string> {
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestampSeconds), "x-slack-signature": signature };
}

export type SlackRequest = { body: string; contentType: string };

export function slashCommand(options: { text: string; userId: string; channelId: string; responseUrl: string }): SlackRequest {
  const body = new URLSearchParams({
    token: "legacy-verification-token",
    team_id: SLACK_TEAM,
    team_domain: "shop",
    channel_id: options.channelId,
    channel_name: "shop-owner",
    user_id: options.userId,
    user_name: "someone",
    command: "/shop",
    text: options.text,
    api_app_id: "A0SHOP",
    is_enterprise_install: "false",
    response_url: options.responseUrl,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  });
  return { body: body.toString(), contentType: "application/x-www-form-urlencoded" };
}

let eventCounter = 0;

export function slackEvent(event: Record<string, unknown>, options: { eventId?: string } = {}): SlackRequest & { eventId: string } {
  const eventId = options.eventId ?? `Ev${String(++eventCounter).padStart(8, "0")}`;
  const body = JSON.stringify({
    token: "legacy-verification-token",
    team_id: SLACK_TEAM,
    api_app_id: "A0SHOP",
    event: { event_ts: String(event.ts ?? "1700000100.000000"), ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_100,
    authorizations: [{ enterprise_id: null, team_id: SLACK_TEAM, user_id: SLACK_BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
  return { body, contentType: "application/json", eventId };
}

/** A modal submitted ("view_submission"), with what was typed: `values[block][action] = text`. */
export function viewSubmission(options: { userId: string; callbackId: string; privateMetadata: string; values: Record<string, Record<string, string | null>> }): SlackRequest {
  const payload = {
    type: "view_submission",
    team: { id: SLACK_TEAM, domain: "shop" },
    user: { id: options.userId, username: "someone", name: "someone", team_id: SLACK_TEAM },
    api_app_id: "A0SHOP",
    token: "legacy-verification-token",
    trigger_id: "456.789.def",
    view: {
      id: "V0VIEW1",
      type: "modal",
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata,
      state: { values: Object.fromEntries(Object.entries(options.values).map(([block, actions]) => [block, Object.fromEntries(Object.entries(actions).map(([action, value]) => [action, { type: "plain_text_input", value }]))])) },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: "application/x-www-form-urlencoded" };
}

export function buttonPress(options: { userId: string; actionId: string; value: string; channelId: string; messageTs: string; responseUrl: string }): SlackRequest {
  const payload = {
    type: "block_actions",
    user: { id: options.userId, username: "someone", name: "someone", team_id: SLACK_TEAM },
    api_app_id: "A0SHOP",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: options.messageTs, channel_id: options.channelId, is_ephemeral: false },
    trigger_id: "123.456.abc",
    team: { id: SLACK_TEAM, domain: "shop" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: options.channelId, name: "shop-owner" },
    message: { type: "message", user: SLACK_BOT_USER, ts: options.messageTs, text: "…" },
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [{ action_id: options.actionId, block_id: "b1", text: { type: "plain_text", text: "Button", emoji: true }, value: options.value, type: "button", action_ts: "1700000200.000000" }],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: "application/x-www-form-urlencoded" };
}

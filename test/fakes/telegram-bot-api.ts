/**
 * A local Telegram Bot API server for tests: a real node:http server on 127.0.0.1 that speaks the
 * Bot API wire format (`POST /bot<token>/<method>`, JSON in, `{ ok, result }` or
 * `{ ok: false, error_code, description, parameters }` out), so the adapter under test runs the
 * real telegraf client against it through `apiRoot`.
 *
 * It checks what Telegram checks that matters to us (HTML entities parse, text ≤ 4,096 and
 * caption ≤ 1,024 after parsing, callback_data 1–64 bytes, invoice field limits), keeps updates
 * until a later `getUpdates` offset confirms them (so a restart sees unconfirmed ones again), and
 * has switches for failures: a queued error response (e.g. 429 with retry_after) and holding a
 * method's responses until released.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_BOT = { id: 777000111, is_bot: true, first_name: "Solo Shop", username: "solo_shop_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } as const;

/** A file the app uploaded in a multipart request (sendPhoto/sendDocument with bytes). */
export interface UploadedFile {
  upload: true;
  name: string;
  bytes: Uint8Array;
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && (value as { upload?: unknown }).upload === true;
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** For sendMessage/sendPhoto: the text or caption as the customer sees it (entities parsed). */
  plain?: string;
  /** The HTTP status the fake answered with. */
  status: number;
  /** When the request arrived (ms since the epoch): what Telegram counts its limits by. */
  at: number;
}

export interface TelegramErrorResponse {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

type Update = { update_id: number } & Record<string, unknown>;

const ALLOWED_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"]);

class EntityError extends Error {}

/** Parses Telegram HTML like Telegram does (strictly) and returns the plain text. */
export function parseTelegramHtml(html: string): string {
  let out = "";
  const open: string[] = [];
  for (let i = 0; i < html.length; ) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) throw new EntityError(`Unclosed start tag at byte offset ${i}`);
      const tag = html.slice(i + 1, end);
      const closing = tag.startsWith("/");
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]!.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) throw new EntityError(`Unsupported start tag "${name}" at byte offset ${i}`);
      if (closing) {
        if (open.pop() !== name) throw new EntityError(`Unmatched end tag at byte offset ${i}, expected "</${open.at(-1) ?? ""}>", found "</${name}>"`);
      } else open.push(name);
      i = end + 1;
    } else if (ch === "&") {
      const match = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/i.exec(html.slice(i, i + 12));
      if (!match) throw new EntityError(`Character entity expected at byte offset ${i}`);
      const name = match[1]!.toLowerCase();
      out += name === "lt" ? "<" : name === "gt" ? ">" : name === "amp" ? "&" : name === "quot" ? '"' : String.fromCodePoint(name.startsWith("#x") ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      i += match[0].length;
    } else if (ch === ">") {
      // Telegram tolerates a bare ">" in practice, but we escape it; insisting keeps us honest.
      throw new EntityError(`Unexpected end tag at byte offset ${i}`);
    } else {
      out += ch;
      i++;
    }
  }
  if (open.length > 0) throw new EntityError(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return out;
}

function badRequest(description: string): TelegramErrorResponse {
  return { error_code: 400, description: `Bad Request: ${description}` };
}

function checkKeyboard(markup: unknown): TelegramErrorResponse | null {
  if (markup === undefined) return null;
  // A reply keyboard (the buttons under the input field, e.g. "share my phone number").
  const replyKeyboard = (markup as { keyboard?: unknown }).keyboard;
  if (replyKeyboard !== undefined) {
    if (!Array.isArray(replyKeyboard) || replyKeyboard.length === 0) return badRequest("can't parse reply keyboard markup JSON object");
    for (const row of replyKeyboard) {
      if (!Array.isArray(row)) return badRequest("can't parse keyboard button: KeyboardButton must be an Object");
      for (const button of row as { text?: unknown }[]) if (typeof button.text !== "string" || button.text.length === 0) return badRequest("can't parse keyboard button: Text must be non-empty");
    }
    return null;
  }
  const keyboard = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(keyboard)) return badRequest("can't parse reply keyboard markup JSON object");
  let count = 0;
  for (const row of keyboard) {
    if (!Array.isArray(row)) return badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    for (const button of row as { text?: unknown; callback_data?: unknown }[]) {
      count++;
      if (typeof button.text !== "string" || button.text.length === 0) return badRequest("can't parse inline keyboard button: Text must be non-empty");
      if (typeof button.callback_data !== "string" || Buffer.byteLength(button.callback_data, "utf8") < 1 || Buffer.byteLength(button.callback_data, "utf8") > 64) return badRequest("BUTTON_DATA_INVALID");
    }
  }
  if (count > 100) return badRequest("too many buttons");
  return null;
}

function plainOf(text: unknown, parseMode: unknown): string {
  if (typeof text !== "string") return "";
  return parseMode === "HTML" ? parseTelegramHtml(text) : text;
}

export interface FakeTelegram {
  /** apiRoot for telegraf: `http://127.0.0.1:<port>`. */
  url: string;
  token: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Queues an update for getUpdates; an id is assigned when missing. Returns the update. */
  pushUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): Update;
  /** The highest update_id any getUpdates answer has carried so far (0 before the first). */
  deliveredUpTo(): number;
  /** Queues the same update again, as Telegram does after a restart that never confirmed it. */
  redeliver(update: Update): void;
  /** The next call of `method` answers with this error (queued: several calls fail in turn). */
  failNext(method: string, error: TelegramErrorResponse): void;
  /** Holds answers to `method` until released; `held()` resolves once a call is waiting. */
  hold(method: string): { release(): void; held(): Promise<void> };
  /** Waits (bounded) until a recorded call satisfies the predicate. */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Photos whose URL contains this are refused as Telegram refuses an unreachable URL. */
  brokenPhotoMarker: string;
  /**
   * A file a customer sent, served like Telegram does to bots: getFile gives `path`, and
   * `GET /file/bot<token>/<path>` its bytes. Unknown ids get Telegram's "invalid file_id".
   */
  addFile(fileId: string, file: { path: string; bytes: Uint8Array; contentType?: string }): void;
  /** Downloads of files (paths), in order. */
  downloads: string[];
  close(): Promise<void>;
}

export async function startFakeTelegram(options: { token?: string } = {}): Promise<FakeTelegram> {
  const token = options.token ?? "123456789:TEST-token_abcdefghijklmnopqrstuvw";
  const calls: RecordedCall[] = [];
  const failures = new Map<string, TelegramErrorResponse[]>();
  const holds = new Map<string, { gate: Promise<void>; release: () => void; waiting: number; onHeld: (() => void)[] }>();
  const files = new Map<string, { path: string; bytes: Uint8Array; contentType?: string }>();
  const downloads: string[] = [];
  let pending: Update[] = [];
  let nextUpdateId = 1000;
  let deliveredUpTo = 0;
  let nextMessageId = 1;
  let pollWaiters: (() => void)[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  function wakePollers() {
    const waiters = pollWaiters;
    pollWaiters = [];
    for (const w of waiters) w();
  }

  function message(chatId: unknown, extra: Record<string, unknown>) {
    return { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: "private" }, from: FAKE_BOT, ...extra };
  }

  async function handle(method: string, params: Record<string, unknown>, req: http.IncomingMessage): Promise<{ status: number; body: unknown; plain?: string }> {
    const hold = holds.get(method);
    if (hold) {
      hold.waiting++;
      for (const f of hold.onHeld.splice(0)) f();
      await hold.gate;
    }
    const queued = failures.get(method)?.shift();
    // Like Telegram, the HTTP status is the error code (telegraf reads the JSON body either way).
    if (queued) return { status: queued.error_code, body: { ok: false, ...queued } };
    const ok = (result: unknown, plain?: string) => ({ status: 200, body: { ok: true, result }, ...(plain !== undefined ? { plain } : {}) });
    const fail = (error: TelegramErrorResponse) => ({ status: error.error_code, body: { ok: false, ...error } });
    switch (method) {
      case "getMe":
        return ok(FAKE_BOT);
      case "getUpdates": {
        const offset = Number(params.offset ?? 0);
        const limit = Math.min(Number(params.limit ?? 100), 100);
        const timeoutSeconds = Number(params.timeout ?? 0);
        if (offset > 0) pending = pending.filter((u) => u.update_id >= offset);
        const available = () => pending.filter((u) => u.update_id >= offset).slice(0, limit);
        if (available().length === 0 && timeoutSeconds > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutSeconds * 1000);
            pollWaiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
            req.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        const updates = available();
        deliveredUpTo = Math.max(deliveredUpTo, ...updates.map((u) => u.update_id));
        return ok(updates);
      }
      case "getFile": {
        const file = files.get(String(params.file_id ?? ""));
        if (!file) return fail(badRequest("invalid file_id"));
        return ok({ file_id: params.file_id, file_unique_id: `u-${String(params.file_id)}`, file_size: file.bytes.length, file_path: file.path });
      }
      case "deleteWebhook":
      case "setWebhook":
      case "setMyCommands":
      case "answerCallbackQuery":
      case "answerPreCheckoutQuery":
        return ok(true);
      case "sendMessage": {
        let plain: string;
        try {
          plain = plainOf(params.text, params.parse_mode);
        } catch (error) {
          return fail(badRequest(`can't parse entities: ${(error as Error).message}`));
        }
        if (plain.trim().length === 0) return fail(badRequest("message text is empty"));
        if (plain.length > 4096) return fail(badRequest("message is too long"));
        const keyboardError = checkKeyboard(params.reply_markup);
        if (keyboardError) return fail(keyboardError);
        return ok(message(params.chat_id, { text: plain }), plain);
      }
      case "sendDocument":
      case "sendPhoto": {
        const media = method === "sendPhoto" ? params.photo : params.document;
        const uploaded = isUpload(media);
        if (!uploaded && (typeof media !== "string" || media.includes(fakeTelegram.brokenPhotoMarker))) return fail(badRequest("wrong file identifier/HTTP URL specified"));
        if (uploaded && media.bytes.length === 0) return fail(badRequest("file must be non-empty"));
        if (uploaded && method === "sendPhoto" && (media.bytes.length > 10 * 1024 * 1024 || media.name.includes(fakeTelegram.brokenPhotoMarker))) return fail(badRequest("PHOTO_INVALID_DIMENSIONS"));
        let plain: string;
        try {
          plain = plainOf(params.caption, params.parse_mode);
        } catch (error) {
          return fail(badRequest(`can't parse entities: ${(error as Error).message}`));
        }
        if (plain.length > 1024) return fail(badRequest("message caption is too long"));
        const keyboardError = checkKeyboard(params.reply_markup);
        if (keyboardError) return fail(keyboardError);
        const sent = method === "sendPhoto" ? { photo: [{ file_id: "photo-1", file_unique_id: "p1", width: 800, height: 800 }] } : { document: { file_id: "document-1", file_unique_id: "d1", file_name: uploaded ? media.name : "file" } };
        return ok(message(params.chat_id, { ...sent, caption: plain }), plain);
      }
      case "sendInvoice": {
        const title = String(params.title ?? "");
        const description = String(params.description ?? "");
        const payload = String(params.payload ?? "");
        if (title.length < 1 || title.length > 32) return fail(badRequest("invoice title length must be 1-32"));
        if (description.length < 1 || description.length > 255) return fail(badRequest("invoice description length must be 1-255"));
        if (Buffer.byteLength(payload) < 1 || Buffer.byteLength(payload) > 128) return fail(badRequest("invoice payload length must be 1-128 bytes"));
        if (!Array.isArray(params.prices) || params.prices.length === 0) return fail(badRequest("prices must be non-empty"));
        // The price breakdown may hold negative parts (a discount), but what the customer pays must be above nothing.
        if ((params.prices as { amount: number }[]).reduce((s, p) => s + p.amount, 0) <= 0) return fail(badRequest("CURRENCY_TOTAL_AMOUNT_INVALID"));
        return ok(message(params.chat_id, { invoice: { title, description, start_parameter: "", currency: params.currency, total_amount: (params.prices as { amount: number }[]).reduce((s, p) => s + p.amount, 0) } }));
      }
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" } };
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const download = /^\/file\/bot([^/]+)\/(.+)$/.exec((req.url ?? "").split("?")[0]!);
      if (download) {
        const file = download[1] === token ? [...files.values()].find((f) => f.path === download[2]) : undefined;
        if (!file) {
          res.writeHead(404, { "content-type": "application/json" });
          return res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
        }
        downloads.push(file.path);
        res.writeHead(200, { "content-type": file.contentType ?? "application/octet-stream" });
        return res.end(Buffer.from(file.bytes));
      }
      const match = /^\/bot([^/]+)\/(\w+)$/.exec((req.url ?? "").split("?")[0]!);
      const arrivedAt = Date.now();
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const requestBody = Buffer.concat(chunks);
      const raw = requestBody.toString("utf8");
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (!match) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
      if (match[1] !== token) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
      const method = match[2]!;
      let params: Record<string, unknown> = {};
      const type = req.headers["content-type"] ?? "";
      if (raw && type.startsWith("application/json")) params = JSON.parse(raw) as Record<string, unknown>;
      else if (raw && type.startsWith("application/x-www-form-urlencoded")) params = Object.fromEntries(new URLSearchParams(raw));
      else if (raw && type.startsWith("multipart/form-data")) {
        // An upload (sendPhoto/sendDocument with a file): fields are strings, JSON ones parsed; a
        // file becomes an UploadedFile.
        const form = await new Response(requestBody, { headers: { "content-type": type } }).formData();
        for (const [key, value] of form.entries()) {
          if (typeof value === "string") params[key] = key === "reply_markup" ? (JSON.parse(value) as unknown) : value;
          else params[key] = { upload: true, name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) } satisfies UploadedFile;
        }
      } else if (raw) return reply(400, { ok: false, error_code: 400, description: "Bad Request: unsupported content type in this fake" });
      const { status, body, plain } = await handle(method, params, req);
      calls.push({ method, params, status, at: arrivedAt, ...(plain !== undefined ? { plain } : {}) });
      notify();
      if (!res.destroyed) reply(status, body);
    })().catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500);
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fakeTelegram: FakeTelegram = {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    brokenPhotoMarker: "broken-photo",
    addFile(fileId, file) {
      files.set(fileId, file);
    },
    downloads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    deliveredUpTo: () => deliveredUpTo,
    pushUpdate(update) {
      const full = { ...update, update_id: update.update_id ?? nextUpdateId++ } as Update;
      nextUpdateId = Math.max(nextUpdateId, full.update_id + 1);
      pending.push(full);
      pending.sort((a, b) => a.update_id - b.update_id);
      wakePollers();
      return full;
    },
    redeliver(update) {
      pending.push(update);
      pending.sort((a, b) => a.update_id - b.update_id);
      wakePollers();
    },
    failNext(method, error) {
      const list = failures.get(method) ?? [];
      list.push(error);
      failures.set(method, list);
    },
    hold(method) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const entry = { gate, release, waiting: 0, onHeld: [] as (() => void)[] };
      holds.set(method, entry);
      return {
        release() {
          holds.delete(method);
          entry.release();
        },
        held: () => (entry.waiting > 0 ? Promise.resolve() : new Promise<void>((resolve) => entry.onHeld.push(resolve))),
      };
    },
    waitForCall(method, predicate = () => true, timeoutMs = 10_000) {
      const find = () => calls.find((c) => c.method === method && predicate(c));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${method} call matched within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(", ")}`));
        }, timeoutMs);
        const check = () => {
          const call = find();
          if (!call) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(call);
        };
        listeners.add(check);
      });
    },
    close() {
      wakePollers();
      for (const hold of holds.values()) hold.release();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fakeTelegram;
}

/** Fixture builders for updates, shaped like Telegram's. */
export function telegramUser(id: number, extra: { first_name?: string; last_name?: string; username?: string; language_code?: string } = {}) {
  return { id, is_bot: false, first_name: extra.first_name ?? `Customer ${id}`, ...(extra.last_name ? { last_name: extra.last_name } : {}), ...(extra.username ? { username: extra.username } : {}), language_code: extra.language_code ?? "en" };
}

let fixtureMessageId = 5000;

export function textMessageUpdate(chatId: number, text: string, extra: { update_id?: number; language_code?: string; first_name?: string } = {}) {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
  return {
    ...(extra.update_id !== undefined ? { update_id: extra.update_id } : {}),
    message: { message_id: fixtureMessageId++, date: 1_800_000_000, chat: { id: chatId, type: "private", first_name: extra.first_name ?? `Customer ${chatId}` }, from: telegramUser(chatId, extra), text, ...(entities ? { entities } : {}) },
  };
}

/**
 * A message carrying something other than text, e.g. `{ photo: [...], caption }`, `{ voice: {...} }`,
 * `{ location: {...} }`, `{ sticker: {...} }`, as Telegram sends it.
 */
export function mediaMessageUpdate(chatId: number, content: Record<string, unknown>, extra: { update_id?: number; language_code?: string; first_name?: string; media_group_id?: string } = {}) {
  return {
    ...(extra.update_id !== undefined ? { update_id: extra.update_id } : {}),
    message: {
      message_id: fixtureMessageId++,
      date: 1_800_000_000,
      chat: { id: chatId, type: "private", first_name: extra.first_name ?? `Customer ${chatId}` },
      from: telegramUser(chatId, extra),
      ...(extra.media_group_id ? { media_group_id: extra.media_group_id } : {}),
      ...content,
    },
  };
}

export function callbackUpdate(chatId: number, data: string, extra: { update_id?: number; language_code?: string } = {}) {
  return {
    ...(extra.update_id !== undefined ? { update_id: extra.update_id } : {}),
    callback_query: {
      id: `cbq-${fixtureMessageId++}`,
      from: telegramUser(chatId, extra),
      chat_instance: `ci-${chatId}`,
      data,
      message: { message_id: fixtureMessageId++, date: 1_800_000_000, chat: { id: chatId, type: "private" }, from: FAKE_BOT, text: "…" },
    },
  };
}

export function messageUpdate(chatId: number, content: Record<string, unknown>) {
  return { message: { message_id: fixtureMessageId++, date: 1_800_000_000, chat: { id: chatId, type: "private" }, from: telegramUser(chatId), ...content } };
}

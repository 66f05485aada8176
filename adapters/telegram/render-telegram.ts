/**
 * Renders channel-neutral replies as Telegram Bot API calls. Pure: no I/O, so every limit is
 * tested without a network.
 *
 * Text goes out with `parse_mode: "HTML"` and everything core wrote is escaped, so a product
 * called `*Tea* <b>&` or a customer's `_text_` shows exactly as written. Telegram's limits are
 * counted on the text after entity parsing (our raw text) in UTF-16 code units, which is what
 * `String.length` measures: messages ≤ 4,096, captions ≤ 1,024, callback_data ≤ 64 bytes.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup, Opts, ReplyKeyboardMarkup } from "telegraf/types";
import { MAX_PAYLOAD_BYTES, type Button, type FileContent, type Reply } from "../../core/messages.ts";
import { splitText } from "../shared/split-text.ts";

export { splitText };

export const TELEGRAM_TEXT_LIMIT = 4_096;
export const TELEGRAM_CAPTION_LIMIT = 1_024;
/** Telegram keeps at most 100 buttons on a keyboard; long labels are cut on the client anyway. */
const MAX_BUTTONS = 100;
const MAX_LABEL = 64;

/** Telegram shows JPEG, PNG and WebP up to 10 MB as a photo; anything else goes as a document. */
const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);
export const TELEGRAM_PHOTO_UPLOAD_LIMIT = 10 * 1024 * 1024;

type Caption = { caption?: string; parse_mode?: "HTML"; reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup };

export type TelegramSend =
  | { method: "sendMessage"; params: Omit<Opts<"sendMessage">, "chat_id"> }
  | { method: "sendPhoto"; params: Omit<Opts<"sendPhoto">, "chat_id"> & { photo: string } }
  /** A file's bytes uploaded (the owner's photo from a handoff thread), as a photo or a document. */
  | { method: "upload"; as: "sendPhoto" | "sendDocument"; file: FileContent; params: Caption };

/** Escapes text for `parse_mode: "HTML"` (the three characters Telegram requires). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function label(button: Button): string {
  const text = button.label.replace(/\s+/g, " ").trim() || "…";
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** An inline keyboard from rows of buttons; buttons whose payload Telegram would refuse are left out. */
/**
 * The one-tap "share my phone number" keyboard (Telegram sends the customer's own verified number);
 * one-time, so it folds away once used.
 */
function contactKeyboard(request: Reply["requestContact"]): ReplyKeyboardMarkup | undefined {
  if (!request) return undefined;
  return { keyboard: [[{ text: label({ label: request.label, payload: "" }), request_contact: true }]], one_time_keyboard: true, resize_keyboard: true };
}

export function inlineKeyboard(rows: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!rows) return undefined;
  let count = 0;
  const keyboard: InlineKeyboardButton[][] = [];
  for (const row of rows) {
    const buttons: InlineKeyboardButton[] = [];
    for (const button of row) {
      const bytes = Buffer.byteLength(button.payload, "utf8");
      if (bytes === 0 || bytes > MAX_PAYLOAD_BYTES || count >= MAX_BUTTONS) continue;
      buttons.push({ text: label(button), callback_data: button.payload });
      count++;
    }
    if (buttons.length > 0) keyboard.push(buttons);
  }
  return keyboard.length > 0 ? { inline_keyboard: keyboard } : undefined;
}

function isPhotoUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

function textMessages(text: string, keyboard: InlineKeyboardMarkup | ReplyKeyboardMarkup | undefined): TelegramSend[] {
  const pieces = splitText(text, TELEGRAM_TEXT_LIMIT);
  // Telegram refuses an empty message; buttons still need something to hang from.
  if (pieces.length === 0) {
    if (!keyboard) return [];
    pieces.push("…");
  }
  return pieces.map((piece, i) => ({
    method: "sendMessage" as const,
    params: {
      text: escapeHtml(piece),
      parse_mode: "HTML" as const,
      link_preview_options: { is_disabled: true },
      ...(i === pieces.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    },
  }));
}

/**
 * The API calls for one reply, in order. A reply with a photo (or a file) becomes the photo with as
 * much of the text as fits its caption (whole paragraphs), followed by the rest as messages; the
 * keyboard goes on the last call, so it sits under the end of the text.
 */
export function renderReply(reply: Reply, options: { photos?: boolean } = {}): TelegramSend[] {
  const keyboard = inlineKeyboard(reply.buttons) ?? contactKeyboard(reply.requestContact);
  const text = reply.text.replace(/\s+$/, "");
  if (reply.file) {
    const file = reply.file;
    const asPhoto = options.photos !== false && PHOTO_TYPES.has(file.mimeType ?? "") && file.bytes.length <= TELEGRAM_PHOTO_UPLOAD_LIMIT;
    return withCaption(text, keyboard, (params) => ({ method: "upload", as: asPhoto ? "sendPhoto" : "sendDocument", file, params }));
  }
  if (options.photos === false || !isPhotoUrl(reply.imageUrl)) return textMessages(text, keyboard);
  const photo = reply.imageUrl;
  return withCaption(text, keyboard, (params) => ({ method: "sendPhoto", params: { photo, ...params } }));
}

/**
 * A photo or file with as much of the text as fits its caption (whole paragraphs), then the rest as
 * messages; the keyboard goes on the last call.
 */
function withCaption(text: string, keyboard: InlineKeyboardMarkup | ReplyKeyboardMarkup | undefined, media: (params: Caption) => TelegramSend): TelegramSend[] {
  // The caption is a prefix of the text (splitText only trims), so the rest follows it exactly.
  const caption = text.length <= TELEGRAM_CAPTION_LIMIT ? text : (splitText(text, TELEGRAM_CAPTION_LIMIT)[0] ?? "");
  const remainder = text.slice(caption.length).replace(/^\s+/, "");
  const following = remainder ? textMessages(remainder, keyboard) : [];
  return [
    media({
      ...(caption ? { caption: escapeHtml(caption), parse_mode: "HTML" as const } : {}),
      ...(following.length === 0 && keyboard ? { reply_markup: keyboard } : {}),
    }),
    ...following,
  ];
}

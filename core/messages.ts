/**
 * Channel-neutral messages in and replies out. Adapters (console, Telegram, Slack) translate their
 * transport's payloads into an {@link InboundMessage} and render each {@link Reply} for their
 * channel; nothing in `core/` knows which channel it is talking to beyond the channel's name.
 */
import { z } from "zod";

/** Languages the shop speaks to customers. */
export const ZLocale = z.enum(["en", "zh"]);
export type TLocale = z.infer<typeof ZLocale>;

export const ZChannel = z.enum(["console", "telegram", "slack"]);
export type TChannel = z.infer<typeof ZChannel>;

/** Longest customer text we look at; longer input is cut, never rejected. */
export const MAX_INBOUND_TEXT = 4_000;

/**
 * PostgreSQL text cannot hold NUL (the insert fails, and the customer would get an apology for their
 * own typing); nothing a customer means is lost by dropping it. Every string that is stored goes through it.
 */
export function withoutNul(text: string): string {
  return text.replace(/\u0000/g, "");
}

/** Kinds of non-text messages a channel may carry. */
export const ZAttachmentKind = z.enum(["photo", "video", "document", "voice", "audio", "sticker", "location"]);
export type TAttachmentKind = z.infer<typeof ZAttachmentKind>;

/**
 * Something a customer sent besides text, as the channel described it. The file itself stays with the
 * channel: `fileRef` is the channel's handle to fetch it (a Telegram file_id) when the owner needs to
 * see it. A caption arrives as the message's `text`.
 */
export const ZAttachment = z.object({
  kind: ZAttachmentKind,
  fileRef: z.string().min(1).max(256).transform(withoutNul).optional(),
  fileName: z.string().max(256).transform(withoutNul).optional(),
  mimeType: z.string().max(128).transform(withoutNul).optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
  /** Voice, audio and video length. */
  durationSeconds: z.number().int().nonnegative().optional(),
  /** A sticker's emoji. */
  emoji: z.string().max(16).transform(withoutNul).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  /** Sent together with others (a Telegram album arrives as one message per photo): answered once. */
  group: z.string().min(1).max(64).transform(withoutNul).optional(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

/**
 * The commands a chat channel offers in its menu (Telegram's `/start`, `/help`, …; the console reads
 * the same when typed). Core answers them; adapters only recognise them.
 */
export const ZChannelCommandName = z.enum(["start", "help", "catalog", "cart", "orders", "language"]);
export type TChannelCommandName = z.infer<typeof ZChannelCommandName>;

/**
 * A channel command with its argument: a deep link's parameter (`/start TEA-001` from
 * `https://t.me/<bot>?start=TEA-001`, 1–64 of A–Z, a–z, 0–9, _ and -, as Telegram allows), or a
 * language (`/language zh`). Untrusted like any text: core checks the argument again.
 */
export const ZChannelCommand = z.object({
  name: ZChannelCommandName,
  arg: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
});
export type TChannelCommand = z.infer<typeof ZChannelCommand>;

/**
 * What a customer said or pressed. `payload` is the data of a pressed button (untrusted: it came
 * back from the client and is validated again by the handler that reads it). `command` is a channel
 * command the customer chose from the channel's menu; `text` then still carries what they typed
 * ("/start TEA-001"), which is what the conversation stores.
 */
export const ZInboundMessage = z.object({
  channel: ZChannel,
  externalUserId: z.string().min(1).max(128).transform(withoutNul),
  text: z.string().default("").transform(withoutNul),
  // A forged button may carry anything; it is stored (and then refused by the handler) like text.
  payload: z.string().max(256).transform(withoutNul).optional(),
  command: ZChannelCommand.optional(),
  locale: z.string().max(35).optional(),
  displayName: z.string().max(256).transform(withoutNul).optional(),
  username: z.string().max(256).transform(withoutNul).optional(),
  attachment: ZAttachment.optional(),
});
export type TInboundMessage = z.input<typeof ZInboundMessage>;
export type TParsedInboundMessage = z.output<typeof ZInboundMessage>;

/** A file's bytes on their way between the owner and a customer (a photo, a receipt, a voice message). */
export interface FileContent {
  bytes: Uint8Array;
  fileName: string;
  mimeType?: string;
}

/** A button: `payload` is what comes back when it is pressed (kept ≤ 64 bytes for Telegram). */
export interface Button {
  label: string;
  payload: string;
}

/**
 * One reply. `buttons` are rows of buttons; channels without buttons show them as numbered
 * choices. `imageUrl` is a product photo; `text` is plain text (adapters escape it).
 */
export interface Reply {
  text: string;
  buttons?: Button[][];
  imageUrl?: string;
  /** An order the customer can pay right here; channels with online payment send an invoice, others ignore it. */
  checkout?: { orderId: number };
  /**
   * Asks for the customer's phone number: channels that can share it with one tap (Telegram's
   * contact button) offer a button with this label; others ignore it. Only on replies without buttons.
   */
  requestContact?: { label: string };
  /**
   * A file to send (the owner's photo from a handoff thread); `text` is its caption, maybe empty.
   * Channels that cannot send files send the text and the file's name.
   */
  file?: FileContent;
}

/** Longest button payload any channel accepts (Telegram's callback_data limit, in bytes). */
export const MAX_PAYLOAD_BYTES = 64;

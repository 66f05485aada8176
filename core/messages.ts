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
 * What a customer said or pressed. `payload` is the data of a pressed button (untrusted: it came
 * back from the client and is validated again by the handler that reads it).
 */
export const ZInboundMessage = z.object({
  channel: ZChannel,
  externalUserId: z.string().min(1).max(128),
  // PostgreSQL text cannot hold NUL; nothing a customer means is lost by dropping it.
  text: z.string().default("").transform((t) => t.replace(/\u0000/g, "")),
  payload: z.string().max(256).optional(),
  locale: z.string().max(35).optional(),
  displayName: z.string().max(256).optional(),
  username: z.string().max(256).optional(),
});
export type TInboundMessage = z.input<typeof ZInboundMessage>;
export type TParsedInboundMessage = z.output<typeof ZInboundMessage>;

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
}

/** Longest button payload any channel accepts (Telegram's callback_data limit, in bytes). */
export const MAX_PAYLOAD_BYTES = 64;

/**
 * The owner's handoff inbox as a port. When a customer needs a person, the conversation is posted
 * somewhere the owner reads (a Slack thread today) and the owner answers from there. Core decides
 * when a thread opens, what it shows and what an owner's answer does; the inbox only posts.
 */
import type { Conversation } from "../../prisma/generated/client.ts";
import type { TransactionScope } from "../db.ts";
import type { FileContent, TAttachment, TLocale } from "../messages.ts";

/** What the owner sees first in a handoff thread. */
export interface HandoffSummary {
  conversationId: number;
  customerId: number;
  customerName: string | null;
  username: string | null;
  /** The customer's channel ("telegram", "console"): where the owner's replies go. */
  channel: string;
  locale: TLocale;
  reason: string;
  /** The last messages of the conversation, oldest first. */
  recentMessages: { from: "customer" | "bot" | "owner" | "note"; text: string; at: Date }[];
  /** Orders still in progress (placed, paid, shipped), newest first, already formatted. */
  openOrders: { id: number; status: string; total: string }[];
}

/** A customer's attachment on its way to the owner. */
export interface ForwardedAttachment {
  /** For the owner, in words: "a photo", "a voice message (0:12)", "a location: 51.50070, -0.12460 (map link)". */
  description: string;
  /** The file itself, when the channel gave it. */
  file?: FileContent;
  /** Why the file is not there although the customer sent one (too large, the channel refused). */
  missing?: string;
}

/** Where handoffs are posted. Implementations throw on failure; core logs and carries on. */
export interface HandoffInbox {
  /**
   * Posts a handoff and returns the reference of the thread the owner answers in. With
   * `existingThreadRef` (the conversation was handed off before), post into that thread instead
   * and return the same reference, so one conversation keeps one thread.
   */
  open(summary: HandoffSummary, existingThreadRef: string | null): Promise<string>;
  /**
   * Adds what the customer just wrote to the thread. With `attachment`, the customer sent a photo,
   * file, voice message or location (`text` is its caption, maybe empty): post the file when there is
   * one, else its description.
   */
  postCustomerMessage(threadRef: string, message: { customerName: string | null; text: string; attachment?: ForwardedAttachment }): Promise<void>;
  /** A status line in the thread (the bot resumed, a reply could not be delivered). */
  postStatus(threadRef: string, text: string): Promise<void>;
}

/**
 * What the customer assistant calls while a conversation is with the owner. Both never throw:
 * a failing inbox must not cost the customer their turn.
 */
export interface CustomerHandoffHooks {
  /**
   * Before a turn in a handed-off conversation: true when the quiet period is over and the bot took
   * it back. With `scope` (the customer's turn runs in one transaction), the conversation is given
   * back in that transaction and the thread is told after its commit.
   */
  resumeIfQuiet(conversation: Conversation, at: Date, scope?: TransactionScope): Promise<boolean>;
  /**
   * The customer wrote (or sent a photo, file, voice message, location) while the owner has the
   * conversation; `messageId` is its row in the log, marked once its attachment is in the thread.
   */
  customerWrote(conversationId: number, message: { text: string; attachment?: TAttachment; messageId?: number }): Promise<void>;
}

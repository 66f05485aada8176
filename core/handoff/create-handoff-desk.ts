/**
 * The handoff desk ties the handoff use-cases to whichever inbox is registered (Slack registers
 * itself at start; without one, handoffs are only flagged and the owner answers from the console
 * with `reply`). It is the notifier that opens a thread on "handoff_requested", the hooks the
 * customer assistant calls while a conversation is with the owner, and what an inbox adapter calls
 * when the owner writes in a thread or presses "Resume bot".
 */
import type { Db } from "../db.ts";
import type { Clock, CustomerMessenger, Logger, Notifier } from "../ports.ts";
import type { CustomerHandoffHooks, HandoffInbox } from "./handoff-inbox.ts";
import { channelTargetOf } from "../conversation/send-to-customer.ts";
import type { FileContent, TAttachment } from "../messages.ts";
import { prepareForwardedAttachment, readStoredAttachment } from "./forward-attachment.ts";
import { openHandoffThread } from "./open-handoff-thread.ts";
import { HANDOFF_SUMMARY_MESSAGES } from "./summarize-handoff.ts";
import { replyFromOwner, type TOwnerReplyResult } from "./reply-from-owner.ts";
import { isHandoffQuiet, resumeHandoff, tellCustomerBotIsBack } from "./resume-handoff.ts";

export interface HandoffDeskDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Reaches customers on their channel (the app's composite messenger). */
  messenger: CustomerMessenger;
  /** The bot takes a conversation back after this long without the owner; 0 never does. */
  quietMs: number;
}

export interface HandoffDesk {
  registerInbox(inbox: HandoffInbox): void;
  /** Opens the owner's thread when a handoff is requested; other notifications are not its business. */
  readonly notifier: Notifier;
  readonly customerHooks: CustomerHandoffHooks;
  /** The conversation a thread belongs to, if it is a handoff thread. */
  findThread(threadRef: string): Promise<{ conversationId: number } | null>;
  /** The owner wrote in a thread (`note:` stays internal), maybe sharing files for the customer. */
  ownerWrote(options: { threadRef: string; text: string; files?: FileContent[] }): Promise<TOwnerReplyResult>;
  /** The owner pressed "Resume bot". Returns false when the conversation was not handed off. */
  resume(options: { conversationId: number; by: string }): Promise<boolean>;
}

/**
 * Attachments this recent, among the messages the summary quotes, are posted when a thread opens (an
 * older one was seen in an earlier handoff, or is no longer what the customer needs help with).
 */
const RECENT_ATTACHMENT_MS = 60 * 60_000;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createHandoffDesk(deps: HandoffDeskDeps): HandoffDesk {
  const { db, clock, logger } = deps;
  let inbox: HandoffInbox | undefined;

  /**
   * `upToMessageId`: the customer's message that opens the thread; the summary quotes the log as it
   * stood when they wrote it (the turn's own reply, saved with it, comes after).
   */
  async function open(conversationId: number, upToMessageId?: number): Promise<string | null> {
    if (!inbox) return null;
    let threadRef: string | null;
    try {
      threadRef = await openHandoffThread({ db, inbox }, { conversationId, ...(upToMessageId !== undefined ? { upToMessageId } : {}) });
    } catch (error) {
      logger.error("could not open the handoff thread", { conversationId, error: describe(error) });
      return null;
    }
    if (threadRef) await postRecentAttachments(conversationId, threadRef, upToMessageId);
    return threadRef;
  }

  /**
   * The summary quotes what the customer wrote; a photo of the damage they sent just before asking for
   * a person is posted into the thread as well, so the owner sees it without asking again.
   */
  async function postRecentAttachments(conversationId: number, threadRef: string, upToMessageId?: number) {
    if (!inbox) return;
    try {
      const conversation = await db.conversation.findUnique({ where: { id: conversationId }, include: { customer: { include: { identities: true } } } });
      const target = conversation && channelTargetOf(conversation);
      if (!conversation || !target) return;
      // The messages the summary quoted, of which the customer's recent ones.
      const quoted = await db.message.findMany({ where: { conversationId, ...(upToMessageId !== undefined ? { id: { lte: upToMessageId } } : {}) }, orderBy: { id: "desc" }, take: HANDOFF_SUMMARY_MESSAGES });
      const since = clock.now().getTime() - RECENT_ATTACHMENT_MS;
      for (const message of quoted.reverse()) {
        if (message.direction !== "inbound" || message.createdAt.getTime() < since) continue;
        const attachment = readStoredAttachment(message.attachment);
        if (!attachment || attachment.postedTo === threadRef) continue;
        await inbox.postCustomerMessage(threadRef, { customerName: conversation.customer.name, text: message.text, attachment: await prepareForwardedAttachment({ messenger: deps.messenger }, target, attachment) });
        await markPosted(message.id, attachment, threadRef);
      }
    } catch (error) {
      logger.warn("could not post the customer's attachments to the handoff thread", { conversationId, error: describe(error) });
    }
  }

  /** Remembers that a message's attachment is in the thread, so it is not posted there again. */
  async function markPosted(messageId: number, attachment: TAttachment, threadRef: string) {
    await db.message.update({ where: { id: messageId }, data: { attachment: { ...attachment, postedTo: threadRef } } });
  }

  async function status(threadRef: string | null, text: string) {
    if (!inbox || !threadRef) return;
    try {
      await inbox.postStatus(threadRef, text);
    } catch (error) {
      logger.warn("could not post to the handoff thread", { threadRef, error: describe(error) });
    }
  }

  const customerHooks: CustomerHandoffHooks = {
    async resumeIfQuiet(conversation, at, scope) {
      if (!isHandoffQuiet(conversation, at, deps.quietMs)) return false;
      try {
        const { resumed, threadRef } = await resumeHandoff(scope?.db ?? db, { conversationId: conversation.id });
        if (resumed) {
          const tell = async () => {
            logger.info("handoff resumed after the quiet period", { conversationId: conversation.id });
            await status(threadRef, `No reply here for ${Math.round(deps.quietMs / 60_000)} minutes, so the bot is answering this customer again. Reply in this thread to take over.`);
          };
          if (scope) scope.afterCommit(tell);
          else await tell();
        }
        return true;
      } catch (error) {
        logger.error("could not resume a quiet handoff", { conversationId: conversation.id, error: describe(error) });
        return false;
      }
    },
    async customerWrote(conversationId, { text, attachment, messageId }) {
      if (!inbox || (!text.trim() && !attachment)) return;
      try {
        const conversation = await db.conversation.findUnique({ where: { id: conversationId }, include: { customer: { include: { identities: true } } } });
        if (!conversation) return;
        // No thread yet (the inbox was down when the handoff was requested): open one now; its
        // summary already carries this message (and open() posts its attachment).
        if (!conversation.handoffThreadRef) {
          await open(conversationId, messageId);
          return;
        }
        await inbox.postCustomerMessage(conversation.handoffThreadRef, {
          customerName: conversation.customer.name,
          text,
          ...(attachment ? { attachment: await prepareForwardedAttachment({ messenger: deps.messenger }, channelTargetOf(conversation), attachment) } : {}),
        });
        if (attachment && messageId !== undefined) await markPosted(messageId, attachment, conversation.handoffThreadRef);
      } catch (error) {
        logger.error("could not forward the customer's message to the handoff thread", { conversationId, error: describe(error) });
      }
    },
  };

  return {
    registerInbox(next) {
      inbox = next;
    },
    notifier: {
      async notify(notification) {
        if (notification.type === "handoff_requested") await open(notification.conversationId);
      },
    },
    customerHooks,
    async findThread(threadRef) {
      const conversation = await db.conversation.findUnique({ where: { handoffThreadRef: threadRef }, select: { id: true } });
      return conversation ? { conversationId: conversation.id } : null;
    },
    ownerWrote: ({ threadRef, text, files }) => replyFromOwner({ db, messenger: deps.messenger, logger }, { threadRef, text, at: clock.now(), ...(files ? { files } : {}) }),
    async resume({ conversationId, by }) {
      const { resumed, threadRef } = await resumeHandoff(db, { conversationId });
      if (resumed) {
        await status(threadRef, `${by} handed this conversation back to the bot.`);
        await tellCustomerBotIsBack({ db, messenger: deps.messenger, logger }, { conversationId, at: clock.now() });
      }
      return resumed;
    },
  };
}

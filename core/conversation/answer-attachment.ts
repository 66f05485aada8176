/**
 * A photo, file, voice message, sticker or location sent without words. The assistant reads text only,
 * so it says so and offers the owner, who sees the attachment in the handoff thread (see
 * core/handoff/forward-attachment.ts). A caption is the customer's words and is answered as text
 * instead (handle-customer-message.ts).
 */
import type { Reply, TAttachment } from "../messages.ts";
import type { Turn } from "./assistant-turn.ts";
import { mainMenu } from "./product-replies.ts";
import { answerAttachmentGroup } from "./state/dialogue.ts";

export function answerAttachment(turn: Turn, attachment: TAttachment): Reply[] {
  // A map pin while we wait for the delivery address: ask for the address in words, not the menu.
  if (attachment.kind === "location" && turn.state.addressFor !== undefined) return [{ text: turn.m.locationNotAddress() }];
  // A sticker is a nod or a smile: answered like "thanks" or "ok".
  if (attachment.kind === "sticker") return [{ text: turn.m.acknowledged(), buttons: mainMenu(turn.locale) }];
  if (attachment.group !== undefined && turn.state.answeredAttachmentGroup === attachment.group) return [];
  turn.state = answerAttachmentGroup(turn.state, attachment.group);
  return [{ text: turn.m.attachmentNotRead(attachment.kind), buttons: mainMenu(turn.locale) }];
}

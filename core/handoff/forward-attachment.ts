/**
 * A customer's photo, file, voice message or location on its way to the owner's handoff thread: said
 * in words for the owner, and the file itself fetched from the customer's channel when it can be. The
 * bot cannot look at a photo of a broken mug; the owner can, so nothing the customer sends is dropped.
 */
import { z } from "zod";
import { ZAttachment, type TAttachment, type TChannel } from "../messages.ts";
import type { CustomerMessenger } from "../ports.ts";
import type { ForwardedAttachment } from "./handoff-inbox.ts";

/**
 * Largest file fetched for the owner: Telegram's Bot API serves bots files up to 20 MB, and a larger
 * one would only fail after a long wait. The owner is told to ask for it another way.
 */
export const MAX_FORWARDED_FILE_BYTES = 20 * 1024 * 1024;

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return "";
  return ` (${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")})`;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The attachment in words for the owner (English, like the rest of the handoff thread). */
export function describeAttachment(attachment: TAttachment): string {
  switch (attachment.kind) {
    case "photo":
      return "a photo";
    case "video":
      return `a video${duration(attachment.durationSeconds)}`;
    case "voice":
      return `a voice message${duration(attachment.durationSeconds)}`;
    case "audio":
      return `an audio file${attachment.fileName ? ` "${attachment.fileName}"` : ""}${duration(attachment.durationSeconds)}`;
    case "sticker":
      return `a sticker${attachment.emoji ? ` ${attachment.emoji}` : ""}`;
    case "document":
      return `a file${attachment.fileName ? ` "${attachment.fileName}"` : ""}`;
    case "location": {
      if (!attachment.location) return "a location";
      const lat = attachment.location.latitude.toFixed(5);
      const lon = attachment.location.longitude.toFixed(5);
      return `a location: ${lat}, ${lon} (https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon})`;
    }
  }
}

/**
 * An attachment as the conversation log keeps it: what the channel sent, and the handoff thread it
 * was posted to, so a second handoff within the hour does not post the same photo again.
 */
const ZStoredAttachment = ZAttachment.extend({ postedTo: z.string().max(256).optional() });
export type TStoredAttachment = z.infer<typeof ZStoredAttachment>;

/** An attachment read back from the conversation log (stored as JSON); null when absent or not one. */
export function readStoredAttachment(value: unknown): TStoredAttachment | null {
  if (value === null || value === undefined) return null;
  const parsed = ZStoredAttachment.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The attachment ready for the inbox: its description, and its file fetched from the customer's
 * channel when there is one. Never throws: a file that cannot be had is described with the reason, so
 * the owner knows to ask for it.
 */
export async function prepareForwardedAttachment(
  deps: { messenger: CustomerMessenger },
  target: { channel: TChannel; externalUserId: string } | null,
  attachment: TAttachment,
): Promise<ForwardedAttachment> {
  const description = describeAttachment(attachment);
  // Stickers are an emoji's worth of meaning; their picture adds nothing for the owner. Without the
  // customer's channel identity there is nowhere to fetch the file from.
  if (!target || !attachment.fileRef || attachment.kind === "sticker" || attachment.kind === "location") return { description };
  if (attachment.sizeBytes !== undefined && attachment.sizeBytes > MAX_FORWARDED_FILE_BYTES) {
    return { description, missing: `it is too large to fetch through the bot (${size(attachment.sizeBytes)}); ask the customer to send it another way` };
  }
  if (!deps.messenger.fetchFile) return { description, missing: `the ${target.channel} channel cannot pass files on` };
  try {
    const file = await deps.messenger.fetchFile(target, attachment.fileRef);
    // The customer's own file name ("receipt.pdf") says more than the channel's storage path.
    return { description, file: attachment.fileName ? { ...file, fileName: attachment.fileName } : file };
  } catch (error) {
    return { description, missing: `it could not be fetched from ${target.channel} (${error instanceof Error ? error.message : String(error)})` };
  }
}

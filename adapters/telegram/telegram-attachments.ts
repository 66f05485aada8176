/**
 * Photos, files, voice messages, stickers and locations from Telegram, as core's channel-neutral
 * attachment, and the one way back to their bytes (getFile, then the Bot API's file URL) for the
 * owner's handoff thread. Each part of the update is validated before core sees it.
 */
import path from "node:path";
import { z } from "zod";
import type { FileContent, TAttachment } from "../../core/messages.ts";
import type { TelegramCall } from "./telegram-api.ts";

const fileId = z.string().min(1).max(256);
const optionalSize = z.number().int().nonnegative().optional();
const ZFile = z.object({ file_id: fileId, file_size: optionalSize, file_name: z.string().max(256).optional(), mime_type: z.string().max(128).optional(), duration: z.number().int().nonnegative().optional() });
const ZPhotoSizes = z.array(z.object({ file_id: fileId, file_size: optionalSize, width: z.number(), height: z.number() })).min(1);
const ZSticker = z.object({ file_id: fileId, emoji: z.string().max(16).optional() });
const ZLocation = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });

/** Message fields that carry a file, and the attachment kind each becomes. */
const FILE_FIELDS = [
  ["video", "video"],
  ["animation", "video"],
  ["video_note", "video"],
  ["voice", "voice"],
  ["audio", "audio"],
  ["document", "document"],
] as const;

function fileAttachment(kind: TAttachment["kind"], file: z.infer<typeof ZFile>): TAttachment {
  return {
    kind,
    fileRef: file.file_id,
    ...(file.file_name ? { fileName: file.file_name } : {}),
    ...(file.mime_type ? { mimeType: file.mime_type } : {}),
    ...(file.file_size !== undefined ? { sizeBytes: file.file_size } : {}),
    ...(file.duration !== undefined ? { durationSeconds: file.duration } : {}),
  };
}

/**
 * The attachment a Telegram message carries, or null for one we do not take (a poll, a dice, a game)
 * or whose fields do not parse. A photo is its largest size; an animation or round video is a video.
 */
export function attachmentOf(message: Record<string, unknown>): TAttachment | null {
  const attachment = attachmentIn(message);
  const group = z.string().min(1).max(64).safeParse(message.media_group_id);
  return attachment && group.success ? { ...attachment, group: group.data } : attachment;
}

function attachmentIn(message: Record<string, unknown>): TAttachment | null {
  if ("photo" in message) {
    const sizes = ZPhotoSizes.safeParse(message.photo);
    if (!sizes.success) return null;
    const largest = sizes.data.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
    return { kind: "photo", fileRef: largest.file_id, ...(largest.file_size !== undefined ? { sizeBytes: largest.file_size } : {}) };
  }
  if ("sticker" in message) {
    const sticker = ZSticker.safeParse(message.sticker);
    return sticker.success ? { kind: "sticker", fileRef: sticker.data.file_id, ...(sticker.data.emoji ? { emoji: sticker.data.emoji } : {}) } : null;
  }
  // A venue carries its location too.
  if ("location" in message) {
    const location = ZLocation.safeParse(message.location);
    return location.success ? { kind: "location", location: location.data } : null;
  }
  for (const [field, kind] of FILE_FIELDS) {
    if (!(field in message)) continue;
    const file = ZFile.safeParse(message[field]);
    return file.success ? fileAttachment(kind, file.data) : null;
  }
  return null;
}

/** What the customer wrote with it (a photo's or file's caption); empty when nothing. */
export function captionOf(message: Record<string, unknown>): string {
  return typeof message.caption === "string" ? message.caption : "";
}

const ZGetFileResult = z.object({ file_path: z.string().min(1).max(1024) });

/**
 * Downloads a file a customer sent: getFile gives its path, the Bot API serves it from
 * `<apiRoot>/file/bot<token>/<path>` (up to 20 MB). Errors never carry the token.
 */
export async function fetchTelegramFile(deps: { call: TelegramCall; apiRoot: string; token: string; timeoutMs?: number }, fileRef: string): Promise<FileContent> {
  const file = ZGetFileResult.safeParse(await deps.call("getFile", { file_id: fileRef }));
  if (!file.success) throw new Error("Telegram gave no path for the file");
  const url = new URL(`file/bot${deps.token}/${file.data.file_path}`, deps.apiRoot.endsWith("/") ? deps.apiRoot : `${deps.apiRoot}/`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000) });
  } catch (error) {
    throw new Error(`downloading the file failed (${error instanceof Error ? error.name : "error"})`);
  }
  if (!response.ok) throw new Error(`Telegram answered ${response.status} for the file`);
  const mimeType = response.headers.get("content-type");
  return { bytes: new Uint8Array(await response.arrayBuffer()), fileName: path.posix.basename(file.data.file_path), ...(mimeType ? { mimeType } : {}) };
}
